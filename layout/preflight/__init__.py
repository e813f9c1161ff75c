"""Preflight: does a page PDF meet what the plant expects (shared/reference/print-ready.md)?

Works on any PDF, not only ours. Public entry points: `preflight_file`, `preflight_bytes`
(→ `FileReport`), `format_table`, `to_json`; limits in `PreflightSettings`.

For our own pages the ink (rows 10 and 14) need not be rasterized: `analytic_ink` computes
it from the composed page and the photos' pixels as embedded (`embedded_pixels`), and
`preflight_bytes(..., inks=[...])` takes it instead of running Ghostscript;
`cross_check_ink` runs Ghostscript once over a whole issue to confirm it.
"""

from layout.preflight.analytic import analytic_ink, cross_check_ink, embedded_pixels
from layout.preflight.report import Check, FileReport, Finding, PreflightSettings, Severity, TacMethod
from layout.preflight.run import preflight_bytes, preflight_file
from layout.preflight.table import format_table, to_json
from layout.preflight.tac import InkMeasure

__all__ = ["Check", "FileReport", "Finding", "InkMeasure", "PreflightSettings", "Severity", "TacMethod",
           "analytic_ink", "cross_check_ink", "embedded_pixels", "format_table", "preflight_bytes", "preflight_file",
           "to_json"]

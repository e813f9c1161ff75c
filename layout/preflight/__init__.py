"""Preflight: does a page PDF meet what the plant expects (shared/reference/print-ready.md)?

Works on any PDF, not only ours. Public entry points: `preflight_file`, `preflight_bytes`
(→ `FileReport`), `format_table`, `to_json`; limits in `PreflightSettings`.
"""

from layout.preflight.report import Check, FileReport, Finding, PreflightSettings, Severity, TacMethod
from layout.preflight.run import preflight_bytes, preflight_file
from layout.preflight.table import format_table, to_json

__all__ = ["Check", "FileReport", "Finding", "PreflightSettings", "Severity", "TacMethod", "format_table",
           "preflight_bytes", "preflight_file", "to_json"]

"""Preflight one PDF: every check of shared/reference/print-ready.md, in table order."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pikepdf

from layout.preflight.content import PageContent, walk_page
from layout.preflight.document import (
    check_boxes, check_info, check_marks, check_output_intent, check_pdfx, check_security, check_structure,
    error, ok, pdfx_claim, print_area,
)
from layout.preflight.fonts import check_fonts
from layout.preflight.paint import (
    check_black, check_colour_spaces, check_resolution, check_sizes, check_transparency,
)
from layout.preflight.report import Check, FileReport, Finding, PreflightSettings, Severity
from layout.preflight.tac import InkMeasure, measure

NO_INK = 0.5  # percent: below this a channel counts as unused (raster rounding)


def preflight_file(path: Path, settings: PreflightSettings = PreflightSettings(), name: str = "") -> FileReport:
    """Check the PDF at `path`; `name` is what the report calls it (default: the path)."""
    label = name or str(path)
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        return FileReport(label, "", 0, (error(Check.SECURITY, "encrypted with a password; cannot be read"),))
    except (pikepdf.PdfError, OSError) as exc:
        return FileReport(label, "", 0, (error(Check.STRUCTURE, f"not a readable PDF: {exc}"),))
    with pdf:
        claim = pdfx_claim(pdf)
        findings = _document_checks(pdf, claim, settings)
        findings += _content_checks(Path(path), pdf, claim, settings)
        order = {check: i for i, check in enumerate(Check)}
        ordered = sorted(findings, key=lambda f: (order[f.check], f.page or 0))
        return FileReport(label, claim.label, len(pdf.pages), tuple(ordered))


def preflight_bytes(data: bytes, name: str, settings: PreflightSettings = PreflightSettings()) -> FileReport:
    """Check a PDF held in memory (written to a temporary file for Ghostscript)."""
    handle, temp = tempfile.mkstemp(suffix=".pdf", prefix="paiban-preflight-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        return preflight_file(Path(temp), settings, name)
    finally:
        os.unlink(temp)


def _document_checks(pdf: pikepdf.Pdf, claim, settings: PreflightSettings) -> list[Finding]:
    return (check_pdfx(pdf, claim, settings) + check_info(pdf, claim) + check_output_intent(pdf, claim, settings)
            + check_boxes(pdf) + check_security(pdf) + check_structure(pdf) + check_fonts(pdf)
            + check_marks(pdf, settings))


def _content_checks(path: Path, pdf: pikepdf.Pdf, claim, settings: PreflightSettings) -> list[Finding]:
    contents: list[PageContent] = []
    findings: list[Finding] = []
    for number, page in enumerate(pdf.pages, start=1):
        try:
            contents.append(walk_page(page))
        except ValueError as exc:
            return findings + [error(Check.STRUCTURE, str(exc), number)]
    areas = [print_area(page) for page in pdf.pages]
    for number, (content, area) in enumerate(zip(contents, areas), start=1):
        findings += check_colour_spaces(content, claim.rules, number)
        findings += check_transparency(content, claim.rules, number)
        findings += check_resolution(content, area, settings, number)
        findings += check_black(content, area, settings, number)
        findings += check_sizes(content, area, number)
    inks, note = measure(path, pdf, contents, areas, settings.tac_method, settings.tac_dpi)
    if note:
        findings.append(Finding(Check.INK, Severity.WARNING, note))
    for number, ink in enumerate(inks, start=1):
        findings += _ink_findings(ink, settings, number)
    return findings


def _ink_findings(ink: InkMeasure, settings: PreflightSettings, page: int) -> list[Finding]:
    """Rows 10 and 14 from one page's measure."""
    found = []
    unknown = f"; {ink.unknown} paints not measurable" if ink.unknown else ""
    if ink.total > settings.ink_limit + 0.5:
        found.append(error(Check.INK, f"{ink.total:.0f}% > {settings.ink_limit:g}% ({ink.method}){unknown}", page))
    else:
        found.append(ok(Check.INK, f"max {ink.total:.0f}% ≤ {settings.ink_limit:g}% ({ink.method}){unknown}", page))
    used = "".join(name for name, value in zip("CMYK", ink.channels) if value > NO_INK) or "none"
    if settings.black_only and any(value > NO_INK for value in ink.channels[:3]):
        cmy = ", ".join(f"{n} {v:.0f}%" for n, v in zip("CMY", ink.channels[:3]) if v > NO_INK)
        found.append(error(Check.BLACK_ONLY, f"a black-and-white page carries {cmy}", page))
    elif settings.black_only and ink.unknown:
        found.append(error(Check.BLACK_ONLY, f"{ink.unknown} paints of unknown ink on a black-and-white page", page))
    else:
        found.append(ok(Check.BLACK_ONLY, f"inks {used}" + (" (black-and-white page)" if settings.black_only else ""),
                        page))
    return found

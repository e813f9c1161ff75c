"""Preflight one PDF: every check of shared/reference/print-ready.md, in table order.

Any file gets a report, never an exception: a check that cannot read what it needs
(a damaged object, a value of the wrong type) reports that as its own error and the
other checks go on; a page whose content cannot be read is a structure error for that
page.
"""

from __future__ import annotations

import io
import os
import struct
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pikepdf

from layout.i18n import _
from layout.preflight.content import PageContent, walk_page
from layout.preflight.document import (
    Claim,
    check_boxes,
    check_marks,
    check_output_intent,
    check_pdfx,
    check_security,
    error,
    ok,
    pdfx_claim,
    print_area,
)
from layout.preflight.fonts import check_fonts
from layout.preflight.metadata import check_info
from layout.preflight.paint import (
    check_black,
    check_colour_spaces,
    check_resolution,
    check_sizes,
    check_transparency,
    painted_inside,
)
from layout.preflight.report import DEFAULTS, Check, FileReport, Finding, PreflightSettings, Severity, TacMethod
from layout.preflight.structure import TAIL, Feature, check_structure, content_damage, newer_features
from layout.preflight.tac import InkMeasure, measure

NO_INK = 0.5  # percent: below this a channel counts as unused (raster rounding)
DAMAGE = (pikepdf.PdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, struct.error,
          NotImplementedError, OverflowError, ZeroDivisionError)


def preflight_file(path: Path, settings: PreflightSettings = DEFAULTS, name: str = "",
                   inks: Sequence[InkMeasure] | None = None) -> FileReport:
    """Check the PDF at `path`; `name` is what the report calls it (default: the path).
    `inks`, one per page, replaces the ink measurement (rows 10 and 14): for pages whose
    ink is known from how they were drawn (`analytic_ink`)."""
    label = name or str(path)
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        return FileReport(label, "", 0, (error(Check.SECURITY, _("encrypted with a password; cannot be read")),))
    except Exception as exc:  # noqa: BLE001 - whatever qpdf cannot open is not a PDF to the plant
        reason = _reason(exc).replace(f"{path}: ", "").replace(str(path), "")
        return FileReport(label, "", 0, (error(Check.STRUCTURE, _("not a readable PDF: {reason}").format(
            reason=reason)),))
    with pdf:
        return _report(pdf, label, Path(path), settings, inks, _tail(Path(path)))


def preflight_bytes(data: bytes, name: str, settings: PreflightSettings = DEFAULTS,
                    inks: Sequence[InkMeasure] | None = None) -> FileReport:
    """Check a PDF held in memory. With `inks` (or the Python ink measure) it is read
    from memory; Ghostscript needs a file, so then it is written to a temporary one."""
    if inks is not None or settings.tac_method is TacMethod.PYTHON:
        try:
            pdf = pikepdf.open(io.BytesIO(data))
        except pikepdf.PasswordError:
            return FileReport(name, "", 0, (error(Check.SECURITY, _("encrypted with a password; cannot be read")),))
        except Exception as exc:  # noqa: BLE001
            return FileReport(name, "", 0, (error(Check.STRUCTURE, _("not a readable PDF: {reason}").format(
                reason=_reason(exc))),))
        with pdf:
            return _report(pdf, name, None, settings, inks, data[-TAIL:])
    handle, temp = tempfile.mkstemp(suffix=".pdf", prefix="paiban-preflight-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        return preflight_file(Path(temp), settings, name)
    finally:
        os.unlink(temp)


def _tail(path: Path) -> bytes | None:
    """The last TAIL bytes of the file (None when it cannot be read again)."""
    try:
        with open(path, "rb") as handle:
            handle.seek(max(0, path.stat().st_size - TAIL))
            return handle.read()
    except OSError:
        return None


def _report(pdf: pikepdf.Pdf, label: str, path: Path | None, settings: PreflightSettings,
            inks: Sequence[InkMeasure] | None, tail: bytes | None) -> FileReport:
    try:
        pages = list(pdf.pages)
    except Exception as exc:  # noqa: BLE001
        findings = _guarded(Check.STRUCTURE, lambda: check_structure(pdf, pdf.filename, tail), [])
        findings.append(error(Check.STRUCTURE, _("no readable page tree: {reason}").format(reason=_reason(exc))))
        return FileReport(label, "", 0, tuple(findings))
    if inks is not None and len(inks) != len(pages):
        raise ValueError(f"{len(inks)} ink measures for {len(pages)} pages")
    claim = _guarded(Check.PDFX, lambda: pdfx_claim(pdf), Claim(None, ""))
    findings = _document_checks(pdf, claim, settings, tail)
    findings += _content_checks(path, pdf, pages, claim, settings, inks)
    order = {check: i for i, check in enumerate(Check)}
    ordered = sorted(findings, key=lambda f: (order[f.check], f.page or 0))
    return FileReport(label, claim.label, len(pages), tuple(ordered))


def _guarded(check: Check, run: Callable, fallback, page: int | None = None):
    """`run()`, or — when it fails on what the file holds — `fallback` (a list: an error
    of `check` saying what could not be read is returned instead)."""
    try:
        return run()
    except RecursionError:
        reason = _("objects nested too deeply")
    except DAMAGE as exc:
        reason = _reason(exc)
    except Exception as exc:  # noqa: BLE001 - a report for every file, even one that finds a bug
        reason = _("internal error ({kind}: {error}); please report this file").format(kind=type(exc).__name__,
                                                                                     error=exc)
    if isinstance(fallback, list):
        return [error(check, _("cannot be checked, the file is damaged where this check reads it: {reason}").format(
            reason=reason), page)]
    return fallback


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _document_checks(pdf: pikepdf.Pdf, claim: Claim, settings: PreflightSettings, tail: bytes | None) -> list[Finding]:
    found = _guarded(Check.PDFX, lambda: newer_features(pdf), [])   # features, or the error finding
    features = [f for f in found if isinstance(f, Feature)]
    checks: list[tuple[Check, Callable[[], list[Finding]]]] = [
        (Check.PDFX, lambda: check_pdfx(pdf, claim, settings, features)),
        (Check.INFO, lambda: check_info(pdf, claim.level)),
        (Check.OUTPUT_INTENT, lambda: check_output_intent(pdf, claim, settings)),
        (Check.BOXES, lambda: check_boxes(pdf)),
        (Check.SECURITY, lambda: check_security(pdf)),
        (Check.STRUCTURE, lambda: check_structure(pdf, pdf.filename, tail)),
        (Check.FONTS, lambda: check_fonts(pdf, settings)),
        (Check.MARKS, lambda: check_marks(pdf, settings)),
    ]
    return [f for f in found if isinstance(f, Finding)] + [f for check, run in checks for f in _guarded(check, run, [])]


def _content_checks(path: Path | None, pdf: pikepdf.Pdf, pages: list[pikepdf.Page], claim: Claim,
                    settings: PreflightSettings, inks: Sequence[InkMeasure] | None) -> list[Finding]:
    """Rows 8–14 for every page whose content can be read."""
    readable: list[tuple[int, PageContent, tuple]] = []
    findings: list[Finding] = []
    for number, page in enumerate(pages, start=1):
        try:
            readable.append((number, walk_page(page), print_area(page)))
        except Exception as exc:  # noqa: BLE001 - reported as damage of this page
            reason = _("objects nested too deeply") if isinstance(exc, RecursionError) else _reason(exc)
            findings.append(error(Check.STRUCTURE, _("page content cannot be read: {reason}").format(reason=reason),
                                  number))
        findings += content_damage(pdf, pdf.filename, number)
    for number, content, area in readable:
        findings += _page_checks(number, content, area, claim, settings)
    return findings + _ink_checks(path, pdf, readable, settings, inks)


def _page_checks(number: int, content: PageContent, area: tuple, claim: Claim,
                 settings: PreflightSettings) -> list[Finding]:
    """Rows 8, 9, 11, 12 and 13 of one page, each guarded (rows 12 and 13 share the
    tally of what is painted in the print area; if it cannot be made, each tries alone)."""
    painted = _guarded(Check.BLACK, lambda: painted_inside(content, area), None)
    checks: list[tuple[Check, Callable[[], list[Finding]]]] = [
        (Check.COLOUR, lambda: check_colour_spaces(content, claim.rules, number)),
        (Check.TRANSPARENCY, lambda: check_transparency(content, claim.rules, number)),
        (Check.RESOLUTION, lambda: check_resolution(content, area, settings, number)),
        (Check.BLACK, lambda: check_black(content, area, settings, number, painted)),
        (Check.SIZES, lambda: check_sizes(content, area, number, painted)),
    ]
    return [f for check, run in checks for f in _guarded(check, run, [], number)]


def _ink_checks(path: Path | None, pdf: pikepdf.Pdf, readable: list[tuple[int, PageContent, tuple]],
                settings: PreflightSettings, inks: Sequence[InkMeasure] | None) -> list[Finding]:
    """Rows 10 and 14 from the given `inks` or from measuring the readable pages."""
    if inks is not None:
        measured, note = {number: inks[number - 1] for number, _c, _a in readable}, ""
    elif path is None:
        measured, note = _guarded(Check.INK, lambda: measure(Path(), pdf, readable, TacMethod.PYTHON, 0), ({}, ""))
    else:
        measured, note = _guarded(Check.INK, lambda: measure(path, pdf, readable, settings.tac_method,
                                                             settings.tac_dpi), ({}, ""))
    findings = [Finding(Check.INK, Severity.WARNING, note)] if note else []
    for number, _content, _area in readable:
        if number in measured:
            findings += _ink_findings(measured[number], settings, number)
        else:
            findings.append(error(Check.INK, _("ink could not be measured (damaged content)"), number))
    return findings


def _ink_findings(ink: InkMeasure, settings: PreflightSettings, page: int) -> list[Finding]:
    """Rows 10 and 14 from one page's measure."""
    found = []
    unknown = _("; {n} paints not measurable").format(n=ink.unknown) if ink.unknown else ""
    values = {"total": f"{ink.total:.0f}", "limit": f"{settings.ink_limit:g}", "method": ink.method}
    if ink.total > settings.ink_limit + 0.5:
        found.append(error(Check.INK, _("{total}% > {limit}% ({method})").format(**values) + unknown, page))
    else:
        found.append(ok(Check.INK, _("max {total}% ≤ {limit}% ({method})").format(**values) + unknown, page))
    used = "".join(name for name, value in zip("CMYK", ink.channels) if value > NO_INK) or "none"
    if settings.black_only and any(value > NO_INK for value in ink.channels[:3]):
        cmy = ", ".join(f"{n} {v:.0f}%" for n, v in zip("CMY", ink.channels[:3]) if v > NO_INK)
        found.append(error(Check.BLACK_ONLY, _("a black-and-white page carries {inks}").format(inks=cmy), page))
    elif settings.black_only and ink.unknown:
        found.append(error(Check.BLACK_ONLY, _("{n} paints of unknown ink on a black-and-white page").format(
            n=ink.unknown), page))
    else:
        used = used if used != "none" else _("none")
        text = _("inks {inks} (black-and-white page)") if settings.black_only else _("inks {inks}")
        found.append(ok(Check.BLACK_ONLY, text.format(inks=used), page))
    return found

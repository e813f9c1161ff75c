"""Preflight reports for people (a table per file) and for programs (JSON)."""

from __future__ import annotations

import re
import unicodedata

from layout.i18n import N_, _, ngettext
from layout.preflight.report import Check, FileReport, Severity

MARK = {Severity.OK: N_("ok"), Severity.WARNING: N_("WARN"), Severity.ERROR: N_("FAIL")}
MAX_LINES = 20   # lines under one check before "… N more"
COUNT = re.compile(r": (\d+)×$")


def verdict(report: FileReport) -> str:
    """PASS or FAIL, in the reader's language."""
    return _("PASS") if report.passed else _("FAIL")


def width(text: str) -> int:
    """Columns `text` takes in a terminal (a CJK character takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    """`text` padded with spaces to `columns` terminal columns."""
    return text + " " * max(0, columns - width(text))


def format_table(report: FileReport) -> str:
    """One line per check (its worst result and first message), then its other
    warnings and errors indented under it; the same message on several pages is one
    line naming the pages."""
    claimed = report.claimed or _("not PDF/X")
    counts = ", ".join([ngettext("{n} page", "{n} pages", report.pages).format(n=report.pages),
                        ngettext("{n} error", "{n} errors", len(report.errors)).format(n=len(report.errors)),
                        ngettext("{n} warning", "{n} warnings", len(report.warnings)).format(n=len(report.warnings))])
    lines = [f"{report.file}: {verdict(report)} — {claimed}, {counts}"]
    titles = {check: _(check.title) for check in Check}
    marks = {severity: _(mark) for severity, mark in MARK.items()}
    title_width = max(width(t) for t in titles.values())
    mark_width = max(width(m) for m in marks.values())
    for check in Check:
        findings = report.of(check)
        if not findings:
            continue
        status = report.status(check)
        shown = _grouped([f for f in findings if f.severity is status]
                         + [f for f in findings if f.severity not in (status, Severity.OK)])
        (severity, first), rest = shown[0], shown[1:]
        lines.append(f"  {check.number:>2} {pad(titles[check], title_width)}  {pad(marks[status], mark_width)}  {first}")
        indent = " " * (5 + title_width + 2)
        for severity, text in rest[:MAX_LINES]:
            lines.append(f"{indent}{pad(marks[severity], mark_width)}  {text}")
        if len(rest) > MAX_LINES:
            lines.append(indent + " " * (mark_width + 2) + _("… {n} more").format(n=len(rest) - MAX_LINES))
    return "\n".join(lines)


def _grouped(findings) -> list[tuple[Severity, str]]:
    """(severity, text) per distinct message, in first-seen order, with its pages; counts
    written as "…: 12×" are added up across pages."""
    groups: dict[tuple[Severity, str], list[tuple[int | None, int | None]]] = {}
    for f in findings:
        counted = COUNT.search(f.message)
        message = f.message[:counted.start()] if counted else f.message
        groups.setdefault((f.severity, message), []).append((f.page, int(counted.group(1)) if counted else None))
    out = []
    for (severity, message), where in groups.items():
        numbers = [page for page, _count in where if page is not None]
        repeated = any(count is not None for _page, count in where) or len(set(numbers)) < len(numbers)
        total = sum(count or 1 for _page, count in where)
        repeat = f": {total}×" if repeated else ""
        out.append((severity, f"{_pages(numbers)}: {message}{repeat}" if numbers else message + repeat))
    return out


def _pages(numbers: list[int]) -> str:
    """[1, 2, 3, 5] → "p1–3, 5"."""
    ranges: list[list[int]] = []
    for n in sorted(set(numbers)):
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    return "p" + ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in ranges)


def to_json(report: FileReport) -> dict:
    """The report as plain data: result, counts and every finding by check."""
    return {
        "file": report.file,
        "result": verdict(report).lower(),
        "pdfx": report.claimed,
        "pages": report.pages,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "checks": [{"number": check.number, "id": check.key, "title": check.title,
                    "status": report.status(check).value,
                    "findings": [{"severity": f.severity.value, "page": f.page, "message": f.message}
                                 for f in report.of(check)]}
                   for check in Check if report.of(check)],
    }

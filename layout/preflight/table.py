"""Preflight reports for people (a table per file) and for programs (JSON)."""

from __future__ import annotations

import re

from layout.preflight.report import Check, FileReport, Severity

MARK = {Severity.OK: "ok", Severity.WARNING: "WARN", Severity.ERROR: "FAIL"}
TITLE_WIDTH = max(len(c.title) for c in Check)
MAX_LINES = 20   # lines under one check before "… N more"
COUNT = re.compile(r": (\d+)×$")


def verdict(report: FileReport) -> str:
    return "PASS" if report.passed else "FAIL"


def format_table(report: FileReport) -> str:
    """One line per check (its worst result and first message), then its other
    warnings and errors indented under it; the same message on several pages is one
    line naming the pages."""
    claimed = report.claimed or "not PDF/X"
    head = (f"{report.file}: {verdict(report)} — {claimed}, {report.pages} page{'s' * (report.pages != 1)}, "
            f"{len(report.errors)} errors, {len(report.warnings)} warnings")
    lines = [head]
    for check in Check:
        findings = report.of(check)
        if not findings:
            continue
        status = report.status(check)
        shown = _grouped([f for f in findings if f.severity is status]
                         + [f for f in findings if f.severity not in (status, Severity.OK)])
        (severity, first), rest = shown[0], shown[1:]
        lines.append(f"  {check.number:>2} {check.title:<{TITLE_WIDTH}}  {MARK[status]:<4}  {first}")
        for severity, text in rest[:MAX_LINES]:
            lines.append(f"     {'':<{TITLE_WIDTH}}  {MARK[severity]:<4}  {text}")
        if len(rest) > MAX_LINES:
            lines.append(f"     {'':<{TITLE_WIDTH}}        … {len(rest) - MAX_LINES} more")
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
        numbers = [page for page, _ in where if page is not None]
        counted = any(count is not None for _, count in where) or len(set(numbers)) < len(numbers)
        total = sum(count or 1 for _, count in where)
        repeat = f": {total}×" if counted else ""
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

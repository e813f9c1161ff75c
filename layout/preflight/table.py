"""Preflight reports for people (a table per file) and for programs (JSON)."""

from __future__ import annotations

from layout.preflight.report import Check, FileReport, Severity

MARK = {Severity.OK: "ok", Severity.WARNING: "WARN", Severity.ERROR: "FAIL"}
TITLE_WIDTH = max(len(c.title) for c in Check)


def verdict(report: FileReport) -> str:
    return "PASS" if report.passed else "FAIL"


def format_table(report: FileReport) -> str:
    """One line per check (its worst result and first message), then its other
    warnings and errors indented under it."""
    claimed = report.claimed or "not PDF/X"
    head = (f"{report.file}: {verdict(report)} — {claimed}, {report.pages} page{'s' * (report.pages != 1)}, "
            f"{len(report.errors)} errors, {len(report.warnings)} warnings")
    lines = [head]
    for check in Check:
        findings = report.of(check)
        if not findings:
            continue
        status = report.status(check)
        shown = [f for f in findings if f.severity is status] + [f for f in findings if f.severity is not status
                                                                 and f.severity is not Severity.OK]
        first, rest = shown[0], shown[1:]
        lines.append(f"  {check.number:>2} {check.title:<{TITLE_WIDTH}}  {MARK[status]:<4}  {_summary(first, findings)}")
        for finding in rest[:20]:
            lines.append(f"     {'':<{TITLE_WIDTH}}  {MARK[finding.severity]:<4}  {finding.text()}")
        if len(rest) > 20:
            lines.append(f"     {'':<{TITLE_WIDTH}}        … {len(rest) - 20} more")
    return "\n".join(lines)


def _summary(first, findings) -> str:
    """The first finding; for a check that is fine on every page, one line for all pages."""
    same = {f.message for f in findings}
    if first.severity is Severity.OK and len(same) == 1 and len(findings) > 1:
        return f"{first.message} (all {len(findings)} pages)"
    return first.text()


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

"""`build()`: the whole pipeline, one stage per line.

Nothing is written until every page has been composed and rendered; files then land
in the output folder by rename, so a failed build leaves no partial output.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from layout.compose import PageResult, compose_page
from layout.errors import OversetError
from layout.model import load_issue
from layout.model.schema import Issue
from layout.render import merge_pdfs, render_pdf, render_png
from layout.text.config import TextConfig
from layout.text.copyedit import CopyChange, check_coverage, normalize_issue
from layout.text.metrics import MetricsSet


@dataclass(frozen=True, slots=True)
class BuildResult:
    out: Path
    files: tuple[Path, ...]
    changes: tuple[CopyChange, ...]
    overset: tuple[str, ...] = field(default=())


def build(folder: Path, out: Path, draft: bool = False, png: bool = False) -> BuildResult:
    """Build the issue in `folder` into `out`: one PDF per page, the whole issue as one
    PDF, manifest.json and report.json (and page PNGs with `png`)."""
    issue = load_issue(Path(folder))                        # model: issue files → Issue
    issue, changes = normalize_issue(issue)                 # text: GB/T 15834 copy normalization
    metrics = MetricsSet.for_fonts(issue.fonts)             # text: font metrics by role
    check_coverage(issue, metrics)                          # text: every character has a glyph
    results = tuple(compose_page(issue, page, metrics, TextConfig.of(issue.typesetting))  # text → flow → compose
                    for page in issue.pages)
    overset = overset_report(results)
    if overset and not draft:
        raise OversetError("overset (text that does not fit its module):\n" + "\n".join(overset))
    files = _render(issue, results)                         # render: PDF bytes per file
    written = _write(Path(out), files, issue, changes, overset, png)
    return BuildResult(Path(out), written, changes, overset)


def overset_report(results: tuple[PageResult, ...]) -> tuple[str, ...]:
    """One line per module whose text did not fit."""
    lines = []
    for result in results:
        for module in result.modules:
            rest = module.overset
            if rest.units:
                src = module.article.placement.source
                lines.append(f"{src}: article '{module.article.id}' (page {result.page.number}): "
                             f"{rest.lines} lines, {len(rest.text)} characters over; give it "
                             f"{sum(u.rows for u in rest.units)} more rows or cut from "
                             f"“{rest.text[:12]}…”")
    return tuple(lines)


def file_stem(issue: Issue) -> str:
    return f"{issue.code}_{issue.date:%Y%m%d}"


def _render(issue: Issue, results: tuple[PageResult, ...]) -> dict[str, bytes]:
    title = f"{issue.paper} {issue.date:%Y-%m-%d}"
    files = {}
    for result in results:
        page = result.page
        files[f"{file_stem(issue)}_{page.number:02d}.pdf"] = render_pdf(
            (page,), issue.fonts, f"{title} 第{page.number}版", issue.date)
    files[f"{file_stem(issue)}.pdf"] = merge_pdfs(list(files.values()), title)
    return files


def _manifest(issue: Issue, files: dict[str, bytes]) -> dict:
    pages = []
    for page in issue.pages:
        name = f"{file_stem(issue)}_{page.number:02d}.pdf"
        pages.append({"number": page.number, "section": page.section, "file": name,
                      "sha256": hashlib.sha256(files[name]).hexdigest(), "qr": issue.footer.qr_payload})
    whole = f"{file_stem(issue)}.pdf"
    return {"paper": issue.paper, "code": issue.code, "date": issue.date.isoformat(),
            "issue_number": issue.issue_number, "running_number": issue.running_number,
            "pages": pages, "issue_pdf": {"file": whole, "sha256": hashlib.sha256(files[whole]).hexdigest()}}


def _report(changes, overset) -> dict:
    return {"normalization": {"count": len(changes), "changes": [str(c) for c in changes]},
            "overset": list(overset)}


def _write(out: Path, files: dict[str, bytes], issue: Issue, changes, overset, png: bool) -> tuple[Path, ...]:
    """Write into a temporary folder beside `out`, then move each file into place."""
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".paiban-", dir=out))
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
        if png:
            for page in issue.pages:
                name = f"{file_stem(issue)}_{page.number:02d}"
                render_png(staging / f"{name}.pdf", staging / f"{name}.png")
        text = lambda obj: json.dumps(obj, ensure_ascii=False, indent=2) + "\n"  # noqa: E731
        (staging / "report.json").write_text(text(_report(changes, overset)), encoding="utf-8")
        (staging / "manifest.json").write_text(text(_manifest(issue, files)), encoding="utf-8")
        written = []
        for path in sorted(staging.iterdir(), key=lambda p: p.name == "manifest.json"):  # manifest last
            os.replace(path, out / path.name)
            written.append(out / path.name)
        return tuple(written)
    finally:
        shutil.rmtree(staging, ignore_errors=True)

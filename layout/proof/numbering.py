"""Findings numbered for a proof: in the order editors read them (errors first, then
warnings, then info; each in reading order), each with the spot on the pages it
concerns and an id that stays the same from round to round while the finding does."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from layout.compose import PageResult
from layout.lint import Finding, Severity
from layout.model.schema import Issue
from layout.proof.locate import Line, Numbered, Spot, article_lines, furniture_spot, locate, page_lines

SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
DIGITS = re.compile(r"\d+")
UNPLACED_FIELDS = ("hole", "unplaced", "jump")  # layout findings without a line to point at


def number_findings(raw: Issue, issue: Issue, results: tuple[PageResult, ...],
                    findings: tuple[Finding, ...], lines: list[Line] | None = None) -> tuple[Numbered, ...]:
    """Findings numbered from 1, errors first, each with the spot on the pages it
    concerns (None for findings not on a page: issue.yaml problems, footer lines).
    `raw` is the issue as written, `issue` as set; `lines` the pages' lines when the
    caller has them (layout.proof.locate.page_lines)."""
    lines = lines if lines is not None else [line for r in results for line in page_lines(r)]
    by_id = {a.id: a for a in issue.articles}
    raw_by_id = {a.id: a for a in raw.articles}
    found = {a.id: article_lines(a, lines) for a in issue.articles}
    out = []
    ids: dict[str, int] = {}
    ordered = sorted(findings, key=lambda f: SEVERITY_RANK[f.severity])  # errors first, then reading order
    for number, finding in enumerate(ordered, start=1):
        art, where = finding.where.article, finding.where
        if where.page is not None and where.box is not None:   # read from the page: its own place
            spot: Spot | None = boxed_spot(where.page, where.box, lines)
        elif where.field in UNPLACED_FIELDS:
            spot = None
        else:
            spot = (locate(finding, raw_by_id.get(art), by_id.get(art), found.get(art)) if art
                    else furniture_spot(finding, lines))
        key = finding_id(finding, folder_of(raw))
        ids[key] = ids.get(key, 0) + 1
        out.append(Numbered(number, finding, spot, key if ids[key] == 1 else f"{key}-{ids[key]}"))
    return tuple(out)


def boxed_spot(page: int, box: tuple[float, float, float, float], lines: list[Line]) -> Spot:
    """The spot of a finding read from the page with its own `box`: with the first line
    of type inside it (its bottom and sources), when there is one."""
    inside = [l for l in lines if l.page == page and l.x0 >= box[0] - 1 and l.x1 <= box[2] + 1
              and l.top >= box[1] - 1 and l.bottom <= box[3] + 1]
    first = min(inside, key=lambda l: (l.top, l.x0), default=None)
    if first is None:
        return Spot(page, *box)
    return Spot(page, *box, first=(first.x0, first.top, first.x1, first.bottom), sources=first.sources)


def page_of(numbered: Numbered) -> int | None:
    """The page a numbered finding is on: its spot's, else the page the finding names."""
    return numbered.spot.page if numbered.spot is not None else numbered.finding.where.page


def folder_of(issue: Issue) -> Path:
    return Path(issue.source.file).parent


def finding_id(finding: Finding, folder: Path) -> str:
    """A finding's id, the same in every round while the finding is the same: its code
    and a hash of its file (by name in the issue folder), article, field and message
    with the numbers taken out (a line or character count moves when copy above it
    changes; the finding stays)."""
    try:
        name = Path(finding.file).resolve().relative_to(Path(folder).resolve()).as_posix()
    except ValueError:
        name = Path(finding.file).name
    text = "\0".join((finding.code, name, finding.where.article, DIGITS.sub("#", finding.where.field),
                      DIGITS.sub("#", finding.message)))
    return f"{finding.code}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}"

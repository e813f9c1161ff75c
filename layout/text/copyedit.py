"""Apply copy normalization to a whole issue and check every character has a glyph.

Both run before layout: normalization (GB/T 15834) changes the text that is set, and a
character no configured font covers stops the build, naming article, paragraph,
character and font, instead of printing an empty box.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

from layout.errors import IssueError, Problem
from layout.model.schema import Article, Block, BlockKind, FontRole, Issue, Source
from layout.text.classes import is_space
from layout.text.metrics import MetricsSet
from layout.text.normalize import Edit, normalize


@dataclass(frozen=True, slots=True)
class CopyChange:
    """One normalization edit: where (file:line, article, field) and what."""

    source: Source
    article: str
    field: str
    edit: Edit

    def __str__(self) -> str:
        return f"{self.source}: {self.article} {self.field} @{self.edit.offset}: " \
               f"{self.edit.before!r} → {self.edit.after!r}"


def normalize_issue(issue: Issue) -> tuple[Issue, tuple[CopyChange, ...]]:
    """The issue with every article's copy normalized, and the changes made. When the
    issue turns normalization off, it is returned unchanged with no changes."""
    if not issue.normalize:
        return issue, ()
    changes: list[CopyChange] = []
    articles = tuple(_article(a, changes) for a in issue.articles)
    return replace(issue, articles=articles), tuple(changes)


def _article(article: Article, changes: list[CopyChange]) -> Article:
    def fix(text: str, source: Source, field: str) -> str:
        fixed, edits = normalize(text)
        changes.extend(CopyChange(source, article.id, field, e) for e in edits)
        return fixed

    def fix_block(block: Block, i: int) -> Block:
        fixed, edits = normalize(block.text)
        changes.extend(CopyChange(block.source, article.id, f"paragraph {i + 1}", e) for e in edits)
        marks = tuple(replace(m, start=shift(m.start, edits), end=shift(m.end, edits)) for m in block.marks)
        return replace(block, text=fixed, marks=marks, runin=fix(block.runin, block.source, f"paragraph {i + 1} heading"))

    src = article.source
    blocks = tuple(fix_block(b, i) for i, b in enumerate(article.blocks))
    photos = tuple(replace(p, caption=fix(p.caption, p.source, "caption"), credit=fix(p.credit, p.source, "credit"))
                   for p in article.photos)
    return replace(article, kicker=fix(article.kicker, src, "kicker"), headline=fix(article.headline, src, "headline"),
                   subhead=fix(article.subhead, src, "subhead"), byline=fix(article.byline, src, "byline"),
                   blocks=blocks, photos=photos)


def shift(offset: int, edits: tuple[Edit, ...]) -> int:
    """Where character `offset` of the original text is after `edits` (marks move with
    the copy when "..." becomes "……")."""
    moved = offset
    for e in edits:
        if e.offset + len(e.before) <= offset:
            moved += len(e.after) - len(e.before)
    return moved


def text_fields(article: Article):
    """(source, field, text, font role) for every piece of copy in the article."""
    src = article.source
    yield src, "kicker", article.kicker, FontRole(article.kicker_font)
    yield src, "headline", article.headline, FontRole(article.headline_font)
    yield src, "subhead", article.subhead, FontRole(article.subhead_font)
    yield src, "byline", article.byline, FontRole.HEI
    roles = {BlockKind.SUBHEAD: FontRole.HEI_BOLD, BlockKind.QUOTE: FontRole.KAI}
    for i, block in enumerate(article.blocks):
        yield block.source, f"paragraph {i + 1}", block.text, roles.get(block.kind, FontRole.SONG)
        if block.runin:
            yield block.source, f"paragraph {i + 1} heading", block.runin, FontRole.HEI_BOLD
    for photo in article.photos:
        yield photo.source, "caption", photo.caption, FontRole.KAI
        yield photo.source, "credit", photo.credit, FontRole.HEI
        yield photo.source, "licence", photo.licence, FontRole.HEI


def check_coverage(issue: Issue, metrics: MetricsSet) -> None:
    """Raise IssueError for every character no font of its role has a glyph for."""
    problems: list[Problem] = []
    for article in issue.articles:
        for source, field, text, role in text_fields(article):
            problems += _missing(text, metrics, role, issue, source, f"{article.id} {field}")
    for i, line in enumerate(issue.footer.lines):
        problems += _missing(line, metrics, FontRole.HEI, issue, issue.source, f"issue.qr.lines[{i}]")
    for page in issue.pages:
        problems += _missing(page.section, metrics, FontRole.HEI_BOLD, issue, page.source, f"page {page.number} section")
    problems += _missing(issue.paper, metrics, FontRole.HEI_BOLD, issue, issue.source, "issue.paper")
    if problems:
        raise IssueError(problems)


def _missing(text: str, metrics: MetricsSet, role: FontRole, issue: Issue, source: Source, where: str) -> list[Problem]:
    font = metrics.get(role)
    missing = [ch for ch in dict.fromkeys(text) if not is_space(ch) and not font.covers(ch)]
    path = issue.fonts.path(role)
    return [Problem(source.file, source.line, where,
                    f"character '{ch}' (U+{ord(ch):04X} {unicodedata.name(ch, '?')}) is in no font: "
                    f"the {role.value} font {path.name} lacks it; use another font for '{role.value}' "
                    "in issue.yaml (fonts:) or replace the character")
            for ch in missing]

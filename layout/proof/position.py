"""Where a finding is, in an editor's terms: the page, the story's headline, the
paragraph and the line of it on the page — 第5版《标题》第3段第2行 — from the text
sources the compose stage puts on every run (layout.compose.items.TextSource).

Paragraphs (段) are counted as a reader counts them: the story's paragraphs and
block quotations, not its in-text headings (小标题), which are named as such; lines
are counted from the paragraph's first line as set, across columns and pages.
"""

from __future__ import annotations

from layout.compose.items import SourceField, TextSource
from layout.i18n import N_, _
from layout.model.schema import Article, BlockKind, Issue
from layout.proof.locate import Line, Numbered

PARTS = {SourceField.KICKER: N_("kicker"), SourceField.HEADLINE: N_("headline"), SourceField.SUBHEAD: N_("subhead"),
         SourceField.BYLINE: N_("byline"), SourceField.CAPTION: N_("photo caption"),
         SourceField.CREDIT: N_("photo credit"), SourceField.LICENCE: N_("photo licence")}
FIELD_PARTS = {"kicker": SourceField.KICKER, "headline": SourceField.HEADLINE, "subhead": SourceField.SUBHEAD,
               "byline": SourceField.BYLINE, "caption": SourceField.CAPTION, "credit": SourceField.CREDIT,
               "licence": SourceField.LICENCE}
BLOCK_FIELDS = (SourceField.BODY, SourceField.RUNIN)


Starts = dict[tuple[str, int], list[tuple[bool, int]]]  # (article, block) → where its lines start, in order


def position(item: Numbered, issue: Issue, lines: list[Line], starts: Starts | None = None) -> str:
    """The finding's place for an editor (in the current language), or "" when it is
    not on a page. `starts` is `line_starts(lines)` when the caller places many findings."""
    page = item.spot.page if item.spot is not None else item.finding.where.page
    if page is None:
        return ""
    article = next((a for a in issue.articles if a.id == item.finding.where.article), None)
    where = _("page {page}").format(page=page)
    if article is None:
        return where
    where = _("page {page}, “{headline}”").format(page=page, headline=article.headline)
    detail = _detail(item, article, line_starts(lines) if starts is None else starts)
    return _("{where}, {detail}").format(where=where, detail=detail) if detail else where


def _detail(item: Numbered, article: Article, starts: Starts) -> str:
    """Paragraph and line, a part of the story (headline, caption …), or overset."""
    field = item.finding.where.field
    source = _block_source(item.spot.sources) if item.spot is not None else None
    if field == "overset":
        return _("overset")
    if source is not None:
        return block_detail(article, source, starts)
    part = FIELD_PARTS.get(field.split(".")[-1])
    if part is not None:
        return _(PARTS[part])
    if field.startswith("paragraph "):
        return paragraph_name(article, int(field.split()[1]) - 1)
    return ""


def _block_source(sources: tuple[TextSource, ...]) -> TextSource | None:
    return next((s for s in sources if s.field in BLOCK_FIELDS), None)


def block_detail(article: Article, source: TextSource, starts: Starts) -> str:
    """`paragraph 3, line 2` for the line whose text starts at `source`."""
    name = paragraph_name(article, source.index)
    number = line_number(article.id, source, starts)
    return _("{paragraph}, line {line}").format(paragraph=name, line=number) if number else name


def paragraph_name(article: Article, block: int) -> str:
    """`paragraph 3` (as a reader counts: in-text headings aside), or `in-text heading`."""
    if not 0 <= block < len(article.blocks):
        return ""
    if article.blocks[block].kind is BlockKind.SUBHEAD:
        return _("in-text heading")
    count = sum(1 for b in article.blocks[:block + 1] if b.kind is not BlockKind.SUBHEAD)
    return _("paragraph {n}").format(n=count)


def line_starts(lines: list[Line]) -> Starts:
    """Where each block's lines start: per (article, block), the (not a run-in heading,
    character offset) of each line holding its text, in order."""
    found: dict[tuple[str, int], set[tuple[bool, int]]] = {}
    for line in lines:
        first: dict[tuple[str, int], tuple[bool, int]] = {}
        for s in line.sources:
            if s.field in BLOCK_FIELDS:
                key, at = (s.article, s.index), (s.field is not SourceField.RUNIN, s.start)
                first[key] = min(first.get(key, at), at)
        for key, at in first.items():
            found.setdefault(key, set()).add(at)
    return {key: sorted(values) for key, values in found.items()}


def line_number(article: str, source: TextSource, starts: Starts) -> int:
    """Which line of its paragraph the line starting at `source` is (from 1), counting
    the paragraph's lines as set in order of their text; 0 when it is not found."""
    order = starts.get((article, source.index), [])
    key = (source.field is not SourceField.RUNIN, source.start)
    return order.index(key) + 1 if key in order else 0

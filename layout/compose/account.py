"""The compose stage's own checks, run at its end (nothing lost, nothing outside its
module): every character of every text of every article is on a page, in the overset or
in the unplaced report; every glyph and photo lies inside its module.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from layout.compose.grid import ASCENT, Grid
from layout.compose.items import Picture, SourceField, TextRun
from layout.compose.module import Module
from layout.errors import Problem
from layout.i18n import _
from layout.model.schema import Article, Issue, RunKind
from layout.text.classes import CharClass, classify, is_fullwidth
from layout.text.metrics import MetricsSet

TOLERANCE = 0.05  # pt: rounding room at a module's edges
NOT_IN_MODULES = (RunKind.OVERSET, RunKind.OVERSET_NOTE)  # drafts show overset under the module
VERTICAL_FORMS = str.maketrans("“”‘’", "「」『』")  # GB/T 15834 §4.1: quotes of vertical setting


@dataclass(frozen=True, slots=True)
class Placed:
    """A text, or part of it, found somewhere: on a page (`where` "page N"), in the
    overset or among unplaced articles; `start` its offset in the text."""

    article: str
    field: SourceField
    index: int
    start: int
    text: str


def expected(article: Article) -> dict[tuple[SourceField, int], str]:
    """Every text of the article that must reach the page, by (field, index)."""
    out: dict[tuple[SourceField, int], str] = {}
    for field, text in ((SourceField.KICKER, article.kicker), (SourceField.HEADLINE, article.headline),
                        (SourceField.SUBHEAD, article.subhead)):
        if text:
            out[(field, 0)] = text
    if article.byline and article.blocks:
        out[(SourceField.BYLINE, 0)] = article.byline
    for i, block in enumerate(article.blocks):
        out[(SourceField.BODY, i)] = block.text
        if block.runin:
            out[(SourceField.RUNIN, i)] = block.runin
    for i, photo in enumerate(article.photos):
        for field, text in ((SourceField.CAPTION, photo.caption), (SourceField.CREDIT, photo.credit),
                            (SourceField.LICENCE, photo.licence)):
            if text:
                out[(field, i)] = text
    return out


def from_runs(runs) -> list[Placed]:
    return [Placed(r.source.article, r.source.field, r.source.index, r.source.start, r.text)
            for r in runs if isinstance(r, TextRun) and r.source is not None]


def from_units(article: str, units) -> list[Placed]:
    """Texts held by flow units (overset or carried), from their lines' origins."""
    out = []
    for unit in units:
        for line, origins in zip(unit.lines, unit.origins or ()):
            for glyph, origin in zip(line.glyphs, origins):
                if origin[0] is not None:
                    out.append(Placed(article, origin[0], origin[1], origin[2], glyph.char))
    return out


Key = tuple[str, SourceField, int]  # (article, field, index): one text of an article


@dataclass(frozen=True, slots=True)
class Found:
    """The copy found in one place (a page; the reported text), by the text each piece
    is of: where its pieces start (the first offset) and their text joined, in order of
    start. Counted once per page, so that a rebuild merges pages' texts, not their
    lines, and a build holds a few strings a page, not a record a line."""

    texts: dict[Key, tuple[int, str]]


def grouped(found: Iterable[Placed]) -> Found:
    """`found`, by the text each piece is of."""
    pieces: dict[Key, list[tuple[int, str]]] = defaultdict(list)
    for p in found:
        pieces[(p.article, p.field, p.index)].append((p.start, p.text))
    out = {}
    for key, items in pieces.items():
        items.sort(key=_start_of)
        out[key] = (items[0][0], "".join(t for _start, t in items))
    return Found(out)


def missing(issue: Issue, found: Iterable[Found], unplaced_first: set[str]) -> list[str]:
    """One line per text whose characters are not all accounted for exactly once
    (empty when nothing is lost), given the copy found on each page and elsewhere: the
    places' pieces of a text in order of where they start (a jumping story's parts, page
    by page; pieces interleaved across places, a line of one page among another's, come
    out of order and are not the copy). Articles in `unplaced_first` count as wholly
    reported."""
    where: dict[Key, list[tuple[int, str]]] = defaultdict(list)
    for group in found:
        for key, piece in group.texts.items():
            where[key].append(piece)
    out = []
    for article in issue.articles:
        if article.id in unplaced_first:
            continue
        for (field, index), text in expected(article).items():
            got = _got(where.get((article.id, field, index), []))
            if _canonical(got) != _canonical(text):
                out.append(f"article '{article.id}' {field.value}[{index}]: copy “{_short(text)}” but found "
                           f"“{_short(got)}”")
    return out


def _got(pieces: list[tuple[int, str]]) -> str:
    """A text's pieces from every place it was found, joined in order of start."""
    if len(pieces) == 1:
        return pieces[0][1]
    return "".join(t for _start, t in sorted(pieces, key=_start_of))


def _start_of(piece: tuple[int, str]) -> int:
    return piece[0]


@lru_cache(maxsize=65536)  # a pure function of the text: an unchanged story is compared again on every rebuild
def _canonical(text: str) -> str:
    return unicodedata.normalize("NFKC", "".join(text.split())).translate(VERTICAL_FORMS)


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n] + "…"


def outside(modules: tuple[Module, ...], grid: Grid, metrics: MetricsSet, hanging: bool) -> list[Problem]:
    """A problem for every glyph or photo that lies outside its module's box."""
    problems = []
    for m in modules:
        f = m.frame
        left, right = grid.column_x(f.column), grid.column_x(f.column) + grid.span_width(f.span)
        top, bottom = grid.row_top(f.row), grid.row_top(f.row + f.rows)
        for item in m.items:
            box = _extent(item, metrics)
            if box is None:
                continue
            x0, y0, x1, y1, size = box
            slack = size if hanging else 0.1 * size  # a hanging mark may stand one em outside (clreq §6.1.3);
            # 紧排 takes up to 0.1 em off each advance, which these plain advances do not know
            if x0 < left - TOLERANCE or x1 > right + slack + TOLERANCE or y0 < top - size or y1 > bottom + size:
                problems.append(_outside(m, item, (left, top, right, bottom), (x0, y0, x1, y1)))
    return problems


def _extent(item, metrics: MetricsSet):
    """(x0, y0, x1, y1, size) of an item's ink box, pt; None for what may stand outside."""
    if isinstance(item, Picture):
        return item.x, item.y, item.x + item.width, item.y + item.height, 0.0
    if not isinstance(item, TextRun) or item.kind in NOT_IN_MODULES or not item.glyphs:
        return None
    font = metrics.get(item.role)
    if item.rotation:
        x = item.glyphs[0][1]
        return x, item.baseline, x + item.size, item.baseline + item.size, item.size
    first_char, x0 = item.glyphs[0]
    last_char, last_x = item.glyphs[-1]
    x0 += _blank(first_char) * item.size  # ink, not the em box: a mark's blank may stand outside
    x1 = last_x + (font.advance(last_char) - _blank(last_char)) * item.size
    return x0, item.baseline - ASCENT * item.size, x1, item.baseline, item.size


def _blank(ch: str) -> float:
    """Blank (em) a full-width mark's em box may have outside the measure: half an em
    (clreq §6.3.2.1: a mark's ink fills half its box; ·／ are set half width, centred)."""
    return 0.5 if is_fullwidth(ch) and classify(ch) not in (CharClass.IDEO,) else 0.0


def _outside(m: Module, item, box, ink) -> Problem:
    src = m.article.parts[m.part].source
    what = f"“{_short(item.text)}”" if isinstance(item, TextRun) else _("photo {file}").format(file=item.file.name)
    return Problem(src.file, src.line, f"articles[{m.article.id}]",
                   _("{what} would be drawn outside its module (module {left}–{right} pt across, the text "
                     "{ink_left}–{ink_right} pt): an unbreakable run too long for the column; shorten it or add a "
                     "break (a space) in it").format(what=what, left=f"{box[0]:.0f}", right=f"{box[2]:.0f}",
                                                     ink_left=f"{ink[0]:.0f}", ink_right=f"{ink[2]:.0f}"))

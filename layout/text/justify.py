"""Justification: place every glyph of a line so it is flush at both edges
(clreq §6.2.2): squeeze first, in clreq's order, then stretch. Positions in pt from
the paragraph's left edge (the column edge; the first line's indent included)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

from layout.model.schema import FontRole, Mark
from layout.text.atoms import Atom, Gap, GapKind
from layout.text.classes import CharClass


class Glyph(NamedTuple):
    """One character drawn at `x` (pt from the line's left edge; the glyph's origin),
    advancing the pen by `advance` pt, under an interlinear `mark` if any. A named tuple,
    not a frozen dataclass: a page has tens of thousands (a frozen dataclass costs 4×
    as much to make); it is just as immutable and read by name the same way."""

    char: str
    x: float
    role: FontRole
    advance: float = 0.0
    mark: Mark | None = None


@dataclass(frozen=True, slots=True)
class SetLine:
    """A broken, justified line: glyphs in order, the measure it fills, and whether it
    ends its paragraph (a last line is set flush left, not stretched).

    `left` is where the line's measure starts (the indent of a first line) and `right`
    where its last character ends once squeezed (its pen position; a squeezed mark's
    blank half lies beyond), both pt from the paragraph's left edge like glyph x: the
    line keeps to its measure when `right <= left + width`. `offset` is the character
    offset of the line's first glyph in the paragraph's text."""

    glyphs: tuple[Glyph, ...]
    width: float
    last: bool
    left: float = 0.0
    right: float = 0.0
    offset: int = 0

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)


# clreq §6.2.2 squeeze order after the line-end mark and word spaces: brackets, then
# ，、；： , then the CJK–Latin gap (not below 1/8 em), then 。？！.
SQUEEZE_ORDER = (CharClass.OPEN, CharClass.CLOSE, CharClass.PAUSE, GapKind.CJK_LATIN, CharClass.STOP)
EPS = 1e-9


@dataclass(slots=True)
class _Line:
    """A line's adjustments while it is justified (private, mutable): blank squeezed off
    each atom's left and right, and what each gap gains (negative: loses), pt; index 0 is
    the line's first atom, and `gap[j]` is the gap before atom j."""

    left: list[float]
    right: list[float]
    gap: list[float]


def justify(atoms: tuple[Atom, ...], gaps: tuple[Gap, ...], a: int, b: int, x0: float,
            width: float, last: bool, end_trim: float = 0.0) -> SetLine:
    """Set atoms[a:b] from x0 to x0 + width (a paragraph's last line: from x0, natural).
    `end_trim` is blank the last atom loses at a line end by the punctuation style."""
    m = b - a
    line = _Line([0.0] * m, [0.0] * m, [0.0] * m)
    if atoms[a].cls is CharClass.OPEN:
        line.left[0] = atoms[a].blank_left   # half-width opening bracket at line start
    line.right[m - 1] = end_trim
    natural = sum(map(_WIDTH, atoms[a:b])) + sum(map(_NATURAL, gaps[a + 1:b]))
    excess = natural - line.left[0] - line.right[m - 1] - width
    if excess > EPS:
        _squeeze(atoms, gaps, a, b, excess, line)
    elif excess < -EPS and not last:
        _stretch(gaps, a, b, -excess, line)
    glyphs, right = _place(atoms, gaps, a, b, x0, line)
    return SetLine(glyphs, width, last, x0, right, atoms[a].start)


_WIDTH, _NATURAL = itemgetter(3), itemgetter(1)  # Atom.width, Gap.natural (C-speed sums)


def _squeeze(atoms: tuple[Atom, ...], gaps: tuple[Gap, ...], a: int, b: int, excess: float, line: _Line) -> None:
    """Remove `excess` pt, level by level in clreq's order: the line-end mark's blank,
    word spaces, then SQUEEZE_ORDER; a level is looked at only if the ones before it
    were not enough."""
    for level in _levels(atoms, gaps, a, b, line):
        excess = _take(level, excess)
        if excess <= EPS:
            return


def _levels(atoms: tuple[Atom, ...], gaps: tuple[Gap, ...], a: int, b: int,
            line: _Line) -> Iterator[list[tuple[list[float], int, float, int]]]:
    """The squeeze levels of a line, in clreq §6.2.2 order, as (store, index, room, sign)."""
    end = b - 1
    yield [(line.right, end - a, atoms[end].blank_right - line.right[end - a], 1)]
    yield [(line.gap, i - a, gaps[i].shrink, -1) for i in range(a + 1, b) if gaps[i].kind is GapKind.SPACE]
    for cls in SQUEEZE_ORDER:
        if cls is GapKind.CJK_LATIN:
            yield [(line.gap, i - a, gaps[i].shrink, -1) for i in range(a + 1, b) if gaps[i].kind is GapKind.CJK_LATIN]
            continue
        level = [(line.left, i - a, _room_left(atoms, gaps, a, i) - line.left[i - a], 1)
                 for i in range(a, b) if atoms[i].cls is cls]
        level += [(line.right, i - a, _room_right(atoms, gaps, b, i), 1) for i in range(a, end) if atoms[i].cls is cls]
        yield level


def _room_left(atoms: tuple[Atom, ...], gaps: tuple[Gap, ...], a: int, i: int) -> float:
    """Left blank of atoms[i] not already used by a PAIR squeeze within the line."""
    return atoms[i].blank_left - (gaps[i].took_right if i > a else 0.0)


def _room_right(atoms: tuple[Atom, ...], gaps: tuple[Gap, ...], b: int, i: int) -> float:
    return atoms[i].blank_right - (gaps[i + 1].took_left if i + 1 < b else 0.0)


def _stretch(gaps: tuple[Gap, ...], a: int, b: int, room: float, line: _Line) -> None:
    """clreq §6.2.2.4: word spaces, then CJK–Latin gaps, up to their limits (½ em); the
    rest over the gaps between Chinese characters and marks, evenly; on a line with none,
    over its word spaces. Never inside a Latin run, a —— / …… unit or a squeezed pair of
    marks, and a CJK–Latin gap never past ½ em (clreq §6.3.3): a line with nothing else
    to stretch stays short."""
    kinds = [g.kind for g in gaps[a + 1:b]]  # kinds[j - 1] is the gap before the line's atom j
    for kind in (GapKind.SPACE, GapKind.CJK_LATIN):
        if kind in kinds:
            room = _take([(line.gap, j, gaps[a + j].stretch, 1) for j in range(1, b - a) if kinds[j - 1] is kind], room)
    if room <= EPS:
        return
    for kind in (GapKind.PLAIN, GapKind.SPACE):
        takers = [j for j in range(1, b - a) if kinds[j - 1] is kind]
        if takers:
            share = room / len(takers)
            for j in takers:
                line.gap[j] += share
            return


def _take(level: list[tuple[list[float], int, float, int]], amount: float) -> float:
    """Spread `amount` over the level's (store, index, capacity, sign) items in
    proportion to capacity; return what the level could not absorb."""
    capacity = sum(cap for _, _, cap, _ in level if cap > 0)
    if capacity <= EPS:
        return amount
    share = min(1.0, amount / capacity)
    for store, i, cap, sign in level:
        if cap > 0:
            store[i] += sign * cap * share
    return amount - capacity * share


def _place(atoms: tuple[Atom, ...], gaps: tuple[Gap, ...], a: int, b: int, x0: float,
           line: _Line) -> tuple[tuple[Glyph, ...], float]:
    """The line's glyphs and where its pen ends, pt."""
    out: list[Glyph] = []
    append = out.append
    pen = x0 - gaps[a].natural  # the first atom's gap is the break: it does not count
    for atom, gap, adjust, left, right in zip(atoms[a:b], gaps[a:b], line.gap, line.left, line.right):
        pen += gap.natural + adjust
        text = atom.text
        if len(text) == 1:
            append(_new(Glyph, (text, pen + atom.offset - left, atom.role, atom.advances[0], atom.mark)))
        else:
            x, role, mark = pen + atom.offset - left, atom.role, atom.mark
            for ch, advance in zip(text, atom.advances):
                append(_new(Glyph, (ch, x, role, advance, mark)))
                x += advance
        pen += atom.width - left - right
    return tuple(out), pen


_new = tuple.__new__  # Glyph(*fields) without NamedTuple's argument handling: the hot path

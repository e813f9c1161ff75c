"""Justification: place every glyph of a line so it is flush at both edges
(clreq §6.2.2): squeeze first, in clreq's order, then stretch. Positions in pt from
the line's left edge (the column edge, indent included)."""

from __future__ import annotations

from dataclasses import dataclass

from layout.model.schema import FontRole, Mark
from layout.text.atoms import Atom, Gap, GapKind
from layout.text.classes import CharClass


@dataclass(frozen=True, slots=True)
class Glyph:
    """One character drawn at `x` (pt from the line's left edge; the glyph's origin),
    advancing the pen by `advance` pt, under an interlinear `mark` if any."""

    char: str
    x: float
    role: FontRole
    advance: float = 0.0
    mark: Mark | None = None


@dataclass(frozen=True, slots=True)
class SetLine:
    """A broken, justified line: glyphs in order, the measure it fills, and whether it
    ends its paragraph (a last line is set flush left, not stretched)."""

    glyphs: tuple[Glyph, ...]
    width: float
    last: bool

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)


# clreq §6.2.2 squeeze order after the line-end mark: brackets, then ，、；： , then the
# CJK–Latin gap (not below 1/8 em), then 。？！.
SQUEEZE_ORDER = (CharClass.OPEN, CharClass.CLOSE, CharClass.PAUSE, "cjk-latin", CharClass.STOP)


def justify(atoms: tuple[Atom, ...], gaps: tuple[Gap, ...], a: int, b: int, x0: float,
            width: float, last: bool, end_trim: float = 0.0) -> SetLine:
    """Set atoms[a:b] from x0 to x0 + width (a paragraph's last line: from x0, natural).
    `end_trim` is blank the last atom loses at a line end by the punctuation style."""
    left = {i: 0.0 for i in range(a, b)}    # blank squeezed off each atom's left, pt
    right = {i: 0.0 for i in range(a, b)}
    gap_adj = {i: 0.0 for i in range(a + 1, b)}
    if atoms[a].cls is CharClass.OPEN:
        left[a] = atoms[a].blank_left       # half-width opening bracket at line start
    right[b - 1] = end_trim
    natural = sum(atoms[i].width for i in range(a, b)) + sum(gaps[i].natural for i in range(a + 1, b))
    excess = natural - left[a] - right[b - 1] - width
    if excess > 1e-9:
        _squeeze(atoms, gaps, a, b, excess, left, right, gap_adj)
    elif excess < -1e-9 and not last:
        _stretch(gaps, a, b, -excess, gap_adj)
    return SetLine(tuple(_place(atoms, gaps, a, b, x0, left, right, gap_adj)), width, last)


def _squeeze(atoms, gaps, a, b, excess, left, right, gap_adj) -> None:
    """Remove `excess` pt, level by level in clreq's order. Atom blanks removed are
    recorded as positive amounts in left/right; shrunk gaps as negative gap_adj."""
    end = b - 1
    levels = [[(right, end, atoms[end].blank_right - right[end], 1)],
              [(gap_adj, i, gaps[i].shrink, -1) for i in range(a + 1, b) if gaps[i].kind is GapKind.SPACE]]
    for cls in SQUEEZE_ORDER:
        if cls == "cjk-latin":
            levels.append([(gap_adj, i, gaps[i].shrink, -1) for i in range(a + 1, b)
                           if gaps[i].kind is GapKind.CJK_LATIN])
            continue
        level = [(left, i, _room_left(atoms, gaps, a, i) - left[i], 1) for i in range(a, b) if atoms[i].cls is cls]
        level += [(right, i, _room_right(atoms, gaps, b, i), 1) for i in range(a, end) if atoms[i].cls is cls]
        levels.append(level)
    for level in levels:
        excess = _take(level, excess)
        if excess <= 1e-9:
            return


def _room_left(atoms, gaps, a, i) -> float:
    """Left blank of atoms[i] not already used by a PAIR squeeze within the line."""
    return atoms[i].blank_left - (gaps[i].took_right if i > a else 0.0)


def _room_right(atoms, gaps, b, i) -> float:
    return atoms[i].blank_right - (gaps[i + 1].took_left if i + 1 < b else 0.0)


def _stretch(gaps, a, b, room, gap_adj) -> None:
    """Word spaces, then CJK–Latin gaps, up to their limits; then every gap equally."""
    for kind in (GapKind.SPACE, GapKind.CJK_LATIN):
        room = _take([(gap_adj, i, gaps[i].stretch, 1) for i in range(a + 1, b) if gaps[i].kind is kind], room)
    open_gaps = [i for i in range(a + 1, b) if gaps[i].kind not in (GapKind.NOBREAK, GapKind.PAIR)]
    if room > 1e-9 and open_gaps:
        for i in open_gaps:
            gap_adj[i] += room / len(open_gaps)


def _take(level, amount: float) -> float:
    """Spread `amount` over the level's (store, index, capacity, sign) items in
    proportion to capacity; return what the level could not absorb."""
    capacity = sum(cap for _, _, cap, _ in level if cap > 0)
    if capacity <= 1e-9:
        return amount
    share = min(1.0, amount / capacity)
    for store, i, cap, sign in level:
        if cap > 0:
            store[i] += sign * cap * share
    return amount - capacity * share


def _place(atoms, gaps, a, b, x0, left, right, gap_adj):
    pen = x0
    for i in range(a, b):
        atom = atoms[i]
        if i > a:
            pen += gaps[i].natural + gap_adj[i]
        x = pen + atom.offset - left[i]
        for ch, adv in zip(atom.text, atom.advances):
            yield Glyph(ch, x, atom.role, adv, atom.mark)
            x += adv
        pen += atom.width - left[i] - right[i]

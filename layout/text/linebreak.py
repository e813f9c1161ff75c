"""Optimum-fit line breaking for CJK paragraphs (clreq §6.1, §6.2).

Breaks are chosen for the whole paragraph at once (dynamic programming over break
points, Knuth–Plass style with CJK costs), not line by line:

- a break is allowed between atoms unless the prohibition level forbids the next atom
  at a line start or the previous one at a line end (clreq §6.1.1);
- push-in (squeezing punctuation blanks in the line) is cheaper than push-out (moving a
  character down and stretching the line), as clreq asks;
- a paragraph's last line keeps at least two characters (孤字, clreq §7.1.2).
Widths are in pt.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from layout.text.atoms import Atom, Gap, GapKind
from layout.text.classes import ALWAYS_NO_START, NO_END, NO_START, PUNCT_CLASSES, CharClass, Kinsoku

INFEASIBLE = float("inf")
PROHIBITED = 1e7        # a forbidden break, used only when nothing else fits
NUMBER_UNIT = 3000.0    # splitting a number from the measure word after it (880|套)
LINE_PENALTY = 10.0
EPSILON = 1e-6

# Chinese units and measure words that should stay on the line of their number.
UNITS = set("元亿万千百个名人次套家件条份辆年月日号时分秒米吨斤岁期版项处栋所座余倍户间位台")


@dataclass(frozen=True, slots=True)
class BreakConfig:
    """How to break: the prohibition level and the minimum last-line length."""

    kinsoku: Kinsoku = Kinsoku.GB
    min_last_line: int = 2


@dataclass(frozen=True, slots=True)
class Measure:
    """Line widths of a paragraph, pt: the first line (after the indent) and the rest."""

    first: float
    rest: float

    def of(self, line_index: int) -> float:
        return self.first if line_index == 0 else self.rest


class _Sums:
    """Prefix sums so a candidate line's widths cost O(1) to evaluate."""

    def __init__(self, atoms: tuple[Atom, ...], gaps: tuple[Gap, ...]):
        self.width = [0.0, *accumulate(a.width for a in atoms)]
        self.shrink = [0.0, *accumulate(a.blank_left + a.blank_right for a in atoms)]
        self.gap = [0.0, *accumulate(g.natural for g in gaps)]
        # a PAIR gap has used up blank of its neighbours: it is no longer squeezable
        self.gap_shrink = [0.0, *accumulate(g.shrink - g.took_left - g.took_right for g in gaps)]
        self.chars = [0, *accumulate(0 if a.cls in PUNCT_CLASSES else len(a.text) for a in atoms)]

    def natural(self, a: int, b: int) -> float:
        """Natural width of atoms a..b-1 and the gaps between them."""
        return self.width[b] - self.width[a] + self.gap[b] - self.gap[a + 1]

    def squeezable(self, a: int, b: int) -> float:
        return self.shrink[b] - self.shrink[a] + self.gap_shrink[b] - self.gap_shrink[a + 1]


def allowed_breaks(atoms: tuple[Atom, ...], gaps: tuple[Gap, ...], kinsoku: Kinsoku) -> list[float]:
    """penalty[k] for a break before atom k (k = 1..n-1); penalty[n] = 0 (paragraph end)."""
    no_start, no_end = NO_START[kinsoku] | ALWAYS_NO_START, NO_END[kinsoku]
    penalty = [PROHIBITED] * (len(atoms) + 1)
    penalty[len(atoms)] = 0.0
    for k in range(1, len(atoms)):
        before, after = atoms[k - 1], atoms[k]
        if after.cls in no_start or before.cls in no_end or gaps[k].kind is GapKind.NOBREAK:
            continue
        numberish = before.cls is CharClass.LATIN and before.text[-1].isdigit()
        penalty[k] = NUMBER_UNIT if numberish and after.text[0] in UNITS else 0.0
    return penalty


def break_lines(atoms: tuple[Atom, ...], gaps: tuple[Gap, ...], measure: Measure, size: float,
                config: BreakConfig) -> list[int]:
    """Break positions [0, k1, k2, ..., n]: line i holds atoms[k_i:k_{i+1}]."""
    n = len(atoms)
    if n == 0:
        return [0, 0]
    sums = _Sums(atoms, gaps)
    penalty = allowed_breaks(atoms, gaps, config.kinsoku)
    best = [INFEASIBLE] * (n + 1)   # best total demerits of a paragraph prefix ending at k
    lines = [0] * (n + 1)           # number of lines in that best prefix
    back = [0] * (n + 1)
    best[0] = 0.0
    for b in range(1, n + 1):
        for a in range(b - 1, -1, -1):
            if best[a] == INFEASIBLE:
                continue
            cost = _line_cost(atoms, sums, a, b, measure.of(lines[a]), size, b == n, config)
            if cost is None:  # the line is too long: shorter starts are longer still
                break
            total = best[a] + cost + penalty[b]
            if total < best[b]:
                best[b], back[b], lines[b] = total, a, lines[a] + 1
    if best[n] == INFEASIBLE:
        raise ValueError("no way to break the paragraph")  # every atom alone always fits
    breaks = [n]
    while breaks[-1]:
        breaks.append(back[breaks[-1]])
    return breaks[::-1]


def _line_cost(atoms, sums: _Sums, a: int, b: int, width: float, size: float, last: bool,
               config: BreakConfig) -> float | None:
    """Demerits of a line of atoms a..b-1 at `width`; None when it cannot fit at all."""
    natural = sums.natural(a, b) - _start_trim(atoms[a])
    squeeze = sums.squeezable(a, b) - _start_trim(atoms[a])
    excess = natural - width
    if excess > squeeze + EPSILON:
        return None if b - a > 1 else 1e9  # a lone over-wide atom: emergency only
    if excess > EPSILON:
        badness = 4.0 * (excess / size) ** 2           # push-in: squeeze punctuation
    elif last:
        badness = 0.0
        if sums.chars[b] - sums.chars[a] < config.min_last_line and sums.chars[b] > config.min_last_line:
            badness = 5000.0                           # 孤字 (clreq §7.1.2)
    else:
        per_gap = -excess / max(b - a - 1, 1) / size   # push-out: stretch every gap
        badness = 1000.0 * per_gap ** 2
    return (LINE_PENALTY + badness) ** 2


def _start_trim(atom: Atom) -> float:
    """An opening bracket at a line start sits half-width (clreq §6.3.2)."""
    return atom.blank_left if atom.cls is CharClass.OPEN else 0.0

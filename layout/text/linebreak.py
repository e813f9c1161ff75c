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

from layout.text.atoms import Atom, Gap, GapKind, line_end_trim
from layout.text.config import TextConfig
from layout.text.classes import ALWAYS_NO_START, NO_END, NO_START, PUNCT_CLASSES, CharClass, Kinsoku

INFEASIBLE = float("inf")
PROHIBITED = 1e7        # a forbidden break: never taken while a legal one exists
NUMBER_UNIT = 3000.0    # splitting a number from the measure word after it (880|套)
LINE_PENALTY = 10.0
EPSILON = 1e-6
MAX_STRETCH = 3.0       # em: a non-last line needing more stretch is a last resort
HANG_PENALTY = 150.0    # a hanging mark: taken when it saves a squeeze or a push-out

# Chinese units and measure words that should stay on the line of their number.
UNITS = set("元亿万千百个名人次套家件条份辆年月日号时分秒米吨斤岁期版项处栋所座余倍户间位台")


@dataclass(frozen=True, slots=True)
class Measure:
    """Line widths of a paragraph, pt: the first line (after the indent) and the rest."""

    first: float
    rest: float


class _Sums:
    """Prefix sums so a candidate line's widths cost O(1) to evaluate: the natural width
    of atoms a..b-1 is width[b] - width[a] + gap[b] - gap[a + 1] (gap a is at the break)."""

    def __init__(self, atoms: tuple[Atom, ...], gaps: tuple[Gap, ...]):
        self.width = [0.0, *accumulate(a.width for a in atoms)]
        self.shrink = [0.0, *accumulate(a.blank_left + a.blank_right for a in atoms)]
        self.gap = [0.0, *accumulate(g.natural for g in gaps)]
        # a PAIR gap has used up blank of its neighbours: it is no longer squeezable
        self.gap_shrink = [0.0, *accumulate(g.shrink - g.took_left - g.took_right for g in gaps)]
        self.chars = [0, *accumulate(0 if a.cls in PUNCT_CLASSES else len(a.text) for a in atoms)]



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


@dataclass(frozen=True, slots=True)
class Breaks:
    """Where the lines of a paragraph break: line i holds atoms[positions[i]:positions[i+1]];
    `hung` holds the line ends whose last mark hangs outside the measure (clreq §6.1.3)."""

    positions: tuple[int, ...]
    hung: frozenset[int] = frozenset()


def break_lines(atoms: tuple[Atom, ...], gaps: tuple[Gap, ...], measure: Measure, size: float,
                config: TextConfig) -> Breaks:
    """Choose the breaks of the whole paragraph (least total demerits).

    Prohibited breaks are never taken while any legal set of breaks exists; lines that
    would need more than MAX_STRETCH em of stretch only when nothing else works."""
    n = len(atoms)
    if n == 0:
        return Breaks((0, 0))
    sums = _Sums(atoms, gaps)
    penalty = allowed_breaks(atoms, gaps, config.kinsoku)
    trim = [_start_trim(atom) for atom in atoms] + [0.0]
    end_trim = [line_end_trim(atom, config) for atom in atoms]
    hang = [_hang_width(atom, config) for atom in atoms]
    # Tiers: legal breaks with sane stretch; legal breaks with any stretch; then, only
    # when no legal break exists at all, prohibited breaks at a heavy penalty.
    for max_stretch, hard in ((MAX_STRETCH * size, True), (float("inf"), True), (float("inf"), False)):
        found = _search(n, sums, penalty, trim, end_trim, hang, measure, size, max_stretch,
                        config.min_last_line, hard)
        if found is not None:
            back, hung_at = found
            positions = [n]
            while positions[-1]:
                positions.append(back[positions[-1]])
            ends = frozenset(b for b in positions if hung_at[b])
            return Breaks(tuple(positions[::-1]), ends)
    raise ValueError("no way to break the paragraph")  # unreachable: every atom alone fits


def _hang_width(atom: Atom, config: TextConfig) -> float:
    """Width a line-end mark may hang outside the measure: one pause or stop mark, when
    the issue allows hanging punctuation (clreq §6.1.3)."""
    if config.hanging and atom.cls in (CharClass.PAUSE, CharClass.STOP) and len(atom.text) == 1:
        return atom.width
    return 0.0


def _search(n, sums: _Sums, penalty, trim, end_trim, hang, measure: Measure, size, max_stretch, min_last,
            hard: bool):
    """The dynamic programme: best[b] = least demerits of a paragraph prefix ending at b.
    Written flat (no per-candidate calls): it is the text stage's hot loop. Returns the
    back pointers and, per break, whether its line's last mark hangs; None if no way."""
    width_sum, shrink_sum, gap_sum, gap_shrink_sum, chars = sums.width, sums.shrink, sums.gap, sums.gap_shrink, sums.chars
    first, rest = measure.first, measure.rest
    best = [INFEASIBLE] * (n + 1)
    lines = [0] * (n + 1)
    back = [0] * (n + 1)
    hung_at = [False] * (n + 1)
    best[0] = 0.0
    total_chars = chars[n]
    short = 0  # first start whose line (to b) is too short; never decreases as b grows
    for b in range(1, n + 1):
        last = b == n
        if hard and penalty[b] >= PROHIBITED:
            continue  # no line may end here (clreq §6.1.1)
        best_b, back_b, lines_b, hung_b = INFEASIBLE, 0, 0, False
        if last:
            candidates = range(b - 1, -1, -1)
        else:  # starts at or after `short` give lines too short for a full line
            while short < b and width_sum[b] - width_sum[short] + gap_sum[b] - gap_sum[short + 1] >= rest - max_stretch:
                short += 1
            candidates = range(short - 1, -1, -1) if short > 0 else (0,)  # 0: the shorter first line
        options = ((end_trim[b - 1], 0.0, False),) if not hang[b - 1] or last else \
            ((end_trim[b - 1], 0.0, False), (hang[b - 1], HANG_PENALTY, True))
        for cut, extra, hung in options:
            wb, gb, sb, gsb = width_sum[b] - cut, gap_sum[b], shrink_sum[b] - min(cut, shrink_sum[b] - shrink_sum[b - 1]), gap_shrink_sum[b]
            for a in candidates:
                if best[a] == INFEASIBLE:
                    continue
                t = trim[a]
                natural = wb - width_sum[a] + gb - gap_sum[a + 1] - t
                width = first if lines[a] == 0 else rest
                excess = natural - width
                if excess > sb - shrink_sum[a] + gsb - gap_shrink_sum[a + 1] - t + EPSILON:
                    if b - a > 1:
                        break  # longer lines (smaller a) are longer still
                    badness = 1e9  # a lone over-wide atom: emergency only
                elif excess > EPSILON:
                    badness = 4.0 * (excess / size) ** 2  # push-in: squeeze punctuation
                elif last:
                    badness = 5000.0 if chars[b] - chars[a] < min_last < total_chars else 0.0  # 孤字
                elif -excess > max_stretch:
                    continue  # far too short; a longer line (smaller a) may still do
                else:
                    per_gap = -excess / max(b - a - 1, 1) / size  # push-out: stretch every gap
                    badness = 1000.0 * per_gap * per_gap
                total = best[a] + (LINE_PENALTY + badness) ** 2 + penalty[b] + extra
                if total < best_b:
                    best_b, back_b, lines_b, hung_b = total, a, lines[a] + 1, hung
        best[b], back[b], lines[b], hung_at[b] = best_b, back_b, lines_b, hung_b
    return (back, hung_at) if best[n] < INFEASIBLE else None


def _start_trim(atom: Atom) -> float:
    """An opening bracket at a line start sits half-width (clreq §6.3.2)."""
    return atom.blank_left if atom.cls is CharClass.OPEN else 0.0

"""Optimum-fit line breaking for CJK paragraphs (clreq §6.1, §6.2).

Breaks are chosen for the whole paragraph at once (dynamic programming over break
points, Knuth–Plass style with CJK costs), not line by line:

- a break is allowed between atoms unless the prohibition level forbids the next atom
  at a line start or the previous one at a line end (clreq §6.1.1);
- push-in (squeezing punctuation blanks in the line) is cheaper than push-out (moving a
  character down and stretching the line), as clreq asks;
- a stretched line costs by its most visible gap: the stretch the gaps between Chinese
  characters take once word spaces and CJK–Latin gaps are at their limits (as
  layout.text.justify spreads it); any push-out costs LOOSE, and one where the next
  character would have fitted (an exact fit was there) AVOIDABLE on top, so a line is
  spread by choice only where that spares a worse line (a number kept with its unit,
  an unbreakable Latin run) or a rule needs it (孤字);
- a paragraph's last line keeps at least two characters (孤字, clreq §7.1.2);
- a line never runs past its measure: a Latin run breaks at its URL and hyphen points
  (layout.text.latin) and, as the last resort, between letters (atoms.split_wide).
Widths are in pt.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import accumulate
from operator import add, itemgetter

from layout.text.atoms import Atom, Gap, GapKind, line_end_trim
from layout.text.classes import (
    ALWAYS_NO_START,
    NO_END,
    NO_START,
    NO_START_TEXT,
    PUNCT_CLASSES,
    CharClass,
    Kinsoku,
    PunctStyle,
)
from layout.text.config import TextConfig

INFEASIBLE = float("inf")
PROHIBITED = 1e12       # a forbidden break: never taken while a legal one exists
EMERGENCY = 1e8         # a break between two letters of a run wider than the line
OFF_LIST = 1e6          # a legal break the paragraph did not list (ParagraphStyle.breaks)
NUMBER_UNIT = 1e5       # splitting a number from the measure word after it (880|套)
AFTER_MIDDOT = 200.0    # a break after the interpunct that joins the parts of a name (约翰·|史密斯)
IN_RANGE = 1e5          # a break after the connector of a number range (9:00—|21:00, 3～|5日), GB/T 15834 §4.13;
#                         one before it is prohibited (the connector would start the line)
RANGE_MARKS = frozenset("—～〜–")  # a connector (连接号) standing alone between two numbers
LINE_PENALTY = 10.0
EPSILON = 1e-6
MAX_STRETCH = 3.0       # em: a non-last line needing more stretch is a last resort
HANG_PENALTY = 150.0    # a hanging mark: taken when it saves a squeeze or a push-out
ORPHAN = 5000.0         # badness of a last line shorter than TextConfig.min_last_line
LOOSE = 20.0            # badness of any line stretched (push-out): an exact fit is preferred
RAGGED = 30.0           # badness per em a line with no gap to stretch (a URL piece) falls short
GOOD_ENOUGH = 1e6       # demerits of a paragraph a wider tier could not better by much
AVOIDABLE = 100.0       # badness of a push-out where the next character would have fitted
LIMITED_FULL = 10.0     # badness of word spaces and CJK–Latin gaps stretched to their ½-em limit

# What a break inside a Latin run costs, by the gap it replaces (layout.text.latin).
INSIDE_WORD_COST = {GapKind.LINK: 50.0, GapKind.HYPHEN: 300.0, GapKind.LETTER: EMERGENCY}

# Chinese units and measure words that should stay on the line of their number.
UNITS = set("元亿万千百个名人次套家件条份辆年月日号时分秒米吨斤岁期版项处栋所座余倍户间位台")


@dataclass(frozen=True, slots=True)
class Measure:
    """Line widths of a paragraph, pt: the first line (after the indent) and the rest."""

    first: float
    rest: float


class _Sums:
    """Prefix sums so a candidate line's widths cost O(1) to evaluate: the natural width
    of atoms a..b-1 is width[b] - width[a] + gap[b] - gap[a + 1] (gap a is at the break).
    Built with C-level maps: this runs once per paragraph over every atom."""

    def __init__(self, atoms: tuple[Atom, ...], gaps: tuple[Gap, ...]):
        self.width = [0.0, *accumulate(map(_WIDTH, atoms))]
        self.shrink = [0.0, *accumulate(map(add, map(_BLANK_LEFT, atoms), map(_BLANK_RIGHT, atoms)))]
        self.gap = [0.0, *accumulate(map(_NATURAL, gaps))]
        # per distinct gap (most are the same few objects): squeeze left, stretch room,
        # whether it is a limited (word space, CJK–Latin) or a plain gap
        derived = {key: _derived(g) for key, g in dict(zip(map(id, gaps), gaps)).items()}
        rows = list(map(derived.__getitem__, map(id, gaps)))
        self.gap_shrink = [0.0, *accumulate(map(_FIRST, rows))]
        self.room = [0.0, *accumulate(map(_SECOND, rows))]
        self.limited = [0, *accumulate(map(_THIRD, rows))]
        self.plain = [0, *accumulate(map(_FOURTH, rows))]


def _derived(gap: Gap) -> tuple[float, float, int, int]:
    """(squeeze, stretch room, limited?, plain?) of a gap. A PAIR gap has used up the
    blank of its neighbours: it is no longer squeezable."""
    limited = gap.kind is GapKind.SPACE or gap.kind is GapKind.CJK_LATIN
    return (gap.shrink - gap.took_left - gap.took_right, gap.stretch if limited else 0.0, int(limited),
            int(gap.kind is GapKind.PLAIN))


_WIDTH, _BLANK_LEFT, _BLANK_RIGHT, _NATURAL = itemgetter(3), itemgetter(4), itemgetter(5), itemgetter(1)
_FIRST, _SECOND, _THIRD, _FOURTH = itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(3)


def allowed_breaks(atoms: tuple[Atom, ...], gaps: tuple[Gap, ...], kinsoku: Kinsoku,
                   preferred: frozenset[int] | None = None, restrict: bool = False) -> list[float]:
    """penalty[k] for a break before atom k (k = 1..n-1); penalty[n] = 0 (paragraph end).

    With `preferred` (character offsets where a line may start), a break elsewhere is
    PROHIBITED when `restrict`, else costs OFF_LIST on top."""
    no_start, no_end, no_start_text = NO_START[kinsoku] | ALWAYS_NO_START, NO_END[kinsoku], NO_START_TEXT
    penalty = [PROHIBITED] * (len(atoms) + 1)
    penalty[len(atoms)] = 0.0
    listed = sorted(preferred) if preferred is not None else None
    inside, latin, middot = INSIDE_WORD_COST, CharClass.LATIN, CharClass.MIDDOT
    for k in range(1, len(atoms)):
        before, after = atoms[k - 1], atoms[k]
        if after.cls in no_start or before.cls in no_end or after.text in no_start_text:
            continue
        cost = inside.get(gaps[k].kind, 0.0)
        if before.cls is latin and before.text[-1].isdigit() and after.text[0] in UNITS:
            cost += NUMBER_UNIT
        elif before.cls is middot:
            cost += AFTER_MIDDOT
        if _beside_range(atoms, k):
            if after.text[:1] in RANGE_MARKS:
                continue  # a range's connector never starts a line (GB/T 15834 §4.13: 2023|—2025)
            cost += IN_RANGE
        if listed is not None and not _listed(listed, before.start + len(before.text), after.start):
            if restrict:
                continue
            cost += OFF_LIST
        penalty[k] = cost
    return penalty


def _beside_range(atoms: tuple[Atom, ...], k: int) -> bool:
    """True when the break before atom k falls on either side of a range connector
    between two numbers (9:00—21:00, 3～5; the connector an atom of its own or the end
    or start of a Latin run's piece): the range reads as one."""
    before, after = atoms[k - 1].text, atoms[k].text
    if after[:1] in RANGE_MARKS:  # 9:00|—21:00, 3|～|5
        following = after[1:2] or (atoms[k + 1].text[:1] if k + 1 < len(atoms) else "")
        return before[-1:].isdigit() and following.isdigit()
    if before[-1:] in RANGE_MARKS:  # 9:00—|21:00, 3|～|5
        preceding = before[-2:-1] or (atoms[k - 2].text[-1:] if k >= 2 else "")
        return preceding.isdigit() and after[:1].isdigit()
    return False


def _listed(listed: list[int], lo: int, hi: int) -> bool:
    """True when a listed offset lies in [lo, hi] (the end of one atom to the start of
    the next: the spaces between them)."""
    i = bisect.bisect_left(listed, lo)
    return i < len(listed) and listed[i] <= hi


@dataclass(frozen=True, slots=True)
class Breaks:
    """Where the lines of a paragraph break: line i holds atoms[positions[i]:positions[i+1]];
    `hung` holds the line ends whose last mark hangs outside the measure (clreq §6.1.3)."""

    positions: tuple[int, ...]
    hung: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class _Tier:
    """One attempt of the search: how much stretch a line may take, whether prohibited
    (or unlisted) breaks are out, and whether a lone atom may be wider than its line."""

    max_stretch: float  # em
    hard: bool
    overfull: bool
    restrict: bool = False


# Legal breaks with at most 1 em, then 3 em of stretch a line; legal breaks with any
# stretch; then, only when no legal set exists, prohibited breaks at a heavy penalty; a
# line over its measure only when a single character is wider than the measure. A tier's
# answer is kept only if it is GOOD_ENOUGH (no 孤字, no letter break, no prohibited
# break): else the next tier is tried too and the better answer wins.
TIERS = (_Tier(1.0, True, False), _Tier(MAX_STRETCH, True, False), _Tier(INFEASIBLE, True, False),
         _Tier(INFEASIBLE, False, False), _Tier(INFEASIBLE, False, True))
RESTRICTED = (_Tier(MAX_STRETCH, True, False, True), _Tier(INFEASIBLE, True, False, True))


def break_lines(atoms: tuple[Atom, ...], gaps: tuple[Gap, ...], measure: Measure, size: float,
                config: TextConfig, preferred: frozenset[int] | None = None) -> Breaks:
    """Choose the breaks of the whole paragraph (least total demerits).

    Prohibited breaks are never taken while any legal set of breaks exists; lines that
    would need more than MAX_STRETCH em of stretch only when nothing else works; with
    `preferred` offsets, other breaks only when the listed ones cannot make lines."""
    n = len(atoms)
    if n == 0:
        return Breaks((0, 0))
    problem = _Problem(atoms, gaps, measure, size, config)
    best: _Found | None = None
    groups = (RESTRICTED, TIERS) if preferred is not None else (TIERS,)
    for group in groups:  # the listed breaks alone if they can make lines at all, else any
        penalty = allowed_breaks(atoms, gaps, config.kinsoku, preferred, group is RESTRICTED)
        fits = _next_fits(problem, penalty)
        for tier in group:
            found = _search(problem, penalty, tier, fits)
            if found is not None and (best is None or found.demerits < best.demerits):
                best = found
            if best is not None and best.demerits < GOOD_ENOUGH:
                break  # a wider tier only adds worse lines
        if best is not None:
            break
    if best is None:
        raise ValueError("no way to break the paragraph")  # unreachable: every atom alone fits the last tier
    positions = [n]
    while positions[-1]:
        positions.append(best.back[positions[-1]])
    return Breaks(tuple(positions[::-1]), frozenset(b for b in positions if best.hung_at[b]))


@dataclass(frozen=True, slots=True)
class _Found:
    """A tier's answer: the least demerits and, per break, the line's start and whether
    its last mark hangs."""

    demerits: float
    back: list[int]
    hung_at: list[bool]


def _hang_width(atom: Atom, config: TextConfig) -> float:
    """Width a line-end mark may hang outside the measure: one pause or stop mark, when
    the issue allows hanging punctuation (clreq §6.1.3)."""
    if config.hanging and atom.cls in (CharClass.PAUSE, CharClass.STOP) and len(atom.text) == 1:
        return atom.width
    return 0.0


class _Problem:
    """What every tier of the search shares, computed once per paragraph, pt. For a line
    of atoms a..b-1: its natural width is `nat_end[b] - nat_start[a]`; its excess over
    the measure `end[b] - start[a]` (folding in the gap at the break, the half-width
    opening bracket at a line start, clreq §6.3.2, and the first line's shorter
    measure); the squeeze it can take `can_end[b] - can_start[a]`."""

    def __init__(self, atoms: tuple[Atom, ...], gaps: tuple[Gap, ...], measure: Measure, size: float,
                 config: TextConfig):
        n = len(atoms)
        self.n, self.size, self.measure, self.min_last = n, size, measure, config.min_last_line
        self.sums = sums = _Sums(atoms, gaps)
        opening = CharClass.OPEN
        trim = [atom.blank_left if atom.cls is opening else 0.0 for atom in atoms]
        self.end_trim = [line_end_trim(atom, config) for atom in atoms] \
            if config.punct_style is PunctStyle.HANGMOBANJIAO else [0.0] * n
        self.hang = [_hang_width(atom, config) for atom in atoms] if config.hanging else [0.0] * n
        width, gap, shrink, gap_shrink = sums.width, sums.gap, sums.shrink, sums.gap_shrink
        self.nat_start = list(map(add, width[:n], gap[1:]))
        self.nat_end = list(map(add, width, gap))
        self.start = list(map(add, self.nat_start, trim))
        self.start[0] += measure.first - measure.rest
        self.can_start = list(map(add, map(add, shrink[:n], gap_shrink[1:]), trim))
        self.tail_chars = _tail_chars(atoms, self.nat_end, 2 * measure.rest)
        self.latin = [atom.cls is CharClass.LATIN for atom in atoms]
        # a line from a fits up to break b when fit_end[b] <= fit_start[a] (squeezed as far as it goes)
        self.fit_end = [INFEASIBLE] + [self.nat_end[b] - self.end_trim[b - 1] - measure.rest - shrink[b]
                                       - gap_shrink[b] - EPSILON for b in range(1, n + 1)]
        self.fit_start = [start - can for start, can in zip(self.start, self.can_start)]


def _tail_chars(atoms: tuple[Atom, ...], nat_end: list[float], reach: float) -> dict[int, int]:
    """start → characters (not marks) from `start` to the paragraph's end, for the starts
    a last line could have (within `reach` pt of the end): what the 孤字 rule counts."""
    out: dict[int, int] = {}
    count = 0
    for a in range(len(atoms) - 1, -1, -1):
        if atoms[a].cls not in PUNCT_CLASSES:
            count += len(atoms[a].text)
        out[a] = count
        if nat_end[-1] - nat_end[a] > reach:
            break
    return out


def _next_fits(problem: _Problem, penalty: list[float]) -> list[float]:
    """For the push-out test: a line a..b-1 could take the next one or two atoms, up to a
    legal break, and still fit (squeezed if need be) when fits[b] <= problem.fit_start[a]."""
    fit_end = problem.fit_end
    masked = [end if pen < PROHIBITED else INFEASIBLE for end, pen in zip(fit_end, penalty)]
    return [*map(min, masked[1:], masked[2:] + [INFEASIBLE]), INFEASIBLE]


def _search(problem: _Problem, penalty: list[float], tier: _Tier, fits: list[float]) -> _Found | None:
    """The dynamic programme: best[b] = least demerits of a paragraph prefix ending at b.
    Written flat (no per-candidate calls): it is the text stage's hot loop. Returns the
    back pointers and, per break, whether its line's last mark hangs; None if no way."""
    n, size, sums = problem.n, problem.size, problem.sums
    shrink_sum, gap_shrink_sum = sums.shrink, sums.gap_shrink
    room_sum, limited_sum, plain_sum = sums.room, sums.limited, sums.plain
    tail_chars, latin = problem.tail_chars, problem.latin
    nat_start, nat_end, starts, cans = problem.nat_start, problem.nat_end, problem.start, problem.can_start
    end_trim, hang, min_last = problem.end_trim, problem.hang, problem.min_last
    rest = problem.measure.rest
    max_stretch = tier.max_stretch * size
    hard, overfull = tier.hard, tier.overfull
    best = [INFEASIBLE] * (n + 1)
    back = [0] * (n + 1)
    hung_at = [False] * (n + 1)
    best[0] = 0.0
    total_chars = tail_chars[0] if 0 in tail_chars else min_last + 1  # a long paragraph
    per_pt2 = 1000.0 / (size * size)  # stretch badness: 1000 per em² of the widest gap
    squeeze_pt2 = 4.0 / (size * size)  # squeeze badness: 4 per em² squeezed
    too_short = rest - max_stretch
    next_fit, fit_start = fits, problem.fit_start
    avoidable = AVOIDABLE
    inf, eps, line_penalty, orphan = INFEASIBLE, EPSILON, LINE_PENALTY, ORPHAN  # locals: the loop is hot
    limited_full, loose, ragged = LIMITED_FULL, LOOSE, RAGGED / size
    short = 0  # first start whose line (to b) is too short; never decreases as b grows
    for b in range(1, n + 1):
        pen_b = penalty[b]
        if hard and pen_b >= PROHIBITED:
            continue  # no line may end here (clreq §6.1.1)
        last = b == n
        best_b, back_b, hung_b = inf, 0, False
        if last:
            candidates: range | tuple[int, ...] = range(b - 1, -1, -1)
        else:  # starts at or after `short` give lines too short for a full line
            reach = nat_end[b] - too_short
            while short < b and nat_start[short] <= reach:
                short += 1
            candidates = range(short - 1, -1, -1) if short > 0 else (0,)  # 0: the shorter first line
        cut = end_trim[b - 1]
        options = ((cut, 0.0, False),) if not hang[b - 1] or last else \
            ((cut, 0.0, False), (hang[b - 1], HANG_PENALTY, True))
        rb, lb, pb = room_sum[b], limited_sum[b], plain_sum[b]
        for cut, extra, hung in options:
            end = nat_end[b] - cut - rest
            can = shrink_sum[b] + gap_shrink_sum[b] + eps
            if cut:  # the blank cut off (or the mark hung) is no longer there to squeeze
                can -= min(cut, shrink_sum[b] - shrink_sum[b - 1])
            base = pen_b + extra
            for a in candidates:
                prior = best[a]
                if prior == inf:
                    continue
                excess = end - starts[a]
                if excess > can - cans[a]:
                    if b - a > 1 or not overfull:
                        break  # longer lines (smaller a) are longer still
                    badness = 1e9  # a lone over-wide atom: the very last resort
                elif excess > eps:
                    badness = squeeze_pt2 * excess * excess  # push-in: squeeze punctuation
                elif last:
                    badness = orphan if tail_chars.get(a, min_last) < min_last < total_chars else 0.0  # 孤字
                elif excess > -eps:
                    badness = 0.0
                elif -excess > max_stretch:
                    continue  # far too short; a longer line (smaller a) may still do
                else:  # push-out, spread as justify spreads it: word spaces and CJK–Latin
                    # gaps up to their room first (clreq allows them ½ em: that costs
                    # LIMITED_FULL when full), the rest over the plain gaps
                    stretch, room = -excess, rb - room_sum[a + 1]
                    if next_fit[b] <= fit_start[a]:  # the next character would have fitted: a push-out by choice
                        stretch_cost = avoidable
                    else:
                        stretch_cost = 0.0
                    if stretch <= room:
                        badness = limited_full * (stretch / room) ** 2 + loose + stretch_cost
                    else:
                        plain = pb - plain_sum[a + 1]
                        limited = lb - limited_sum[a + 1]
                        if plain or limited:  # past ½ em only where no plain gap can take it
                            over = (stretch - room) / (plain or 0.5 * limited)
                            badness = limited_full * (room > 0) + per_pt2 * over * over + loose + stretch_cost
                        elif latin[a]:  # pieces of one Latin run: nothing to stretch, the line stays short
                            badness = ragged * stretch + loose + stretch_cost
                        else:  # one lone character on a line of its own
                            badness = 4.0 * per_pt2 * stretch * stretch + loose + stretch_cost
                demerits = line_penalty + badness
                total = prior + demerits * demerits + base
                if total < best_b:
                    best_b, back_b, hung_b = total, a, hung
        best[b], back[b], hung_at[b] = best_b, back_b, hung_b
    return _Found(best[n], back, hung_at) if best[n] < INFEASIBLE else None

"""Headline stacks (引题 / 主题 / 副题): sized to fit, broken between words, set on
whole grid rows.

The main headline shrinks from its size toward its minimum until it fits the module in
at most `headline_lines` lines. Display lines break only between words and phrases
(`layout.compose.phrases`), never inside a word or a short quotation, and where the
user wrote a line feed; the lines of a multi-line element break at the best-ranked
boundaries (layout.text.segment.BreakRank) and are balanced, and a headline that could
only break inside a compound is set up to BREAK_STEPS points smaller if that avoids it.
The whole stack takes a whole number of grid rows (clreq §7.1.1) with its lines centred
in them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from layout.compose.grid import ASCENT, Grid
from layout.compose.items import SourceField, TextRun
from layout.compose.phrases import display_breaks, display_costs, legal_breaks
from layout.compose.textset import Align, Origins, aligned_offset, line_extent, runs, set_display, trace
from layout.model.schema import Article, FontRole, RunKind
from layout.text.atoms import Span
from layout.text.classes import CharClass, classify
from layout.text.justify import SetLine
from layout.text.metrics import Metrics, MetricsSet
from layout.text.segment import BreakRank

LEADING = 1.2      # line advance inside a headline element, × size
ELEMENT_GAP = 0.3  # space between kicker, headline and subhead, × the smaller size
BREAK_STEPS = 2   # points a headline may shrink to break at a better place (_smaller_for_a_break)
SPACED_SHRINK = 0.25  # share of its size a headline with spaces may shrink to break at them
POOR_BREAK = BreakRank.COMPOUND.cost  # from this penalty on, a break is worth a smaller size
PAUSE_BREAK = BreakRank.CLAUSE.cost  # below this, a break is at a space or a pause mark
SAFETY = 0.25      # em kept free when planning lines from plain advances (squeezes are not planned)


@dataclass(frozen=True, slots=True)
class StackElement:
    kind: RunKind
    lines: tuple[SetLine, ...]
    size: float
    role: FontRole
    align: Align = Align.CENTRE
    field: SourceField = SourceField.HEADLINE
    origins: tuple[Origins, ...] = ()

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LEADING


@dataclass(frozen=True, slots=True)
class HeadlineStack:
    """The set stack and the grid rows it takes. `shrunk`: the headline needs more lines
    than it may have even at its smallest size; `too_wide`: a line is wider than the
    module (an unbreakable run)."""

    elements: tuple[StackElement, ...]
    rows: int
    shrunk: bool
    too_wide: bool = False

    @property
    def fits(self) -> bool:
        return not (self.shrunk or self.too_wide)


EMPTY = HeadlineStack((), 0, False)


BOX_PAD = 0.5  # grid pitches of space a boxed headline stack keeps round it (elsewhere one pitch)


def build_stack(article: Article, width: float, grid: Grid, metrics: MetricsSet,
                continuation: bool = False) -> HeadlineStack:
    """Set the article's headline stack for a module `width` pt wide (inside its side
    margins). A continuation (转版 part) repeats the headline only, at its smallest size."""
    elements: list[StackElement] = []
    style = article.style
    if article.kicker and not continuation:
        elements.append(_element(RunKind.KICKER, SourceField.KICKER, article.kicker, style.kicker_size,
                                 FontRole(article.kicker_font), width, metrics))
    shrunk = False
    if article.headline:
        headline, shrunk = _fit_headline(article, width, metrics, continuation)
        elements.append(replace(headline, origins=()) if continuation else headline)  # a repeat: not the copy
    if article.subhead and not continuation:
        elements.append(_element(RunKind.SUBHEAD, SourceField.SUBHEAD, article.subhead, style.subhead_size,
                                 FontRole(article.subhead_font), width, metrics))
    if not elements:
        return EMPTY
    total = sum(e.height for e in elements) + _gaps(elements)
    too_wide = any(line_extent(line, e.size, metrics) > width + 0.01 for e in elements for line in e.lines)
    pad = grid.pitch * (BOX_PAD if article.box else 1.0)  # a box's rule already sets the stack off
    return HeadlineStack(tuple(elements), grid.rows_for(total + pad), shrunk, too_wide)


def _gaps(elements: list[StackElement] | tuple[StackElement, ...]) -> float:
    return sum(ELEMENT_GAP * min(a.size, b.size) for a, b in zip(elements, elements[1:]))


def _element(kind: RunKind, field: SourceField, text: str, size: float, role: FontRole, width: float,
             metrics: MetricsSet, tracking: float = 0.0, align: Align = Align.CENTRE) -> StackElement:
    lines = display_lines(text, size, role, width, metrics, tracking, align)
    return StackElement(kind, lines, size, role, align, field, trace(lines, ((field, 0, text),)))


def _fit_headline(article: Article, width: float, metrics: MetricsSet,
                  continuation: bool) -> tuple[StackElement, bool]:
    style = article.style
    align = Align(style.align)
    role = FontRole(article.headline_font)  # Hei bold by default; Song, bold Song, Kai (clreq §7.1.3.2)
    size = style.headline_min_size if continuation else style.headline_size
    most = max(style.headline_lines, 2) if continuation else style.headline_lines
    pieces = [p.strip() for p in article.headline.split("\n") if p.strip()]
    unit = [_prefix_widths(p, 1.0, role, metrics, style.tracking) for p in pieces]  # widths at 1 pt
    while size > style.headline_min_size and \
            sum(_fewest_lines(u, p, width, size) for u, p in zip(unit, pieces)) > most:
        size = max(style.headline_min_size, size - 1)
    size = _smaller_for_a_break(unit, pieces, width, size, style.headline_min_size)
    element = _element(RunKind.HEADLINE, SourceField.HEADLINE, article.headline, size, role, width,
                       metrics, style.tracking, align)
    return element, len(element.lines) > most


def _smaller_for_a_break(unit: Sequence[Sequence[float]], pieces: Sequence[str], width: float, size: float,
                         smallest: float) -> float:
    """`size`, or up to BREAK_STEPS points smaller when the lines can then break at a
    better place than inside a noun compound or next to a one-character word, in as
    many lines or fewer (公办小学 / 课后服务 rather than 课后 / 服务); in a headline with
    spaces, better means at its spaces (or pause marks) only, and it may shrink by up
    to SPACED_SHRINK of its size for that."""
    lines = sum(_fewest_lines(u, p, width, size) for u, p in zip(unit, pieces))
    worst = _worst_break(unit, pieces, width, size)
    spaced = any(_spaces(p) for p in pieces)  # the editor's spaces: where the headline is meant to break
    tries = [(PAUSE_BREAK, max(BREAK_STEPS, int(size * SPACED_SHRINK)))] if spaced else []
    for good, steps in [*tries, (POOR_BREAK, BREAK_STEPS)]:
        if worst is not None and worst < good:
            return size
        for step in range(1, steps + 1):
            smaller = size - step
            if smaller < smallest or sum(_fewest_lines(u, p, width, smaller) for u, p in zip(unit, pieces)) > lines:
                break
            better = _worst_break(unit, pieces, width, smaller)
            if better is not None and better < good:
                return smaller
    return size


def _worst_break(unit: Sequence[Sequence[float]], pieces: Sequence[str], width: float,
                 size: float) -> float | None:
    """The greatest penalty among the breaks the balanced lines of `pieces` take at
    `size` pt (layout.text.segment.BreakRank), None when they need a break that is no
    word boundary."""
    worst = 0.0
    for u, text in zip(unit, pieces):
        if _spaces(text) and balanced_cuts([w * size for w in u], _spaces(text), width - SAFETY * size) is not None:
            continue  # set at its spaces (_piece_lines tries them first)
        costs = display_costs(text)
        cuts = balanced_cuts([w * size for w in u], display_breaks(text), width - SAFETY * size, costs)
        if cuts is None:
            return None
        worst = max([worst, *(costs.get(c, 1.0) for c in cuts[1:-1])])
    return worst


def _fewest_lines(unit: Sequence[float], text: str, width: float, size: float) -> int:
    """Lines `text` needs at `size` pt in `width` pt, breaking between words where it can
    (greedy: as much on each line as fits gives the fewest lines)."""
    room = width / size - SAFETY
    for breaks in (_spaces(text), display_breaks(text), legal_breaks(text)):
        points = sorted({0, len(text), *(b for b in breaks if 0 < b < len(text))})
        lines, at, ok = 0, 0, True
        while at < len(text):
            reach = [b for b in points if b > at and unit[b] - unit[at] <= room]
            if not reach:
                ok = False
                break
            at, lines = reach[-1], lines + 1
        if ok:
            return lines
    return len(text)  # an unbreakable run: the engine breaks it; plenty of lines


def display_lines(text: str, size: float, role: FontRole, width: float, metrics: MetricsSet,
                  tracking: float = 0.0, align: Align = Align.CENTRE) -> tuple[SetLine, ...]:
    """Display text (headlines, kickers, subheads) broken into as few lines as fit
    `width` pt, each piece the user separated by a line feed on lines of its own; lines
    break between words and phrases and come out balanced."""
    out: list[SetLine] = []
    for piece in (p.strip() for p in text.split("\n")):
        if piece:
            out += _piece_lines(piece, size, role, width, metrics, tracking, align)
    return tuple(out)


def _piece_lines(text: str, size: float, role: FontRole, width: float, metrics: MetricsSet,
                 tracking: float, align: Align) -> list[SetLine]:
    spans = (Span(text, role),)
    prefix = _prefix_widths(text, size, role, metrics, tracking)
    room = width - SAFETY * size
    ranked = display_costs(text)
    for breaks, costs in ((_spaces(text), None), (display_breaks(text), ranked), (legal_breaks(text), None)):
        cuts = balanced_cuts(prefix, breaks, room, costs)
        if cuts is not None:
            lines = [_set_one(text[a:b], size, role, width, metrics, tracking, align) for a, b in zip(cuts, cuts[1:])]
            if all(len(line) == 1 for line in lines):
                return [line[0] for line in lines]
    return list(set_display(spans, size, width, metrics, align, tracking))  # unbreakable: the engine's last resort


def _spaces(text: str) -> frozenset[int]:
    """Where the user put a space between two phrases of a headline (主题 with a space):
    the preferred breaks, when the lines they give fit."""
    return frozenset(k for k in range(1, len(text)) if text[k - 1].isspace() and not text[k].isspace())


def _set_one(text: str, size: float, role: FontRole, width: float, metrics: MetricsSet, tracking: float,
             align: Align) -> tuple[SetLine, ...]:
    return set_display((Span(text, role),), size, width, metrics, align, tracking)


def _prefix_widths(text: str, size: float, role: FontRole, metrics: MetricsSet,
                   tracking: float) -> tuple[float, ...]:
    """widths[k] = planned width of text[:k], pt: advances, tracking and the ¼-em
    CJK–Latin spaces (clreq §6.3.3)."""
    return _prefix(text, size, metrics.get(role), tracking)


@lru_cache(maxsize=4096)  # keyed by content: a font's metrics compare by its file's hash
def _prefix(text: str, size: float, font: Metrics, tracking: float) -> tuple[float, ...]:
    out = [0.0]
    for i, ch in enumerate(text):
        gap = size / 4 if i and _mixed(text[i - 1], ch) else 0.0
        out.append(out[-1] + font.advance(ch) * size + tracking * size + gap)
    return tuple(out)


def _mixed(a: str, b: str) -> bool:
    ideo_a, ideo_b = classify(a) is CharClass.IDEO, classify(b) is CharClass.IDEO
    return (ideo_a and b.isascii() and b.isalnum()) or (ideo_b and a.isascii() and a.isalnum())


def balanced_cuts(prefix: Sequence[float], breaks: frozenset[int], room: float,
                  costs: Mapping[int, float] | None = None) -> list[int] | None:
    """Cut offsets (0, …, n) of the fewest lines no wider than `room` that break only at
    `breaks`; None when some stretch between breaks is wider than `room`. Without
    `costs`, the longest line as short as possible (then the lengths as even as possible);
    with them (a penalty per break, layout.text.segment.BreakRank), the least sum of the
    breaks' penalties and the lines' spread (each line's distance from the mean width,
    squared, over `room` squared): a better break is worth a less even pair of lines."""
    n = len(prefix) - 1
    points = sorted({0, n, *(b for b in breaks if 0 < b < n)})
    fewest = _greedy_count(prefix, points, room)
    return None if fewest is None else _best_split(prefix, points, fewest, room, costs)


def _greedy_count(prefix: Sequence[float], points: list[int], room: float) -> int | None:
    """The fewest lines breaking only at `points` (as much on each line as fits), or None."""
    lines, at, k = 0, 0, 0
    while at < points[-1]:
        best = None
        while k + 1 < len(points) and prefix[points[k + 1]] - prefix[at] <= room:
            k += 1
            best = points[k]
        if best is None or best == at:
            return None
        at, lines = best, lines + 1
    return lines


def _best_split(prefix: Sequence[float], points: list[int], lines: int, room: float,
                costs: Mapping[int, float] | None = None) -> list[int] | None:
    """The split of `points` into `lines` lines minimising (longest, sum of squares), or
    with `costs` (penalties + spread, longest)."""
    m = len(points)
    inf = (float("inf"), float("inf"))
    mean = prefix[points[-1]] / lines
    # cost[k][j]: best split of points[0..j] into k lines
    cost = [[inf] * m for _ in range(lines + 1)]
    back = [[0] * m for _ in range(lines + 1)]
    cost[0][0] = (0.0, 0.0)
    for k in range(1, lines + 1):
        for j in range(1, m):
            for i in range(j):
                if cost[k - 1][i] == inf:
                    continue
                w = prefix[points[j]] - prefix[points[i]]
                if w > room:
                    continue
                if costs is None:
                    c = (max(cost[k - 1][i][0], w), cost[k - 1][i][1] + w * w)
                else:
                    penalty = costs.get(points[j], 1.0) if j < m - 1 else 0.0
                    c = (cost[k - 1][i][0] + penalty + ((w - mean) / room) ** 2, max(cost[k - 1][i][1], w))
                if c < cost[k][j]:
                    cost[k][j], back[k][j] = c, i
    if cost[lines][m - 1] == inf:
        return None
    cuts, j = [points[m - 1]], m - 1
    for k in range(lines, 0, -1):
        j = back[k][j]
        cuts.append(points[j])
    return cuts[::-1]


def stack_runs(stack: HeadlineStack, x: float, width: float, top_row: int, grid: Grid,
               metrics: MetricsSet, article: str) -> list[TextRun]:
    """Text runs of the stack, centred in `width` and vertically in its rows."""
    total = sum(e.height for e in stack.elements) + _gaps(stack.elements)
    y = grid.row_top(top_row) + (stack.rows * grid.pitch - total) / 2
    out: list[TextRun] = []
    previous = None
    for element in stack.elements:
        if previous is not None:
            y += ELEMENT_GAP * min(previous.size, element.size)
        for i, line in enumerate(element.lines):
            baseline = y + (LEADING - 1) / 2 * element.size + ASCENT * element.size
            dx = aligned_offset(line, element.size, width, metrics, element.align)
            origins = element.origins[i] if element.origins else ()
            out += runs(line, x, baseline, element.size, article, element.kind, dx, origins)
            y += element.size * LEADING
        previous = element
    return out


__all__ = ["HeadlineStack", "build_stack", "display_lines", "stack_runs", "line_extent"]

"""Automatic placement: fill the page's free rectangles with modules, in reading order,
leaving no hole (天窗).

The packer sees only numbers: free rectangles of whole columns × grid rows, and for each
article (in reading order) the spans it may take, each with the fewest and most rows its
module can have and the cost of every height between (`Leaf`, measured by
`layout.compose.measure`). `GuillotinePacker` searches the layouts a layout editor
draws — the area cut across or down, again and again, each piece holding a run of
articles in order — for the cheapest that covers every rectangle exactly: first every
height within its range, so no module leaves a hole; failing that, modules may be taller
than their copy (holes, costed and reported by the caller) and articles that cannot fit
beside the ones before them are left out, the rest still placed. One grid row separates
modules stacked in a column (the rule); modules side by side share the gutter. Another
strategy can be swapped in behind the `Packer` protocol.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

HOLE_COST = 400.0   # per grid cell a relaxed layout leaves empty
SLACKS = (4, 8, 16, 32)  # rows beyond its copy a module may take, tried in turn when no layout has no hole
CANDIDATES = 6      # heights tried for the upper piece of a horizontal cut
HOLE_ROWS = 4       # an empty run this tall in a column is a hole


@dataclass(frozen=True, slots=True)
class Rect:
    """Free area: 0-based first column, span, first page row, rows."""

    column: int
    span: int
    row: int
    rows: int


@dataclass(frozen=True, slots=True)
class Leaf:
    """An article at one span: its module may be `need`..`most` rows tall, at costs[h - need]."""

    span: int
    need: int
    most: int
    costs: tuple[float, ...]
    clean: bool = True  # False: every height leaves a hole (only a relaxed search takes it)

    def cost(self, rows: int, slack: int) -> float | None:
        """The cost of a module `rows` tall; up to `slack` rows beyond `most` cost as holes."""
        if not (self.clean or slack):
            return None
        if self.need <= rows <= self.most:
            return self.costs[rows - self.need]
        if self.most < rows <= self.most + slack:
            return self.costs[-1] + (rows - self.most) * self.span * HOLE_COST
        return None


@dataclass(frozen=True, slots=True)
class PackProblem:
    """Rectangles to fill (in reading order) and, per article in reading order, its
    leaves by span; `alternatives` are other ways of cutting the same free area into
    rectangles (or of ordering them), tried too."""

    rects: tuple[Rect, ...]
    leaves: tuple[tuple[Leaf, ...], ...]
    alternatives: tuple[tuple[Rect, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Slot:
    """Article `index` placed at `column`, `span`, `row`, `rows`."""

    index: int
    column: int
    span: int
    row: int
    rows: int


@dataclass(frozen=True, slots=True)
class PackSolution:
    slots: tuple[Slot, ...]
    unplaced: tuple[int, ...]
    relaxed: bool  # True when no layout without holes was found


class Packer(Protocol):
    def pack(self, problem: PackProblem) -> PackSolution: ...


class GuillotinePacker:
    """The search described in the module docstring: every article with no hole, in the
    order listed; failing that, in orders with one article moved later (a little out of
    reading order beats a hole); then modules allowed ever more rows beyond what their
    copy fills (holes); then only the articles that cannot fit beside the earlier ones
    left out (`_kept`)."""

    def pack(self, problem: PackProblem) -> PackSolution:
        exact = self._exact(problem)
        return exact if exact is not None else self._relaxed(problem)

    def _exact(self, problem: PackProblem) -> PackSolution | None:
        """A layout with no hole, in the listed order or with one article moved later."""
        layouts = list(dict.fromkeys((problem.rects,) + problem.alternatives))
        n = len(problem.leaves)
        if not _could_fill(problem):
            return None
        for order in _orders(n):
            permuted = replace(problem, leaves=tuple(problem.leaves[i] for i in order))
            search = _Search(permuted, 0, layouts)
            found = [f for rects in layouts if (f := search.solve(n, rects)) is not None]
            if found:
                slots = min(found, key=lambda f: f[0])[1]
                return PackSolution(tuple(replace(s, index=order[s.index]) for s in slots), (), False)
        return None

    def _relaxed(self, problem: PackProblem) -> PackSolution:
        """The articles that can be placed at all (`_kept`), with no hole if they can
        (in an order with one moved later), else with the fewest holes in their order."""
        n = len(problem.leaves)
        layouts = list(dict.fromkeys((problem.rects,) + problem.alternatives + (_columns(problem.rects),)))
        kept = _kept(problem, layouts)
        unplaced = tuple(i for i in range(n) if i not in kept)
        sub = replace(problem, leaves=tuple(problem.leaves[i] for i in kept))
        exact = self._exact(sub) if unplaced else None
        if exact is not None:
            return PackSolution(tuple(replace(s, index=kept[s.index]) for s in exact.slots), unplaced, False)
        limit = max((r.rows for r in problem.rects), default=0)
        slacks = [0] + [s for s in SLACKS if s < limit] + [limit]
        found: list[tuple[float, tuple[Slot, ...], int]] = []
        for level, slack in enumerate(slacks):
            search = _Search(sub, slack, layouts)
            found += [(f[0], f[1], slack) for rects in layouts if (f := search.solve(len(kept), rects)) is not None]
            if found and (found[0][2] == 0 or level + 1 < len(slacks) and slacks[level] > 2 * found[0][2]):
                break  # no hole; or a level more than the first that fitted has been tried
        if not found:  # not reached: `_kept` keeps only what a search at the last level places
            return PackSolution((), tuple(range(n)), True)
        cost, slots, slack = min(found, key=lambda f: f[0])
        return PackSolution(tuple(replace(s, index=kept[s.index]) for s in slots), unplaced, slack > 0)


def _columns(rects: tuple[Rect, ...]) -> tuple[Rect, ...]:
    """The rectangles cut into single columns, in reading order: a layout in which a
    column may be left empty (a hole, for a relaxed search) beside an article too narrow
    to fill its rectangle's width, where a piece inside a rectangle may not be empty."""
    cut = (Rect(r.column + c, 1, r.row, r.rows) for r in rects for c in range(r.span))
    return tuple(sorted(cut, key=lambda r: (r.row, r.column)))


def _kept(problem: PackProblem, layouts: list[tuple[Rect, ...]]) -> tuple[int, ...]:
    """The articles to place, in the order to place them, when not all can be: each in
    reading order is kept if it still fits beside those kept before it (holes allowed), so
    the lead and earlier articles win; one left out is then tried again at every place in
    that order, nearest its own first, beside all those kept. What is left out cannot fit
    beside the others in any layout searched, so the room it needs is really not free."""
    n = len(problem.leaves)
    everything = tuple(range(n))
    if _fits(problem, everything, layouts):
        return everything
    kept: list[int] = []
    for i in everything:
        if _fits(problem, (*kept, i), layouts):
            kept.append(i)
    for d in (i for i in everything if i not in kept):
        home = sum(1 for k in kept if k < d)
        for p in sorted(range(len(kept) + 1), key=lambda p: (abs(p - home), p)):
            trial = (*kept[:p], d, *kept[p:])
            if _fits(problem, trial, layouts):
                kept = list(trial)
                break
    return tuple(kept)


def _fits(problem: PackProblem, order: tuple[int, ...], layouts: list[tuple[Rect, ...]]) -> bool:
    """Whether the articles in `order` (indices, in that reading order) can be placed at
    all, modules as tall as need be (holes allowed): by the heights' masks alone."""
    if any(not problem.leaves[i] for i in order):
        return False
    limit = max((r.rows for rects in layouts for r in rects), default=0)
    search = _Search(replace(problem, leaves=tuple(problem.leaves[i] for i in order)), limit, layouts)
    return any(search.fills(len(order), rects) for rects in layouts)


def _could_fill(problem: PackProblem) -> bool:
    """Whether the articles could fill the free area exactly at all, by area alone (in any
    order): each module and the rule row under it take between need × span and
    (most + 1) × span cells. Saves searching every order when the page is over- or underfull."""
    area = sum(r.rows * r.span for r in problem.rects)
    clean = [[leaf for leaf in leaves if leaf.clean] for leaves in problem.leaves]
    if not all(clean):
        return False
    low = sum(min(leaf.need * leaf.span for leaf in leaves) for leaves in clean)
    high = sum(max((leaf.most + 1) * leaf.span for leaf in leaves) for leaves in clean)
    return low <= area <= high


def _orders(n: int):
    """The listed order, then every order with one article moved later: by one place,
    then further, the earliest articles staying put longest."""
    yield tuple(range(n))
    for distance in range(1, n):
        for i in range(n - distance):
            order = list(range(n))
            order.insert(i + distance, order.pop(i))
            yield tuple(order)


class _Search:
    """One search: masks of the heights each run of articles can fill at each span,
    then the cheapest cut tree, memoized (private state). `slack`: rows a module may
    have beyond what its copy fills (0: no hole anywhere)."""

    def __init__(self, problem: PackProblem, slack: int, layouts=None):
        self.problem, self.slack = problem, slack
        self.relaxed = slack > 0
        self.limit = max((r.rows for rects in (layouts or [problem.rects]) for r in rects), default=0)
        self.full = (1 << (self.limit + 1)) - 1
        self.leaves = [{leaf.span: leaf for leaf in leaves} for leaves in problem.leaves]
        self._masks: dict[tuple[int, int, int], int] = {}
        cheapest = [min((min(leaf.costs) for leaf in leaves), default=0.0) for leaves in problem.leaves]
        self._floor = [0.0]
        for c in cheapest:
            self._floor.append(self._floor[-1] + max(0.0, c))  # floor[j+1] - floor[i]: no run i..j costs less
        self._solved: dict[tuple[int, int, int, int], tuple[float, tuple] | None] = {}

    # ------------------------------------------------------------------ the outer assignment

    def solve(self, n: int, rects: tuple[Rect, ...] | None = None) -> tuple[float, tuple[Slot, ...]] | None:
        """(cost, slots) for articles 0..n-1 over all the rectangles, or None. The heights
        and sub-rectangle solutions are shared by every cut of the area solved here."""
        rects = self.problem.rects if rects is None else rects
        best: dict[tuple[int, int], tuple[float, list] | None] = {}

        def assign(k: int, i: int):
            if k == len(rects):
                return (0.0, []) if i == n else None
            key = (k, i)
            if key in best:
                return best[key]
            rect, found = rects[k], None
            for j in range(i - 1, n):
                here = self._empty(rect) if j < i else self._solve(rect.span, rect.rows, i, j)
                if here is None:
                    continue
                rest = assign(k + 1, j + 1)
                if rest is not None and (found is None or here[0] + rest[0] < found[0]):
                    found = (here[0] + rest[0], [(rect, here[1])] + rest[1])
            best[key] = found
            return found

        result = assign(0, 0)
        if result is None:
            return None
        slots: list[Slot] = []
        for rect, plan in result[1]:
            slots += _realize(plan, rect.column, rect.row)
        return result[0], tuple(slots)

    def fills(self, n: int, rects: tuple[Rect, ...]) -> bool:
        """Whether articles 0..n-1 can fill the rectangles, in order (the masks alone: what
        `solve` would find a layout for, without costing one)."""
        known: dict[tuple[int, int], bool] = {}

        def assign(k: int, i: int) -> bool:
            if k == len(rects):
                return i == n
            if (k, i) not in known:
                rect = rects[k]
                known[(k, i)] = any(
                    (self._empty(rect) is not None if j < i else bool(self.mask(rect.span, i, j) >> rect.rows & 1))
                    and assign(k + 1, j + 1) for j in range(i - 1, n))
            return known[(k, i)]

        return assign(0, 0)

    def _empty(self, rect: Rect) -> tuple[float, tuple] | None:
        if rect.rows < HOLE_ROWS:
            return (0.0, ("empty",))
        return (rect.rows * rect.span * HOLE_COST, ("empty",)) if self.slack >= self.limit else None

    # ------------------------------------------------------------------ feasible heights

    def mask(self, span: int, i: int, j: int) -> int:
        """Bit h set: articles i..j can exactly fill `span` columns × h rows."""
        key = (span, i, j)
        if key in self._masks:
            return self._masks[key]
        if i == j:
            leaf = self.leaves[i].get(span)
            if leaf and not (leaf.clean or self.relaxed):
                leaf = None
            top = min(self.limit, leaf.most + self.slack) if leaf else -1
            out = (self.full >> (self.limit - top + leaf.need)) << leaf.need if leaf and leaf.need <= top else 0
        else:
            out = 0
            for m in range(i, j):
                out |= _sum(self.mask(span, i, m), self.mask(span, m + 1, j)) & self.full
                for left in range(1, span):
                    out |= self.mask(left, i, m) & self.mask(span - left, m + 1, j)
        self._masks[key] = out
        return out

    # ------------------------------------------------------------------ the cheapest tree

    def _solve(self, span: int, rows: int, i: int, j: int) -> tuple[float, tuple] | None:
        if not self.mask(span, i, j) >> rows & 1:
            return None
        key = (span, rows, i, j)
        if key in self._solved:
            return self._solved[key]
        best: tuple[float, tuple] | None = None
        if i == j:
            cost = self.leaves[i][span].cost(rows, self.slack)
            best = None if cost is None else (cost, ("leaf", i, span, rows))
        for m in range(i, j):
            rest = self._floor[j + 1] - self._floor[m + 1]  # the least the second piece can cost
            for top in _choose(self._tops(span, rows, i, m, j)):
                a = self._solve(span, top, i, m)
                if a is None or (best is not None and a[0] + rest >= best[0]):
                    continue
                b = self._solve(span, rows - 1 - top, m + 1, j)
                if b and (best is None or a[0] + b[0] < best[0]):
                    best = (a[0] + b[0], ("across", top, a[1], b[1]))
            for left in range(1, span):
                a = self._solve(left, rows, i, m)
                if a is None or (best is not None and a[0] + rest >= best[0]):
                    continue
                b = self._solve(span - left, rows, m + 1, j)
                if b and (best is None or a[0] + b[0] < best[0]):
                    best = (a[0] + b[0], ("down", left, a[1], b[1]))
        self._solved[key] = best
        return best

    def _tops(self, span: int, rows: int, i: int, m: int, j: int) -> list[int]:
        """Heights of the upper piece (articles i..m) that leave the lower (m+1..j) a
        height it can fill, below the rule row."""
        upper, lower = self.mask(span, i, m), self.mask(span, m + 1, j)
        return [t for t in _bits(upper) if t <= rows - 2 and lower >> (rows - 1 - t) & 1]


def _choose(tops: list[int]) -> list[int]:
    """At most CANDIDATES of the heights, spread from the lowest to the highest."""
    if len(tops) <= CANDIDATES:
        return tops
    step = (len(tops) - 1) / (CANDIDATES - 1)
    return sorted({tops[round(k * step)] for k in range(CANDIDATES)})


def _sum(a: int, b: int) -> int:
    """Heights a + 1 + b (two pieces stacked with the rule row between) for every a in
    mask `a` and b in mask `b`."""
    out = 0
    for low, high in _runs(a):
        out |= _smear(b, high - low) << (low + 1)
    return out


def _smear(x: int, n: int) -> int:
    """x | x << 1 | … | x << n."""
    result, width = x, 1
    while width <= n:
        step = min(width, n - width + 1)
        result |= result << step
        width += step
    return result


def _runs(x: int):
    """(first, last) bit of each run of set bits of x, lowest first."""
    while x:
        low = (x & -x).bit_length() - 1
        t = x >> low
        length = (t ^ (t + 1)).bit_length() - 1
        yield low, low + length - 1
        x &= ~(((1 << length) - 1) << low)


def _bits(x: int) -> list[int]:
    out: list[int] = []
    for low, high in _runs(x):
        out += range(low, high + 1)
    return out


def _realize(plan: tuple, column: int, row: int) -> list[Slot]:
    """The slots of a cut tree whose piece starts at (column, row)."""
    kind = plan[0]
    if kind == "empty":
        return []
    if kind == "leaf":
        _, index, span, rows = plan
        return [Slot(index, column, span, row, rows)]
    _, size, first, second = plan
    if kind == "across":
        return _realize(first, column, row) + _realize(second, column, row + size + 1)
    return _realize(first, column, row) + _realize(second, column + size, row)

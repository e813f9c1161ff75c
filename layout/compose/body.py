"""A module's body area: its text columns under the headline stack, photos taking the
top rows of some of them, and how the body text is fitted into them.

Rows here are relative to the top of the body area (0 = the first row under the stack).
Text reads down each column, then on to the next (clreq §7.1.1); a column segment
shorter than `min_rows` lines is never used (a reader would not follow one or two lines
before the jump to the next column); columns end level (齐栏): all at the same row or,
when the lines do not divide evenly, the later ones one line higher.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from layout.flow import FlowResult, FlowUnit, Profile, Region, fill, fill_kept, flow

UNUSED = 10**6  # rows "taken" at the top of a column that holds no text
GAP = 4         # rows empty at a column's foot that a reader sees as a hole (天窗)


@dataclass(frozen=True, slots=True)
class BodyArea:
    """The text columns of a module: their left edges and width in pt (absolute), the
    base column each starts in, and the rows at the top of each taken by photos."""

    xs: tuple[float, ...]
    width: float
    columns: tuple[int, ...]
    taken: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class BodyFit:
    """Where the text goes: per column, its segment (first row, rows) relative to the body
    top, or None when the column holds no text; `rows` is the body's height (the lowest
    segment end)."""

    segments: tuple[tuple[int, int] | None, ...]
    rows: int


def segments(area: BodyArea, ends: tuple[int, ...], min_rows: int) -> tuple[tuple[int, int] | None, ...]:
    """Each column's segment from under its photos down to its end; too short: None."""
    out: list[tuple[int, int] | None] = []
    for taken, end in zip(area.taken, ends):
        rows = end - taken
        out.append((taken, rows) if rows >= min_rows else None)
    return tuple(out)


def regions(area: BodyArea, segs: tuple[tuple[int, int] | None, ...], top: int) -> tuple[Region, ...]:
    """Flow regions of the segments, the body top at page row `top`."""
    return tuple(Region(area.columns[j], top + seg[0], seg[1], area.xs[j]) for j, seg in enumerate(segs) if seg)


def pour(units: tuple[FlowUnit, ...], area: BodyArea, segs, top: int = 0) -> FlowResult:
    return flow(units, regions(area, segs, top))


WIDOW_ROWS = 1  # rows an `uneven` body may grow to leave no widow or orphan line (孤行) at a column's top or foot


def balanced(p: Profile, area: BodyArea, min_rows: int, level: bool = True, uneven: bool = False) -> BodyFit:
    """The lowest body that holds every unit, its columns level (齐栏: ends differing by
    at most one row, the longer columns first) when `level`. Short copy uses fewer
    columns rather than segments under `min_rows`. `uneven`: a row deeper when that leaves
    no widow or orphan line (孤行), even if a keep then leaves a column two lines short
    (an arrangement with a row to spare weighs that against the widow: measure.WIDOW_COST;
    the lowest body, what a module needs, stays as it is)."""
    if not p.rows:
        return BodyFit(tuple(None for _ in area.taken), 0)
    for used in range(len(area.taken), 0, -1):
        fit = _balanced_in(p, area, used, min_rows, level, uneven)
        if fit is not None:
            return fit
    return _balanced_in(p, area, 1, 1, level) or BodyFit((None,) * len(area.taken), 0)


def _balanced_in(p: Profile, area: BodyArea, used: int, min_rows: int, level: bool,
                 uneven: bool = False) -> BodyFit | None:
    """The balanced fit using only the first `used` columns, or None when the copy is too
    short for them (a segment would be under `min_rows`)."""
    total = sum(p.rows) - p.space[0]
    narrowed = replace(area, taken=area.taken[:used] + (UNUSED,) * (len(area.taken) - used))
    low = max(max(p.rows), -(-(total + sum(area.taken[:used])) // used))
    found: BodyFit | None = None  # the lowest fit, when it leaves a widow or an orphan line
    for rows in range(low, low + total + max(area.taken[:used]) + 2):
        if found is not None and rows > found.rows + (WIDOW_ROWS if uneven else 0):
            return found
        segs = segments(narrowed, tuple(rows for _ in area.taken), min_rows)
        if not any(segs) or fill(p, _capacities(segs)) is None:
            continue
        final = _levelled(p, narrowed, rows, min_rows) if level else segs
        if used > 1 and _short_segment(p, final, min_rows):
            final = segs  # levelling left a column too short: end them all at `rows`
            if _short_segment(p, final, min_rows):
                return found
        if _gap(p, final):
            continue  # a heading kept with its text leaves a hole at a column foot: one row more
        if (found is None and not uneven) or fill_kept(p, _capacities(final)):
            return BodyFit(final, rows)
        found = found or BodyFit(final, rows)  # a row more may part no paragraph's line from it
    return found


def widowed(p: Profile, segs) -> bool:
    """True when the units flow into `segs` only with a widow or orphan line."""
    return not fill_kept(p, _capacities(segs))


def _gap(p: Profile, segs) -> bool:
    """True when a column before the last one the text reaches ends GAP rows or more
    short of its segment (a subhead that may not end a column moved on, 背题)."""
    caps = _capacities(segs)
    counts = fill(p, caps) or ()
    last = max((i for i, c in enumerate(counts) if c), default=-1)
    return any(cap - c >= GAP for cap, c in zip(caps[:last], counts[:last]))


def _short_segment(p: Profile, segs, min_rows: int) -> bool:
    """True when some column the text reaches holds fewer than `min_rows` lines."""
    counts = fill(p, _capacities(segs)) or ()
    return any(0 < c < min_rows for c in counts) or 0 in counts[:len([c for c in counts if c])]


def _capacities(segs) -> tuple[int, ...]:
    return tuple(seg[1] for seg in segs if seg)


def _levelled(p: Profile, area: BodyArea, rows: int, min_rows: int):
    """Column segments for a level body of `rows`: the fewest columns ending at `rows`,
    the rest one row higher, that still hold everything (found by bisection: more full
    columns hold more)."""
    n = len(area.taken)

    def segs_for(full_columns: int):
        return segments(area, tuple(rows if j < full_columns else rows - 1 for j in range(n)), min_rows)

    low, high = 1, n  # segs_for(n) holds everything (the caller checked)
    while low < high:
        mid = (low + high) // 2
        if fill(p, _capacities(segs_for(mid))) is not None:
            high = mid
        else:
            low = mid + 1
    return segs_for(low)


def full(area: BodyArea, rows: int, min_rows: int, keep_last: int = 0) -> tuple[tuple[int, int] | None, ...]:
    """Every column to `rows` (a module whose text runs on elsewhere, or is over); the
    last segment `keep_last` rows shorter (the row kept for 转第X版)."""
    segs = list(segments(area, tuple(rows for _ in area.taken), min_rows))
    live = [j for j, s in enumerate(segs) if s]
    if keep_last and live:
        last = segs[live[-1]]
        assert last is not None  # a live segment
        first, n = last
        segs[live[-1]] = (first, n - keep_last) if n - keep_last > 0 else None
    return tuple(segs)

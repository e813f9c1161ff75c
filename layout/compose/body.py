"""A module's body area: its text columns under the headline stack, photos taking the
top rows of some of them, and how the body text is fitted into them.

Rows here are relative to the top of the body area (0 = the first row under the stack).
Text reads down each column, then on to the next (clreq §7.1.1); a column segment
shorter than `min_rows` lines is never used (a reader would not follow one or two lines
before the jump to the next column); columns end level (齐栏): all at the same row or,
when the lines do not divide evenly, the later ones one line higher.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.flow import FlowResult, FlowUnit, Region, flow


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


def balanced(units: tuple[FlowUnit, ...], area: BodyArea, min_rows: int, level: bool = True) -> BodyFit:
    """The lowest body that holds every unit, its columns level (齐栏: ends differing by
    at most one row, the longer columns first) when `level`. Short copy uses fewer
    columns rather than segments under `min_rows`."""
    if not units:
        return BodyFit(tuple(None for _ in area.taken), 0)
    for used in range(len(area.taken), 0, -1):
        fit = _balanced_in(units, area, used, min_rows, level)
        if fit is not None:
            return fit
    return _balanced_in(units, area, 1, 1, level) or BodyFit((None,) * len(area.taken), 0)


def _balanced_in(units, area: BodyArea, used: int, min_rows: int, level: bool) -> BodyFit | None:
    """The balanced fit using only the first `used` columns, or None when the copy is too
    short for them (a segment would be under `min_rows`)."""
    total = sum(u.rows for u in units) - units[0].space_before
    taken = area.taken[:used] + (10**6,) * (len(area.taken) - used)
    low = max(max(u.rows for u in units), -(-(total + sum(area.taken[:used])) // used))
    for rows in range(low, low + total + max(area.taken[:used]) + 2):
        narrowed = BodyArea(area.xs, area.width, area.columns, taken)
        segs = segments(narrowed, tuple(rows for _ in taken), min_rows)
        if not any(segs) or pour(units, area, segs).remainder.units:
            continue
        final = _levelled(units, narrowed, rows, min_rows) if level else segs
        if used > 1 and _short_last(pour(units, area, final), final, min_rows):
            return None
        return BodyFit(final, rows)
    return None


def _short_last(result: FlowResult, segs, min_rows: int) -> bool:
    """True when the last column with text holds fewer than `min_rows` lines."""
    used = [u for u, s in zip(result.used, [s for s in segs if s]) if u]
    return bool(used) and used[-1] < min_rows


def _levelled(units, area: BodyArea, rows: int, min_rows: int):
    """Column segments for a level body of `rows`: the fewest columns ending at `rows`,
    the rest one row higher, that still hold everything."""
    n = len(area.taken)
    for full in range(1, n + 1):
        segs = segments(area, tuple(rows if j < full else rows - 1 for j in range(n)), min_rows)
        if not pour(units, area, segs).remainder.units:
            return segs
    return segments(area, tuple(rows for _ in range(n)), min_rows)


def full(area: BodyArea, rows: int, min_rows: int, keep_last: int = 0) -> tuple[tuple[int, int] | None, ...]:
    """Every column to `rows` (a module whose text runs on elsewhere, or is over); the
    last segment `keep_last` rows shorter (the row kept for 转第X版)."""
    segs = list(segments(area, tuple(rows for _ in area.taken), min_rows))
    live = [j for j, s in enumerate(segs) if s]
    if keep_last and live:
        first, n = segs[live[-1]]
        segs[live[-1]] = (first, n - keep_last) if n - keep_last > 0 else None
    return tuple(segs)

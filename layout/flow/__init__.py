"""Flow stage: already-broken lines into column regions on the grid.

Lines are broken before flow (style.md §3); flow only asks "does this unit fit in
the rows left in this column?". A unit is a body line (one row) or an in-text subhead
block (its lines plus a row of space, kept with the line after it). What does not fit
is returned as a named `Remainder` (overset), never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from layout.text.justify import SetLine


class UnitKind(Enum):
    BODY = "body"
    QUOTE = "quote"      # a line of a block quotation
    SUBHEAD = "subhead"


@dataclass(frozen=True, slots=True)
class FlowUnit:
    """Lines that travel together and the grid rows they take.

    `line_rows[i]` is the row offset of lines[i] inside the unit; its first
    `space_before` rows are space that is dropped at the top of a column;
    `keep_with_next` means the unit may never end a column (a subhead above its text);
    `keep_lines` asks the same where the grid allows: a paragraph's first line (no
    orphan at a column foot) and its last-but-one (no widow at a column top)."""

    kind: UnitKind
    lines: tuple[SetLine, ...]
    line_rows: tuple[int, ...]
    rows: int
    size: float
    keep_with_next: bool = False
    block: int = 0  # index of the body block the lines come from
    space_before: int = 0
    keep_lines: bool = False
    origins: tuple = ()  # per line, where its glyphs come from (opaque here: set and read by the composer)


@dataclass(frozen=True, slots=True)
class Region:
    """A column slot: column index (0-based, page-wide base column, or the text column of
    a split measure), first row and row count; `x` is its left edge in pt when the
    composer set it (split measures), else None."""

    column: int
    row: int
    rows: int
    x: float | None = None


@dataclass(frozen=True, slots=True)
class Placed:
    unit: FlowUnit
    region: Region
    row: int  # page row of the unit's first row


@dataclass(frozen=True, slots=True)
class Remainder:
    """Units that did not fit (overset), in reading order."""

    units: tuple[FlowUnit, ...]

    @property
    def lines(self) -> int:
        return sum(len(u.lines) for u in self.units)

    @property
    def text(self) -> str:
        return "".join(line.text for u in self.units for line in u.lines)


@dataclass(frozen=True, slots=True)
class FlowResult:
    placed: tuple[Placed, ...]
    remainder: Remainder
    used: tuple[int, ...]  # rows used in each region


def flow(units: tuple[FlowUnit, ...], regions: tuple[Region, ...], soft: bool = True) -> FlowResult:
    """Fill `regions` in order, top to bottom; what is left is the remainder. With
    `soft`, widow and orphan lines are avoided too (clreq §7.1.2, "where the grid allows":
    if that leaves text over, flow again without)."""
    result = _flow(units, regions, soft)
    if soft and result.remainder.units:
        plain = _flow(units, regions, False)
        if len(plain.remainder.units) < len(result.remainder.units):
            return plain
    return result


def _flow(units: tuple[FlowUnit, ...], regions: tuple[Region, ...], soft: bool) -> FlowResult:
    placed: list[Placed] = []
    used = [0] * len(regions)
    r, i = 0, 0
    while i < len(units) and r < len(regions):
        unit, region = units[i], regions[r]
        drop = unit.space_before if used[r] == 0 else 0  # no space above at a column top
        rows = unit.rows - drop
        fits = used[r] + rows <= region.rows
        kept = used[r] + rows + _kept_rows(units, i, soft) <= region.rows
        if not fits or (not kept and used[r] > 0):
            r += 1
            continue
        placed.append(Placed(unit, region, region.row + used[r] - drop))
        used[r] += rows
        i += 1
    return FlowResult(tuple(placed), Remainder(tuple(units[i:])), tuple(used))


def _kept_rows(units: tuple[FlowUnit, ...], i: int, soft: bool) -> int:
    """Rows of the units that must follow units[i] in the same column (0 if none)."""
    rows = 0
    while i + 1 < len(units) and (units[i].keep_with_next or (soft and units[i].keep_lines)):
        i += 1
        rows += units[i].rows
    return rows


@dataclass(frozen=True, slots=True)
class Profile:
    """Units reduced to numbers, for fitting them many times fast: each unit's rows, its
    space before, and the rows that must follow it in its column (with and without the
    soft widow/orphan keeps)."""

    rows: tuple[int, ...]
    space: tuple[int, ...]
    kept_soft: tuple[int, ...]
    kept_hard: tuple[int, ...]


def profile(units: tuple[FlowUnit, ...]) -> Profile:
    return Profile(tuple(u.rows for u in units), tuple(u.space_before for u in units),
                   tuple(_kept_rows(units, i, True) for i in range(len(units))),
                   tuple(_kept_rows(units, i, False) for i in range(len(units))))


@lru_cache(maxsize=8192)  # by content: a module's shapes ask the same fits again and again
def fill(p: Profile, capacities: tuple[int, ...]) -> tuple[int, ...] | None:
    """Rows used in each region when the units flow into regions of `capacities` rows, as
    `flow` places them; None when some units are left over."""
    for kept in (p.kept_soft, p.kept_hard):
        used = _fill(p, capacities, kept)
        if used is not None:
            return used
    return None


@lru_cache(maxsize=8192)
def fill_kept(p: Profile, capacities: tuple[int, ...]) -> bool:
    """True when the units fit `capacities` with no widow or orphan line (the soft keeps
    held, clreq §7.1.2), as `flow` then places them."""
    return _fill(p, capacities, p.kept_soft) is not None


def _fill(p: Profile, capacities: tuple[int, ...], kept: tuple[int, ...]) -> tuple[int, ...] | None:
    n, rows, space = len(p.rows), p.rows, p.space
    used = [0] * len(capacities)
    r, i = 0, 0
    while i < n and r < len(capacities):
        u = used[r]
        need = rows[i] - (space[i] if u == 0 else 0)
        cap = capacities[r]
        if u + need > cap or (u and u + need + kept[i] > cap):
            r += 1
            continue
        used[r] = u + need
        i += 1
    return tuple(used) if i == n else None


def balanced_rows(units: tuple[FlowUnit, ...], columns: int, start_rows: tuple[int, ...] = ()) -> int:
    """The fewest rows per column that hold every unit across `columns` columns whose
    first `start_rows[c]` rows are taken (columns end level: balanced)."""
    total = sum(u.rows - u.space_before for u in units) + sum(start_rows)
    low = max([max((u.rows for u in units), default=1), *start_rows, -(-total // max(columns, 1))])
    taken = tuple(start_rows) + (0,) * (columns - len(start_rows))
    for rows in range(low, low + total + 2):
        regions = tuple(Region(c, t, rows - t) for c, t in enumerate(taken) if rows > t)
        if not flow(units, regions).remainder.units:
            return rows
    return low + total + 1

"""Holes (天窗): space on the page that nothing fills and nobody chose.

The type area is a grid of base columns × grid rows. A cell is filled when text, a
photo, a headline stack, a rule or the furniture takes it; a hole is a run of at least
`HOLE_ROWS` empty rows in one column (what a reader sees as a gap), merged across
neighbouring columns with the same run. Each hole says what could fill it: the module
above it that could take more copy or the modules beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from layout.compose.grid import runs_of
from layout.compose.module import Cover, Module

HOLE_ROWS = 4  # grid rows: an empty run this tall in a column is a hole


@dataclass(frozen=True, slots=True)
class Hole:
    """Empty cells: 0-based base columns [column, column + span) × page rows [row, row + rows);
    `inside` names the module it is in (its copy is short), else the module just above
    it ("" when none), `lines` how many more lines of copy per column would fill it."""

    page: int
    column: int
    span: int
    row: int
    rows: int
    inside: str = ""
    above: str = ""

    @property
    def cells(self) -> int:
        return self.span * self.rows


def occupancy(columns: int, rows: int, covers) -> list[list[bool]]:
    """filled[c][r] for every base column and page row."""
    filled = [[False] * rows for _ in range(columns)]
    for cover in covers:
        for c in range(max(0, cover.column), min(columns, cover.column + cover.span)):
            column = filled[c]
            for r in range(max(0, cover.row), min(rows, cover.row + cover.rows)):
                column[r] = True
    return filled


def find_holes(page: int, columns: int, rows: int, covers, modules: tuple[Module, ...] = (),
               least: int = HOLE_ROWS) -> tuple[Hole, ...]:
    """Every run of at least `least` empty rows in a column, merged across columns."""
    filled = occupancy(columns, rows, covers)
    runs = [(c, start, n) for c in range(columns) for start, n in runs_of(filled[c], False) if n >= least]
    return _merge([_name(page, (c, 1, row, n), modules) for c, row, n in runs])


def _merge(holes: list[Hole]) -> tuple[Hole, ...]:
    """Holes with the same rows in neighbouring columns, in the same module (or under
    the same one), as one."""
    out: list[Hole] = []
    for h in sorted(holes, key=lambda h: (h.row, h.rows, h.inside, h.above, h.column)):
        last = out[-1] if out else None
        if last and (last.row, last.rows, last.inside, last.above) == (h.row, h.rows, h.inside, h.above) \
                and last.column + last.span == h.column:
            out[-1] = replace(last, span=last.span + 1)
        else:
            out.append(h)
    return tuple(sorted(out, key=lambda h: (h.row, h.column)))


def _name(page: int, hole: tuple[int, int, int, int], modules: tuple[Module, ...]) -> Hole:
    column, span, row, rows = hole
    inside = next((m for m in modules if _contains(m, column, row)), None)
    above = None
    if inside is None:
        above = max((m for m in modules if m.frame.column <= column < m.frame.column + m.frame.span
                     and m.frame.row + m.frame.rows <= row), key=lambda m: m.frame.row, default=None)
    return Hole(page, column, span, row, rows, inside.article.id if inside else "",
                above.article.id if above else "")


def _contains(m: Module, column: int, row: int) -> bool:
    f = m.frame
    return f.column <= column < f.column + f.span and f.row <= row < f.row + f.rows


def rule_covers(modules: tuple[Module, ...], area_bottom: int) -> list[Cover]:
    """The rule row under each module that has another module below it."""
    out = []
    for m in modules:
        f = m.frame
        bottom = f.row + f.rows
        if bottom < area_bottom and any(o.frame.row > f.row and _meet(o, f.column, f.span) for o in modules):
            out.append(Cover(f.column, f.span, bottom, 1))
    return out


def _meet(m: Module, column: int, span: int) -> bool:
    return m.frame.column < column + span and column < m.frame.column + m.frame.span

"""Automatic placement: pack a page's unplaced articles on the column grid, in reading
order, without overlaps, and fill the page (a skyline packer).

Each article is tried at every start column and span (its own span if it gives one); a
candidate scores by how low its module ends, the rows it leaves empty above it, how far
its shape is from a readable module, and any overset. After packing, the lowest module
of each stack is extended to the foot of the module area; what stays empty is reported.
Rows are page rows; every module keeps one grid row below it for the rule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from layout.compose.module import Module, ModuleSetup, Part, body_units, compose_module

SPANS = (8, 6, 5, 4, 3, 2)      # spans tried for an article that gives none (widest first)
ASPECT = (0.35, 2.5)            # module height / width outside this costs
ASPECT_COST = 40.0              # rows of score per unit of log-aspect outside ASPECT
OVERSET_COST = 1000.0           # per line that does not fit
SLIVER_COST = 60.0              # rows of score for a one-column gap left beside a module


@dataclass(frozen=True, slots=True)
class Packed:
    """The modules placed automatically and the grid cells left empty (column-rows),
    below the modules and inside them."""

    modules: tuple[Module, ...]
    unfilled: int


def pack(parts: list[Part], placed: list[Module], setup: ModuleSetup, area: tuple[int, int],
         draft: bool) -> Packed:
    """Place `parts` around the already `placed` modules within rows area[0]..area[1]."""
    columns = setup.grid.template.columns
    sky = _skyline(placed, columns, area[0])
    chosen: list[Module] = []
    for part in parts:
        part = replace(part, preset=body_units(part.article, setup))  # set once, tried everywhere
        module = _best(part, sky, setup, area, draft)
        if module is None:
            continue  # no room at all: left to the caller's overset report
        chosen.append(module)
        for c in range(module.frame.column, module.frame.column + module.frame.span):
            sky[c] = module.frame.row + module.frame.rows + 1
    chosen = [_filled(m, chosen + placed, setup, area, draft) for m in chosen]
    sky = _skyline(placed + chosen, columns, area[0])
    return Packed(tuple(chosen), sum(max(0, area[1] - s) for s in sky) + sum(m.slack for m in chosen))


def _skyline(modules: list[Module], columns: int, top: int) -> list[int]:
    """First free row of every column (below the lowest module in it, and its rule row)."""
    sky = [top] * columns
    for m in modules:
        for c in range(m.frame.column, m.frame.column + m.frame.span):
            sky[c] = max(sky[c], m.frame.row + m.frame.rows + 1)
    return sky


def _best(part: Part, sky: list[int], setup: ModuleSetup, area: tuple[int, int], draft: bool) -> Module | None:
    best, best_score = None, math.inf
    columns = len(sky)
    for span in ([part.placement.span] if part.placement.span else [s for s in SPANS if s <= columns]):
        for column in range(columns - span + 1):
            top = max(sky[column:column + span])
            if top >= area[1]:
                continue
            module = _try(part, column, span, top, setup, area, draft)
            score = _score(module, sky, setup)
            if score < best_score:
                best, best_score = module, score
    return best


def _try(part: Part, column: int, span: int, top: int, setup: ModuleSetup, area: tuple[int, int],
         draft: bool) -> Module:
    place = replace(part.placement, column=column + 1, span=span, row=top - area[0] + 1)
    return compose_module(replace(part, placement=place), column, top, area[1] - top, setup, draft)


def _score(module: Module, sky: list[int], setup: ModuleSetup) -> float:
    f = module.frame
    bottom = f.row + f.rows
    waste = sum(f.row - sky[c] for c in range(f.column, f.column + f.span)) / f.span
    aspect = f.rows * setup.grid.pitch / setup.grid.span_width(f.span)
    low, high = ASPECT
    shape = ASPECT_COST * (math.log(low / aspect) if aspect < low else math.log(aspect / high) if aspect > high else 0)
    return bottom + waste + shape + _sliver(f, sky) + OVERSET_COST * module.overset.lines


def _sliver(f, sky: list[int]) -> float:
    """Cost of leaving a one-column gap beside the module at its level: no article
    (two columns at least) can use it."""
    cost = 0.0
    for side in (range(f.column - 1, -1, -1), range(f.column + f.span, len(sky))):
        width = 0
        for c in side:
            if sky[c] > f.row:
                break
            width += 1
        cost += SLIVER_COST if width == 1 else 0.0
    return cost


def _filled(module: Module, modules: list[Module], setup: ModuleSetup, area: tuple[int, int],
            draft: bool) -> Module:
    """The module extended down to the foot of the area when nothing is below it."""
    f = module.frame
    below = [m for m in modules if m is not module and m.frame.row > f.row
             and m.frame.column < f.column + f.span and f.column < m.frame.column + m.frame.span]
    if below or f.row + f.rows >= area[1]:
        return module
    place = replace(module_placement(module), fill=True, rows=None)
    part = Part(module.article, module.part, place)
    return compose_module(part, f.column, f.row, area[1] - f.row, setup, draft)


def module_placement(module: Module):
    """The concrete placement a packed module was composed with."""
    f = module.frame
    return replace(module.article.parts[module.part], column=f.column + 1, span=f.span, row=None)

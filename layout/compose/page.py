"""Compose a page: furniture, then each article's module on the column grid, with
hairline rules between modules. Modules are placed in the order the issue lists them;
a module without a row stacks under the modules above it in its columns."""

from __future__ import annotations

from dataclasses import dataclass, replace

from layout.compose.furniture import furniture
from layout.compose.grid import Grid
from layout.compose.items import ComposedPage, Item, Rule
from layout.compose.module import Frame, Module, ModuleSetup, Part, compose_module, overset_items
from layout.compose.packing import pack
from layout.flow import FlowUnit, Remainder
from layout.errors import IssueError, Problem
from layout.model.schema import Issue, Page
from layout.text.config import TextConfig
from layout.text.metrics import MetricsSet

HAIRLINE = 0.35  # pt, the rule between modules


@dataclass(frozen=True, slots=True)
class PageResult:
    """A composed page, its modules, and the text of jumping articles to carry to the
    page their next part is on (article id → flow units)."""

    page: ComposedPage
    modules: tuple[Module, ...]
    carry: tuple[tuple[str, tuple[FlowUnit, ...]], ...] = ()
    unfilled: int = 0  # grid cells (column-rows) automatic placement left empty


def compose_page(issue: Issue, page: Page, metrics: MetricsSet, text: TextConfig,
                 carried: dict[str, tuple[FlowUnit, ...]] | None = None, draft: bool = False) -> PageResult:
    """Everything on `page`; raises IssueError when modules overlap or leave the area.
    `carried` holds what earlier pages' parts of jumping articles left over."""
    grid = Grid(page.template)
    furn = furniture(issue, page, grid, metrics)
    setup = ModuleSetup(grid, metrics, text)
    area_top, area_bottom = furn.top_rows, grid.rows - furn.bottom_rows
    modules: list[Module] = []
    carry: list[tuple[str, tuple[FlowUnit, ...]]] = []
    automatic: list[Part] = []
    for article, index in issue.parts_on(page.number):
        place = article.parts[index]
        if index > 0 and not (carried or {}).get(article.id):
            continue  # everything fitted in the parts before: nothing jumps here
        part = Part(article, index, place, (carried or {}).get(article.id, ()),
                    article.parts[index - 1].page if index else None,
                    article.parts[index + 1].page if index + 1 < len(article.parts) else None)
        if place.column is None:
            automatic.append(part)  # packed after the placed modules, in reading order
            continue
        column = place.column - 1
        row = area_top + place.row - 1 if place.row else _stack_row(modules, column, place.span, area_top)
        limit = _next_below(issue, page, article, place, row, area_bottom, area_top) - row
        if limit <= 0:
            raise IssueError([Problem(place.source.file, place.source.line, f"articles[{article.id}].place",
                                      f"article '{article.id}' has no room: row {row - area_top + 1} is "
                                      f"below the last module row {area_bottom - area_top}")])
        module = compose_module(part, column, row, limit, setup, draft)
        modules.append(module)
        if part.jump_out and module.overset.units:
            carry.append((article.id, module.overset.units))
            modules[-1] = replace(module, overset=Remainder(()))
    packed = pack(automatic, modules, setup, (area_top, area_bottom), draft)
    for module in packed.modules:
        part_jumps = module.article.parts[module.part + 1:] if module.part + 1 < len(module.article.parts) else ()
        if part_jumps and module.overset.units:
            carry.append((module.article.id, module.overset.units))
            module = replace(module, overset=Remainder(()))
        modules.append(module)
    _check_overlaps(modules, area_bottom)
    items: list[Item] = list(furn.items)
    for module in modules:
        items += module.items
    items += _rules(modules, grid, area_bottom)
    if draft:
        for module in (m for m in modules if m.overset.units):
            items += overset_items(module, module.frame.row + module.frame.rows,
                                   _free_below(module, modules, area_bottom) - 1, setup)
    composed = ComposedPage(page.number, page.section, page.template.trim_width, page.template.trim_height,
                            tuple(items), issue.footer.qr_payload)
    return PageResult(composed, tuple(modules), tuple(carry), packed.unfilled if automatic else 0)


def compose_issue(issue: Issue, metrics: MetricsSet, text: TextConfig, draft: bool = False) -> tuple[PageResult, ...]:
    """Every page in order, carrying jumping articles' text to their next part."""
    carried: dict[str, tuple[FlowUnit, ...]] = {}
    results = []
    for page in issue.pages:
        result = compose_page(issue, page, metrics, text, carried, draft)
        carried.update(result.carry)
        results.append(result)
    return tuple(results)


def _free_below(module: Module, modules: list[Module], area_bottom: int) -> int:
    """The first row under `module`'s last column taken by another module (or the foot)."""
    column = module.frame.column + module.frame.span - 1
    tops = [m.frame.row for m in modules if m is not module and m.frame.row > module.frame.row
            and m.frame.column <= column < m.frame.column + m.frame.span]
    return min(tops, default=area_bottom)


def _stack_row(modules: list[Module], column: int, span: int, area_top: int) -> int:
    """First free row under the modules already placed in these columns (one row is
    left between modules for the rule)."""
    bottoms = [m.frame.row + m.frame.rows + 1 for m in modules if _columns_meet(m.frame, column, span)]
    return max(bottoms, default=area_top)


def _next_below(issue: Issue, page: Page, article, place, row, area_bottom, area_top) -> int:
    """The row where the next explicitly placed module below in these columns starts
    (less the rule row), or the bottom of the module area."""
    limit = area_bottom
    for other, index in issue.parts_on(page.number):
        below = other.parts[index]
        if below is place or below.row is None:
            continue
        top = area_top + below.row - 1
        frame = Frame(below.column - 1, below.span, top, 1)
        if top > row and _columns_meet(frame, place.column - 1, place.span):
            limit = min(limit, top - 1)
    return limit


def _columns_meet(frame: Frame, column: int, span: int) -> bool:
    return frame.column < column + span and column < frame.column + frame.span


def _check_overlaps(modules: list[Module], area_bottom: int) -> None:
    problems = []
    for i, a in enumerate(modules):
        for b in modules[i + 1:]:
            fa, fb = a.frame, b.frame
            rows_meet = fa.row < fb.row + fb.rows and fb.row < fa.row + fa.rows
            if rows_meet and _columns_meet(fa, fb.column, fb.span):
                src = b.article.placement.source
                problems.append(Problem(src.file, src.line, f"articles[{b.article.id}].place",
                                        f"module '{b.article.id}' overlaps module '{a.article.id}'"))
        if a.frame.row + a.frame.rows > area_bottom:
            src = a.article.placement.source
            problems.append(Problem(src.file, src.line, f"articles[{a.article.id}].place.rows",
                                    f"module '{a.article.id}' runs {a.frame.row + a.frame.rows - area_bottom} "
                                    "rows past the bottom of the module area"))
    if problems:
        raise IssueError(problems)


def _rules(modules: list[Module], grid: Grid, area_bottom: int) -> list[Rule]:
    """Hairlines between modules: under a module (in the row left for it) and in the
    gutter to its right, when another module is there."""
    rules = []
    t = grid.template
    for m in modules:
        f = m.frame
        x0, x1 = grid.column_x(f.column), grid.column_x(f.column) + grid.span_width(f.span)
        bottom = f.row + f.rows
        if bottom < area_bottom and any(o.frame.row > f.row and _columns_meet(o.frame, f.column, f.span)
                                        for o in modules):
            y = grid.row_top(bottom) + grid.pitch / 2
            rules.append(Rule(x0, y, x1, y, HAIRLINE))
        if f.column + f.span < t.columns and any(o.frame.column == f.column + f.span for o in modules):
            x = x1 + t.gutter / 2
            y0 = grid.row_top(f.row)
            y1 = grid.row_top(min(bottom, area_bottom))
            rules.append(Rule(x, y0, x, y1, HAIRLINE))
    return rules

"""Compose a page: furniture, the explicitly placed modules, then the automatically
placed ones (packed into the free area with no hole), hairline rules between modules;
then check the page: no module over another or off the area, no glyph outside its
module, every hole (天窗) found and named.

Explicit modules are placed in the order the issue lists them; a module without a row
stacks under the modules above it in its columns, one row between them for the rule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from layout.compose.account import outside
from layout.compose.ads import NO_ADS, AdLayout, PlacedAd, below_ads, check_clear, check_masthead, place_ads, room_below
from layout.compose.furniture import Furniture, furniture
from layout.compose.grid import ASCENT, Grid, runs_of
from layout.compose.holes import Hole, find_holes, rule_covers
from layout.compose.items import ComposedPage, Item, Rule, TextRun
from layout.compose.measure import NO_JUMP_COST, Content, Measurer, Part, Setup, shape
from layout.compose.module import Cover, Frame, Module, compose_module, overset_items
from layout.compose.packing import GuillotinePacker, Leaf, Packer, PackProblem, Rect
from layout.errors import IssueError, Problem
from layout.i18n import _
from layout.flow import FlowUnit, Remainder
from layout.model.schema import Issue, Page, Placement, RunKind
from layout.text.config import TextConfig
from layout.text.metrics import MetricsSet

HAIRLINE = 0.35  # pt, the rule between modules
HATCH = (0.0, 1.0, 0.0, 0.0)  # CMYK: holes hatched on a draft, in one ink (thin rules must not need two in register)
HATCH_STEP = 12.0  # pt between hatch lines

# Costs of a module's shape for automatic placement (added to what arranging costs).
ASPECT = (0.45, 1.6)   # height / width of a readable module; outside it costs
ASPECT_COST = 40.0     # per unit of log-aspect outside ASPECT
NARROW_COST = 6.0      # a module of one column (fine for a brief, not for a story)
LEAD_COST = 4.0        # per column the lead (the first article placed automatically) is narrower than the page
HEADLINE_COST = 0.8    # per pt the headline shrank below its size
MISFIT_COST = 1e6      # a width at which the headline does not fit even at its smallest size


@dataclass(frozen=True, slots=True)
class Unplaced:
    """An article part automatic placement could not fit on its page: the room it needs
    at its best width (rows × span)."""

    article: str
    part: int
    page: int
    span: int
    rows: int


@dataclass(frozen=True, slots=True)
class PageResult:
    """A composed page, its modules, the text of jumping articles to carry to the page
    their next part is on (article id → flow units), and what is wrong with it: holes,
    parts that found no room, other problems (a headline too long, a glyph outside its
    module)."""

    page: ComposedPage
    modules: tuple[Module, ...]
    carry: tuple[tuple[str, tuple[FlowUnit, ...]], ...] = ()
    holes: tuple[Hole, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()
    problems: tuple[Problem, ...] = ()
    area: tuple[int, int] = (0, 0)  # the module area: first page row and the row under its last
    ads: tuple[PlacedAd, ...] = ()  # ads: the booked ads on the page (layout/compose/ads.py)

    def line(self, row: int) -> int:
        """Grid line (from 1 at the top of the module area) of page row `row`."""
        return row - self.area[0] + 1

    @property
    def unfilled(self) -> int:
        """Grid cells (column × row) in holes."""
        return sum(h.cells for h in self.holes)


def setup_for(issue: Issue, page: Page, metrics: MetricsSet, text: TextConfig) -> Setup:
    return Setup(Grid(page.template), metrics, text, issue.typesetting.min_segment_lines)


def compose_page(issue: Issue, page: Page, metrics: MetricsSet, text: TextConfig,
                 carried: dict[str, tuple[FlowUnit, ...]] | None = None, draft: bool = False,
                 measurer: Measurer | None = None, packer: Packer | None = None) -> PageResult:
    """Everything on `page`; raises IssueError when explicit modules overlap or leave the
    area. `carried` holds what earlier pages' parts of jumping articles left over."""
    m = measurer or Measurer(setup_for(issue, page, metrics, text))
    grid = m.setup.grid
    ads = place_ads(issue, page, grid, metrics)  # ads: booked ads first, fixed modules (layout/compose/ads.py)
    furn = furniture(issue, page, grid, metrics, ear=ads.ear)  # ads: room beside the masthead for a 报眼
    check_masthead(ads, furn.items, grid, metrics)  # ads
    area = (furn.top_rows, grid.rows - furn.bottom_rows)
    explicit, automatic = _parts(issue, page, carried or {})
    modules: list[Module] = []
    blocked: list[tuple[str, Problem]] = []  # (article, what stops its module)
    for part in explicit:
        module, stopped = _explicit(issue, page, part, modules, area, m, draft, ads)
        modules.append(module)
        blocked += [(module.article.id, stopped)] if stopped else []
    packed, unplaced = _automatic(automatic, modules, area, m, draft, packer or GuillotinePacker(), ads)
    modules += packed
    _check_overlaps(modules, area[1])
    check_clear(ads, modules)  # ads: no module on an ad
    modules, carry = _carry(modules)
    return _finish(issue, page, furn, tuple(modules), tuple(carry), tuple(unplaced), m, draft, ads,
                   dict(blocked))


def _parts(issue: Issue, page: Page, carried: dict[str, tuple[FlowUnit, ...]]) -> tuple[list[Part], list[Part]]:
    """The page's article parts, explicit and automatic, in issue order. A continuation
    with nothing carried to it is left out (everything fitted before)."""
    explicit: list[Part] = []
    automatic: list[Part] = []
    for article, index in issue.parts_on(page.number):
        place = article.parts[index]
        if index > 0 and not carried.get(article.id):
            continue
        part = Part(article, index, place, carried.get(article.id, ()),
                    article.parts[index - 1].page if index else None,
                    article.parts[index + 1].page if index + 1 < len(article.parts) else None)
        (automatic if place.column is None else explicit).append(part)
    return explicit, automatic


def _level(place: Placement) -> bool:
    return place.balance

# ------------------------------------------------------------------------ explicit

def _explicit(issue: Issue, page: Page, part: Part, placed: list[Module], area: tuple[int, int],
              m: Measurer, draft: bool, ads: AdLayout = NO_ADS) -> tuple[Module, Problem | None]:
    """The module of an explicitly placed part, and, when its copy needs more grid lines
    than a module placed below it in its columns leaves, the problem naming that module
    (what stops it, not only that it is overset)."""
    place = part.placement
    column, span = _columns(place)
    row = area[0] + place.row - 1 if place.row else \
        below_ads(ads, column, span, _stack_row(placed, column, span, area[0]))  # ads
    below = _next_below(issue, page, place, row, area)
    reach = room_below(ads, column, span, row, below.row)  # ads
    by_module = below.article is not None and reach == below.row
    limit = reach - row
    c = m.content(part, span)
    if limit <= 0:
        if by_module:
            raise IssueError([_blocked(part, below, row - area[0] + 1, 0, shape(c, m, area[1] - row).natural)])
        raise IssueError([Problem(place.source.file, place.source.line, f"articles[{part.article.id}].place",
                                  _("article '{article}' has no room: row {row} is below the last module row "
                                    "{last}").format(article=part.article.id, row=row - area[0] + 1,
                                                     last=area[1] - area[0]))])
    if place.rows is not None:
        rows = place.rows
    elif place.fill and not part.article.box:
        rows = limit
    else:  # auto; a box shrinks to its copy (the space under it is for another module)
        rows = min(shape(c, m, limit).natural, limit)
    module = compose_module(c, Frame(column, span, row, rows), m, draft, _level(place))
    blocked = None
    if place.rows is None and by_module and rows == limit:
        needs = shape(c, m, area[1] - row).natural
        if needs > limit:
            blocked = _blocked(part, below, row - area[0] + 1, limit, needs)
    return module, blocked


@dataclass(frozen=True)
class _Below:
    """How far down an explicit module may reach: `row`, the last page row it may take
    (the row above the rule over the next module, or the module area's last row), and
    the article whose module stops it there (None: the foot of the module area)."""

    row: int
    article: str | None = None
    line: int = 0  # grid line (from 1) where that module starts
    columns: tuple[int, int] = (0, 0)  # its first and last column, from 1


def _blocked(part: Part, below: _Below, line: int, rows: int, needs: int) -> Problem:
    """The problem of an explicit module whose copy is stopped by the module under it."""
    place = part.placement
    first, last = place.column or 1, (place.column or 1) + (place.span or 1) - 1
    return Problem(place.source.file, place.source.line, f"articles[{part.article.id}].place",
                   _("article '{article}' needs about {needs} grid lines in columns {first}–{last} from line "
                     "{line}, but article '{other}' is placed at line {other_line} in columns "
                     "{other_first}–{other_last}, which leaves it only {rows} grid lines: move '{other}' down to line {down} or "
                     "to other columns, give '{article}' more columns, or cut its copy").format(
                       article=part.article.id, needs=needs, first=first, last=last, line=line,
                       other=below.article, other_line=below.line, other_first=below.columns[0],
                       other_last=below.columns[1], rows=rows, down=line + needs + 1))


def _columns(place: Placement) -> tuple[int, int]:
    """An explicit placement's first base column (from 0) and span (the model gives an
    explicit placement both)."""
    if place.column is None or place.span is None:
        raise ValueError(f"{place.source}: an explicit placement needs a column and a span")
    return place.column - 1, place.span


def _stack_row(modules: list[Module], column: int, span: int, area_top: int) -> int:
    """First free row under the modules already placed in these columns (one row is
    left between modules for the rule)."""
    bottoms = [m.frame.row + m.frame.rows + 1 for m in modules if _meet(m.frame, column, span)]
    return max(bottoms, default=area_top)


def _next_below(issue: Issue, page: Page, place: Placement, row: int, area: tuple[int, int]) -> _Below:
    """How far down a module placed at page row `row` may reach: the row above the next
    explicitly placed module below in its columns (the rule's row), or the last row of
    the module area."""
    best = _Below(area[1])
    for other, index in issue.parts_on(page.number):
        below = other.parts[index]
        if below is place or below.row is None or below.column is None:
            continue
        top = area[0] + below.row - 1
        (first, span), (column, width) = _columns(below), _columns(place)
        if top > row and _meet(Frame(first, span, top, 1), column, width) and top - 1 < best.row:
            best = _Below(top - 1, other.id, below.row, (first + 1, first + span))
    return best


def _meet(frame: Frame, column: int, span: int) -> bool:
    return frame.column < column + span and column < frame.column + frame.span


# ----------------------------------------------------------------------- automatic

def _automatic(parts: list[Part], placed: list[Module], area: tuple[int, int], m: Measurer, draft: bool,
               packer: Packer, ads: AdLayout = NO_ADS) -> tuple[list[Module], list[Unplaced]]:
    """Pack the automatically placed parts into the free area (what the ads leave)."""
    if not parts:
        return [], []
    columns = m.setup.grid.template.columns
    free = free_cells([*(ad.frame for ad in ads.blocks), *(mod.frame for mod in placed)], columns, area)  # ads too
    rects = strips(free, area[0])
    alternatives = (bands(free, area[0]), tuple(sorted(rects, key=lambda r: (r.column, r.row))))
    limit = max((r.rows for r in rects), default=0)
    lead = not placed  # the first automatic article leads the page only when nothing is placed by hand
    leaves = tuple(_leaves(part, i if lead else -1, columns, limit, m) for i, part in enumerate(parts))
    solution = packer.pack(PackProblem(rects, leaves, alternatives))
    modules = []
    for slot in solution.slots:
        part = parts[slot.index]
        place = replace(part.placement, column=slot.column + 1, span=slot.span, row=slot.row - area[0] + 1)
        c = m.content(replace(part, placement=place) if part.placement.measure else part, slot.span)
        modules.append(compose_module(c, Frame(slot.column, slot.span, slot.row, slot.rows), m, draft,
                                      _level(part.placement)))
    unplaced = [_unplaced(parts[i], leaves[i], m) for i in solution.unplaced]
    return modules, unplaced


def _leaves(part: Part, order: int, columns: int, limit: int, m: Measurer) -> tuple[Leaf, ...]:
    """The spans the part may take, each with its range of heights and their costs."""
    spans = [part.placement.span] if part.placement.span else range(1, columns + 1)
    out = []
    for span in spans:
        c = m.content(part, span)
        s = shape(c, m, limit)
        if s.need > limit:
            continue
        misfit = 0.0 if s.headline_fits else MISFIT_COST  # only when no width fits it (then reported)
        heights = range(s.need, max(s.need, s.most) + 1)
        costs = [_cost(c, rows, order, columns, m) for rows in heights]
        need = _first_valid(heights, costs)
        if need is None:
            continue  # no height at this span holds the text in segments of min_segment lines
        costs = [cost + misfit for cost in costs[need - s.need:]]
        out.append(Leaf(span, need, need + len(costs) - 1, tuple(costs), s.clean and s.headline_fits))
    return tuple(out)


def _first_valid(heights: range, costs: list[float]) -> int | None:
    """The lowest height whose arrangement is not a jump carrying nothing on (a short
    article asked to jump at a height where all of it fits, in segments too short);
    None when there is none. Heights above it that are invalid keep their prohibitive
    cost."""
    return next((h for h, cost in zip(heights, costs) if cost < NO_JUMP_COST), None)


def _cost(c: Content, rows: int, order: int, columns: int, m: Measurer) -> float:
    """What a module of the content `rows` tall costs: arranging it, its shape, its
    headline's size and, for the lead, its width."""
    from layout.compose.measure import arrange

    grid = m.setup.grid
    a = arrange(c, rows, m)
    aspect = rows * grid.pitch / grid.span_width(c.span)
    low, high = ASPECT
    cost = a.cost + ASPECT_COST * (math.log(low / aspect) if aspect < low else max(0.0, math.log(aspect / high)))
    cost += NARROW_COST if c.span == 1 and c.units else 0.0
    cost += LEAD_COST * (columns - c.span) if order == 0 else 0.0
    headline = next((e for e in c.stack.elements if e.field.value == "headline"), None)
    if headline is not None:
        cost += HEADLINE_COST * max(0.0, c.part.article.style.headline_size - headline.size)
    return cost + (1e5 if a.over and not c.jumps else 0.0)


def _unplaced(part: Part, leaves: tuple[Leaf, ...], m: Measurer) -> Unplaced:
    """The room the part needs at its most compact span."""
    best = min(leaves, key=lambda leaf: leaf.need * leaf.span, default=None)
    if best is None:
        span = part.placement.span or m.setup.grid.template.columns
        return Unplaced(part.article.id, part.index, part.placement.page, span, shape(m.content(part, span), m, 10**6).need)
    return Unplaced(part.article.id, part.index, part.placement.page, best.span, best.need)


def free_cells(frames: list[Frame], columns: int, area: tuple[int, int]) -> list[list[bool]]:
    """free[c][r - area top]: the cell is free of the modules and ads in `frames` (each
    keeps one row free above and below it for the rule)."""
    free = [[True] * (area[1] - area[0]) for _ in range(columns)]
    for f in frames:
        for c in range(f.column, f.column + f.span):
            for r in range(max(area[0], f.row - 1), min(area[1], f.row + f.rows + 1)):
                free[c][r - area[0]] = False
    return free


def strips(free: list[list[bool]], top: int) -> tuple[Rect, ...]:
    """The free area as vertical strips: neighbouring columns with the same free runs are
    one rectangle; in reading order (top to bottom, left to right)."""
    runs = [_runs(column, top) for column in free]
    rects: list[Rect] = []
    for c in range(len(free)):
        for start, rows in runs[c]:
            if any(r.column <= c < r.column + r.span and r.row == start for r in rects):
                continue
            span = 1
            while c + span < len(free) and (start, rows) in runs[c + span]:
                span += 1
            rects.append(Rect(c, span, start, rows))
    return tuple(sorted(rects, key=lambda r: (r.row, r.column)))


def bands(free: list[list[bool]], top: int) -> tuple[Rect, ...]:
    """The free area cut across wherever the set of free columns changes: each band's
    runs of neighbouring free columns, bands of the same columns one above the other
    merged; in reading order."""
    height = len(free[0]) if free else 0
    rects: list[Rect] = []
    r = 0
    while r < height:
        row_free = tuple(free[c][r] for c in range(len(free)))
        end = r
        while end < height and tuple(free[c][end] for c in range(len(free))) == row_free:
            end += 1
        for c0, span in runs_of(list(row_free)):
            rects.append(Rect(c0, span, top + r, end - r))
        r = end
    return tuple(sorted(rects, key=lambda x: (x.row, x.column)))


def _runs(column: list[bool], top: int) -> list[tuple[int, int]]:
    """(first page row, rows) of each free run of a column."""
    return [(top + start, n) for start, n in runs_of(column)]


# -------------------------------------------------------------------------- finish

def _carry(modules: list[Module]) -> tuple[list[Module], list[tuple[str, tuple[FlowUnit, ...]]]]:
    """Modules of jumping articles hand their overset on to the next part."""
    out, carry = [], []
    for module in modules:
        parts = module.article.parts
        if module.part + 1 < len(parts) and module.overset.units:
            carry.append((module.article.id, module.overset.units))
            module = replace(module, overset=Remainder(()))
        out.append(module)
    return out, carry


def _finish(issue: Issue, page: Page, furn: Furniture, modules: tuple[Module, ...], carry, unplaced,
            m: Measurer, draft: bool, ads: AdLayout = NO_ADS,
            blocked: dict[str, Problem] | None = None) -> PageResult:
    """The page: modules, rules, furniture, holes and problems. `blocked`: article →
    the problem naming the module that stops its explicit module (said instead of
    "too short", which would ask for rows the user did not give)."""
    grid = m.setup.grid
    blocked = blocked or {}
    area_bottom = grid.rows - furn.bottom_rows
    items: list[Item] = list(furn.items) + list(ads.items)  # ads: artwork, separators, labels
    for module in modules:
        items += module.items
    rules, at = _rules(modules, grid, area_bottom), len(items)  # drawn here, after the modules
    covers = [Cover(0, grid.template.columns, 0, furn.top_rows),
              Cover(0, grid.template.columns, area_bottom, furn.bottom_rows)]
    covers += [c for module in modules for c in module.covers] + rule_covers(modules, area_bottom)
    covers += ads.covers  # ads: an ad and the rows kept round it are filled
    holes = find_holes(page.number, grid.template.columns, grid.rows, covers, modules)
    if draft:
        for module in (mod for mod in modules if mod.overset.units):
            shown = overset_items(module, module.frame.row + module.frame.rows,
                                  _free_below(module, modules, area_bottom) - 1, m)
            rules = _clear_of(rules, [r for r in shown if isinstance(r, TextRun) and r.kind is RunKind.OVERSET_NOTE])
            items += shown
        items += [rule for hole in holes for rule in hatch(hole, grid)]
    items[at:at] = rules
    cramped = _cramped(modules, m, furn.top_rows)
    short = {mod.article.id for mod, _p in cramped}
    problems = [blocked.get(mod.article.id, p) for mod, p in cramped] + [p for a, p in blocked.items() if a not in short]
    problems += outside(tuple(mod for mod in modules if mod not in {c for c, _ in cramped}),
                        grid, m.setup.metrics, m.setup.text.hanging)
    problems += _headline_problems(modules, m)
    composed = ComposedPage(page.number, page.section, page.template.trim_width, page.template.trim_height,
                            tuple(items), issue.footer.qr_payload)
    return PageResult(composed, modules, carry, holes, unplaced, tuple(problems), (furn.top_rows, area_bottom),
                      ads.placed)


LABEL_CLEAR = 2.0  # pt kept between a draft's 超版 label and a rule cut for it


def _clear_of(rules: list[Rule], labels: list[TextRun]) -> list[Rule]:
    """`rules` with every horizontal rule that runs through a label cut round it (the
    超版 label stands on the row under its module, where the rule to the next module is)."""
    out = rules
    for label in labels:
        x0 = label.glyphs[0][1] - LABEL_CLEAR
        x1 = label.glyphs[-1][1] + label.size + LABEL_CLEAR
        top, foot = label.baseline - ASCENT * label.size, label.baseline + (1 - ASCENT) * label.size
        cut = []
        for rule in out:
            if rule.y0 != rule.y1 or not top <= rule.y0 <= foot or rule.x1 <= x0 or rule.x0 >= x1:
                cut.append(rule)
                continue
            cut += [replace(rule, x1=x0)] if rule.x0 < x0 else []
            cut += [replace(rule, x0=x1)] if rule.x1 > x1 else []
        out = cut
    return out


def _cramped(modules: tuple[Module, ...], m: Measurer, area_top: int) -> list[tuple[Module, Problem]]:
    """Modules given fewer rows than their headline stack and photos need (their text then
    has no room at all): what stands outside them follows from that, and is not listed."""
    out = []
    for module in modules:
        part = Part(module.article, module.part, module.article.parts[module.part])
        c = m.content(part, module.frame.span)
        photos = sum(p.rows(p.low) for p in c.photos) + max(0, len(c.photos) - 1)
        floor = c.stack.rows + max(photos, 1 if c.units else 0)
        if module.frame.rows < floor:
            src = part.placement.source
            if part.placement.rows is None:  # it took all there was: the rows are not the user's to give
                out.append((module, Problem(src.file, src.line, f"articles[{module.article.id}].place",
                                            _("module '{article}' needs at least {floor} grid lines for its headline "
                                              "and photos, but only {rows} are free below line {line} in its "
                                              "columns: use fewer or smaller photos (a narrower span), move the "
                                              "modules above it, or put it on another page").format(
                                                article=module.article.id, rows=module.frame.rows, floor=floor,
                                                line=module.frame.row - area_top + 1))))
                continue
            out.append((module, Problem(src.file, src.line, f"articles[{module.article.id}].place.rows",
                                        _("module '{article}' is {rows} grid lines tall, too short for its "
                                          "headline and photos (at least {floor}): give it rows: {floor} or more, "
                                          "or leave rows out to take what it needs").format(
                                            article=module.article.id, rows=module.frame.rows, floor=floor))))
    return out


def _headline_problems(modules: tuple[Module, ...], m: Measurer) -> list[Problem]:
    """A headline that needs more lines than it may have, even at its smallest size."""
    out = []
    for module in modules:
        part = Part(module.article, module.part, module.article.parts[module.part])
        c = m.content(part, module.frame.span)
        if not c.stack.fits:
            a = module.article
            src = a.parts[module.part].source
            out.append(Problem(src.file, src.line, f"articles[{a.id}].headline",
                               _("headline “{headline}” does not fit {span} columns in {lines} lines even at its "
                                 "smallest size ({size} pt): shorten it, widen the module, allow more lines "
                                 "(headline_lines) or a smaller headline_min_size").format(
                                   headline=a.headline, span=module.frame.span, lines=a.style.headline_lines,
                                   size=f"{a.style.headline_min_size:g}")))
    return out


def hatch(hole: Hole, grid: Grid) -> list[Rule]:
    """Red diagonal hatching over a hole, for drafts."""
    x0 = grid.column_x(hole.column)
    x1 = grid.column_x(hole.column + hole.span - 1) + grid.template.column_width
    y0, y1 = grid.row_top(hole.row), grid.row_top(hole.row + hole.rows)
    rules = [Rule(x0, y0, x1, y0, 0.5, HATCH), Rule(x0, y1, x1, y1, 0.5, HATCH),
             Rule(x0, y0, x0, y1, 0.5, HATCH), Rule(x1, y0, x1, y1, 0.5, HATCH)]
    k = 0.0
    while k < (x1 - x0) + (y1 - y0):
        ax, ay = x0 + min(k, x1 - x0), y0 + max(0.0, k - (x1 - x0))
        bx, by = x0 + max(0.0, k - (y1 - y0)), y0 + min(k, y1 - y0)
        rules.append(Rule(ax, ay, bx, by, 0.5, HATCH))
        k += HATCH_STEP
    return rules


def _free_below(module: Module, modules: tuple[Module, ...], area_bottom: int) -> int:
    """The first row under `module`'s last column taken by another module (or the foot)."""
    column = module.frame.column + module.frame.span - 1
    tops = [o.frame.row for o in modules if o is not module and o.frame.row > module.frame.row
            and o.frame.column <= column < o.frame.column + o.frame.span]
    return min(tops, default=area_bottom)


def _check_overlaps(modules: list[Module], area_bottom: int) -> None:
    problems = []
    for i, a in enumerate(modules):
        for b in modules[i + 1:]:
            fa, fb = a.frame, b.frame
            rows_meet = fa.row < fb.row + fb.rows and fb.row < fa.row + fa.rows
            if rows_meet and _meet(fa, fb.column, fb.span):
                src = b.article.parts[b.part].source
                problems.append(Problem(src.file, src.line, f"articles[{b.article.id}].place",
                                        _("module '{article}' overlaps module '{other}'").format(
                                            article=b.article.id, other=a.article.id)))
        if a.frame.row + a.frame.rows > area_bottom:
            src = a.article.parts[a.part].source
            problems.append(Problem(src.file, src.line, f"articles[{a.article.id}].place.rows",
                                    _("module '{article}' runs {rows} rows past the bottom of the module "
                                      "area").format(article=a.article.id, rows=a.frame.row + a.frame.rows - area_bottom)))
    if problems:
        raise IssueError(problems)


def _rules(modules: tuple[Module, ...], grid: Grid, area_bottom: int) -> list[Rule]:
    """Hairlines between modules: under a module (in the row left for it) and in the
    gutter to its right, when another module is there."""
    rules = []
    t = grid.template
    for m in modules:
        f = m.frame
        x0, x1 = grid.column_x(f.column), grid.column_x(f.column) + grid.span_width(f.span)
        bottom = f.row + f.rows
        if bottom < area_bottom and any(o.frame.row > f.row and _meet(o.frame, f.column, f.span) for o in modules):
            y = grid.row_top(bottom) + grid.pitch / 2
            rules.append(Rule(x0, y, x1, y, HAIRLINE))
        if f.column + f.span < t.columns and any(o.frame.column == f.column + f.span and
                                                 o.frame.row < bottom and f.row < o.frame.row + o.frame.rows
                                                 for o in modules):
            x = x1 + t.gutter / 2
            y0 = grid.row_top(f.row)
            y1 = grid.row_top(min(bottom, area_bottom))
            rules.append(Rule(x, y0, x, y1, HAIRLINE))
    return rules

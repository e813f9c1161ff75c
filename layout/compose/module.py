"""One article's module (版块): a rectangle of whole columns × grid rows holding its
headline stack, photos with captions, and body text flowing down each column and into
the next. Rows here are page rows (0 = top of the type area)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from layout.compose.grid import Grid
from layout.compose.headline import HeadlineStack, build_stack, stack_runs
from layout.compose.vertical import block_height, columns_for, vertical_lines, vertical_runs
from layout.compose.interlinear import interlinear_rules
from layout.compose.items import Item, Picture, Rule
from layout.compose.textset import Align, aligned_offset, runs, set_display
from layout.flow import FlowUnit, Region, Remainder, UnitKind, balanced_rows, flow
from layout.model.schema import Article, Block, BlockKind, FontRole, Photo, Placement
from layout.text.atoms import Span
from layout.text.config import TextConfig
from layout.text.metrics import MetricsSet
from layout.text.paragraph import ParagraphStyle, set_paragraph


LICENCE_SIZE = 6.5  # pt (小六): a photo's licence line under its caption
QUOTE_INDENT = 2.0  # em: a block quotation's indent (clreq §6.2.1.2)
TIGHTEN_STEP = 0.01  # em per character: steps of 紧排 tried on overset copy
OVERSET_RED = (0.0, 1.0, 1.0, 0.0)  # CMYK: overset copy on a draft
BOX_RULE = 0.5  # pt: the box round a boxed module
JUMP_BLOCK = -1  # block index of the 上接第X版 line that opens a continuation


@dataclass(frozen=True, slots=True)
class Frame:
    """The module's rectangle: 0-based first column, span, first page row, rows."""

    column: int
    span: int
    row: int
    rows: int


@dataclass(frozen=True, slots=True)
class Module:
    """A composed module: what to draw, where, and what did not fit; `part` is 0 for an
    article's first part; `tightened` the em per character its body was tightened."""

    article: Article
    frame: Frame
    items: tuple[Item, ...]
    overset: Remainder
    part: int = 0
    tightened: float = 0.0
    slack: int = 0  # grid cells (column-rows) of the body area left empty
    last_x: float = 0.0  # left edge of its last text column, pt
    text_columns: int = 1


@dataclass(frozen=True, slots=True)
class ModuleSetup:
    """Per-page settings a module needs (built once per page)."""

    grid: Grid
    metrics: MetricsSet
    text: TextConfig


def body_units(article: Article, setup: ModuleSetup, tighten: float = 0.0,
               width: float | None = None) -> tuple[FlowUnit, ...]:
    """Break the article's body into flow units at the text column measure (`width` pt;
    default the base column), `tighten` em per character tighter than solid (紧排, only
    to make overset copy fit)."""
    size = setup.grid.template.body_size
    width = setup.grid.template.column_width if width is None else width
    units: list[FlowUnit] = []
    first = True
    for index, block in enumerate(article.blocks):
        if block.kind is BlockKind.SUBHEAD:
            lines = set_display((Span(block.text, FontRole.HEI_BOLD),), size, width, setup.metrics)
            units.append(FlowUnit(UnitKind.SUBHEAD, lines, tuple(range(1, len(lines) + 1)),
                                  len(lines) + 1, size, keep_with_next=True, block=index, space_before=1))
            continue
        quote = block.kind is BlockKind.QUOTE
        spans = block_spans(block, FontRole.KAI if quote else FontRole.SONG)
        if block.runin:  # clreq §7.1.3.5: bold run-in heading, then one em
            spans = (Span(block.runin + "\u3000", FontRole.HEI_BOLD),) + spans
        if first and article.byline:
            spans = (Span(article.byline, FontRole.HEI),) + spans
        first = False
        # clreq §6.2.1.2: a quotation is indented 2 em as a whole
        style = ParagraphStyle(size, width - (QUOTE_INDENT * size if quote else 0.0), tracking=-tighten)
        lines = set_paragraph(spans, style, setup.metrics, setup.text)
        for i, line in enumerate(lines):
            keep = len(lines) > 1 and i in (0, len(lines) - 2)  # no orphan, no widow
            units.append(FlowUnit(UnitKind.QUOTE if quote else UnitKind.BODY, (line,), (0,), 1, size,
                                  block=index, keep_lines=keep))
    return tuple(units)


def block_spans(block: Block, role: FontRole) -> tuple[Span, ...]:
    """The block's text as spans, split where its interlinear marks begin and end."""
    cuts = sorted({0, len(block.text), *(m.start for m in block.marks), *(m.end for m in block.marks)})
    spans = []
    for a, b in zip(cuts, cuts[1:]):
        mark = next((m for m in block.marks if m.start <= a and b <= m.end), None)
        spans.append(Span(block.text[a:b], role, mark))
    return tuple(spans)


@dataclass(frozen=True, slots=True)
class Part:
    """One part of an article on a page: its first part, or a continuation that carries
    the flow units the part before could not hold. `jump_in` is the page the text comes
    from (上接第X版), `jump_out` the page the next part is on (转第X版)."""

    article: Article
    index: int
    placement: Placement
    carried: tuple[FlowUnit, ...] = ()
    jump_in: int | None = None
    jump_out: int | None = None
    preset: tuple[FlowUnit, ...] | None = None  # the body already set at the base measure (packing)


def compose_module(part: Part, column: int, row: int, max_rows: int, setup: ModuleSetup,
                   draft: bool = False) -> Module:
    """Lay out an article part from page row `row` in 0-based `column`, never below
    `row + max_rows`. Height: the placement's rows, or what the content needs, or all
    of `max_rows` when the placement says fill (spare rows then open up the headline
    stack, up to doubling it, as layout staff do). Text that does not fit is tried
    tighter within the article's `tighten` limit, then left as the module's overset
    (drawn in red under the module in a draft)."""
    module = _compose(part, column, row, max_rows, setup, draft, 0.0)
    steps = int(round(part.article.tighten / TIGHTEN_STEP)) if part.index == 0 else 0
    for step in range(1, steps + 1):
        if not module.overset.units:
            break
        module = _compose(part, column, row, max_rows, setup, draft, step * TIGHTEN_STEP)
    return module


def text_columns(grid: Grid, column: int, span: int, measure: int | None) -> tuple[tuple[float, float], ...]:
    """(left x, width) of the module's text columns, pt. Normally its base columns; a
    split measure (破栏) sets `measure` columns across the span, each a whole number of
    characters wide, the space left over widening the gutters (clreq §7.1.1.3)."""
    t = grid.template
    if not measure or measure == span:
        return tuple((grid.column_x(column + c), t.column_width) for c in range(span))
    total = grid.span_width(span)
    chars = int((total - (measure - 1) * t.gutter) // (measure * t.body_size))
    width = chars * t.body_size
    gutter = (total - measure * width) / (measure - 1) if measure > 1 else 0.0
    left = grid.column_x(column) + (0.0 if measure > 1 else (total - width) / 2)
    return tuple((left + j * (width + gutter), width) for j in range(measure))


def _compose(part: Part, column: int, row: int, max_rows: int, setup: ModuleSetup, draft: bool,
             tighten: float) -> Module:
    article, place = part.article, part.placement
    grid = setup.grid
    width, x = grid.span_width(place.span), grid.column_x(column)
    inner = width - 2 * grid.template.body_size
    vertical = part.index == 0 and article.headline_vertical and place.span > 1
    if vertical:  # 直排标题: the stack stands in the module's first column(s)
        lines = vertical_lines(article, max_rows * grid.pitch - grid.pitch)
        side = min(columns_for(lines, grid), place.span - 1)
        stack, head_rows = HeadlineStack((), 0, False), grid.rows_for(block_height(lines) + grid.pitch)
    else:
        stack = build_stack(article if part.index == 0 else continuation(article), inner, grid, setup.metrics)
        side, head_rows = 0, 0
    body_x, body_span = grid.column_x(column + side), place.span - side
    cols = text_columns(grid, column + side, body_span, None if side else place.measure)
    units = _units(part, setup, tighten, cols[0][1])
    photos = article.photos if part.index == 0 else ()
    photo_rows = _photos(article, body_x, 0, setup, photos, body_span)[0]
    photo_right = body_x + grid.span_width(_photo_span(body_span) if units else body_span)
    taken = tuple(photo_rows if left < photo_right - 1 else 0 for left, _ in cols)
    content = balanced_rows(units, len(cols), taken) + (1 if part.jump_out else 0) if units else photo_rows
    need = max(stack.rows + content, head_rows)
    rows = place.rows if place.rows is not None else (max_rows if place.fill else min(need, max_rows))
    if place.fill and rows > need and stack.rows:
        stack = replace(stack, rows=stack.rows + min(rows - need, stack.rows))
    items: list[Item] = stack_runs(stack, x + grid.template.body_size, inner, row, grid, setup.metrics,
                                   article.id) if stack.rows else []
    if vertical:
        items += vertical_runs(lines, x, grid.span_width(side), grid.row_top(row) + grid.pitch / 2, article.id)
    top = row + stack.rows
    items += _photos(article, body_x, top, setup, photos, body_span)[1]
    body_rows = _body_rows(rows - stack.rows, content, place.fill or bool(part.jump_out), len(cols))
    regions = [Region(column + j, top + t, body_rows - t, left)
               for j, ((left, _w), t) in enumerate(zip(cols, taken)) if body_rows > t]
    if part.jump_out and regions:  # the last row of the last column is kept for 转第X版
        regions[-1] = replace(regions[-1], rows=regions[-1].rows - 1)
    result = flow(units, tuple(regions))
    items += _body_items(result, article, setup)
    frame = Frame(column, place.span, row, rows)
    if part.jump_out and result.remainder.units and regions:
        items += _jump_line(f"（转第{part.jump_out}版）", regions[-1], cols[-1][1], article, setup)
    if article.box:
        items += box_rules(frame, grid)
    slack = sum(r.rows for r in regions) - sum(result.used) + (rows - stack.rows - body_rows) * len(cols) \
        if units else 0
    return Module(article, frame, tuple(items), result.remainder, part.index, tighten, max(0, slack),
                  cols[-1][0], len(cols))


def _body_rows(room: int, content: int, fill: bool, columns: int) -> int:
    """Rows the body may use: the balanced height (auto); for a filling module the whole
    room, its columns running to the foot with only the last one short, unless the copy
    is too short for that (it would leave more than the last column short), when its
    columns stay balanced and the space left is reported."""
    if fill and content * columns >= (columns - 1) * room:
        return room
    return min(room, content)


def box_rules(frame: Frame, grid: Grid) -> list[Rule]:
    """A box round the module: half a gutter outside its columns, in the middle of the
    grid rows above and below it."""
    t = grid.template
    left = grid.column_x(frame.column) - t.gutter / 2
    right = grid.column_x(frame.column) + grid.span_width(frame.span) + t.gutter / 2
    top = grid.row_top(frame.row) - grid.pitch / 2
    bottom = grid.row_top(frame.row + frame.rows) + grid.pitch / 2
    return [Rule(left, top, right, top, BOX_RULE), Rule(left, bottom, right, bottom, BOX_RULE),
            Rule(left, top, left, bottom, BOX_RULE), Rule(right, top, right, bottom, BOX_RULE)]


def continuation(article: Article) -> Article:
    """The headline stack of a continuation: the headline again at its smallest size."""
    style = replace(article.style, headline_size=article.style.headline_min_size, headline_lines=2)
    return replace(article, kicker="", subhead="", style=style)


def _units(part: Part, setup: ModuleSetup, tighten: float, width: float) -> tuple[FlowUnit, ...]:
    """The part's flow units at a text column `width` pt wide: the article's body, or
    what the part before left over after an opening 上接第X版 line."""
    if part.index == 0:
        if part.preset is not None and not tighten and width == setup.grid.template.column_width:
            return part.preset
        return body_units(part.article, setup, tighten, width)
    size = setup.grid.template.body_size
    line = set_display((Span(f"（上接第{part.jump_in}版）", FontRole.KAI),), size, width, setup.metrics, Align.LEFT)
    jump = FlowUnit(UnitKind.BODY, line[:1], (0,), 1, size, keep_with_next=True, block=JUMP_BLOCK)
    return (jump,) + part.carried


def _jump_line(text: str, region: Region, width: float, article: Article, setup: ModuleSetup) -> list[Item]:
    """转第X版, right-aligned on the row kept for it under the last column."""
    grid, size = setup.grid, setup.grid.template.body_size
    line = set_display((Span(text, FontRole.KAI),), size, width, setup.metrics, Align.RIGHT)[0]
    dx = aligned_offset(line, size, width, setup.metrics, Align.RIGHT)
    return runs(line, region.x, grid.baseline(region.row + region.rows), size, article.id, "jump", dx)


def overset_items(module: Module, first_row: int, last_row: int, setup: ModuleSetup) -> list[Item]:
    """A draft shows a module's overset in red under its last column: a 超版 label on the
    row below the module, then as many overset lines as fit in the free rows up to
    `last_row`; the rest is counted on a closing line (the full text is in report.json)."""
    grid, rest, x = setup.grid, module.overset, module.last_x
    width = grid.template.column_width
    label = f"超版{rest.lines}行{len(rest.text)}字"
    items = _red_line(label, x, grid.baseline(first_row), width, module.article.id, setup)
    row, shown = first_row + 1, 0
    for unit in rest.units:
        if row + unit.rows > last_row:
            break
        for line, offset in zip(unit.lines, unit.line_rows):
            items += [replace(r, colour=OVERSET_RED)
                      for r in runs(line, x, grid.baseline(row + offset), unit.size, module.article.id, "overset")]
        row, shown = row + unit.rows, shown + len(unit.lines)
    if shown < rest.lines and row < last_row + 1:
        items += _red_line(f"……另{rest.lines - shown}行见report.json", x, grid.baseline(min(row, last_row)),
                           width, module.article.id, setup)
    return items


def _red_line(text: str, x: float, baseline: float, width: float, article: str, setup: ModuleSetup) -> list[Item]:
    size = setup.grid.template.body_size
    line = set_display((Span(text, FontRole.HEI_BOLD),), size, width, setup.metrics, Align.RIGHT)[0]
    dx = aligned_offset(line, size, width, setup.metrics, Align.RIGHT)
    return [replace(r, colour=OVERSET_RED) for r in runs(line, x, baseline, size, article, "overset-note", dx)]


def _body_items(result, article: Article, setup: ModuleSetup) -> list[Item]:
    grid = setup.grid
    items: list[Item] = []
    for placed in result.placed:
        line_x = placed.region.x if placed.region.x is not None else grid.column_x(placed.region.column)
        subhead = placed.unit.kind is UnitKind.SUBHEAD
        if placed.unit.kind is UnitKind.QUOTE:
            line_x += QUOTE_INDENT * placed.unit.size
        for line, offset in zip(placed.unit.lines, placed.unit.line_rows):
            dx = aligned_offset(line, placed.unit.size, line.width, setup.metrics, Align.CENTRE) if subhead else 0.0
            baseline = grid.baseline(placed.row + offset)
            kind = "jump" if placed.unit.block == JUMP_BLOCK else "subhead" if subhead else "body"
            items += runs(line, line_x, baseline, placed.unit.size, article.id, kind, dx)
            items += interlinear_rules(line, line_x + dx, baseline, placed.unit.size)
    return items


def _photo_span(span: int) -> int:
    """Columns a photo takes in a module `span` columns wide that also has body text."""
    return min(span, 3 if span >= 5 else 2)


def _photos(article: Article, x: float, top: int, setup: ModuleSetup, photos, module_span: int) -> tuple[int, list[Item]]:
    """Photos stacked at the top of the body area, each with its caption under it (or
    beside it, in the module's last column). Returns the rows they take and their items."""
    grid = setup.grid
    span = _photo_span(module_span) if article.blocks else module_span
    rows, items = 0, []
    for photo in photos:
        beside = photo.caption_position == "beside" and span > 1
        width = grid.span_width(span - 1 if beside else span)
        photo_rows, picture = _picture(photo, x, top + rows, width, grid, article.id)
        items.append(picture)
        if beside:
            cx = x + width + grid.template.gutter
            text_rows, text_items = _caption_block(photo, cx, top + rows, grid.template.column_width, article, setup)
            items += text_items
            rows += max(photo_rows, text_rows)
        else:
            text_rows, text_items = _caption_block(photo, x, top + rows + photo_rows, width, article, setup)
            items += text_items
            rows += photo_rows + text_rows
        rows += 1 if article.blocks else 0
    return rows, items


def _caption_block(photo: Photo, x: float, row: int, width: float, article: Article,
                   setup: ModuleSetup) -> tuple[int, list[Item]]:
    """The caption with its credit, then the photo's licence line: rows and items."""
    grid = setup.grid
    caption = _caption(photo, width, setup)
    items: list[Item] = []
    for i, line in enumerate(caption):
        items += runs(line, x, grid.baseline(row + i), grid.template.body_size, article.id, "caption")
    rows = len(caption)
    if photo.licence:  # the photo's own licence credit, small, right-aligned (CC BY etc.)
        size = LICENCE_SIZE
        for line in set_display((Span(photo.licence, FontRole.HEI),), size, width, setup.metrics):
            dx = aligned_offset(line, size, width, setup.metrics, Align.RIGHT)
            items += runs(line, x, grid.baseline(row + rows, size), size, article.id, "licence", dx)
            rows += 1
    return rows, items


def _picture(photo: Photo, x: float, row: int, width: float, grid: Grid, article: str) -> tuple[int, Picture]:
    """The photo scaled to `width`, its height rounded to whole rows by a central crop."""
    px_w, px_h = photo.pixels
    rows = max(1, round(width * px_h / px_w / grid.pitch))
    height = rows * grid.pitch
    crop = _central_crop(px_w, px_h, width / height)
    return rows, Picture(photo.file, x, grid.row_top(row), width, height, crop, article)


def _central_crop(px_w: int, px_h: int, aspect: float) -> tuple[int, int, int, int]:
    """The largest central box of the image with width/height = `aspect`, in pixels."""
    if px_w / px_h > aspect:
        w = round(px_h * aspect)
        left = (px_w - w) // 2
        return left, 0, left + w, px_h
    h = round(px_w / aspect)
    top = (px_h - h) // 2
    return 0, top, px_w, top + h


def _caption(photo: Photo, width: float, setup: ModuleSetup):
    spans = (Span(photo.caption, FontRole.KAI),)
    if photo.credit:
        spans += (Span("\u3000" + photo.credit, FontRole.HEI),)
    return set_paragraph(spans, ParagraphStyle(setup.grid.template.body_size, width, indent=2.0),
                         setup.metrics, setup.text)

"""One article's module (版块): a rectangle of whole columns × grid rows holding its
headline stack, photos with captions, and body text flowing down each column and into
the next. Rows here are page rows (0 = top of the type area); x in pt from the trim's
left edge.

The module is drawn from what `layout.compose.measure` set and arranged: this file
only places it. Every cell it fills is recorded (`Cover`), so holes can be found.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from layout.compose.grid import Grid
from layout.compose.headline import stack_runs
from layout.compose.interlinear import interlinear_rules
from layout.compose.items import Item, Picture, Rule, SourceField, TextRun, TextSource
from layout.compose.measure import (
    BYLINE_BLOCK,
    JUMP_BLOCK,
    LICENCE_SIZE,
    QUOTE_INDENT,
    Arrangement,
    Content,
    Measurer,
    arrange,
    flow_body,
    photo_rows,
)
from layout.compose.textset import Align, aligned_offset, runs, set_display
from layout.compose.vertical import vertical_runs
from layout.flow import Remainder, UnitKind
from layout.model.schema import Article, FontRole, RunKind
from layout.text.atoms import Span

TIGHTEN_STEP = 0.01  # em per character: steps of 紧排 tried on overset copy
OVERSET_RED = (0.0, 1.0, 1.0, 0.0)  # CMYK: overset copy on a draft
BOX_RULE = 0.5  # pt: the box round a boxed module


@dataclass(frozen=True, slots=True)
class Frame:
    """The module's rectangle: 0-based first column, span, first page row, rows."""

    column: int
    span: int
    row: int
    rows: int


@dataclass(frozen=True, slots=True)
class Cover:
    """Base columns [column, column + span) × page rows [row, row + rows) that something
    drawn fills (text lines, photos, the headline stack, rules)."""

    column: int
    span: int
    row: int
    rows: int


@dataclass(frozen=True, slots=True)
class Module:
    """A composed module: what to draw, where, and what did not fit; `part` is 0 for an
    article's first part; `tightened` the em per character its body was tightened;
    `blank` the rows left empty under its text; `covers` the cells it fills."""

    article: Article
    frame: Frame
    items: tuple[Item, ...]
    overset: Remainder
    part: int = 0
    tightened: float = 0.0
    slack: int = 0  # grid cells (column-rows) of the body area left empty
    last_x: float = 0.0  # left edge of its last text column, pt
    text_columns: int = 1
    covers: tuple[Cover, ...] = ()
    blank: int = 0


def compose_module(c: Content, frame: Frame, m: Measurer, draft: bool = False, level: bool = True) -> Module:
    """Lay out the content in `frame`. Text that does not fit is tried tighter within the
    article's `tighten` limit, then left as the module's overset (drawn in red under the
    module in a draft)."""
    a = _within(c, arrange(c, frame.rows, m, level))
    module = _draw(c, a, frame, m, 0.0)
    steps = int(round(c.part.article.tighten / TIGHTEN_STEP)) if c.part.index == 0 and not c.jumps else 0
    for step in range(1, steps + 1):
        if not module.overset.units:
            break
        tight = m.content(c.part, c.span, step * TIGHTEN_STEP)
        module = _draw(tight, _within(tight, arrange(tight, frame.rows, m, level)), frame, m, step * TIGHTEN_STEP)
    return module


def _within(c: Content, a: Arrangement) -> Arrangement:
    """`a` with its photos cut to the rows the module has, when it has fewer than they
    need even cropped as far as their proportion allows (a cramped module: refused, and
    shown so only in a draft): the tallest picture a row shorter at a time, to one row,
    so that neither a photo nor its caption is drawn below the module (the page foot)."""
    room = a.rows - a.stack_rows
    pictures = list(a.pictures)
    while pictures and photo_rows(c.photos, tuple(pictures)) > room and max(pictures) > 1:
        pictures[pictures.index(max(pictures))] -= 1
    return a if tuple(pictures) == a.pictures else replace(a, pictures=tuple(pictures))


def _draw(c: Content, a: Arrangement, frame: Frame, m: Measurer, tighten: float) -> Module:
    grid, article = m.setup.grid, c.part.article
    dx = grid.column_x(frame.column) - grid.template.area_left  # content x are for a module at column 0
    x, width = grid.column_x(frame.column), grid.span_width(frame.span)
    items: list[Item] = []
    covers: list[Cover] = []
    if c.stack.rows:
        stack = replace(c.stack, rows=a.stack_rows)
        size = grid.template.body_size
        items += stack_runs(stack, x + size, width - 2 * size, frame.row, grid, m.setup.metrics, article.id)
        covers.append(Cover(frame.column, frame.span, frame.row, a.stack_rows))
    if c.vertical:  # 直排标题 at the top of the module's side column(s), read from the top (clreq §3.3)
        items += _vertical(c, x, grid, frame.row, article.id)
        covers.append(Cover(frame.column, c.side, frame.row, min(frame.rows, c.head_rows)))  # blank under it: a hole
    top = frame.row + a.stack_rows
    photo_column = frame.column + frame.span - c.photo_columns
    photo_items, photo_covers = _photos(c, a, grid.column_x(photo_column), top, photo_column, m)
    items += photo_items
    covers += photo_covers
    result = flow_body(c, a, top)
    items += _body_items(result, article, m, dx)
    covers += [_unit_cover(p, c.area.width, grid, dx) for p in result.placed]
    regions = [r for r in _regions(c, a, top, dx)]
    if c.part.jump_out and result.remainder.units and regions:
        last = regions[-1]
        items += _jump_line(f"（转第{c.part.jump_out}版）", last, c.area.width, article, m)
        covers.append(Cover(frame.column + last[0], 1, last[1] + last[2], 1))
    if article.box:  # the box closes under its copy: rows left blank under every column are not boxed in
        foot = max((cover.row + cover.rows for cover in covers), default=frame.row + frame.rows)
        items += box_rules(replace(frame, rows=max(1, min(frame.rows, foot - frame.row))), grid)
    slack = sum(r[2] for r in regions) - sum(result.used)
    return Module(article, frame, tuple(items), result.remainder, c.part.index, tighten, max(0, slack),
                  c.area.xs[-1] + dx, len(c.area.xs), tuple(covers), a.blank)


def _unit_cover(placed, width: float, grid: Grid, dx: float) -> Cover:
    """The cells a placed flow unit fills: its rows (less space dropped at a column top)
    in every base column its text column overlaps."""
    x0 = (placed.region.x if placed.region.x is not None else grid.column_x(placed.region.column)) + dx
    first, span = columns_under(grid, x0, x0 + width)
    top = max(placed.row, placed.region.row)
    return Cover(first, span, top, placed.row + placed.unit.rows - top)


def columns_under(grid: Grid, x0: float, x1: float) -> tuple[int, int]:
    """(first base column, count) of the base columns the x range [x0, x1] overlaps."""
    t = grid.template
    step = t.column_width + t.gutter
    first = max(0, int((x0 - t.area_left + 0.5) // step))
    last = max(first, int((x1 - t.area_left - 0.5) // step))
    return first, min(last, t.columns - 1) - first + 1


def _regions(c: Content, a: Arrangement, top: int, dx: float) -> list[tuple[int, int, int, float]]:
    """(relative base column, first page row, rows, x) of each text segment."""
    return [(c.area.columns[j], top + seg[0], seg[1], c.area.xs[j] + dx)
            for j, seg in enumerate(a.fit.segments) if seg]


def _vertical(c: Content, x: float, grid: Grid, row: int, article: str) -> list[Item]:
    """The vertical stack, its glyphs traced to the kicker, headline and subhead."""
    out: list[Item] = []
    fields = {"kicker": SourceField.KICKER, "headline": SourceField.HEADLINE, "subhead": SourceField.SUBHEAD}
    counters: dict[str, int] = {}
    for run in vertical_runs(c.vertical, x, grid.span_width(c.side), grid.row_top(row) + grid.pitch / 2, article):
        kind = str(run.kind)
        text = {"kicker": c.part.article.kicker, "headline": c.part.article.headline,
                "subhead": c.part.article.subhead}[kind]
        at = counters.get(kind, 0)
        while at < len(text) and text[at].isspace():
            at += 1
        counters[kind] = at + len(run.glyphs)
        out.append(replace(run, source=TextSource(article, fields[kind], 0, at)))
    return out


def box_rules(frame: Frame, grid: Grid) -> list[Rule]:
    """A box round the module: half a gutter outside its columns, in the middle of the
    grid rows above and below it; at the type area's edge the rule stands on the edge,
    inside it, not in the margin (the text inside is inset half an em each side:
    `layout.compose.measure.BOX_INSET`)."""
    t = grid.template
    left = max(grid.column_x(frame.column) - t.gutter / 2, t.area_left + BOX_RULE / 2)
    right = min(grid.column_x(frame.column) + grid.span_width(frame.span) + t.gutter / 2,
                t.area_left + t.area_width - BOX_RULE / 2)
    top = grid.row_top(frame.row) - grid.pitch / 2
    bottom = grid.row_top(frame.row + frame.rows) + grid.pitch / 2
    return [Rule(left, top, right, top, BOX_RULE), Rule(left, bottom, right, bottom, BOX_RULE),
            Rule(left, top, left, bottom, BOX_RULE), Rule(right, top, right, bottom, BOX_RULE)]


def _jump_line(text: str, region: tuple[int, int, int, float], width: float, article: Article,
               m: Measurer) -> list[Item]:
    """转第X版, right-aligned on the row kept for it under the last column."""
    grid, size = m.setup.grid, m.setup.grid.template.body_size
    line = set_display((Span(text, FontRole.KAI),), size, width, m.setup.metrics, Align.RIGHT)[0]
    dx = aligned_offset(line, size, width, m.setup.metrics, Align.RIGHT)
    return [*runs(line, region[3], grid.baseline(region[1] + region[2]), size, article.id, RunKind.JUMP, dx)]


def _body_items(result, article: Article, m: Measurer, dx: float) -> list[Item]:
    grid = m.setup.grid
    items: list[Item] = []
    for placed in result.placed:
        line_x = (placed.region.x if placed.region.x is not None else grid.column_x(placed.region.column)) + dx
        subhead = placed.unit.kind is UnitKind.SUBHEAD
        if placed.unit.kind is UnitKind.QUOTE:
            line_x += QUOTE_INDENT * placed.unit.size
        kind = {JUMP_BLOCK: RunKind.JUMP, BYLINE_BLOCK: RunKind.BYLINE}.get(
            placed.unit.block, RunKind.SUBHEAD if subhead else RunKind.BODY)
        for i, (line, offset) in enumerate(zip(placed.unit.lines, placed.unit.line_rows)):
            shift = aligned_offset(line, placed.unit.size, line.width, m.setup.metrics, Align.CENTRE) if subhead else 0.0
            baseline = grid.baseline(placed.row + offset)
            origins = placed.unit.origins[i] if placed.unit.origins else ()
            items += runs(line, line_x, baseline, placed.unit.size, article.id, kind, shift, origins)
            items += interlinear_rules(line, line_x + shift, baseline, placed.unit.size)
    return items


def _photos(c: Content, a: Arrangement, x: float, top: int, column: int, m: Measurer) -> tuple[list[Item], list[Cover]]:
    """Photos stacked at the top of the body area, each with its caption under it (or
    beside it, in the photo's last column), a row between them."""
    grid = m.setup.grid
    items: list[Item] = []
    covers: list[Cover] = []
    row = top
    for block, rows in zip(c.photos, a.pictures):
        left, right = block.inset  # inside a box: clear of its rules
        width = grid.span_width(block.columns - 1 if block.beside else block.columns) - left - \
            (0.0 if block.beside else right)
        items.append(_picture(block.photo, x + left, row, rows, width, grid, c.part.article.id))
        covers.append(Cover(column, block.columns - (1 if block.beside else 0), row, rows))
        if block.beside:  # the caption column belongs to the photo all the way down
            cx, crow = x + left + width + grid.template.gutter, row
            covers.append(Cover(column + block.columns - 1, 1, row, block.rows(rows)))
        else:
            cx, crow = x + left, row + rows
            covers.append(Cover(column, block.columns, row + rows, block.text_rows))
        items += _caption_items(block, cx, crow, width if not block.beside else grid.template.column_width - right,
                                c.part.article.id, m)
        row += block.rows(rows) + 1
    return items, covers


def _caption_items(block, x: float, row: int, width: float, article: str, m: Measurer) -> list[Item]:
    """The caption with its credit, then the photo's licence line, small and flush right."""
    grid, metrics = m.setup.grid, m.setup.metrics
    items: list[Item] = []
    for i, line in enumerate(block.caption):
        items += runs(line, x, grid.baseline(row + i), grid.template.body_size, article, RunKind.CAPTION, 0.0,
                      block.caption_origins[i])
    for i, line in enumerate(block.licence):
        shift = aligned_offset(line, LICENCE_SIZE, width, metrics, Align.RIGHT)
        items += runs(line, x, grid.baseline(row + len(block.caption) + i, LICENCE_SIZE), LICENCE_SIZE, article,
                      RunKind.LICENCE, shift, block.licence_origins[i])
    return items


def _picture(photo, x: float, row: int, rows: int, width: float, grid: Grid, article: str) -> Picture:
    """The photo `width` pt wide and `rows` grid rows tall, cropped centrally to that box."""
    height = rows * grid.pitch
    px_w, px_h = photo.pixels
    return Picture(photo.file, x, grid.row_top(row), width, height, central_crop(px_w, px_h, width / height), article)


def central_crop(px_w: int, px_h: int, aspect: float) -> tuple[int, int, int, int]:
    """The largest central box of the image with width/height = `aspect`, in pixels."""
    if px_w / px_h > aspect:
        w = round(px_h * aspect)
        left = (px_w - w) // 2
        return left, 0, left + w, px_h
    h = round(px_w / aspect)
    top = (px_h - h) // 2
    return 0, top, px_w, top + h


def overset_items(module: Module, first_row: int, last_row: int, m: Measurer) -> list[Item]:
    """A draft shows a module's overset in red under its last column: a 超版 label on the
    row below the module, then as many overset lines as fit in the free rows up to
    `last_row`; the rest is counted on a closing line (the full text is in report.json)."""
    grid, rest, x = m.setup.grid, module.overset, module.last_x
    width = grid.template.column_width
    label = f"超版{rest.lines}行{len(rest.text)}字"
    items = _red_line(label, x, grid.baseline(first_row), width, module.article.id, m)
    row, shown = first_row + 1, 0
    for unit in rest.units:
        if row + unit.rows > last_row:
            break
        for line, offset in zip(unit.lines, unit.line_rows):
            items += [replace(r, colour=OVERSET_RED)
                      for r in runs(line, x, grid.baseline(row + offset), unit.size, module.article.id, RunKind.OVERSET)]
        row, shown = row + unit.rows, shown + len(unit.lines)
    if shown < rest.lines and row < last_row + 1:
        items += _red_line(f"……另{rest.lines - shown}行见report.json", x, grid.baseline(min(row, last_row)),
                           width, module.article.id, m)
    return items


def _red_line(text: str, x: float, baseline: float, width: float, article: str, m: Measurer) -> list[Item]:
    size = m.setup.grid.template.body_size
    line = set_display((Span(text, FontRole.HEI_BOLD),), size, width, m.setup.metrics, Align.RIGHT)[0]
    dx = aligned_offset(line, size, width, m.setup.metrics, Align.RIGHT)
    return [replace(r, colour=OVERSET_RED) for r in runs(line, x, baseline, size, article, RunKind.OVERSET_NOTE, dx)]


__all__ = ["Cover", "Frame", "Module", "box_rules", "compose_module", "overset_items", "TextRun"]

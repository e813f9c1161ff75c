"""One article's module (版块): a rectangle of whole columns × grid rows holding its
headline stack, photos with captions, and body text flowing down each column and into
the next. Rows here are page rows (0 = top of the type area)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PIL import Image

from layout.compose.grid import Grid
from layout.compose.headline import build_stack, stack_runs
from layout.compose.interlinear import interlinear_rules
from layout.compose.items import Item, Picture
from layout.compose.textset import Align, aligned_offset, runs, set_display
from layout.flow import FlowUnit, Region, Remainder, UnitKind, balanced_rows, flow
from layout.model.schema import Article, Block, BlockKind, FontRole, Photo
from layout.text.atoms import Span
from layout.text.config import TextConfig
from layout.text.metrics import MetricsSet
from layout.text.paragraph import ParagraphStyle, set_paragraph


LICENCE_SIZE = 6.5  # pt (小六): a photo's licence line under its caption
QUOTE_INDENT = 2.0  # em: a block quotation's indent (clreq §6.2.1.2)


@dataclass(frozen=True, slots=True)
class Frame:
    """The module's rectangle: 0-based first column, span, first page row, rows."""

    column: int
    span: int
    row: int
    rows: int


@dataclass(frozen=True, slots=True)
class Module:
    """A composed module: what to draw, where, and what did not fit."""

    article: Article
    frame: Frame
    items: tuple[Item, ...]
    overset: Remainder


@dataclass(frozen=True, slots=True)
class ModuleSetup:
    """Per-page settings a module needs (built once per page)."""

    grid: Grid
    metrics: MetricsSet
    text: TextConfig


def body_units(article: Article, setup: ModuleSetup) -> tuple[FlowUnit, ...]:
    """Break the article's body into flow units at the base column measure."""
    size, width = setup.grid.template.body_size, setup.grid.template.column_width
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
        style = ParagraphStyle(size, width - QUOTE_INDENT * size) if quote else ParagraphStyle(size, width)
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


def compose_module(article: Article, column: int, row: int, max_rows: int, setup: ModuleSetup) -> Module:
    """Lay out `article` from page row `row` in 0-based `column`, never below
    `row + max_rows`. Height: the placement's rows, or what the content needs, or all
    of `max_rows` when the placement says fill (spare rows then open up the headline
    stack, up to doubling it, as layout staff do)."""
    grid, place = setup.grid, article.placement
    width, x = grid.span_width(place.span), grid.column_x(column)
    inner = width - 2 * grid.template.body_size
    stack = build_stack(article, inner, grid, setup.metrics)
    units = body_units(article, setup)
    photo_rows = _photos(article, x, 0, setup)[0]
    photo_span = _photo_span(article) if units else place.span
    taken = tuple(photo_rows if c < photo_span else 0 for c in range(place.span))
    content = balanced_rows(units, place.span, taken) if units else photo_rows
    need = stack.rows + content
    rows = place.rows if place.rows is not None else (max_rows if place.fill else min(need, max_rows))
    if place.fill and rows > need and stack.rows:
        stack = replace(stack, rows=stack.rows + min(rows - need, stack.rows))
    items: list[Item] = stack_runs(stack, x + grid.template.body_size, inner, row, grid, setup.metrics,
                                   article.id) if stack.rows else []
    top = row + stack.rows
    items += _photos(article, x, top, setup)[1]
    # auto height: the balanced height; fill: columns run to the foot, the last one short
    body_rows = rows - stack.rows if place.fill else min(rows - stack.rows, content)
    regions = tuple(Region(column + c, top + t, body_rows - t) for c, t in enumerate(taken) if body_rows > t)
    result = flow(units, regions)
    items += _body_items(result, article, setup)
    return Module(article, Frame(column, place.span, row, rows), tuple(items), result.remainder)


def _body_items(result, article: Article, setup: ModuleSetup) -> list[Item]:
    grid = setup.grid
    items: list[Item] = []
    for placed in result.placed:
        line_x = grid.column_x(placed.region.column)
        subhead = placed.unit.kind is UnitKind.SUBHEAD
        if placed.unit.kind is UnitKind.QUOTE:
            line_x += QUOTE_INDENT * placed.unit.size
        for line, offset in zip(placed.unit.lines, placed.unit.line_rows):
            dx = aligned_offset(line, placed.unit.size, line.width, setup.metrics, Align.CENTRE) if subhead else 0.0
            baseline = grid.baseline(placed.row + offset)
            items += runs(line, line_x, baseline, placed.unit.size, article.id,
                          "subhead" if subhead else "body", dx)
            items += interlinear_rules(line, line_x + dx, baseline, placed.unit.size)
    return items


def _photo_span(article: Article) -> int:
    """Columns a photo takes in an article that also has body text."""
    return min(article.placement.span, 3 if article.placement.span >= 5 else 2)


def _photos(article: Article, x: float, top: int, setup: ModuleSetup) -> tuple[int, list[Item]]:
    """Photos stacked at the top of the body area, each with its caption under it.
    Returns the rows they take and their items."""
    grid = setup.grid
    span = _photo_span(article) if article.blocks else article.placement.span
    width = grid.span_width(span)
    rows, items = 0, []
    for photo in article.photos:
        photo_rows, picture = _picture(photo, x, top + rows, width, grid, article.id)
        items.append(picture)
        rows += photo_rows
        caption = _caption(photo, width, setup)
        for i, line in enumerate(caption):
            items += runs(line, x, grid.baseline(top + rows + i), grid.template.body_size, article.id, "caption")
        rows += len(caption)
        if photo.licence:  # the photo's own licence credit, small, right-aligned (CC BY etc.)
            size = LICENCE_SIZE
            line = set_display((Span(photo.licence, FontRole.HEI),), size, width, setup.metrics)[0]
            dx = aligned_offset(line, size, width, setup.metrics, Align.RIGHT)
            items += runs(line, x, grid.baseline(top + rows, size), size, article.id, "licence", dx)
            rows += 1
        rows += 1 if article.blocks else 0
    return rows, items


def _picture(photo: Photo, x: float, row: int, width: float, grid: Grid, article: str) -> tuple[int, Picture]:
    """The photo scaled to `width`, its height rounded to whole rows by a central crop."""
    with Image.open(photo.file) as image:
        px_w, px_h = image.size
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

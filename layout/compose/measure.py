"""Measure before placing: an article part at a width of whole columns → everything it
is made of, set once (`Content`), and what it needs of a module (`arrange`).

`Content` holds the headline stack (or the vertical headline), the photos with their
captions, and the body set into flow units at the text column measure. `arrange`
decides, for a module of a given number of rows, how tall the photos are (cropped
within `CROP`), how far the stack opens up (at most doubling it, as layout staff do)
and where the body's columns end (balanced, 齐栏); what it cannot absorb is left blank
at the foot and counted. Rows are grid rows; widths pt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from layout.compose.body import BodyArea, BodyFit, balanced, full, pour, widowed
from layout.compose.grid import Grid
from layout.compose.headline import EMPTY, HeadlineStack, build_stack
from layout.compose.items import SourceField
from layout.compose.textset import Align, set_display, trace
from layout.compose.vertical import VerticalLine, block_height, columns_for, vertical_lines
from layout.flow import FlowUnit, Profile, UnitKind, fill, profile
from layout.model.memo import ContentMemo
from layout.model.schema import Article, Block, BlockKind, BylineStyle, FontRole, Photo, Placement
from layout.text.atoms import Span
from layout.text.config import TextConfig
from layout.text.justify import SetLine
from layout.text.metrics import MetricsSet
from layout.text.paragraph import ParagraphStyle, set_paragraph
from layout.text.segment import phrase_breaks

QUOTE_INDENT = 2.0      # em: a block quotation's indent (clreq §6.2.1.2)
LICENCE_SIZE = 6.5      # pt (小六): a photo's licence line under its caption
CROP = (0.87, 1.15)     # a photo's height may be cropped to this range of its own proportion
JUMP_BLOCK = -1         # block index of the 上接第X版 line that opens a continuation
BYLINE_BLOCK = -2       # block index of a byline on its own line
PHOTO_SHARE = 0.4       # a photo beside text stands at most this share of the page's grid rows
MIN_JUMP_LINES = 3      # lines of text a module that jumps on must show at least
RUNIN_CLOSERS = "）)】」』"  # a run-in byline ending in one of these needs no space after it

# What arranging costs, per row (the packer adds shapes' costs up).
OPEN_COST = 0.6     # a row the headline stack opens up by
PHOTO_COST = 3.0    # a row a photo is cropped taller or shorter than its own proportion
BLANK_COST = 8.0    # a row left blank under the text
MAX_BLANK = 2       # rows a module may leave blank under its text (4 would be a hole, 天窗)
LEVEL_SHORT = 1     # rows a column may stop short of its neighbours (level columns, 齐栏)
HOLE = 4            # empty rows at a column's foot that a reader sees as a hole (天窗)
HOLE_PENALTY = 1e4  # an arrangement with a hole, taken only when no other fits
WIDOW_COST = 10.0   # a paragraph's first line alone at a column's foot or its last at the next top (孤行)
INSIDE_HOLE_COST = 600.0  # per empty cell of such a hole: more than one beside a module (packing.HOLE_COST),
#                           as blank columns under a module's headline read worse than a hole beside it
NO_JUMP_COST = 1e6  # a module "jumping" that carries nothing on: its text left in segments under min_segment


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


@dataclass(frozen=True, slots=True)
class Setup:
    """Per-page settings measuring and composing need (built once per page). `lines`,
    when given (a warm builder's: layout/compose/memo.py LINES), remembers paragraphs set
    before, by their spans, style, `fonts` (the fonts' content: memo.fonts_key) and text
    settings, so an unchanged paragraph is not broken again on a rebuild."""

    grid: Grid
    metrics: MetricsSet
    text: TextConfig
    min_segment: int = 3  # fewest lines of a column segment (typesetting.min_segment_lines)
    lines: ContentMemo[tuple[SetLine, ...]] | None = field(default=None, compare=False, hash=False)
    fonts: tuple = field(default=(), compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class PhotoBlock:
    """A photo set for its module: its picture `columns` wide (base columns, the caption
    column included when the caption is beside it), its rows at its own proportion and
    the range cropping allows, and its caption and licence lines."""

    photo: Photo
    index: int
    columns: int
    beside: bool
    natural: int
    low: int
    high: int
    caption: tuple[SetLine, ...]
    caption_origins: tuple
    licence: tuple[SetLine, ...]
    licence_origins: tuple
    inset: tuple[float, float] = (0.0, 0.0)  # pt kept clear at its left and right: inside a box's rules

    @property
    def text_rows(self) -> int:
        return len(self.caption) + len(self.licence)

    def rows(self, picture: int) -> int:
        """Rows the photo and its caption take with the picture `picture` rows tall."""
        return max(picture, self.text_rows) if self.beside else picture + self.text_rows


@dataclass(frozen=True, slots=True, eq=False)  # compared and hashed by identity: built once per part and span
class Content:
    """An article part set for a module `span` columns wide."""

    part: Part
    span: int
    stack: HeadlineStack
    vertical: tuple[VerticalLine, ...]
    side: int           # base columns the vertical headline takes at the module's left
    head_rows: int      # rows the vertical headline takes
    area: BodyArea      # text columns, x relative to the module's left edge
    units: tuple[FlowUnit, ...]
    photos: tuple[PhotoBlock, ...]
    photo_columns: int  # base columns (at the body's right) the photos take
    profile: Profile    # the units as numbers, for fitting

    @property
    def jumps(self) -> bool:
        return self.part.jump_out is not None


@dataclass(frozen=True, slots=True)
class Arrangement:
    """How a module of `rows` rows holds its content: the stack's rows (opened up), each
    photo's picture rows, the body's column segments (relative to the body top), the
    rows left blank at the foot, the cost of the choice and whether text is over."""

    rows: int
    stack_rows: int
    pictures: tuple[int, ...]
    fit: BodyFit
    blank: int
    cost: float
    over: bool


@dataclass(frozen=True, slots=True)
class Shape:
    """What a part needs at a span: the fewest rows that hold it all, the most it can
    take without a hole, and whether its headline fits the width."""

    span: int
    need: int
    most: int
    headline_fits: bool
    natural: int = 0  # rows with every photo at its own proportion
    clean: bool = True  # some height leaves no blank beside a photo taller than the text


# --------------------------------------------------------------------------- measuring

class Measurer:
    """Measures each part once: its content at each span, the body fits for each photo
    size, its shapes. Memoized for one composition of an issue (the compose stage's
    private state); parts are remembered by identity, article bodies by content."""

    def __init__(self, setup: Setup):
        self.setup = setup
        self._contents: dict[tuple[int, int, float], tuple[Part, Content]] = {}
        self._fits: dict[tuple[int, tuple[int, ...], bool, bool], tuple[Content, BodyFit]] = {}
        self._units: dict[tuple[Article, float, float], tuple[FlowUnit, ...]] = {}
        self._profiles: dict[int, tuple[tuple[FlowUnit, ...], Profile]] = {}
        self._stacks: dict[tuple[int, bool], tuple[Article, int, HeadlineStack]] = {}

    def content(self, part: Part, span: int, tighten: float = 0.0) -> Content:
        """Everything the part is made of, set for a module `span` columns wide."""
        key = (id(part), span, tighten)
        if key not in self._contents:
            self._contents[key] = (part, _content(part, span, self, tighten))
        return self._contents[key][1]

    def units(self, article: Article, tighten: float, width: float) -> tuple[FlowUnit, ...]:
        key = (article, tighten, width)
        if key not in self._units:
            self._units[key] = body_units(article, self.setup, tighten, width)
        return self._units[key]

    def stack(self, article: Article, span: int, continuation: bool) -> HeadlineStack:
        """The article's headline stack for a module `span` columns wide. A stack of
        one natural line per element (nothing shrunk, squeezed or spread) is the same at
        every wider span, so it is set once for them."""
        size = self.setup.grid.template.body_size
        width = self.setup.grid.span_width(span) - 2 * size
        key = (id(article), continuation)
        known = self._stacks.get(key)
        if known is not None and known[1] <= span:
            return known[2]
        stack = build_stack(article, width, self.setup.grid, self.setup.metrics, continuation)
        if _holds_wider(stack, width) and (known is None or span < known[1]):
            self._stacks[key] = (article, span, stack)  # the article kept: its id stays its own
        return stack

    def profile(self, units: tuple[FlowUnit, ...]) -> Profile:
        """The units' profile, made once per units (the same body at every span)."""
        key = id(units)
        if key not in self._profiles:
            self._profiles[key] = (units, profile(units))  # the units kept: their id stays theirs
        return self._profiles[key][1]

    def settled(self, c: Content) -> Content:
        """The content as if it did not jump (all of it fits here), made once."""
        key = (id(c), -1, 0.0)
        if key not in self._contents:
            self._contents[key] = (c.part, replace(c, part=replace(c.part, jump_out=None)))
        return self._contents[key][1]

    def fit(self, c: Content, pictures: tuple[int, ...], level: bool = True, uneven: bool = False) -> BodyFit:
        key = (id(c), pictures, level, uneven)
        if key not in self._fits:
            self._fits[key] = (c, balanced(c.profile, with_pictures(c, pictures), self.setup.min_segment, level,
                                           uneven))
        return self._fits[key][1]


def _holds_wider(stack: HeadlineStack, width: float) -> bool:
    """Whether `stack`, set `width` pt wide, comes out the same at any greater width: one
    line per element, set at its natural width with an em to spare (a squeezed line
    fills its measure), aligned rather than spread, nothing shrunk or too wide."""
    return bool(stack.elements) and not stack.shrunk and not stack.too_wide and all(
        len(e.lines) == 1 and e.align not in (Align.JUSTIFY, Align.SPREAD) and e.lines[0].right + e.size <= width
        for e in stack.elements)


def _content(part: Part, span: int, m: Measurer, tighten: float) -> Content:
    article, setup = part.article, m.setup
    grid = setup.grid
    vertical = part.index == 0 and article.headline_vertical and span > 1
    if vertical:  # 直排标题: the stack stands in the module's first column(s)
        lines = vertical_lines(article, (grid.rows - 1) * grid.pitch)
        side = min(columns_for(lines, grid), span - 1)
        stack, head_rows = EMPTY, grid.rows_for(block_height(lines) + grid.pitch)
    else:
        lines, side, head_rows = (), 0, 0
        stack = m.stack(article, span, part.index > 0)
    measure = None if side else part.placement.measure
    cols = text_columns(grid, 0, span, measure)  # with a vertical headline its columns take text under it
    if article.box:  # a box's text keeps clear of its rules, also where they stand on the type area's edge
        cols = tuple((left + BOX_INSET * grid.template.body_size, width - 2 * BOX_INSET * grid.template.body_size)
                     for left, width in cols)
    units = part_units(part, m, tighten, cols[0][1])
    photos = photo_blocks(part, span - side, bool(units), setup) if part.index == 0 else ()
    photo_columns = photos[0].columns if photos else 0
    # photos stand at the top right of the body, so the text starts at the top left (图片居右上)
    photo_left = grid.column_x(span - photo_columns) if photos else math.inf
    taken = tuple(photo_rows(photos, None) + 1 if photos and units and left + width > photo_left + 1
                  else head_rows if j < side else 0
                  for j, (left, width) in enumerate(cols))
    area = BodyArea(tuple(left for left, _ in cols), cols[0][1], tuple(_base_column(grid, left) for left, _ in cols),
                    taken)
    return Content(part, span, stack, lines, side, head_rows, area, units, photos, photo_columns, m.profile(units))


BOX_INSET = 0.5  # em of body size: a boxed module's text columns are inset this much each side (one character narrower)


def _base_column(grid: Grid, x: float) -> int:
    """The base column (0-based, relative to the module) a text column starting at x is in."""
    t = grid.template
    return int((x - t.area_left + 0.5) // (t.column_width + t.gutter))


def text_columns(grid: Grid, column: int, span: int, measure: int | None) -> tuple[tuple[float, float], ...]:
    """(left x, width) of the module's text columns, pt, for a module whose text starts at
    0-based base `column`. Normally its base columns; a split measure (破栏) sets
    `measure` columns across the span, each a whole number of characters wide, the space
    left over widening the gutters (clreq §7.1.1.3)."""
    t = grid.template
    if not measure or measure == span:
        return tuple((grid.column_x(column + c), t.column_width) for c in range(span))
    total = grid.span_width(span)
    chars = int((total - (measure - 1) * t.gutter) // (measure * t.body_size))
    width = chars * t.body_size
    gutter = (total - measure * width) / (measure - 1) if measure > 1 else 0.0
    left = grid.column_x(column) + (0.0 if measure > 1 else (total - width) / 2)
    return tuple((left + j * (width + gutter), width) for j in range(measure))


# ---------------------------------------------------------------------------- body text

def part_units(part: Part, m: Measurer, tighten: float, width: float) -> tuple[FlowUnit, ...]:
    """The part's flow units at a text column `width` pt wide: the article's body, or
    what the part before left over after an opening 上接第X版 line."""
    if part.index == 0:
        return m.units(part.article, tighten, width)
    size = m.setup.grid.template.body_size
    line = set_display((Span(f"（上接第{part.jump_in}版）", FontRole.KAI),), size, width, m.setup.metrics,
                       Align.LEFT)
    jump = FlowUnit(UnitKind.BODY, line[:1], (0,), 1, size, keep_with_next=True, block=JUMP_BLOCK)
    return (jump,) + part.carried


def body_units(article: Article, setup: Setup, tighten: float = 0.0,
               width: float | None = None) -> tuple[FlowUnit, ...]:
    """Break the article's body into flow units at the text column measure (`width` pt;
    default the base column), `tighten` em per character tighter than solid (紧排, only
    to make overset copy fit). Every line carries where its glyphs come from."""
    size = setup.grid.template.body_size
    width = setup.grid.template.column_width if width is None else width
    units: list[FlowUnit] = []
    runin_byline = bool(article.byline) and article.byline_style is BylineStyle.RUNIN
    if article.byline and not runin_byline:
        units.append(_byline_unit(article, setup, width))
    first = True
    for index, block in enumerate(article.blocks):
        if block.kind is BlockKind.SUBHEAD:
            lines = set_display((Span(block.text, FontRole.HEI_BOLD),), size, width, setup.metrics)
            origins = trace(lines, ((SourceField.BODY, index, block.text),))
            units.append(FlowUnit(UnitKind.SUBHEAD, lines, tuple(range(1, len(lines) + 1)), len(lines) + 1, size,
                                  keep_with_next=True, block=index, space_before=1, origins=origins))
            continue
        units += _paragraph_units(article, index, block, setup, tighten, width, first and runin_byline)
        first = False
    return tuple(units)


def _byline_unit(article: Article, setup: Setup, width: float) -> FlowUnit:
    """A byline on a line (or lines) of its own above the body, in Hei, flush left."""
    size = setup.grid.template.body_size
    lines = set_display((Span(article.byline, FontRole.HEI),), size, width, setup.metrics, Align.LEFT)
    origins = trace(lines, ((SourceField.BYLINE, 0, article.byline),))
    return FlowUnit(UnitKind.BODY, lines, tuple(range(len(lines))), len(lines), size, keep_with_next=True,
                    block=BYLINE_BLOCK, origins=origins)


def _paragraph_units(article: Article, index: int, block: Block, setup: Setup, tighten: float, width: float,
                     with_byline: bool) -> list[FlowUnit]:
    size = setup.grid.template.body_size
    quote = block.kind is BlockKind.QUOTE
    spans = block_spans(block, FontRole.KAI if quote else FontRole.SONG)
    texts: list[tuple[SourceField | None, int, str]] = [(SourceField.BODY, index, block.text)]
    if block.runin:  # clreq §7.1.3.5: bold run-in heading, then one em
        spans = (Span(block.runin, FontRole.HEI_BOLD), Span("\u3000", FontRole.HEI_BOLD)) + spans
        texts = [(SourceField.RUNIN, index, block.runin), (None, 0, "\u3000")] + texts
    lead = 0  # characters run in before the heading
    if with_byline:  # 本报讯（记者…）run in; a byline not closed by a bracket is followed by a space
        separator = "" if article.byline.rstrip()[-1:] in RUNIN_CLOSERS else "\u3000"
        separator = "\n" if block.runin else separator  # a run-in heading starts its own line, whole
        spans = (Span(article.byline + separator, FontRole.HEI),) + spans
        texts = [(SourceField.BYLINE, 0, article.byline), (None, 0, separator)] + texts
        lead = len(article.byline + separator)
    # clreq §6.2.1.2: a quotation is indented 2 em as a whole
    style = ParagraphStyle(size, width - (QUOTE_INDENT * size if quote else 0.0), tracking=-tighten)
    if block.runin:  # the heading starts the first line (after its indent) or, after a byline, the second
        fits = (len(block.runin) + (0 if with_byline else style.indent)) * size <= style.width
        style = replace(style, breaks=_runin_breaks(block.runin, lead, sum(len(s.text) for s in spans), fits))
    lines = set_lines(spans, style, setup)
    origins = trace(lines, tuple(texts))
    return [FlowUnit(UnitKind.QUOTE if quote else UnitKind.BODY, (line,), (0,), 1, size, block=index,
                     keep_lines=len(lines) > 1 and i in (0, len(lines) - 2), origins=(origins[i],))
            for i, line in enumerate(lines)]  # keep_lines: no orphan, no widow


def set_lines(spans: tuple[Span, ...], style: ParagraphStyle, setup: Setup) -> tuple[SetLine, ...]:
    """`set_paragraph` of the spans, or the lines it gave before for the same spans,
    style, fonts and text settings (`setup.lines`, when given)."""
    if setup.lines is None:
        return set_paragraph(spans, style, setup.metrics, setup.text)
    return setup.lines.get((spans, style, setup.fonts, setup.text),
                           lambda: set_paragraph(spans, style, setup.metrics, setup.text))


def _runin_breaks(heading: str, lead: int, length: int, fits: bool) -> frozenset[int]:
    """Where a line of a paragraph with a run-in heading may start (offsets into its
    text, the heading `lead` characters in): anywhere but inside the heading and its
    space; a heading wider than the line (`fits` false) also between its words and
    phrases (the segmenter's breaks), rather than splitting a word or leaving its first
    or last character alone on a line."""
    inside = set(range(lead + 1, lead + len(heading) + 1))
    between = set() if fits else {lead + k for k in phrase_breaks(heading) if 1 < k < len(heading) - 1}
    return frozenset(set(range(length + 1)) - inside) | between


def block_spans(block: Block, role: FontRole) -> tuple[Span, ...]:
    """The block's text as spans, split where its interlinear marks begin and end."""
    cuts = sorted({0, len(block.text), *(m.start for m in block.marks), *(m.end for m in block.marks)})
    spans = []
    for a, b in zip(cuts, cuts[1:]):
        mark = next((m for m in block.marks if m.start <= a and b <= m.end), None)
        spans.append(Span(block.text[a:b], role, mark))
    return tuple(spans)


# ------------------------------------------------------------------------------ photos

def photo_span(span: int) -> int:
    """Columns a photo takes in a module `span` columns wide that also has body text."""
    return min(span, 3 if span >= 5 else 2)


def photo_blocks(part: Part, span: int, with_text: bool, setup: Setup) -> tuple[PhotoBlock, ...]:
    """The article's photos for a module `span` columns wide: across the module in a photo
    story; beside the text, two or three columns, fewer for a tall photo, so that no
    photo stands taller than PHOTO_SHARE of the page. A caption set beside its photo
    takes one of the photo's columns when it has three, else a column more where the
    module has one: the photo is never narrowed to one column while two are free."""
    grid = setup.grid
    photos = part.article.photos
    columns = photo_span(span) if with_text else span
    while with_text and columns > 1 and any(_natural(p, columns, grid) > PHOTO_SHARE * grid.rows for p in photos):
        columns -= 1
    out = []
    for index, photo in enumerate(photos):
        beside = photo.caption_position == "beside" and min(span, columns + 1) > 1
        block = (columns if columns >= 3 else min(span, columns + 1)) if beside else columns
        picture = block - 1 if beside else block
        inset = _photo_inset(part.article, block, span, grid)
        width = grid.span_width(picture) - inset[0] - (0.0 if beside else inset[1])
        natural = _natural(photo, picture, grid)
        low, high = max(1, math.ceil(natural * CROP[0])), max(1, math.floor(natural * CROP[1]))
        caption_width = grid.template.column_width - inset[1] if beside else width
        caption, caption_origins = _caption(photo, index, caption_width, setup)
        licence, licence_origins = _licence(photo, index, caption_width, setup)
        out.append(PhotoBlock(photo, index, block, beside, natural, low, high, caption, caption_origins,
                              licence, licence_origins, inset))
    return tuple(out)


def _photo_inset(article: Article, columns: int, span: int, grid: Grid) -> tuple[float, float]:
    """pt a photo block `columns` wide, at the right of a module `span` wide, keeps clear
    at its left and right: in a box, the text's inset (BOX_INSET) on the sides that meet
    the box's rules, so the picture and its caption stand clear of them; else none."""
    if not article.box:
        return 0.0, 0.0
    inset = BOX_INSET * grid.template.body_size
    return (inset if columns >= span else 0.0), inset


def _natural(photo: Photo, columns: int, grid: Grid) -> int:
    """Grid rows of the photo `columns` wide at its own proportion."""
    return max(1, round(grid.span_width(columns) * photo.pixels[1] / max(photo.pixels[0], 1) / grid.pitch))


def _caption(photo: Photo, index: int, width: float, setup: Setup):
    """The caption in Kai with its credit run in after a space, in Hei. The credit breaks
    only at its spaces (本报记者 张三 摄: never 本报记/者, never inside a name)."""
    spans: tuple[Span, ...] = (Span(photo.caption, FontRole.KAI),)
    texts: list[tuple[SourceField | None, int, str]] = [(SourceField.CAPTION, index, photo.caption)]
    breaks = None
    if photo.credit:
        spans += (Span("\u3000", FontRole.HEI), Span(photo.credit, FontRole.HEI))
        texts += [(None, 0, "\u3000"), (SourceField.CREDIT, index, photo.credit)]
        start = len(photo.caption) + 1
        breaks = frozenset(range(1, start + 1)) | {start + k for k in range(1, len(photo.credit))
                                                    if photo.credit[k - 1].isspace()}
    style = ParagraphStyle(setup.grid.template.body_size, width, indent=2.0, breaks=breaks)
    lines = set_lines(spans, style, setup)
    return lines, trace(lines, tuple(texts))


def _licence(photo: Photo, index: int, width: float, setup: Setup):
    if not photo.licence:
        return (), ()
    lines = set_display((Span(photo.licence, FontRole.HEI),), LICENCE_SIZE, width, setup.metrics, Align.RIGHT)
    return lines, trace(lines, ((SourceField.LICENCE, index, photo.licence),))


def photo_rows(photos: tuple[PhotoBlock, ...], pictures: tuple[int, ...] | None) -> int:
    """Rows the photos take, stacked, with a row between them."""
    pics = pictures or tuple(p.natural for p in photos)
    return sum(p.rows(h) for p, h in zip(photos, pics)) + max(0, len(photos) - 1)


def picture_options(c: Content) -> list[tuple[int, ...]]:
    """Picture heights to try, natural first: every photo cropped by the same number of
    rows, within its range."""
    if not c.photos:
        return [()]
    low = min(p.low - p.natural for p in c.photos)
    high = max(p.high - p.natural for p in c.photos)
    out = []
    for d in sorted(range(low, high + 1), key=abs):
        pics = tuple(min(p.high, max(p.low, p.natural + d)) for p in c.photos)
        if pics not in out:
            out.append(pics)
    return out


def with_pictures(c: Content, pictures: tuple[int, ...]) -> BodyArea:
    """The body area with the photos `pictures` rows tall (the columns of a vertical
    headline, left of the photos, keep the rows the headline takes)."""
    if not c.photos:
        return c.area
    rows = photo_rows(c.photos, pictures) + 1
    return replace(c.area, taken=tuple(t if j < c.side else rows if t else 0 for j, t in enumerate(c.area.taken)))


# -------------------------------------------------------------------------- arranging

def arrange(c: Content, rows: int, m: Measurer, level: bool = True) -> Arrangement:
    """The best way for the content to fill a module `rows` rows tall."""
    if c.jumps:
        return _arrange_jumping(c, rows, m)
    best: Arrangement | None = None
    for pictures, fit in ((p, f) for p in picture_options(c) for f in _fits(c, p, m, level)):
        need = _need(c, pictures, fit)
        if need > rows:
            continue
        extra = rows - need
        if not level:  # columns run down to the foot, the last one short (place.balance: false)
            fit = BodyFit(full(with_pictures(c, pictures), rows - c.stack.rows, m.setup.min_segment), rows - c.stack.rows)
            extra = 0
        opening = min(extra, _most_opening(c))
        foot, shorts = extra - opening, _shorts(c, pictures, fit)
        short = max(0, *shorts)
        cost = opening * OPEN_COST + _photo_cost(c, pictures) + (foot + max(0, short - LEVEL_SHORT)) * BLANK_COST
        if foot + short >= HOLE:  # a hole in the module: only when nothing else fits, and by its area
            cost += HOLE_PENALTY + INSIDE_HOLE_COST * sum(foot + s for s in shorts if foot + s >= HOLE)
        cost += WIDOW_COST if c.units and widowed(c.profile, fit.segments) else 0.0
        if best is None or cost < best.cost:
            best = Arrangement(rows, c.stack.rows + opening, pictures, fit, foot + short, cost, False)
    return best or _arrange_over(c, rows, m)


def _fits(c: Content, pictures: tuple[int, ...], m: Measurer, level: bool) -> tuple[BodyFit, ...]:
    """The body's natural fit and, when it leaves a widow or orphan line that a row more
    would not, that deeper fit too (a module with a row to spare takes it if a column
    ending short costs less than the widow: WIDOW_COST)."""
    fit = m.fit(c, pictures, level)
    if not level or not c.units:
        return (fit,)
    deeper = m.fit(c, pictures, level, uneven=True)
    return (fit,) if deeper.rows == fit.rows else (fit, deeper)


def _need(c: Content, pictures: tuple[int, ...], fit: BodyFit) -> int:
    """Rows of a module holding everything with these pictures."""
    body = fit.rows if c.units else photo_rows(c.photos, pictures)
    if c.units and c.photos:
        body = max(body, photo_rows(c.photos, pictures))
    return max(c.stack.rows + body, c.head_rows)


def _most_opening(c: Content) -> int:
    """Rows the headline stack may open up by: half its height (at least two rows); in a
    box, which hugs its copy, at most two (its stack keeps only half a pitch round it:
    headline.BOX_PAD), rather than rows left blank under the box."""
    if c.part.article.box:
        return min(2, c.stack.rows)
    return min(c.stack.rows, max(2, c.stack.rows // 2))


def _short(c: Content, pictures: tuple[int, ...], fit: BodyFit) -> int:
    """The most rows a text column stops short of the foot of the module's content (the
    body, a photo or a vertical headline beside it, whichever is tallest): a column one
    row short for level columns, a heading kept with its text moved on, text beside a
    taller photo. Blank the reader sees at the column's foot."""
    return max(0, *_shorts(c, pictures, fit))


def _shorts(c: Content, pictures: tuple[int, ...], fit: BodyFit) -> list[int]:
    """The rows each text column stops short of the foot of the module's content (see
    `_short`); one 0 for a module without text, whose photos fill it."""
    if not c.units:
        return [0]
    bottom = max(fit.rows, photo_rows(c.photos, pictures) if c.photos else 0, c.head_rows - c.stack.rows)
    area = with_pictures(c, pictures)
    live = [(j, seg) for j, seg in enumerate(fit.segments) if seg]
    used = fill(c.profile, tuple(seg[1] for _, seg in live)) or tuple(seg[1] for _, seg in live)
    ends = {j: seg[0] + u for (j, seg), u in zip(live, used) if u}
    return [bottom - ends.get(j, area.taken[j]) for j in range(len(area.taken))]


def _photo_cost(c: Content, pictures: tuple[int, ...]) -> float:
    return PHOTO_COST * sum(abs(h - p.natural) for p, h in zip(c.photos, pictures))


def _arrange_jumping(c: Content, rows: int, m: Measurer) -> Arrangement:
    """A part whose text runs on to a later page: every column full to the foot, the last
    row of the last column kept for 转第X版, the photos as near their own proportion as
    leaves room for some text. When everything fits, arranged as any other."""
    settled = arrange(m.settled(c), rows, m)
    if not settled.over:
        return settled
    options = picture_options(c)
    body = rows - c.stack.rows
    room = [p for p in options if photo_rows(c.photos, p) + _jump_lines(m) <= body] or \
        [min(options, key=lambda p: photo_rows(c.photos, p))]
    pictures = room[0]
    segs = full(with_pictures(c, pictures), body, m.setup.min_segment, keep_last=1)
    cost = _photo_cost(c, pictures)
    if fill(c.profile, tuple(seg[1] for seg in segs if seg)) is not None:
        cost += NO_JUMP_COST  # all of it fits the full columns, yet not level: short segments, nothing carried on
    return Arrangement(rows, c.stack.rows, pictures, BodyFit(segs, body), 0, cost, True)


def _jump_lines(m: Measurer) -> int:
    """Rows of text a jumping module shows at least (and the row for 转第X版)."""
    return max(m.setup.min_segment, MIN_JUMP_LINES) + 1


def _arrange_over(c: Content, rows: int, m: Measurer) -> Arrangement:
    """Text that does not fit: the photos at their smallest, every column full."""
    pictures = tuple(p.low for p in c.photos)
    body = max(0, rows - c.stack.rows)
    segs = full(with_pictures(c, pictures), body, m.setup.min_segment)
    return Arrangement(rows, c.stack.rows, pictures, BodyFit(segs, body), 0, 0.0, True)


def shape(c: Content, m: Measurer, limit: int) -> Shape:
    """Fewest and most rows (up to `limit`) for the content's module at its span."""
    options = picture_options(c)
    needs = [_need(c, p, m.fit(c, p)) for p in options]
    natural = needs[0]
    clean = [n for n, p in zip(needs, options) if _short(c, p, m.fit(c, p)) <= LEVEL_SHORT]
    need = min(clean or needs)
    if c.jumps:
        need = min(need, c.stack.rows + _jump_lines(m) + min(photo_rows(c.photos, p) + (1 if c.photos else 0)
                                                             for p in options))
        settled = max(n + _most_opening(c) for n in clean) + MAX_BLANK if clean else natural - 1  # all fits: no jump
        return Shape(c.span, need, max(need, min(limit, settled)), c.stack.fits, natural)
    most = max(n + _most_opening(c) for n in (clean or needs)) + MAX_BLANK
    return Shape(c.span, need, min(most, limit), c.stack.fits, natural, bool(clean))


def flow_body(c: Content, a: Arrangement, top: int):
    """The body flowed into the arrangement's segments, the body top at page row `top`."""
    return pour(c.units, with_pictures(c, a.pictures), a.fit.segments, top)

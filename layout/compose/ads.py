"""Booked ads on a page (广告): placed before any editorial module, as fixed modules the
copy flows around (docs/layout.md: explicit modules first, then the packer fills the
free area — the ads are the first of the explicit ones).

An ad's booked size becomes a frame of whole base columns × grid rows (a size in mm
takes the fewest columns and rows that hold it; the trade's standard names resolve
from the template's grid, `standard_size`). Ads given a column and a row stand there;
given a column or `row: foot`, at the foot of the module area; given only a page, the
placer stacks them from the foot up, the rightmost first (the usual pyramid of ads).
A 报眼 ad stands beside the masthead in its rows, a 中缝 ad in the template's strip in
the margin. Each ad keeps one grid row free above and below it and the gutter beside
it; there the separator is drawn (a rule on every side facing other content, a box, or
only the space). The “广告” label (Advertising Law Art. 14) goes in a corner inside the
ad on a white panel, or outside it in the separating row, as the template says.

Rows are page rows (0 = top of the type area); x and y in pt from the trim's top-left.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from layout.compose.furniture import FOOTER_ROWS, HEADER_ROWS, MASTHEAD_ROWS
from layout.compose.grid import ASCENT, Grid
from layout.compose.items import Advert, Item, Rule, TextRun
from layout.compose.module import Cover, Frame
from layout.compose.textset import line_extent, runs, set_display
from layout.errors import IssueError, Problem
from layout.i18n import _
from layout.model.ads import Ad, AdLabel, AdSize, AdSpot, GutterSide, LabelPosition, Separator, fit_ad
from layout.model.schema import FontRole, Issue, Page, RunKind
from layout.model.units import MM
from layout.text.atoms import Span
from layout.text.metrics import MetricsSet

WHITE = (0.0, 0.0, 0.0, 0.0)
RED = (0.0, 1.0, 1.0, 0.0)      # CMYK: a draft's mark on an ad whose file failed its preflight
EAR_ROWS = MASTHEAD_ROWS - 2    # the masthead's rows above its rule and the row kept under the ear
MM_TOLERANCE = 1.0 * MM         # pt: a size in mm may exceed the columns it is put in by this much
NOTE_SIZE = 9.0                 # pt: the draft's note on a failed ad


@dataclass(frozen=True, slots=True)
class Booked:
    """An ad's booked size resolved on a page: where it stands, its frame of `span`
    base columns × `rows` grid rows (for a 中缝 ad only `rows`), and its box, pt."""

    spot: AdSpot
    span: int
    rows: int
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class PlacedAd:
    """An ad on its page: its `frame` (base columns × page rows; for a 中缝 ad the rows
    only, column -1), the booked `box` (x, y, width, height, pt from the trim's
    top-left), the `scale` its artwork is drawn at and what it draws and fills."""

    ad: Ad
    page: int
    frame: Frame
    box: tuple[float, float, float, float]
    scale: float
    items: tuple[Item, ...]
    covers: tuple[Cover, ...]


@dataclass(frozen=True, slots=True)
class AdLayout:
    """The ads of one page: `placed` in issue order, and `blocks`, the frames in the
    module area the editorial modules must keep clear of (with a row between)."""

    placed: tuple[PlacedAd, ...] = ()
    ear: float = 0.0  # pt the 报眼 ads take at the right of the masthead, from the type area's right edge

    @property
    def blocks(self) -> tuple[PlacedAd, ...]:
        return tuple(p for p in self.placed if p.ad.size.spot is AdSpot.AREA)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for p in self.placed for item in p.items)

    @property
    def covers(self) -> tuple[Cover, ...]:
        return tuple(cover for p in self.placed for cover in p.covers)


NO_ADS = AdLayout()  # a page without ads


# --------------------------------------------------------------------- sizes

def standard_size(name: str, page: Page, grid: Grid) -> AdSize | None:
    """The default size of a standard name on `page`, from its template's grid: 整版 the
    whole module area; 半版 half, 通栏 a fifth, 半通栏 a tenth of a header page's module
    area, across every column; 报眼 three eighths of the columns (at least one) in the
    masthead's rows; 中缝 the whole strip (its width comes from the template)."""
    columns = grid.template.columns
    area = grid.rows - HEADER_ROWS - FOOTER_ROWS
    rows = {"整版": module_rows(page, grid), "半版": (area - 1) // 2, "通栏": area // 5, "半通栏": area // 10,
            "报眼": EAR_ROWS, "中缝": module_rows(page, grid)}.get(name)
    if rows is None:
        return None
    span = max(1, columns * 3 // 8) if name == "报眼" else columns
    spot = {"报眼": AdSpot.EAR, "中缝": AdSpot.GUTTER}.get(name, AdSpot.AREA)
    return AdSize(name, span, max(1, rows), spot=spot)


def module_rows(page: Page, grid: Grid) -> int:
    """Grid rows of the page's module area (between the header or masthead and the footer)."""
    return grid.rows - (MASTHEAD_ROWS if page.masthead else HEADER_ROWS) - FOOTER_ROWS


def booked(ad: Ad, page: Page, grid: Grid) -> Booked:
    """The ad's booked size on `page`: frame and box. Raises IssueError when it cannot
    stand there (wider than the columns, taller than its spot)."""
    size = ad.size if ad.size.span or ad.size.width else standard_size(ad.size.name, page, grid)
    if size is None:  # the model checked the name
        raise _error(ad, "size", _("unknown ad size '{name}'").format(name=ad.size.name))
    t = grid.template
    if size.spot is AdSpot.GUTTER:
        strip = ad.style.gutter.width if ad.style.gutter else 0.0
        width = size.width if size.width is not None else strip
        rows = size.rows or grid.rows_for((size.height or 0.0) - MM_TOLERANCE)
        if width > strip + MM_TOLERANCE:
            raise _error(ad, "size", _("{width:.1f} mm is wider than the 中缝 strip ({strip:.1f} mm)").format(
                width=width / MM, strip=strip / MM))
        return Booked(size.spot, 0, rows, width, size.height if size.height is not None else rows * grid.pitch)
    if size.span is not None and size.rows is not None:
        return Booked(size.spot, size.span, size.rows, grid.span_width(size.span), size.rows * grid.pitch)
    width, height = size.width or 0.0, size.height or 0.0
    span = next((s for s in range(1, t.columns + 1) if grid.span_width(s) >= width - MM_TOLERANCE), 0)
    if not span:
        raise _error(ad, "size", _("{width:.1f} mm is wider than the page's {columns} columns ({area:.1f} mm)").format(
            width=width / MM, columns=t.columns, area=t.area_width / MM))
    return Booked(size.spot, span, grid.rows_for(height - MM_TOLERANCE), width, height)


def booked_box(issue: Issue, ad: Ad) -> tuple[float, float]:
    """The ad's booked width and height, pt (what its file is checked against)."""
    page = issue.page(ad.place.page)
    b = booked(ad, page, Grid(page.template))
    return b.width, b.height


# ----------------------------------------------------------------- placement

def module_area(page: Page, grid: Grid) -> tuple[int, int]:
    """The page rows [first, end) of the module area (layout/compose/furniture.py)."""
    return (MASTHEAD_ROWS if page.masthead else HEADER_ROWS), grid.rows - FOOTER_ROWS


def place_ads(issue: Issue, page: Page, grid: Grid, metrics: MetricsSet) -> AdLayout:
    """Every ad booked on `page`, placed: explicit ones first, then the others from the
    foot up. Raises IssueError naming each ad that does not fit or overlaps another."""
    ads = [ad for ad in issue.ads if ad.place.page == page.number]
    if not ads:
        return AdLayout()
    area = module_area(page, grid)
    taken: list[tuple[Ad, Frame]] = []
    problems: list[Problem] = []
    frames: dict[str, tuple[Frame, Booked]] = {}
    order = sorted(ads, key=lambda ad: ad.place.automatic)  # explicit first, each group in issue order
    for ad in order:
        try:
            b = booked(ad, page, grid)
            frame = _frame(ad, b, page, grid, area, taken)
        except IssueError as exc:
            problems += exc.problems
            continue
        taken.append((ad, frame))
        frames[ad.id] = (frame, b)
    problems += check_label_glyphs(ads, metrics)
    if problems:
        raise IssueError(problems)
    placed = tuple(_placed(ad, *frames[ad.id], page, grid, metrics, area) for ad in ads)
    t = grid.template
    ears = [p.box[0] for p in placed if p.ad.size.spot is AdSpot.EAR]
    return AdLayout(placed, t.area_left + t.area_width - min(ears) + t.gutter if ears else 0.0)


def _frame(ad: Ad, b: Booked, page: Page, grid: Grid, area: tuple[int, int], taken: list[tuple[Ad, Frame]]) -> Frame:
    """Where the ad's frame goes, checked against the spot's room and the ads placed."""
    columns = grid.template.columns
    if b.spot is AdSpot.EAR:
        column = ad.place.column - 1 if ad.place.column else columns - b.span
        return _checked(ad, Frame(column, b.span, 0, b.rows), (0, EAR_ROWS), columns, taken, AdSpot.EAR)
    if b.spot is AdSpot.GUTTER:
        gutter = [f for a, f in taken if a.size.spot is AdSpot.GUTTER]
        row = area[0] + ad.place.row - 1 if ad.place.row else max((f.row + f.rows + 1 for f in gutter), default=area[0])
        if ad.place.foot:
            row = area[1] - b.rows
        return _checked(ad, Frame(-1, 1, row, b.rows), area, 1, [(a, f) for a, f in taken
                                                                  if a.size.spot is AdSpot.GUTTER], AdSpot.GUTTER)
    others = [(a, f) for a, f in taken if f.column >= 0 and a.size.spot is not AdSpot.EAR]
    if ad.place.column and ad.place.row:
        frame = Frame(ad.place.column - 1, b.span, area[0] + ad.place.row - 1, b.rows)
    elif ad.place.column:
        frame = Frame(ad.place.column - 1, b.span, area[1] - b.rows, b.rows)
    else:
        frame = _lowest(ad, b, grid, area, others)
    return _checked(ad, frame, area, columns, others, AdSpot.AREA)


def _lowest(ad: Ad, b: Booked, grid: Grid, area: tuple[int, int], taken: list[tuple[Ad, Frame]]) -> Frame:
    """The free frame that stands lowest, then rightmost (at `place.row` when given)."""
    columns = grid.template.columns
    tops = [area[0] + ad.place.row - 1] if ad.place.row else range(area[1] - b.rows, area[0] - 1, -1)
    best: Frame | None = None
    for column in range(columns - b.span, -1, -1):
        for top in tops:
            frame = Frame(column, b.span, top, b.rows)
            if not any(_clash(frame, f) for _a, f in taken):
                if best is None or frame.row > best.row:
                    best = frame
                break
    if best is None:
        raise _error(ad, "place", _("no room left on page {page} for ad '{id}' ({size})").format(
            page=ad.place.page, id=ad.id, size=ad.size.describe()), _("give it another page or a smaller size"))
    return best


def _clash(a: Frame, b: Frame) -> bool:
    """The frames meet, counting the row kept free above and below each."""
    return (a.column < b.column + b.span and b.column < a.column + a.span
            and a.row - 1 < b.row + b.rows and b.row - 1 < a.row + a.rows)


def _checked(ad: Ad, frame: Frame, room: tuple[int, int], columns: int, taken: list[tuple[Ad, Frame]],
             spot: AdSpot) -> Frame:
    where = {AdSpot.EAR: _("beside the masthead"), AdSpot.GUTTER: _("in the 中缝 strip"),
             AdSpot.AREA: _("in the module area")}[spot]
    if frame.column + frame.span > columns or frame.column < -1:
        raise _error(ad, "place.column", _("ad '{id}' ({size}) does not fit the page's {columns} columns from "
                                           "column {column}").format(id=ad.id, size=ad.size.describe(), columns=columns,
                                                                     column=frame.column + 1))
    if frame.row < room[0] or frame.row + frame.rows > room[1]:
        raise _error(ad, "place.row", _("ad '{id}' ({size}, {rows} grid lines) does not fit {where}: it has "
                                        "{room} grid lines").format(id=ad.id, size=ad.size.describe(), rows=frame.rows,
                                                                    where=where, room=room[1] - room[0]),
                     _("give it a smaller size, another row, or another page"))
    for other, f in taken:
        if _clash(frame, f):
            raise _error(ad, "place", _("ad '{id}' overlaps ad '{other}' (one grid line must stay between them)").format(
                id=ad.id, other=other.id), _("give one of them another place"))
    return frame


def _error(ad: Ad, field: str, message: str, hint: str = "") -> IssueError:
    return IssueError([Problem(ad.place.source.file if field.startswith("place") else ad.source.file,
                               ad.place.source.line if field.startswith("place") else ad.source.line,
                               f"{ad.field}.{field}", message, hint)])


# ------------------------------------------------------------------- drawing

def _placed(ad: Ad, frame: Frame, b: Booked, page: Page, grid: Grid, metrics: MetricsSet,
            area: tuple[int, int]) -> PlacedAd:
    """The ad drawn in its frame: artwork, separator, label (and a draft's mark)."""
    box = _box(ad, frame, b, page, grid, area)
    fit = fit_ad(ad.file, (b.width, b.height), ad.scale)
    art = _artwork(ad, box, fit.scale)
    items: list[Item] = [art]
    items += separator(ad, frame, b.spot, box, grid, area, metrics)
    check_label_fits(ad, b.spot, box, metrics)
    items += label_items(spot_label(ad.style.label, b.spot), box, grid, metrics)
    if ad.failed:
        items += failed_mark(box, metrics)
    covers: list[Cover] = []
    if b.spot is AdSpot.AREA:
        top, bottom = max(area[0], frame.row - 1), min(area[1], frame.row + frame.rows + 1)
        covers.append(Cover(frame.column, frame.span, top, bottom - top))
    return PlacedAd(ad, page.number, frame, box, fit.scale, tuple(items), tuple(covers))


def _box(ad: Ad, frame: Frame, b: Booked, page: Page, grid: Grid,
         area: tuple[int, int]) -> tuple[float, float, float, float]:
    """The booked box in its frame: centred across it; at the foot of the area flush with
    the frame's foot, else with its top."""
    t = grid.template
    top = grid.row_top(frame.row)
    if b.spot is AdSpot.GUTTER:
        side = gutter_side(page, ad.style.gutter.side if ad.style.gutter else GutterSide.INNER)
        left, right = (0.0, t.area_left) if side is GutterSide.LEFT else (t.area_left + t.area_width, t.trim_width)
        return (left + right - b.width) / 2, top, b.width, b.height
    x0, width = grid.column_x(frame.column), grid.span_width(frame.span)
    y = grid.row_top(frame.row + frame.rows) - b.height if frame.row + frame.rows == area[1] else top
    return x0 + (width - b.width) / 2, y, b.width, b.height


def gutter_side(page: Page, side: GutterSide) -> GutterSide:
    """The margin (LEFT or RIGHT) the page's 中缝 strip is in: the inner margin is the
    left one of an odd (right-hand) page, the outer margin the other."""
    if side in (GutterSide.LEFT, GutterSide.RIGHT):
        return side
    inner = GutterSide.LEFT if page.number % 2 else GutterSide.RIGHT
    return inner if side is GutterSide.INNER else (GutterSide.RIGHT if inner is GutterSide.LEFT else GutterSide.LEFT)


def _artwork(ad: Ad, box: tuple[float, float, float, float], scale: float) -> Advert:
    """The file's box, scaled, centred in the booked box."""
    width, height = ad.file.size
    w, h = width * scale, height * scale
    return Advert(ad.file.path, str(ad.file.kind), ad.file.box, ad.file.rotate, box[0] + (box[2] - w) / 2,
                  box[1] + (box[3] - h) / 2, w, h, ad.id, ad.file.digest)


def separator(ad: Ad, frame: Frame, spot: AdSpot, box, grid: Grid, area: tuple[int, int],
              metrics: MetricsSet) -> list[Rule]:
    """The rules between the ad and what is round it: in the middle of the row above
    and below and of the gutters beside, on each side that faces other content (every
    side for a box); a label outside the ad interrupts its rule."""
    style = ad.style
    if style.separator is Separator.SPACE or (spot is not AdSpot.AREA and style.separator is not Separator.BOX):
        return _ear_rule(ad, frame, spot, grid) if style.separator is Separator.RULE else []
    t = grid.template
    every = style.separator is Separator.BOX
    # the rules stand in the gutters and rows round the frame, so two ads side by side share one
    x0, x1 = grid.column_x(frame.column), grid.column_x(frame.column) + grid.span_width(frame.span)
    y0, y1 = grid.row_top(frame.row), grid.row_top(frame.row + frame.rows)
    sides = {"top": every or frame.row > area[0], "bottom": every or frame.row + frame.rows < area[1],
             "left": every or frame.column > 0, "right": every or frame.column + frame.span < t.columns}
    left, right = x0 - t.gutter / 2, x1 + t.gutter / 2
    top, bottom = y0 - grid.pitch / 2, y1 + grid.pitch / 2
    gap = label_gap(style.label, box, grid, metrics)
    rules: list[Rule] = []
    for side, y in (("top", top), ("bottom", bottom)):
        if sides[side]:
            a, b = left if sides["left"] else x0, right if sides["right"] else x1
            rules += _broken(a, b, y, style.rule_width, gap if (side == "top") == style.label.position.at_top else None)
    for side, x in (("left", left), ("right", right)):
        if sides[side]:
            rules.append(Rule(x, top if sides["top"] else y0, x, bottom if sides["bottom"] else y1, style.rule_width))
    return rules


def _ear_rule(ad: Ad, frame: Frame, spot: AdSpot, grid: Grid) -> list[Rule]:
    """A 报眼 ad's rule on its masthead side (the masthead's rule is under it)."""
    if spot is not AdSpot.EAR:
        return []
    x = grid.column_x(frame.column) - grid.template.gutter / 2
    return [Rule(x, grid.row_top(frame.row), x, grid.row_top(frame.row + frame.rows), ad.style.rule_width)]


def _broken(x0: float, x1: float, y: float, width: float, gap: tuple[float, float] | None) -> list[Rule]:
    """A horizontal rule from x0 to x1, interrupted by `gap` (x0, x1) when given."""
    if gap is None or gap[1] <= x0 or gap[0] >= x1:
        return [Rule(x0, y, x1, y, width)]
    return [Rule(a, y, b, y, width) for a, b in ((x0, gap[0]), (gap[1], x1)) if b - a > 0.5]


def _label_line(label: AdLabel, metrics: MetricsSet):
    line = set_display((Span(label.text, label.role),), label.size, 20 * label.size, metrics)[0]
    return line, line_extent(line, label.size, metrics)


def label_gap(label: AdLabel, box, grid: Grid, metrics: MetricsSet) -> tuple[float, float] | None:
    """The x range an outside label takes in the separating row (None for an inside one)."""
    if label.position.inside:
        return None
    _line, width = _label_line(label, metrics)
    x = box[0] if label.position.left else box[0] + box[2] - width
    return x - label.padding - 1.0, x + width + label.padding + 1.0


INSIDE = {LabelPosition.ABOVE_LEFT: LabelPosition.TOP_LEFT, LabelPosition.ABOVE_RIGHT: LabelPosition.TOP_RIGHT,
          LabelPosition.BELOW_LEFT: LabelPosition.BOTTOM_LEFT, LabelPosition.BELOW_RIGHT: LabelPosition.BOTTOM_RIGHT}


def spot_label(label: AdLabel, spot: AdSpot) -> AdLabel:
    """The label as it stands on an ad in `spot`: above a 报眼 ad is the top margin, so a
    label the template puts above an ad goes below it there (in the row kept under it);
    a 中缝 strip runs the height of the module area, with the page's furniture above and
    below it, so a label outside goes inside the strip, in the same corner."""
    if label.position.inside:
        return label
    if spot is AdSpot.GUTTER:
        return replace(label, position=INSIDE[label.position])
    if spot is not AdSpot.EAR or not label.position.at_top:
        return label
    return replace(label, position=LabelPosition.BELOW_LEFT if label.position.left else LabelPosition.BELOW_RIGHT)


def check_label_fits(ad: Ad, spot: AdSpot, box, metrics: MetricsSet) -> None:
    """A label inside a 中缝 strip must fit its width (the strip may be as narrow as 3 mm)."""
    label = ad.style.label
    if spot is not AdSpot.GUTTER:
        return
    _line, width = _label_line(label, metrics)
    if width + 2 * label.padding > box[2] + 0.01:
        raise _error(ad, "size", _("the “{text}” label is {label:.1f} mm wide, wider than the 中缝 strip "
                                   "({strip:.1f} mm)").format(text=label.text, label=(width + 2 * label.padding) / MM,
                                                              strip=box[2] / MM),
                     _("widen the strip (zhongfeng: width) or give the label a smaller size (label: size)"))


def label_items(label: AdLabel, box, grid: Grid, metrics: MetricsSet) -> list[Item]:
    """The 广告 label: in the ad's corner on a white panel, or in the row above or below
    it, flush with the ad's left or right edge."""
    line, width = _label_line(label, metrics)
    pad, size = label.padding, label.size
    x = box[0] + pad if label.position.left else box[0] + box[2] - width - pad
    if label.position.inside:
        top = box[1] if label.position.at_top else box[1] + box[3] - size - 2 * pad
        baseline = top + pad + ASCENT * size
        panel_x0, panel_x1 = (box[0], box[0] + width + 2 * pad) if label.position.left else \
            (box[0] + box[2] - width - 2 * pad, box[0] + box[2])
        # the panel is a white rule as thick as the panel is tall: knocks out the artwork under the label
        panel = Rule(panel_x0, top + size / 2 + pad, panel_x1, top + size / 2 + pad, size + 2 * pad, WHITE)
        items: list[Item] = [panel]
    else:
        x = box[0] if label.position.left else box[0] + box[2] - width
        row_top = box[1] - grid.pitch if label.position.at_top else box[1] + box[3]
        baseline = row_top + (grid.pitch - size) / 2 + ASCENT * size
        items = []
    return items + runs(line, x, baseline, size, "", RunKind.AD_LABEL)


def failed_mark(box, metrics: MetricsSet) -> list[Item]:
    """A draft's mark on an ad whose file failed its preflight: a red box and cross and
    a red note (the reasons are in report.json and on the proof)."""
    x0, y0, w, h = box
    x1, y1 = x0 + w, y0 + h
    items: list[Item] = [Rule(x0, y0, x1, y0, 1.0, RED), Rule(x0, y1, x1, y1, 1.0, RED), Rule(x0, y0, x0, y1, 1.0, RED),
                         Rule(x1, y0, x1, y1, 1.0, RED), Rule(x0, y0, x1, y1, 0.5, RED), Rule(x0, y1, x1, y0, 0.5, RED)]
    line = set_display((Span("广告文件未通过检查", FontRole.HEI_BOLD),), NOTE_SIZE, max(w - 4, NOTE_SIZE),
                       metrics)[0]
    return items + [TextRun(r.glyphs, r.baseline, r.size, r.role, "", RunKind.AD_NOTE, RED)
                    for r in runs(line, x0 + 2, y0 + 2 + ASCENT * NOTE_SIZE, NOTE_SIZE, "", RunKind.AD_NOTE)]


# -------------------------------------------------------------------- checks

def check_clear(layout: AdLayout, modules) -> None:
    """No editorial module stands on an ad or in the row kept round it."""
    problems = []
    for placed in layout.blocks:
        for module in modules:
            if _clash(placed.frame, module.frame):
                src = module.article.parts[module.part].source
                problems.append(Problem(src.file, src.line, f"articles[{module.article.id}].place",
                                        _("module '{article}' overlaps ad '{ad}' (booking {booking}) or the grid line "
                                          "kept between them").format(article=module.article.id, ad=placed.ad.id,
                                                                      booking=placed.ad.booking),
                                        _("place the article elsewhere, or the ad")))
    if problems:
        raise IssueError(problems)


def check_label_glyphs(ads: list[Ad], metrics: MetricsSet) -> list[Problem]:
    """Every character of each ad's label is in its font."""
    out = []
    for ad in ads:
        label = ad.style.label
        missing = [ch for ch in label.text if not metrics.get(label.role).covers(ch)]
        if missing:
            out.append(Problem(ad.source.file, ad.source.line, f"{ad.field}.label",
                               _("the label's font has no glyph for {chars}").format(chars="".join(missing))))
    return out


def check_masthead(layout: AdLayout, furniture: tuple[Item, ...], grid: Grid, metrics: MetricsSet) -> None:
    """A 报眼 ad leaves the masthead's own text room: no glyph of it within half a
    gutter of the ad."""
    problems = []
    half = grid.template.gutter / 2
    for placed in (p for p in layout.placed if p.ad.size.spot is AdSpot.EAR):
        x0, y0, w, h = placed.box
        for run in (i for i in furniture if isinstance(i, TextRun) and i.kind is RunKind.MASTHEAD):
            font = metrics.get(run.role)
            top, bottom = run.baseline - ASCENT * run.size, run.baseline + 0.12 * run.size
            if bottom <= y0 or top >= y0 + h:
                continue
            if any(x < x0 + w + half and x + font.advance(ch) * run.size > x0 - half for ch, x in run.glyphs):
                problems.append(Problem(placed.ad.source.file, placed.ad.source.line, f"{placed.ad.field}.size",
                                        _("the 报眼 ad '{id}' ({size}) runs into the masthead's “{text}”").format(
                                            id=placed.ad.id, size=placed.ad.size.describe(), text=run.text),
                                        _("give it fewer columns (templates: ads: sizes: 报眼)")))
                break
    if problems:
        raise IssueError(problems)


def below_ads(layout: AdLayout, column: int, span: int, row: int) -> int:
    """`row`, or the first row under the ads a module starting there in these columns
    would stand on (with the row kept between): where a stacked module may start."""
    moved = True
    while moved:
        moved = False
        for p in layout.blocks:
            if _clash(Frame(column, span, row, 1), p.frame):
                row, moved = p.frame.row + p.frame.rows + 1, True
    return row


def room_below(layout: AdLayout, column: int, span: int, row: int, limit: int) -> int:
    """`limit`, or the row above the first ad below `row` in these columns (less the row
    kept between), whichever is higher: how far down a module there may reach."""
    tops = [p.frame.row - 1 for p in layout.blocks
            if p.frame.row > row and p.frame.column < column + span and column < p.frame.column + p.frame.span]
    return min([limit, *tops])

"""`ads:` of issue.yaml (booked advertisements, 广告) and each template's `ads:` settings
→ `Ad` and `AdStyle` records, every value checked with its file, line and field named.

An ad is booked by an advertiser under a booking number, supplied as a file (PDF/X-1a,
PDF/X-4, or a CMYK or grey TIFF or JPEG: layout/model/adfiles.py), in a size — columns ×
grid lines, millimetres, or one of the trade's standard names (整版, 半版, 通栏, 半通栏,
报眼 beside the masthead, 中缝 in the template's gutter strip) — at a place: a page, and
perhaps a column and a row (or the foot of the page). The standard sizes a template does
not define itself are worked out from its grid by the compose stage
(layout/compose/ads.py), which knows how many rows the furniture takes. docs/ads.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from layout.i18n import _
from layout.model.adfiles import AdFile, AdFileProblem, read_ad_file
from layout.model.fields import Checker
from layout.model.schema import FontRole, Page, PageTemplate, Source
from layout.model.units import MM, parse_length, parse_size
from layout.model.yamlsrc import Path_

AD_KEYS = {"id", "advertiser", "booking", "file", "size", "place", "scale"}
AD_REQUIRED = {"id", "advertiser", "booking", "file", "size", "place"}
PLACE_KEYS = {"page", "column", "row"}
SIZE_KEYS = {"span", "rows", "width", "height", "spot"}
STYLE_KEYS = {"sizes", "label", "separator", "rule_width", "zhongfeng"}
LABEL_KEYS = {"text", "position", "size", "font", "padding"}
GUTTER_KEYS = {"width", "side"}
FOOT = "foot"
SIZE_TOLERANCE = 1.0 * MM   # pt: how far a size in mm may exceed the columns it is put in
LABEL_SIZES = (5.0, 24.0)   # pt
RULE_WIDTHS = (0.25, 3.0)   # pt: a rule thinner than 0.25 pt does not print (preflight row 13)
GUTTER_WIDTHS = (3 * MM, 80 * MM)
MAX_PADDING = 5 * MM


class AdSpot(StrEnum):
    """Where on the page an ad stands (a StrEnum: it compares equal to its value)."""

    AREA = "area"      # in the module area, among (and before) the editorial modules
    EAR = "ear"        # 报眼: beside the masthead on page 1, in the masthead's rows
    GUTTER = "gutter"  # 中缝: the template's strip in the inner (or a named) margin


class LabelPosition(StrEnum):
    """Where the “广告” label stands: in a corner inside the ad (on a white panel) or
    outside it, in the separating row above or below."""

    TOP_LEFT = "top-left"
    TOP_RIGHT = "top-right"
    BOTTOM_LEFT = "bottom-left"
    BOTTOM_RIGHT = "bottom-right"
    ABOVE_LEFT = "above-left"
    ABOVE_RIGHT = "above-right"
    BELOW_LEFT = "below-left"
    BELOW_RIGHT = "below-right"

    @property
    def inside(self) -> bool:
        return self.value.startswith(("top", "bottom"))

    @property
    def at_top(self) -> bool:
        return self.value.startswith(("top", "above"))

    @property
    def left(self) -> bool:
        return self.value.endswith("left")


class Separator(StrEnum):
    """What separates an ad from the editorial copy round it."""

    RULE = "rule"    # a rule in the row or gutter between them, on every side facing other content
    BOX = "box"      # a rule box all round the ad
    SPACE = "space"  # the row and gutter left empty, no rule


class GutterSide(StrEnum):
    """Which margin the 中缝 strip is in: `inner` is the left margin of odd (right-hand)
    pages and the right margin of even ones, `outer` the other."""

    INNER = "inner"
    OUTER = "outer"
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class AdSize:
    """A booked size. Either `span` base columns × `rows` grid lines, or `width` ×
    `height` pt; a standard `name` the template does not define itself has neither
    (the compose stage works it out from the grid). `spot` is where such an ad stands."""

    name: str = ""
    span: int | None = None
    rows: int | None = None
    width: float | None = None
    height: float | None = None
    spot: AdSpot = AdSpot.AREA

    @property
    def in_mm(self) -> bool:
        return self.width is not None

    def describe(self) -> str:
        """e.g. "通栏", "4 columns × 30 lines", "170 × 100 mm"."""
        if self.width is not None and self.height is not None:
            dims = f"{self.width / MM:.0f} × {self.height / MM:.0f} mm"
        elif self.span is not None and self.rows is not None:
            dims = _("{span} columns × {rows} lines").format(span=self.span, rows=self.rows)
        else:
            dims = ""
        return f"{self.name} ({dims})" if self.name and dims else self.name or dims


# The trade's standard names (docs/ads.md); their default sizes: layout/compose/ads.py.
STANDARD_SIZES: dict[str, AdSpot] = {"整版": AdSpot.AREA, "半版": AdSpot.AREA, "通栏": AdSpot.AREA,
                                     "半通栏": AdSpot.AREA, "报眼": AdSpot.EAR, "中缝": AdSpot.GUTTER}


@dataclass(frozen=True, slots=True)
class AdLabel:
    """The “广告” label (Advertising Law Art. 14: an ad in the mass media must be
    recognisable as one): its text, position, size in pt, face and the white space
    round it in pt."""

    text: str = "广告"
    position: LabelPosition = LabelPosition.TOP_RIGHT
    size: float = 9.0
    role: FontRole = FontRole.HEI
    padding: float = 1.5


@dataclass(frozen=True, slots=True)
class Gutter:
    """The template's 中缝 strip: `width` pt, in the margin on `side`."""

    width: float
    side: GutterSide = GutterSide.INNER


@dataclass(frozen=True, slots=True)
class AdStyle:
    """A template's advertising settings: its own standard sizes (name → size, over the
    defaults), the label, the separator and its rule width (pt), its 中缝 strip."""

    label: AdLabel = AdLabel()
    separator: Separator = Separator.RULE
    rule_width: float = 0.5
    gutter: Gutter | None = None
    sizes: tuple[tuple[str, AdSize], ...] = ()

    def size(self, name: str) -> AdSize | None:
        return dict(self.sizes).get(name)


@dataclass(frozen=True, slots=True)
class AdPlace:
    """Where an ad goes: its page; the 1-based first base `column` (None: the placer
    chooses, from the right) and first grid line `row` of the module area (None: the
    placer chooses, from the foot up); `foot` puts it at the foot of the module area."""

    page: int
    column: int | None
    row: int | None
    foot: bool
    source: Source

    @property
    def automatic(self) -> bool:
        return self.column is None and self.row is None and not self.foot


@dataclass(frozen=True, slots=True)
class Ad:
    """A booked ad: who booked it under which number, its file, size and place, the
    style of its page's template; `scale` whether the booking allows the ad to be scaled
    (in proportion, never out of it) to the booked size; `index` its position in `ads:`.
    `failed` holds the reasons its file failed the ad preflight (set by the build, so a
    draft can place it marked; empty when it passed or was not checked)."""

    id: str
    advertiser: str
    booking: str
    file: AdFile
    size: AdSize
    place: AdPlace
    style: AdStyle
    source: Source
    index: int
    scale: bool = False
    failed: tuple[str, ...] = ()
    file_line: int = 0  # the line of its `file:` field

    @property
    def field(self) -> str:
        """The field the ad is in, for messages: `ads[2]`."""
        return f"ads[{self.index}]"


class FitKind(StrEnum):
    """How an ad file's size meets its booking."""

    EXACT = "exact"            # within SIZE_TOLERANCE on both sides: placed at 100 %
    SCALED = "scaled"          # scaled in proportion to the booked size (the booking allows it, or an image states no size)
    WRONG_SIZE = "wrong-size"  # another size, and the booking does not allow scaling
    PROPORTION = "proportion"  # another proportion: it could only fill the booking distorted


@dataclass(frozen=True, slots=True)
class AdFit:
    """How an ad is fitted to its booked box: its kind and the uniform `scale` it is
    placed at (for WRONG_SIZE and PROPORTION the scale that would fit it inside the box,
    which a draft uses)."""

    kind: FitKind
    scale: float

    @property
    def ok(self) -> bool:
        return self.kind in (FitKind.EXACT, FitKind.SCALED)


def fit_ad(file: AdFile, booked: tuple[float, float], allowed: bool) -> AdFit:
    """Fit `file` to a booked box of `booked` (width, height) pt: as it is when both sides
    are within SIZE_TOLERANCE of the booking; else, when scaling is `allowed` (or the
    file is an image that states no size), scaled uniformly until it fits — which must
    then fill the booking within the tolerance too. An ad is never distorted."""
    width, height = file.size
    booked_w, booked_h = booked
    if abs(width - booked_w) <= SIZE_TOLERANCE and abs(height - booked_h) <= SIZE_TOLERANCE:
        return AdFit(FitKind.EXACT, 1.0)
    scale = min(booked_w / width, booked_h / height)
    if not (allowed or not file.sized):
        return AdFit(FitKind.WRONG_SIZE, scale)
    if abs(width * scale - booked_w) <= SIZE_TOLERANCE and abs(height * scale - booked_h) <= SIZE_TOLERANCE:
        return AdFit(FitKind.SCALED, scale)
    return AdFit(FitKind.PROPORTION, scale)


# -------------------------------------------------------------------- templates

def read_ad_styles(check: Checker, raw: object, templates: dict[str, PageTemplate]) -> dict[str, AdStyle]:
    """Each template's `ads:` settings by template name (the defaults for a template
    without them, the presets included)."""
    styles = {name: AdStyle() for name in templates}
    if not isinstance(raw, dict):
        return styles
    for name, spec in raw.items():
        if isinstance(spec, dict) and "ads" in spec and name in templates:
            styles[name] = _style(check, ("templates", name, "ads"), spec["ads"], templates[name])
    return styles


def _style(check: Checker, path: Path_, raw: object, template: PageTemplate) -> AdStyle:
    m = check.mapping(raw, path, STYLE_KEYS)
    default = AdStyle()
    gutter = _gutter(check, path + ("zhongfeng",), m["zhongfeng"], template) if "zhongfeng" in m else None
    sizes = m.get("sizes", {})
    named: list[tuple[str, AdSize]] = []
    for name, spec in check.mapping(sizes, path + ("sizes",), set(sizes) if isinstance(sizes, dict) else set()).items():
        size = _size_spec(check, path + ("sizes", name), spec, str(name), template)
        if size is not None:
            named.append((str(name), size))
    return AdStyle(label=_label(check, path + ("label",), m.get("label", {})),
                   separator=check.choice(m, path, "separator", Separator, default.separator),
                   rule_width=_length_in(check, m, path, "rule_width", default.rule_width, RULE_WIDTHS, "pt"),
                   gutter=gutter, sizes=tuple(named))


def _label(check: Checker, path: Path_, raw: object) -> AdLabel:
    m = check.mapping(raw, path, LABEL_KEYS)
    default = AdLabel()
    text = check.text(m, path, "text", default.text)
    if not text.strip() or len(text) > 8:
        check.error(path + ("text",), _("the label must be 1 to 8 characters, got {text!r}").format(text=text),
                    _("the Advertising Law (Art. 14) asks for the word 广告"))
        text = default.text
    size = check.convert(m, path, "size", parse_size)
    if size is not None and not LABEL_SIZES[0] <= size <= LABEL_SIZES[1]:
        check.error(path + ("size",), _("a label of {size:g} pt; expected {low:g} to {high:g} pt").format(
            size=size, low=LABEL_SIZES[0], high=LABEL_SIZES[1]))
        size = None
    return AdLabel(text=text, position=check.choice(m, path, "position", LabelPosition, default.position),
                   size=size or default.size, role=check.choice(m, path, "font", FontRole, default.role),
                   padding=_length_in(check, m, path, "padding", default.padding, (0.0, MAX_PADDING), "mm"))


def _gutter(check: Checker, path: Path_, raw: object, template: PageTemplate) -> Gutter | None:
    m = check.mapping(raw, path, GUTTER_KEYS, {"width"})
    width = _length_in(check, m, path, "width", 0.0, GUTTER_WIDTHS, "mm")
    side = check.choice(m, path, "side", GutterSide, GutterSide.INNER)
    margins = {GutterSide.LEFT: (template.area_left,),
               GutterSide.RIGHT: (template.trim_width - template.area_left - template.area_width,)}
    room = min(margins.get(side, margins[GutterSide.LEFT] + margins[GutterSide.RIGHT]))
    if width and width > room:
        check.error(path + ("width",), _("a 中缝 strip {width:.1f} mm wide does not fit the {room:.1f} mm margin "
                                         "beside the type area").format(width=width / MM, room=room / MM),
                    _("make it narrower or the margins wider"))
        return None
    return Gutter(width, side) if width else None


def _length_in(check: Checker, m: dict[str, Any], path: Path_, key: str, default: float,
               limits: tuple[float, float], unit: str) -> float:
    """m[key] as a length in pt (plain numbers in `unit`) within `limits` (pt)."""
    if key not in m:
        return default
    value = check.parsed(m[key], path + (key,), lambda v: parse_length(v, unit))
    if value is None:
        return default
    if not limits[0] <= value <= limits[1]:
        factor = MM if unit == "mm" else 1.0
        check.error(path + (key,), _("expected {low:g} to {high:g} {unit}, got {got:g} {unit}").format(
            low=round(limits[0] / factor, 2), high=round(limits[1] / factor, 2), unit=unit, got=round(value / factor, 2)))
        return default
    return value


def _size_spec(check: Checker, path: Path_, raw: object, name: str, template: PageTemplate) -> AdSize | None:
    """A size written as a mapping: {span, rows} or {width, height}, and perhaps a spot."""
    m = check.mapping(raw, path, SIZE_KEYS)
    grid, length = {"span", "rows"} & m.keys(), {"width", "height"} & m.keys()
    spot = check.choice(m, path, "spot", AdSpot, STANDARD_SIZES.get(name, AdSpot.AREA))
    if grid and length or (len(grid) != 2 and len(length) != 2):
        check.error(path, _("give a size as span and rows (columns × grid lines) or as width and height (mm)"),
                    _("e.g. {span: 4, rows: 30} or {width: 170mm, height: 100mm}"))
        return None
    if grid:
        span = check.whole(m, path, "span", 1, 1, template.columns, _("(columns of the page)"))
        rows = check.whole(m, path, "rows", 1, 1, template.grid_lines, _("(grid lines of the page)"))
        return AdSize(name, span, rows, spot=spot) if span and rows else None
    width = _length_in(check, m, path, "width", 0.0, (5 * MM, template.area_width + SIZE_TOLERANCE), "mm")
    height = _length_in(check, m, path, "height", 0.0, (5 * MM, template.area_height), "mm")
    return AdSize(name, width=width, height=height, spot=spot) if width and height else None


# -------------------------------------------------------------------------- ads

class AdReader:
    """Reads the `ads:` list; each file is read once, however often it is named."""

    def __init__(self, check: Checker, folder: Path, pages: tuple[Page, ...], styles: dict[str, AdStyle]):
        self.check, self.folder, self.pages, self.styles = check, folder, pages, styles
        self.files: dict[Path, AdFile | AdFileProblem] = {}

    def ads(self, raw: object) -> tuple[Ad, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.check.error(("ads",), _("expected a list of ads"))
            return ()
        out: list[Ad] = []
        seen: dict[str, int] = {}
        for i, spec in enumerate(raw):
            ad = self.ad(("ads", i), spec, i)
            if ad is None:
                continue
            if ad.id in seen:
                self.check.error(("ads", i, "id"), _("duplicate ad id '{id}' (first at line {line})").format(
                    id=ad.id, line=seen[ad.id]))
            seen.setdefault(ad.id, self.check.line(("ads", i, "id")))
            out.append(ad)
        return tuple(out)

    def ad(self, path: Path_, spec: object, index: int) -> Ad | None:
        check = self.check
        before = len(check.problems)
        m = check.mapping(spec, path, AD_KEYS, AD_REQUIRED)
        texts = {key: check.text(m, path, key) for key in ("id", "advertiser", "booking")}
        for key, text in texts.items():
            if key in m and not text.strip():
                check.error(path + (key,), _("this field is empty"))
        place = self.place(m.get("place", {}), path + ("place",))
        page = next((p for p in self.pages if p.number == place.page), None)
        style = self.styles.get(page.template.name, AdStyle()) if page and page.template else AdStyle()
        size = self.size(m.get("size"), path + ("size",), page, style) if "size" in m else None
        file = self.file(m, path)
        scale = check.get(m, path, "scale", bool, False)
        if page is not None and size is not None:
            self.spot_fits(path, page, size, style, place)
        if len(check.problems) > before or file is None or size is None or page is None:
            return None
        return Ad(texts["id"], texts["advertiser"], texts["booking"], file, size, place, style,
                  Source(check.file, check.line(path)), index, scale, (), check.line(path + ("file",)))

    def place(self, raw: object, path: Path_) -> AdPlace:
        check = self.check
        m = check.mapping(raw, path, PLACE_KEYS, {"page"})
        number = check.get(m, path, "page", int, 0)
        page = next((p for p in self.pages if p.number == number), None)
        if "page" in m and page is None and isinstance(m["page"], int):
            check.error(path + ("page",), _("page {page} does not exist (pages: {pages})").format(
                page=number, pages=", ".join(str(p.number) for p in self.pages)))
        columns = page.template.columns if page and page.template else 30
        lines = page.template.grid_lines if page and page.template else 999
        column = check.whole(m, path, "column", 1, 1, columns, _("(a column of the page)")) if "column" in m else None
        row: int | None = None
        foot = m.get("row") == FOOT
        if "row" in m and not foot:
            row = check.whole(m, path, "row", 1, 1, lines, _("(a grid line of the page) or 'foot'"))
        return AdPlace(number, column or None, row or None, foot, Source(check.file, check.line(path)))

    def size(self, raw: object, path: Path_, page: Page | None, style: AdStyle) -> AdSize | None:
        """A standard name (the template's own, else the trade's) or a mapping."""
        check = self.check
        template = page.template if page is not None else None
        if isinstance(raw, str):
            found = style.size(raw)
            if found is not None:
                return found
            if raw in STANDARD_SIZES:
                return AdSize(raw, spot=STANDARD_SIZES[raw])
            known = ", ".join(sorted(set(STANDARD_SIZES) | {name for name, _size in style.sizes}))
            check.error(path, _("unknown ad size '{name}' (known: {known})").format(name=raw, known=known),
                        _("or give {span, rows} or {width, height}"))
            return None
        if template is None:
            return None
        return _size_spec(check, path, raw, "", template)

    def spot_fits(self, path: Path_, page: Page, size: AdSize, style: AdStyle, place: AdPlace) -> None:
        """An ear ad needs the masthead, a 中缝 ad the template's strip; a 中缝 ad has no column."""
        check = self.check
        if size.spot is AdSpot.EAR and not page.masthead:
            check.error(path + ("size",), _("a 报眼 ad stands beside the masthead; page {page} has none").format(
                page=page.number), _("put it on page 1, or give it another size"))
        if size.spot is AdSpot.GUTTER and style.gutter is None:
            check.error(path + ("size",), _("a 中缝 ad needs a 中缝 strip; template '{template}' has none").format(
                template=page.template.name), _("give the template ads: {zhongfeng: {width: 15mm}}"))
        if size.spot is AdSpot.GUTTER and place.column is not None:
            check.error(path + ("place", "column"), _("a 中缝 ad stands in its strip, not in a column"))

    def file(self, m: dict[str, Any], path: Path_) -> AdFile | None:
        name = self.check.get(m, path, "file", str, None)
        found = self.check.inside(self.folder, name, path + ("file",)) if name else None
        if found is None:
            return None
        if found not in self.files:
            try:
                self.files[found] = read_ad_file(found)
            except AdFileProblem as problem:
                self.files[found] = problem
        info = self.files[found]
        if isinstance(info, AdFileProblem):
            self.check.error(path + ("file",), _("ad file '{name}': {reason}").format(name=name, reason=info.message),
                             info.hint)
            return None
        return info


def read_issue_ads(check: Checker, folder: Path, top: dict[str, Any], templates: dict[str, PageTemplate],
                   pages: tuple[Page, ...]) -> tuple[Ad, ...]:
    """The issue's `ads:` (none when absent), with each template's `ads:` settings:
    what layout/model/loader.py calls."""
    styles = read_ad_styles(check, top.get("templates", {}), templates)
    if "ads" not in top:
        return ()
    return AdReader(check, folder, pages, styles).ads(top["ads"])

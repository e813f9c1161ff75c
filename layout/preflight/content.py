"""A content-stream walker: what a PDF page paints, in what colour, at what size, with
what overprint — through form XObjects and tiling patterns — so the checks can judge
the page as a RIP would see it, from any producer.

Coordinates are pt in default user space (PDF: origin bottom-left, y up). Text sizes and
line widths are effective: scaled by the text and current transformation matrices.
Instructions come from layout/preflight/tokens.py as plain values (numbers float,
names str).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

import pikepdf
from pikepdf import Name

from layout.i18n import N_, _
from layout.preflight.colours import Colour, Space, initial_colour, resolve_space
from layout.preflight.geometry import (
    IDENTITY,
    Box,
    Matrix,
    Subpath,
    apply,
    bounds,
    line_thickness,
    multiply,
    scale,
)
from layout.preflight.jpx import jpx_colour
from layout.preflight.tokens import instructions

__all__ = ["WHERE", "Box", "ImageUse", "PageContent", "Paint", "PaintKind", "walk_page"]

MAX_DEPTH = 12
FILL_OPS = {"f": False, "F": False, "f*": True}          # operator → even-odd
STROKE_OPS = {"S", "s"}
BOTH_OPS = {"B": False, "B*": True, "b": False, "b*": True}
DEVICE = {op: resolve_space(Name(space), None) for op, space in
          (("g", "/DeviceGray"), ("rg", "/DeviceRGB"), ("k", "/DeviceCMYK"))}
MAX_DECODE = 64 * 1024 * 1024  # bytes of a JPEG 2000 image read for its header
WHERE = {"text": N_("text"), "text outline": N_("text outline"), "fill": N_("fill"), "stroke": N_("stroke"),
         "image": N_("image {name}"), "stencil image": N_("stencil image {name}"), "inline image": N_("inline image"),
         "shading": N_("shading {name}"), "pattern": N_("pattern {name}")}   # where a colour space is used
Where = tuple[str, str]   # (a key of WHERE, the resource's name or "")


class PaintKind(Enum):
    TEXT = "text"
    FILL = "fill"
    STROKE = "stroke"


@dataclass(frozen=True, slots=True)
class Paint:
    """One painting operation: text shown, a path filled or stroked. `size` is the text
    size (pt), the stroke width (pt), or for a fill the thickness of its thinnest
    line-shaped part (pt; inf when no part is line-shaped: see geometry.line_thickness);
    `bbox` where it lands."""

    kind: PaintKind
    colour: Colour
    overprint: bool
    opm: int
    size: float
    bbox: Box


@dataclass(frozen=True, slots=True)
class ImageUse:
    """One image painted: `ppi` is its effective resolution (the lower of x and y)."""

    name: str
    width: int
    height: int
    space: Space | None          # None for stencil masks
    bits: int
    stencil: bool
    filters: tuple[str, ...]
    bbox: Box
    ppi: float
    stream: pikepdf.Object | None  # the XObject, for decoding; None for inline images


@dataclass(frozen=True, slots=True)
class PageContent:
    """Everything a page paints; `spaces` pairs each colour space used with where
    (a key of WHERE and a resource name, e.g. ("image", "/Im0"))."""

    paints: tuple[Paint, ...]
    images: tuple[ImageUse, ...]
    spaces: tuple[tuple[Space, Where], ...]
    transparency: tuple[str, ...]
    shadings: int


class _State:
    """The graphics state the walker tracks (mutable, private; copied on q)."""

    __slots__ = ("ctm", "fill", "stroke", "op", "OP", "opm", "width", "font_size", "tm", "tlm", "leading",
                 "mode")

    def __init__(self, ctm: Matrix):
        self.ctm = ctm
        self.fill = self.stroke = initial_colour(resolve_space(Name.DeviceGray, None))
        self.op = self.OP = False
        self.opm = 0
        self.width = 1.0
        self.font_size = 0.0
        self.tm = self.tlm = IDENTITY
        self.leading = 0.0
        self.mode = 0


@dataclass
class _Walk:
    """Collected results (private, mutable)."""

    paints: list[Paint] = field(default_factory=list)
    images: list[ImageUse] = field(default_factory=list)
    spaces: dict[tuple[str, Where], tuple[Space, Where]] = field(default_factory=dict)
    transparency: list[str] = field(default_factory=list)
    shadings: int = 0
    seen_patterns: set = field(default_factory=set)


def walk_page(page: pikepdf.Page) -> PageContent:
    """Everything `page` paints. Raises ValueError when its content cannot be read."""
    walk = _Walk()
    group = page.obj.get("/Group")
    if isinstance(group, pikepdf.Dictionary) and group.get("/S") == Name.Transparency:
        walk.transparency.append(_("page transparency group"))
    _Stream(page.obj.get("/Resources"), _State(IDENTITY), walk, 0, frozenset()).run(page)
    return PageContent(tuple(walk.paints), tuple(walk.images), tuple(walk.spaces.values()),
                       tuple(dict.fromkeys(walk.transparency)), walk.shadings)


def _numbers(operands: list) -> list[float]:
    return [v for v in operands if type(v) is float]


def _six(nums: list[float]) -> Matrix:
    a, b, c, d, e, f = nums
    return a, b, c, d, e, f


class _Stream:
    """Interprets one content stream (a page, form or pattern); private."""

    def __init__(self, resources, state: _State, walk: _Walk, depth: int, stack: frozenset):
        self.resources = resources if isinstance(resources, pikepdf.Dictionary) else None
        self.state = state
        self.walk = walk
        self.depth = depth
        self.stack = stack
        self.states: list[_State] = []
        self.path: list[Subpath] = []

    def run(self, source) -> None:
        table = OPERATORS
        for operands, operator in instructions(source):
            handler = table.get(operator)
            if handler is not None:
                handler(self, operands)

    # ------------------------------------------------------------ graphics state

    def save(self, _operands) -> None:
        self.states.append(copy.copy(self.state))

    def restore(self, _operands) -> None:
        if self.states:
            self.state = self.states.pop()

    def concat(self, operands) -> None:
        nums = _numbers(operands)
        if len(nums) == 6:
            self.state.ctm = multiply(_six(nums), self.state.ctm)

    def line_width(self, operands) -> None:
        nums = _numbers(operands)
        if nums:
            self.state.width = nums[0]

    def ext_gstate(self, operands) -> None:
        """Overprint, line width and transparency from an ExtGState resource."""
        name = operands[0] if operands else None
        gs = self.resource("/ExtGState", name)
        if not isinstance(gs, pikepdf.Dictionary):
            return
        state, walk = self.state, self.walk
        if "/OP" in gs:
            state.OP = bool(gs.OP)
            if "/op" not in gs:
                state.op = state.OP
        if "/op" in gs:
            state.op = bool(gs.op)
        if "/OPM" in gs:
            state.opm = int(gs.OPM)
        if "/LW" in gs:
            state.width = float(gs.LW)
        for key in ("/CA", "/ca"):
            if key in gs and float(gs[key]) < 1:
                walk.transparency.append(_("ExtGState {name} {key} {value}").format(name=name, key=key[1:],
                                                                                     value=f"{float(gs[key]):g}"))
        blend = gs.get("/BM")
        blends = [str(b) for b in blend] if isinstance(blend, pikepdf.Array) else ([str(blend)] if blend else [])
        if blends and not set(blends) <= {"/Normal", "/Compatible"}:
            walk.transparency.append(_("ExtGState {name} blend mode {modes}").format(name=name, modes=" ".join(blends)))
        smask = gs.get("/SMask")
        if smask is not None and smask != Name("/None"):
            walk.transparency.append(_("ExtGState {name} soft mask").format(name=name))

    def colour(self, operands, operator: str) -> None:
        stroke = operator.isupper()
        device = DEVICE.get(operator.lower())
        nums = _numbers(operands)
        if device is not None:
            colour = Colour(device, tuple(nums))
        elif operator.lower() == "cs":
            colour = initial_colour(resolve_space(operands[0] if operands else None, self.resources))
        else:
            current = self.state.stroke if stroke else self.state.fill
            pattern = operands[-1] if operands and isinstance(operands[-1], str) else ""
            colour = Colour(current.space, tuple(nums), pattern)
            if pattern:
                self.pattern(pattern)
        if stroke:
            self.state.stroke = colour
        else:
            self.state.fill = colour

    def resource(self, kind: str, name):
        if self.resources is None or not isinstance(name, str):
            return None
        group = self.resources.get(kind)
        return group.get(name) if isinstance(group, pikepdf.Dictionary) else None

    def note_space(self, space: Space, kind: str, name: str = "") -> None:
        """Note that `space` is used for a `kind` of paint (a key of WHERE), of resource `name`."""
        self.walk.spaces.setdefault((space.label, (kind, name)), (space, (kind, name)))

    # ---------------------------------------------------------------------- text

    def begin_text(self, _operands) -> None:
        self.state.tm = self.state.tlm = IDENTITY

    def font(self, operands) -> None:
        if len(operands) == 2 and type(operands[1]) is float:
            self.state.font_size = operands[1]

    def text_matrix(self, operands) -> None:
        nums = _numbers(operands)
        if len(nums) == 6:
            self.state.tm = self.state.tlm = _six(nums)

    def move(self, operands, set_leading: bool) -> None:
        nums = _numbers(operands)
        if len(nums) == 2:
            if set_leading:
                self.state.leading = -nums[1]
            self.state.tm = self.state.tlm = multiply((1, 0, 0, 1, nums[0], nums[1]), self.state.tlm)

    def next_line(self, _operands=None) -> None:
        state = self.state
        state.tm = state.tlm = multiply((1, 0, 0, 1, 0, -state.leading), state.tlm)

    def leading(self, operands) -> None:
        nums = _numbers(operands)
        if nums:
            self.state.leading = nums[0]

    def render_mode(self, operands) -> None:
        nums = _numbers(operands)
        if nums:
            self.state.mode = int(nums[0])

    def show(self, _operands, new_line: bool = False) -> None:
        """Text shown with the current font and colour (invisible and clip-only text skipped)."""
        state = self.state
        if new_line:
            self.next_line()
        if state.mode in (3, 7):
            return
        # the text matrix then the CTM (geometry.multiply), only the parts needed here
        _a, _b, c, d, e, f = state.tm
        p, q, r, s, t, u = state.ctm
        mc, md = c * p + d * r, c * q + d * s
        x, y = e * p + f * r + t, e * q + f * s + u
        size = state.font_size * math.hypot(mc, md)
        top_x, top_y = x + mc * state.font_size * 0.8, y + md * state.font_size * 0.8
        box = Box(min(x, top_x), min(y, top_y), max(x, top_x) + 1e-6, max(y, top_y) + 1e-6)
        outline = state.mode in (1, 5)
        colour = state.stroke if outline else state.fill
        self.walk.paints.append(Paint(PaintKind.TEXT, colour, state.OP if outline else state.op, state.opm, size,
                                      box))
        self.note_space(colour.space, "text")
        if state.mode in (2, 6):
            self.note_space(state.stroke.space, "text outline")

    # --------------------------------------------------------------------- paths

    def move_to(self, operands) -> None:
        nums = _numbers(operands)
        if len(nums) >= 2:
            self.path.append(Subpath([apply(self.state.ctm, nums[0], nums[1])]))

    def line_to(self, operands) -> None:
        nums = _numbers(operands)
        if not self.path or self.path[-1].rect:
            self.path.append(Subpath([]))
        ctm, points = self.state.ctm, self.path[-1].points
        for i in range(0, len(nums) - 1, 2):
            points.append(apply(ctm, nums[i], nums[i + 1]))

    def rectangle(self, operands) -> None:
        nums = _numbers(operands)
        if len(nums) == 4:
            x, y, w, h = nums
            ctm = self.state.ctm
            self.path.append(Subpath([apply(ctm, x, y), apply(ctm, x + w, y), apply(ctm, x + w, y + h),
                                      apply(ctm, x, y + h)], rect=True))

    def paint_path(self, _operands, operator: str) -> None:
        path, self.path = self.path, []
        if operator == "n" or not path:
            return
        state = self.state
        width = state.width * scale(state.ctm)
        if operator in FILL_OPS or operator in BOTH_OPS:
            even_odd = FILL_OPS.get(operator, BOTH_OPS.get(operator, False))
            box = bounds(path)
            if box is not None:
                thickness = line_thickness(path, even_odd)
                self.walk.paints.append(Paint(PaintKind.FILL, state.fill, state.op, state.opm, thickness, box))
                self.note_space(state.fill.space, "fill")
        if operator in STROKE_OPS or operator in BOTH_OPS:
            box = bounds(path, width / 2)
            if box is not None:
                self.walk.paints.append(Paint(PaintKind.STROKE, state.stroke, state.OP, state.opm, width, box))
                self.note_space(state.stroke.space, "stroke")

    # ------------------------------------------------------------ XObjects, images

    def do(self, operands) -> None:
        name = operands[0] if operands else None
        xobject = self.resource("/XObject", name)
        if not isinstance(xobject, pikepdf.Stream):
            return
        subtype = xobject.get("/Subtype")
        if subtype == Name.Image:
            self.image(str(name), xobject)
        elif subtype == Name.Form and self.depth < MAX_DEPTH and xobject.objgen not in self.stack:
            group = xobject.get("/Group")
            if isinstance(group, pikepdf.Dictionary) and group.get("/S") == Name.Transparency:
                self.walk.transparency.append(_("form {name} transparency group").format(name=name))
            inner = copy.copy(self.state)
            inner.ctm = multiply(_matrix(xobject.get("/Matrix")), self.state.ctm)
            resources = xobject.get("/Resources", self.resources)
            paints, images = len(self.walk.paints), len(self.walk.images)
            _Stream(resources, inner, self.walk, self.depth + 1, self.stack | {xobject.objgen}).run(xobject)
            _clip_to_bbox(self.walk, paints, images, xobject.get("/BBox"), inner.ctm)  # ads: a placed ad's marks

    def placed(self) -> tuple[Box, float, float]:
        """Where the unit square lands, and its width and height in pt."""
        ctm = self.state.ctm
        corners = [apply(ctm, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        a, b, c, d = ctm[:4]
        return Box(min(xs), min(ys), max(xs), max(ys)), math.hypot(a, b), math.hypot(c, d)

    def image(self, name: str, image) -> None:
        box, width_pt, height_pt = self.placed()
        stencil = bool(image.get("/ImageMask", False))
        filters = image.get("/Filter")
        names = tuple(str(f) for f in filters) if isinstance(filters, pikepdf.Array) else (
            (str(filters),) if filters else ())
        space = None if stencil else _image_space(image, names, self.resources)
        if image.get("/SMask") is not None:
            self.walk.transparency.append(_("image {name} soft mask (SMask)").format(name=name))
        if space is not None:
            self.note_space(space, "image", name)
        else:
            self.note_space(self.state.fill.space, "stencil image", name)
        width, height = int(image.get("/Width", 0)), int(image.get("/Height", 0))
        self.walk.images.append(ImageUse(name, width, height, space, int(image.get("/BitsPerComponent", 1)),
                                         stencil, names, box, _ppi(width, height, width_pt, height_pt), image))

    def inline_image(self, operands) -> None:
        image = operands[0]
        box, width_pt, height_pt = self.placed()
        stencil = bool(image.image_mask)
        space = None
        if not stencil:
            raw = image.obj.get("/ColorSpace", image.obj.get("/CS", Name.DeviceGray))
            space = resolve_space(raw, self.resources)
            self.note_space(space, "inline image")
        self.walk.images.append(ImageUse("inline", image.width, image.height, space,
                                         image.bits_per_component or 1, stencil,
                                         tuple(str(f) for f in image.filters), box,
                                         _ppi(image.width, image.height, width_pt, height_pt), None))

    # ------------------------------------------------------------ shadings, patterns

    def shading(self, operands) -> None:
        name = operands[0] if operands else None
        shading = self.resource("/Shading", name)
        self.walk.shadings += 1
        if isinstance(shading, pikepdf.Object) and "/ColorSpace" in shading:
            self.note_space(resolve_space(shading.ColorSpace, self.resources), "shading", str(name))

    def pattern(self, name: str) -> None:
        """A pattern's colours: a shading pattern's colour space, a tiling pattern's content."""
        pattern = self.resource("/Pattern", name)
        if not isinstance(pattern, pikepdf.Object) or pattern.objgen in self.walk.seen_patterns:
            return
        self.walk.seen_patterns.add(pattern.objgen)
        if int(pattern.get("/PatternType", 0)) == 2:
            shading = pattern.get("/Shading")
            self.walk.shadings += 1
            if isinstance(shading, pikepdf.Object) and "/ColorSpace" in shading:
                self.note_space(resolve_space(shading.ColorSpace, self.resources), "pattern", name)
        elif isinstance(pattern, pikepdf.Stream):
            inner = _State(_matrix(pattern.get("/Matrix")))
            resources = pattern.get("/Resources", self.resources)
            _Stream(resources, inner, self.walk, MAX_DEPTH - 1, frozenset({pattern.objgen})).run(pattern)


def _clip_to_bbox(walk: _Walk, paints: int, images: int, bbox, ctm: Matrix) -> None:
    """Drop what a form painted (from the `paints`-th paint and `images`-th image on)
    wholly outside its /BBox, which clips it (PDF 32000-1 §8.10.1): a placed ad's crop
    marks and slug beyond its TrimBox never print (layout/render/adfile.py)."""
    try:
        x0, y0, x1, y1 = (float(v) for v in bbox)
    except (TypeError, ValueError):
        return
    corners = [apply(ctm, x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    clip = Box(min(c[0] for c in corners), min(c[1] for c in corners), max(c[0] for c in corners),
               max(c[1] for c in corners))
    walk.paints[paints:] = [p for p in walk.paints[paints:] if p.bbox.meets(clip)]
    walk.images[images:] = [i for i in walk.images[images:] if i.bbox.meets(clip)]


def _matrix(value) -> Matrix:
    """A /Matrix entry as six floats (the identity when absent or malformed)."""
    if isinstance(value, pikepdf.Array) and len(value) == 6:
        try:
            return tuple(float(v) for v in value)  # type: ignore[return-value]
        except (TypeError, ValueError):
            pass
    return IDENTITY


def _image_space(image, filters: tuple[str, ...], resources) -> Space:
    """An image's colour space: its /ColorSpace, or for JPEG 2000 without one the colour
    space inside the image (PDF 32000-1 §8.9.5)."""
    if "/ColorSpace" in image or "/JPXDecode" not in filters:
        return resolve_space(image.get("/ColorSpace", Name.DeviceGray), resources)
    if len(filters) != 1 or int(image.get("/Length", 0)) > MAX_DECODE:
        return Space("/JPX", 0, _("JPEG 2000, colour space unknown"))
    colour = jpx_colour(image.read_raw_bytes())
    what = colour.space or _("{n} components").format(n=colour.components)
    n = {"/DeviceRGB": 3, "/DeviceCMYK": 4, "/DeviceGray": 1}.get(colour.family, colour.components)
    return Space(colour.family, n, _("JPEG 2000 {what} (in the image)").format(what=what))


def _ppi(width: int, height: int, width_pt: float, height_pt: float) -> float:
    if width_pt <= 0 or height_pt <= 0:
        return float("inf")
    return min(width / (width_pt / 72), height / (height_pt / 72))


Handler = Callable[[_Stream, list], None]


def _colour_handler(operator: str) -> Handler:
    return lambda stream, operands: stream.colour(operands, operator)


def _paint_handler(operator: str) -> Handler:
    return lambda stream, operands: stream.paint_path(operands, operator)


OPERATORS: dict[str, Handler] = {
    "q": _Stream.save, "Q": _Stream.restore, "cm": _Stream.concat, "w": _Stream.line_width,
    "gs": _Stream.ext_gstate,
    **{op: _colour_handler(op) for op in ("g", "G", "rg", "RG", "k", "K", "cs", "CS", "sc", "SC", "scn", "SCN")},
    "BT": _Stream.begin_text, "Tf": _Stream.font, "Tm": _Stream.text_matrix,
    "Td": lambda s, o: s.move(o, False), "TD": lambda s, o: s.move(o, True), "T*": _Stream.next_line,
    "TL": _Stream.leading, "Tr": _Stream.render_mode,
    "Tj": _Stream.show, "TJ": _Stream.show, "'": lambda s, o: s.show(o, True), '"': lambda s, o: s.show(o, True),
    "m": _Stream.move_to, "l": _Stream.line_to, "c": _Stream.line_to, "v": _Stream.line_to, "y": _Stream.line_to,
    "re": _Stream.rectangle,
    **{op: _paint_handler(op) for op in ("f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "n")},
    "Do": _Stream.do, "BI": _Stream.inline_image, "sh": _Stream.shading,
}

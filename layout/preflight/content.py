"""A content-stream walker: what a PDF page paints, in what colour, at what size, with
what overprint — through form XObjects and tiling patterns — so the checks can judge
the page as a RIP would see it, from any producer.

Coordinates are pt in default user space (PDF: origin bottom-left, y up). Text sizes and
line widths are effective: scaled by the text and current transformation matrices.
"""

from __future__ import annotations

import copy
import math
from decimal import Decimal
from dataclasses import dataclass, field
from enum import Enum

import pikepdf
from pikepdf import Name

from layout.preflight.colours import Colour, Space, initial_colour, resolve_space

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_DEPTH = 12
TEXT_SHOW = {"Tj", "TJ", "'", '"'}
FILL_OPS = {"f", "F", "f*"}
STROKE_OPS = {"S", "s"}
BOTH_OPS = {"B", "B*", "b", "b*"}


class PaintKind(Enum):
    TEXT = "text"
    FILL = "fill"
    STROKE = "stroke"


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned box in default user space, pt."""

    x0: float
    y0: float
    x1: float
    y1: float

    def meets(self, other: "Box") -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1


@dataclass(frozen=True, slots=True)
class Paint:
    """One painting operation: text shown, a path filled or stroked. `size` is the text
    size (pt) or the stroke width (pt); `bbox` where it lands."""

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
    """Everything a page paints; `spaces` pairs each colour space used with where."""

    paints: tuple[Paint, ...]
    images: tuple[ImageUse, ...]
    spaces: tuple[tuple[Space, str], ...]
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
    spaces: dict[tuple[str, str], tuple[Space, str]] = field(default_factory=dict)
    transparency: list[str] = field(default_factory=list)
    shadings: int = 0
    seen_patterns: set = field(default_factory=set)


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def scale(m: Matrix) -> float:
    """Mean linear scale of `m` (square root of its determinant's magnitude)."""
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


def walk_page(page: pikepdf.Page) -> PageContent:
    """Everything `page` paints."""
    walk = _Walk()
    resources = page.obj.get("/Resources")
    group = page.obj.get("/Group")
    if group is not None and group.get("/S") == Name.Transparency:
        walk.transparency.append("page transparency group")
    _walk_stream(page, resources, _State(IDENTITY), walk, 0, set())
    return PageContent(tuple(walk.paints), tuple(walk.images), tuple(walk.spaces.values()),
                       tuple(dict.fromkeys(walk.transparency)), walk.shadings)


def _walk_stream(source, resources, state: _State, walk: _Walk, depth: int, stack: set) -> None:
    """Interpret one content stream (a page or a form/pattern stream)."""
    try:
        instructions = pikepdf.parse_content_stream(source)
    except pikepdf.PdfError as exc:  # the structure check reports it too
        raise ValueError(f"unreadable content stream: {exc}") from None
    states: list[_State] = []
    path: list[tuple[float, float]] = []
    for instruction in instructions:
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            _inline_image(instruction, resources, state, walk)
            continue
        operands, operator = instruction.operands, str(instruction.operator)
        if operator == "q":
            states.append(copy.copy(state))
        elif operator == "Q" and states:
            state = states.pop()
        elif operator in TEXT_SHOW:
            _show(operator, operands, state, walk)
        elif operator in FILL_OPS or operator in STROKE_OPS or operator in BOTH_OPS or operator == "n":
            _paint_path(operator, path, state, walk)
            path = []
        elif operator in ("m", "l", "c", "v", "y", "re"):
            _path(operator, operands, path, state)
        elif operator == "Do":
            _do(operands[0], resources, state, walk, depth, stack)
        elif operator == "sh":
            _shading(operands[0], resources, walk)
        else:
            _state_op(operator, operands, resources, state, walk)


def _state_op(operator: str, operands, resources, state: _State, walk: _Walk) -> None:
    """Operators that only change the graphics or text state."""
    nums = [float(v) for v in operands if _is_number(v)]
    if operator == "cm" and len(nums) == 6:
        state.ctm = multiply(tuple(nums), state.ctm)
    elif operator == "w" and nums:
        state.width = nums[0]
    elif operator == "gs":
        _ext_gstate(operands[0], resources, state, walk)
    elif operator in ("g", "G", "rg", "RG", "k", "K", "cs", "CS", "sc", "SC", "scn", "SCN"):
        _colour_op(operator, operands, nums, resources, state, walk)
    elif operator in ("BT",):
        state.tm = state.tlm = IDENTITY
    elif operator == "Tf" and len(operands) == 2:
        state.font_size = float(operands[1])
    elif operator == "Tm" and len(nums) == 6:
        state.tm = state.tlm = tuple(nums)
    elif operator in ("Td", "TD") and len(nums) == 2:
        if operator == "TD":
            state.leading = -nums[1]
        state.tm = state.tlm = multiply((1, 0, 0, 1, nums[0], nums[1]), state.tlm)
    elif operator == "T*":
        state.tm = state.tlm = multiply((1, 0, 0, 1, 0, -state.leading), state.tlm)
    elif operator == "TL" and nums:
        state.leading = nums[0]
    elif operator == "Tr" and nums:
        state.mode = int(nums[0])


def _is_number(value) -> bool:
    """pikepdf hands numeric operands over as int or Decimal."""
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _colour_op(operator: str, operands, nums, resources, state: _State, walk: _Walk) -> None:
    stroke = operator.isupper() or operator in ("SCN",)
    device = {"g": "/DeviceGray", "rg": "/DeviceRGB", "k": "/DeviceCMYK"}.get(operator.lower())
    if device:
        colour = Colour(resolve_space(Name(device), None), tuple(nums))
    elif operator.lower() == "cs":
        colour = initial_colour(resolve_space(operands[0], resources))
    else:
        current = state.stroke if stroke else state.fill
        pattern = str(operands[-1]) if operands and isinstance(operands[-1], Name) else ""
        colour = Colour(current.space, tuple(nums), pattern)
        if pattern:
            _pattern(operands[-1], resources, state, walk)
    if stroke:
        state.stroke = colour
    else:
        state.fill = colour


def _ext_gstate(name, resources, state: _State, walk: _Walk) -> None:
    """Overprint, line width and transparency from an ExtGState resource."""
    gs = _resource(resources, "/ExtGState", name)
    if gs is None:
        return
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
            walk.transparency.append(f"ExtGState {name} {key[1:]} {float(gs[key]):g}")
    blend = gs.get("/BM")
    blends = [str(b) for b in blend] if isinstance(blend, pikepdf.Array) else ([str(blend)] if blend else [])
    if blends and not set(blends) <= {"/Normal", "/Compatible"}:
        walk.transparency.append(f"ExtGState {name} blend mode {' '.join(blends)}")
    smask = gs.get("/SMask")
    if smask is not None and smask != Name("/None"):
        walk.transparency.append(f"ExtGState {name} soft mask")


def _resource(resources, kind: str, name):
    if resources is None:
        return None
    group = resources.get(kind)
    return group.get(str(name)) if group is not None else None


def _note_space(space: Space, where: str, walk: _Walk) -> None:
    walk.spaces.setdefault((space.label, where), (space, where))


def _show(operator: str, operands, state: _State, walk: _Walk) -> None:
    """Text shown with the current font and colour (invisible and clip-only text skipped)."""
    if operator in ("'", '"'):
        state.tm = state.tlm = multiply((1, 0, 0, 1, 0, -state.leading), state.tlm)
    if state.mode in (3, 7):
        return
    matrix = multiply(state.tm, state.ctm)
    size = state.font_size * math.hypot(matrix[2], matrix[3])
    x, y = apply(matrix, 0, 0)
    top_x, top_y = apply(matrix, 0, state.font_size * 0.8)
    box = Box(min(x, top_x), min(y, top_y), max(x, top_x) + 1e-6, max(y, top_y) + 1e-6)
    stroked = state.mode in (1, 2, 5, 6)
    colour = state.stroke if state.mode in (1, 5) else state.fill
    overprint = state.OP if state.mode in (1, 5) else state.op
    walk.paints.append(Paint(PaintKind.TEXT, colour, overprint, state.opm, size, box))
    _note_space(colour.space, "text", walk)
    if stroked and state.mode not in (1, 5):
        _note_space(state.stroke.space, "text outline", walk)


def _path(operator: str, operands, path: list, state: _State) -> None:
    nums = [float(v) for v in operands if _is_number(v)]
    if operator == "re" and len(nums) == 4:
        x, y, w, h = nums
        path += [apply(state.ctm, x, y), apply(state.ctm, x + w, y + h), apply(state.ctm, x + w, y),
                 apply(state.ctm, x, y + h)]
    else:
        for i in range(0, len(nums) - 1, 2):
            path.append(apply(state.ctm, nums[i], nums[i + 1]))


def _paint_path(operator: str, path: list, state: _State, walk: _Walk) -> None:
    if operator == "n" or not path:
        return
    xs, ys = [p[0] for p in path], [p[1] for p in path]
    width = state.width * scale(state.ctm)
    half = width / 2 if operator not in FILL_OPS else 0.0
    box = Box(min(xs) - half, min(ys) - half, max(xs) + half + 1e-6, max(ys) + half + 1e-6)
    if operator in FILL_OPS or operator in BOTH_OPS:
        walk.paints.append(Paint(PaintKind.FILL, state.fill, state.op, state.opm, 0.0, box))
        _note_space(state.fill.space, "fill", walk)
    if operator in STROKE_OPS or operator in BOTH_OPS:
        walk.paints.append(Paint(PaintKind.STROKE, state.stroke, state.OP, state.opm, width, box))
        _note_space(state.stroke.space, "stroke", walk)


def _do(name, resources, state: _State, walk: _Walk, depth: int, stack: set) -> None:
    xobject = _resource(resources, "/XObject", name)
    if xobject is None:
        return
    subtype = xobject.get("/Subtype")
    if subtype == Name.Image:
        _image(str(name), xobject, resources, state, walk)
    elif subtype == Name.Form and depth < MAX_DEPTH and xobject.objgen not in stack:
        group = xobject.get("/Group")
        if group is not None and group.get("/S") == Name.Transparency:
            walk.transparency.append(f"form {name} transparency group")
        inner = copy.copy(state)
        matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
        inner.ctm = multiply(matrix, state.ctm)
        _walk_stream(xobject, xobject.get("/Resources", resources), inner, walk, depth + 1,
                     stack | {xobject.objgen})


def _placed(state: _State) -> tuple[Box, float, float]:
    """Where the unit square lands, and its width and height in pt."""
    corners = [apply(state.ctm, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    a, b, c, d = state.ctm[:4]
    return Box(min(xs), min(ys), max(xs), max(ys)), math.hypot(a, b), math.hypot(c, d)


def _image(name: str, image, resources, state: _State, walk: _Walk) -> None:
    box, width_pt, height_pt = _placed(state)
    stencil = bool(image.get("/ImageMask", False))
    space = None if stencil else resolve_space(image.get("/ColorSpace", Name.DeviceGray), resources)
    width, height = int(image.get("/Width", 0)), int(image.get("/Height", 0))
    filters = image.get("/Filter")
    names = tuple(str(f) for f in filters) if isinstance(filters, pikepdf.Array) else ((str(filters),) if filters else ())
    if image.get("/SMask") is not None:
        walk.transparency.append(f"image {name} soft mask (SMask)")
    if space is not None:
        _note_space(space, f"image {name}", walk)
    else:
        _note_space(state.fill.space, f"stencil image {name}", walk)
    walk.images.append(ImageUse(name, width, height, space, int(image.get("/BitsPerComponent", 1)), stencil,
                                names, box, _ppi(width, height, width_pt, height_pt), image))


def _ppi(width: int, height: int, width_pt: float, height_pt: float) -> float:
    if width_pt <= 0 or height_pt <= 0:
        return float("inf")
    return min(width / (width_pt / 72), height / (height_pt / 72))


def _inline_image(instruction, resources, state: _State, walk: _Walk) -> None:
    image = instruction.iimage
    box, width_pt, height_pt = _placed(state)
    stencil = bool(image.image_mask)
    space = None
    if not stencil:
        raw = image.obj.get("/ColorSpace", image.obj.get("/CS", Name.DeviceGray))
        space = resolve_space(raw, resources)
        _note_space(space, "inline image", walk)
    walk.images.append(ImageUse("inline", image.width, image.height, space, image.bits_per_component or 1,
                                stencil, tuple(str(f) for f in image.filters), box,
                                _ppi(image.width, image.height, width_pt, height_pt), None))


def _shading(name, resources, walk: _Walk) -> None:
    shading = _resource(resources, "/Shading", name)
    walk.shadings += 1
    if shading is not None and "/ColorSpace" in shading:
        _note_space(resolve_space(shading.ColorSpace, resources), f"shading {name}", walk)


def _pattern(name, resources, state: _State, walk: _Walk) -> None:
    """A pattern's colours: a shading pattern's colour space, a tiling pattern's content."""
    pattern = _resource(resources, "/Pattern", name)
    if pattern is None or pattern.objgen in walk.seen_patterns:
        return
    walk.seen_patterns.add(pattern.objgen)
    if int(pattern.get("/PatternType", 0)) == 2:
        shading = pattern.get("/Shading")
        walk.shadings += 1
        if shading is not None and "/ColorSpace" in shading:
            _note_space(resolve_space(shading.ColorSpace, resources), f"pattern {name}", walk)
    elif isinstance(pattern, pikepdf.Stream):
        inner = _State(multiply(tuple(float(v) for v in pattern.get("/Matrix", IDENTITY)), IDENTITY))
        _walk_stream(pattern, pattern.get("/Resources", resources), inner, walk, MAX_DEPTH - 1, {pattern.objgen})

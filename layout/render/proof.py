"""Editors' proofs (校样): the page as the plant would get it, drawn on a sheet of paper
an office or plotter prints — the full-size proof (大样) at 100 % with crop marks, or
the proof reduced to fit A3 — with a diagonal 校样 watermark, a slug above the page,
every flagged line outlined, its number beside the type area, and a note in the margin
whose leader ends at the line. Notes that find no room in the margins are listed below
the page or on a notes page (more pages of the same PDF).

The page is drawn once by `render_pdf` with its trim as the MediaBox, then placed on
each sheet as a form XObject (scaled for the reduced proof) under a layer with the
proof marks, with pikepdf. Proofs are not for the plant: they are not PDF/X and use
transparency for the watermark and line highlights.

What to draw is decided by layout/proof/sheet.py; this module only draws it. All
coordinates here are pt on the sheet from its top-left corner, y downwards (converted
to PDF space, origin bottom-left and y up, when drawn).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum

import pikepdf
import pypdfium2 as pdfium
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from layout.compose.items import ComposedPage
from layout.model.schema import FontRole
from layout.render.boxes import PageBoxes, Rect
from layout.render.fonts import register_fonts
from layout.render.marks import SLUG_INDENT, crop_marks
from layout.render.pdf import RenderJob, render_pdf
from layout.render.pdfx import compress_plain_streams

TITLE_SIZE = 7.0       # pt on paper: a note's first line (number, code, name) and the numbers by the lines
TEXT_SIZE = 6.5        # pt on paper: a note's message
NOTE_LEADING = 1.25    # × size
SLUG_SIZE = 7.5        # pt
ARROW = 2.4            # pt: length of a leader's arrowhead
CORNER = 12.0          # pt: arms of the trim's corners on a reduced sheet
WATERMARK = "校样"
WATERMARK_ALPHA = 0.13
HIGHLIGHT_ALPHA = 0.18
CMYK = tuple[float, float, float, float]
Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, top, x1, bottom
COLOURS: dict[str, CMYK] = {"error": (0.0, 1.0, 1.0, 0.0), "warning": (0.0, 0.55, 1.0, 0.0),
                            "info": (0.7, 0.35, 0.0, 0.1)}
GREY: CMYK = (0.0, 0.0, 0.0, 0.45)
NOTE_INK: CMYK = (0.0, 0.0, 0.0, 0.9)


class SheetKind(Enum):
    """Which proof a sheet is: the page at full size with crop marks (大样), or reduced
    to fit A3 (缩样)."""

    FULL = "full"
    REDUCED = "reduced"


@dataclass(frozen=True, slots=True)
class Sheet:
    """A sheet of paper `width` × `height` pt (`paper` names it: "A2", or "" for a size
    of its own) with the page's trim (`trim_width` × `trim_height` pt) drawn at `scale`,
    its top-left corner at (`x`, `y`) pt from the sheet's top-left."""

    kind: SheetKind
    paper: str
    width: float
    height: float
    scale: float
    x: float
    y: float
    trim_width: float
    trim_height: float

    def point(self, x: float, y: float) -> Point:
        """A point of the page (pt from the trim's top-left) on the sheet."""
        return (self.x + x * self.scale, self.y + y * self.scale)

    def box(self, box: Box) -> Box:
        """A box of the page (x0, top, x1, bottom, pt from the trim's top-left) on the sheet."""
        x0, top = self.point(box[0], box[1])
        x1, bottom = self.point(box[2], box[3])
        return (x0, top, x1, bottom)

    @property
    def trim(self) -> Box:
        return self.box((0.0, 0.0, self.trim_width, self.trim_height))


@dataclass(frozen=True, slots=True)
class NoteText:
    """A note's text block: its number and severity, `title` lines (number, code, name)
    and message `lines`, its left edge `x`, `top` and the `width` it was wrapped to."""

    number: int
    severity: str
    title: tuple[str, ...]
    lines: tuple[str, ...]
    x: float
    top: float
    width: float

    @property
    def height(self) -> float:
        return note_height(len(self.title), len(self.lines))


@dataclass(frozen=True, slots=True)
class Callout:
    """A flagged line on the page: its `box` (outlined, or underlined for info), the
    note's number as a `label` (its left and top) beside the type area, the leader
    from the label to the line (`to_line`, its last point the arrow's tip, just off the
    line's first or last character) and from the note to the label (`to_note`; empty
    when the note is listed below the page or on the notes page)."""

    number: int
    severity: str
    box: Box
    label: Point
    to_line: tuple[Point, ...]
    to_note: tuple[Point, ...] = ()


@dataclass(frozen=True, slots=True)
class NotesPage:
    """A further page of the sheet listing the notes the margins had no room for."""

    heading: str
    x: float
    top: float
    notes: tuple[NoteText, ...]


@dataclass(frozen=True, slots=True)
class ProofMarks:
    """What a proof sheet adds to the page: the `slug` lines above it, the callouts on
    the page, the notes beside or below it and further notes pages."""

    sheet: Sheet
    slug: tuple[str, ...] = ()
    callouts: tuple[Callout, ...] = ()
    notes: tuple[NoteText, ...] = ()
    pages: tuple[NotesPage, ...] = ()
    watermark: str = WATERMARK


def note_height(titles: int, lines: int) -> float:
    """Height of a note with `titles` title lines and `lines` message lines, pt."""
    return titles * TITLE_SIZE * NOTE_LEADING + lines * TEXT_SIZE * NOTE_LEADING + 2.0


def label_size(number: int) -> tuple[float, float]:
    """Width and height of the number label `number` beside the type area, pt (the
    digits of Hei Bold are half an em wide)."""
    return (TITLE_SIZE * 0.55 * len(str(number)) + 2.0, TITLE_SIZE * 1.15)


# ------------------------------------------------------------------ PDF

def page_pdf(page: ComposedPage, job: RenderJob) -> bytes:
    """The page alone, drawn as for the plant, its MediaBox the trim (placed on the
    proof sheets by `proof_pdf`)."""
    trim = Rect(0.0, 0.0, page.width, page.height)
    return render_pdf(page, replace(job, boxes=PageBoxes(trim, trim, None), slug=None))


def proof_pdf(page: bytes, job: RenderJob, marks: ProofMarks, title: str,
              finish: Callable[[pikepdf.Pdf], None] | None = None) -> bytes:
    """The proof PDF: the page (`page_pdf`'s bytes) scaled onto `marks.sheet`, the proof
    marks over it, and a page per `NotesPage`; `finish` is given the document before it
    is saved (layout.proof.annotate adds its notes there: one save, not two); saved
    deterministically."""
    overlay = _overlay(job, marks, title)
    with pikepdf.open(io.BytesIO(overlay)) as pdf, pikepdf.open(io.BytesIO(page)) as base:
        _lay_under(pdf, base, marks.sheet)
        if finish is not None:
            finish(pdf)
        out = io.BytesIO()
        compress_plain_streams(pdf)   # not compress_streams=True: it would deflate the page's streams again
        pdf.save(out, deterministic_id=True, compress_streams=False)
    return out.getvalue()


def _lay_under(pdf: pikepdf.Pdf, base: pikepdf.Pdf, sheet: Sheet) -> None:
    """Draw `base`'s page under the first page of `pdf`, scaled and placed as `sheet`
    says, as a form XObject under a fixed name (pikepdf's own overlay picks a random
    one: proofs must rebuild identically)."""
    page = pdf.pages[0]
    form = pdf.copy_foreign(base.pages[0].as_form_xobject())
    page.add_resource(form, pikepdf.Name.XObject, pikepdf.Name.PaibanPage)
    s, x = sheet.scale, sheet.x
    y = sheet.height - sheet.y - sheet.trim_height * s  # the trim's bottom-left in PDF space
    place = f"q {s:.6f} 0 0 {s:.6f} {x:.4f} {y:.4f} cm /PaibanPage Do Q\n".encode("ascii")
    page.contents_add(pdf.make_stream(place), prepend=True)


def _overlay(job: RenderJob, marks: ProofMarks, title: str) -> bytes:
    """The proof marks alone on transparent pages of the sheet's size."""
    names = register_fonts(job.fonts, (FontRole.HEI, FontRole.HEI_BOLD), job.font_cache)
    sheet = marks.sheet
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(sheet.width, sheet.height), invariant=1, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor("paiban")
    canvas.setCreator("paiban")
    canvas.setProducer("paiban")
    canvas.translate(0, sheet.height)  # sheet coordinates: origin top-left, y down (text flipped back)
    _sheet_marks(canvas, marks, names)
    for extra in marks.pages:
        canvas.showPage()
        canvas.translate(0, sheet.height)
        _notes_page(canvas, extra, sheet, names)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _sheet_marks(canvas: Canvas, marks: ProofMarks, names: dict[FontRole, str]) -> None:
    sheet = marks.sheet
    x0, top, x1, bottom = sheet.trim
    canvas.saveState()
    if sheet.kind is SheetKind.FULL:
        canvas.setStrokeColorCMYK(0, 0, 0, 1)
        crop_marks(canvas, Rect(x0, -bottom, x1, -top))
    else:
        _trim_corners(canvas, sheet)
    canvas.restoreState()
    _watermark(canvas, sheet, marks.watermark, names[FontRole.HEI_BOLD])
    for callout in marks.callouts:
        _highlight(canvas, callout)
    for callout in marks.callouts:
        _callout(canvas, callout, names[FontRole.HEI_BOLD])
    for note in marks.notes:
        _note(canvas, note, names)
    y = SLUG_SIZE * 1.1
    x = sheet.trim[0] + SLUG_INDENT if sheet.kind is SheetKind.FULL else sheet.trim[0]
    top = _slug_top(sheet, len(marks.slug))
    for i, line in enumerate(marks.slug):
        _text(canvas, x, top + y + i * SLUG_SIZE * 1.35, line, names[FontRole.HEI], SLUG_SIZE)


def slug_height(lines: int) -> float:
    """Height of a slug of `lines` lines, pt."""
    return SLUG_SIZE * 1.35 * lines


def _slug_top(sheet: Sheet, lines: int) -> float:
    """Top of the slug: just above the trim (between the crop marks on a full-size
    sheet, which stand outside the trim's width)."""
    return sheet.y - slug_height(lines) - 3.0


def _text(canvas: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """`text` with its baseline at (x, y) in sheet coordinates (y down)."""
    canvas.saveState()
    canvas.translate(x, -y)
    canvas.setFont(font, size)
    canvas.drawString(0, 0, text)
    canvas.restoreState()


def _trim_corners(canvas: Canvas, sheet: Sheet) -> None:
    """Hairline corners of the trim, so the page's edge shows on the larger sheet
    (a whole outline would run through the notes in the page's margins)."""
    x0, top, x1, bottom = sheet.trim
    arm = CORNER
    canvas.setStrokeColorCMYK(*GREY)
    canvas.setLineWidth(0.3)
    for x, dx in ((x0, arm), (x1, -arm)):
        for y, dy in ((top, arm), (bottom, -arm)):
            canvas.lines([(x, -y, x + dx, -y), (x, -y, x, -(y + dy))])


def _watermark(canvas: Canvas, sheet: Sheet, text: str, font: str) -> None:
    """`text` large, diagonally across the trim, translucent red."""
    x0, top, x1, bottom = sheet.trim
    size = min(x1 - x0, bottom - top) * 0.32
    canvas.saveState()
    canvas.translate((x0 + x1) / 2, -(top + bottom) / 2)
    canvas.rotate(45 if bottom - top >= x1 - x0 else 30)
    canvas.setFillColorCMYK(0.0, 0.9, 0.85, 0.0)
    canvas.setFillAlpha(WATERMARK_ALPHA)
    canvas.setFont(font, size)
    canvas.drawCentredString(0, -size * 0.35, text)
    canvas.restoreState()


def _highlight(canvas: Canvas, callout: Callout) -> None:
    """Errors and warnings: a translucent band over the line, outlined in its colour;
    info: a thin line under it."""
    x0, top, x1, bottom = callout.box
    colour = COLOURS[callout.severity]
    canvas.saveState()
    canvas.setFillColorCMYK(*colour)
    canvas.setStrokeColorCMYK(*colour)
    if callout.severity == "info":
        canvas.setLineWidth(0.5)
        canvas.line(x0, -bottom - 0.8, x1, -bottom - 0.8)
    else:
        canvas.setFillAlpha(HIGHLIGHT_ALPHA)
        canvas.setLineWidth(0.6)
        canvas.rect(x0 - 0.8, -bottom - 0.8, x1 - x0 + 1.6, bottom - top + 1.6, stroke=1, fill=1)
    canvas.restoreState()


def _callout(canvas: Canvas, callout: Callout, font: str) -> None:
    """The leaders (note → number → line, an arrowhead at the line) and the number."""
    canvas.saveState()
    canvas.setStrokeColorCMYK(*COLOURS[callout.severity])
    canvas.setFillColorCMYK(*COLOURS[callout.severity])
    canvas.setLineWidth(0.45)
    for path in (callout.to_note, callout.to_line):
        _polyline(canvas, path)
    _arrowhead(canvas, callout.to_line)
    x, top = callout.label
    _text(canvas, x + 1.0, top + TITLE_SIZE * 0.92, str(callout.number), font, TITLE_SIZE)
    canvas.restoreState()


def _polyline(canvas: Canvas, points: tuple[Point, ...]) -> None:
    if len(points) < 2:
        return
    path = canvas.beginPath()
    path.moveTo(points[0][0], -points[0][1])
    for x, y in points[1:]:
        path.lineTo(x, -y)
    canvas.drawPath(path, stroke=1, fill=0)


def _arrowhead(canvas: Canvas, points: tuple[Point, ...]) -> None:
    """A filled arrowhead at the last point of `points`, pointing along the last
    segment (which is horizontal)."""
    if len(points) < 2:
        return
    (ax, _ay), (tx, ty) = points[-2], points[-1]
    head = ARROW if tx >= ax else -ARROW
    path = canvas.beginPath()
    path.moveTo(tx, -ty)
    path.lineTo(tx - head, -ty + ARROW * 0.55)
    path.lineTo(tx - head, -ty - ARROW * 0.55)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _note(canvas: Canvas, note: NoteText, names: dict[FontRole, str]) -> None:
    """A note: a bar in its colour down its left side, the title lines in bold in its
    colour, the message lines in black."""
    canvas.saveState()
    canvas.setStrokeColorCMYK(*COLOURS[note.severity])
    canvas.setFillColorCMYK(*COLOURS[note.severity])
    canvas.setLineWidth(0.8)
    canvas.line(note.x - 1.5, -note.top, note.x - 1.5, -(note.top + note.height - 2))
    y = note.top
    for line in note.title:
        _text(canvas, note.x, y + TITLE_SIZE, line, names[FontRole.HEI_BOLD], TITLE_SIZE)
        y += TITLE_SIZE * NOTE_LEADING
    canvas.setFillColorCMYK(*NOTE_INK)
    for line in note.lines:
        _text(canvas, note.x, y + TEXT_SIZE, line, names[FontRole.HEI], TEXT_SIZE)
        y += TEXT_SIZE * NOTE_LEADING
    canvas.restoreState()


def _notes_page(canvas: Canvas, page: NotesPage, sheet: Sheet, names: dict[FontRole, str]) -> None:
    """A page of notes: its heading, then the notes where `page` places them."""
    _text(canvas, page.x, page.top + SLUG_SIZE + 1, page.heading, names[FontRole.HEI_BOLD], SLUG_SIZE + 1)
    for note in page.notes:
        _note(canvas, note, names)


# ------------------------------------------------------------------ images

def rasterize(pdf: bytes, dpi: float) -> Image.Image:
    """The first page of `pdf` as an RGB image at `dpi`."""
    document = pdfium.PdfDocument(pdf)
    try:
        return document[0].render(scale=dpi / 72.0, draw_annots=False).to_pil().convert("RGB")
    finally:
        document.close()


def png_bytes(image: Image.Image) -> bytes:
    """`image` as a PNG of 256 colours (a fast octree palette, no dithering: type stays
    crisp, photos show some banding) at the fastest zlib level: a third of the size and
    time of a full-colour PNG, which keeps the watcher's turnaround short."""
    paletted = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    paletted.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def proof_png(pdf: bytes, dpi: float) -> tuple[bytes, tuple[int, int]]:
    """The proof sheet's first page as a PNG at `dpi` and its size in pixels."""
    image = rasterize(pdf, dpi)
    return png_bytes(image), image.size

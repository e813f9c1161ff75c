"""Editors' proofs (校样): the page as the plant would get it, on a larger sheet with a
diagonal 校样 watermark, a slug above the trim (round, time, issue revision) and notes
in wide side margins, each with a leader to the line it concerns, which is outlined.

The page is drawn by `render_pdf` unchanged; the proof marks are drawn on a second
ReportLab page of the same size and laid over it with pikepdf. Proofs are not for the
plant: they are not PDF/X and use transparency for the watermark and line highlights.

Coordinates of `ProofMarks` are pt from the trim's top-left corner, y downwards (as in
compose); drawing converts them to PDF space (origin bottom-left of the MediaBox, y up).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

import pikepdf
import pypdfium2 as pdfium
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from layout.compose.items import ComposedPage
from layout.model.schema import FontRole
from layout.model.units import MM
from layout.render.boxes import PageBoxes, Rect
from layout.render.fonts import register_fonts
from layout.render.pdf import RenderJob, render_pdf

NOTE_ZONE = 60 * MM    # pt: width of each side margin that holds notes
TOP_ZONE = 14 * MM     # pt above the trim: the slug
BOTTOM_ZONE = 8 * MM   # pt below the trim
NOTE_PAD = 3 * MM      # pt between a note and the edges of its margin
TITLE_SIZE = 7.0       # pt: a note's first line (number, code, name)
TEXT_SIZE = 6.5        # pt: a note's message lines
NOTE_LEADING = 1.25    # × size
SLUG_SIZE = 8.0        # pt
ARROW = 3.0            # pt: length of a leader's arrowhead
WATERMARK = "校样"
WATERMARK_ALPHA = 0.13
HIGHLIGHT_ALPHA = 0.18
CMYK = tuple[float, float, float, float]
COLOURS: dict[str, CMYK] = {"error": (0.0, 1.0, 1.0, 0.0), "warning": (0.0, 0.55, 1.0, 0.0),
                            "info": (0.7, 0.35, 0.0, 0.1)}
GREY: CMYK = (0.0, 0.0, 0.0, 0.45)


@dataclass(frozen=True, slots=True)
class Note:
    """A margin note: `number` (as in the proof page's list), `severity` (error,
    warning, info), a `title` line and wrapped message `lines`; `side` left or right;
    `top` of the note and `target` (x0, top, x1, bottom) of the line it concerns, pt
    from the trim's top-left."""

    number: int
    severity: str
    title: str
    lines: tuple[str, ...]
    side: str
    top: float
    target: tuple[float, float, float, float]

    @property
    def height(self) -> float:
        return note_height(len(self.lines))


@dataclass(frozen=True, slots=True)
class ProofMarks:
    """What a proof sheet adds to the page: the slug line and the notes; `area` is the
    left and right edge of the type area (pt from the trim's left): leaders stop there."""

    slug: str
    notes: tuple[Note, ...] = ()
    area: tuple[float, float] = (0.0, 0.0)
    watermark: str = WATERMARK


def note_height(lines: int) -> float:
    """Height of a note with `lines` message lines, pt."""
    return TITLE_SIZE * NOTE_LEADING + lines * TEXT_SIZE * NOTE_LEADING + 2.0


def note_width() -> float:
    """Width available to a note's text, pt."""
    return NOTE_ZONE - 2 * NOTE_PAD


def proof_boxes(width: float, height: float) -> PageBoxes:
    """Boxes of a proof sheet for a trim of `width` × `height` pt: the trim with the
    note margins left and right, the slug zone above and a strip below."""
    trim = Rect(NOTE_ZONE, BOTTOM_ZONE, NOTE_ZONE + width, BOTTOM_ZONE + height)
    media = Rect(0.0, 0.0, width + 2 * NOTE_ZONE, height + TOP_ZONE + BOTTOM_ZONE)
    return PageBoxes(media, trim, None)


def render_proof(page: ComposedPage, job: RenderJob, marks: ProofMarks) -> bytes:
    """The one-page proof PDF of `page`: drawn as for the plant, then `marks` over it."""
    boxes = proof_boxes(page.width, page.height)
    base = render_pdf(page, replace(job, boxes=boxes, slug=None))
    overlay = _overlay(page, job, marks, boxes)
    with pikepdf.open(io.BytesIO(base)) as pdf, pikepdf.open(io.BytesIO(overlay)) as over:
        _lay_over(pdf, over)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True)
    return out.getvalue()


def _lay_over(pdf: pikepdf.Pdf, over: pikepdf.Pdf) -> None:
    """Draw `over`'s page on top of `pdf`'s, as a form XObject under a fixed name
    (pikepdf's add_overlay picks a random one: proofs must rebuild identically)."""
    page = pdf.pages[0]
    form = pdf.copy_foreign(over.pages[0].as_form_xobject())
    page.add_resource(form, pikepdf.Name.XObject, pikepdf.Name.PaibanProofMarks)
    page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
    page.contents_add(pdf.make_stream(b"Q\nq /PaibanProofMarks Do Q\n"))


def _overlay(page: ComposedPage, job: RenderJob, marks: ProofMarks, boxes: PageBoxes) -> bytes:
    """The proof marks alone on a transparent page of the proof sheet's size."""
    names = register_fonts(job.fonts)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(boxes.media.width, boxes.media.height), invariant=1, pageCompression=1)
    # Trim coordinates: origin at the trim's top-left, y down (text is flipped back).
    canvas.translate(boxes.trim.x0, boxes.trim.y1)
    _trim_outline(canvas, page)
    _watermark(canvas, page, marks.watermark, names[FontRole.HEI_BOLD])
    for note in marks.notes:
        _highlight(canvas, note)
    for note in marks.notes:
        _note(canvas, note, page, marks.area, names)
    _text(canvas, -NOTE_ZONE + NOTE_PAD, -TOP_ZONE / 2 - SLUG_SIZE / 3, marks.slug, names[FontRole.HEI], SLUG_SIZE)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _text(canvas: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """`text` with its baseline at (x, y) in trim coordinates (y down)."""
    canvas.saveState()
    canvas.translate(x, -y)
    canvas.setFont(font, size)
    canvas.drawString(0, 0, text)
    canvas.restoreState()


def _trim_outline(canvas: Canvas, page: ComposedPage) -> None:
    """A hairline round the trim, so the page's edge shows on the larger sheet."""
    canvas.setStrokeColorCMYK(*GREY)
    canvas.setLineWidth(0.3)
    canvas.rect(0, -page.height, page.width, page.height, stroke=1, fill=0)


def _watermark(canvas: Canvas, page: ComposedPage, text: str, font: str) -> None:
    """`text` large, diagonally across the trim, translucent red."""
    size = min(page.width, page.height) * 0.32
    canvas.saveState()
    canvas.translate(page.width / 2, -page.height / 2)
    canvas.rotate(45 if page.height >= page.width else 30)
    canvas.setFillColorCMYK(0.0, 0.9, 0.85, 0.0)
    canvas.setFillAlpha(WATERMARK_ALPHA)
    canvas.setFont(font, size)
    canvas.drawCentredString(0, -size * 0.35, text)
    canvas.restoreState()


def _highlight(canvas: Canvas, note: Note) -> None:
    """Errors and warnings: a translucent band over the line the note concerns,
    outlined in its colour; info: a thin line under it."""
    x0, top, x1, bottom = note.target
    colour = COLOURS[note.severity]
    canvas.saveState()
    canvas.setFillColorCMYK(*colour)
    canvas.setStrokeColorCMYK(*colour)
    if note.severity == "info":
        canvas.setLineWidth(0.5)
        canvas.line(x0, -bottom - 1.2, x1, -bottom - 1.2)
    else:
        canvas.setFillAlpha(HIGHLIGHT_ALPHA)
        canvas.setLineWidth(0.6)
        canvas.rect(x0 - 1, -bottom - 1, x1 - x0 + 2, bottom - top + 2, stroke=1, fill=1)
    canvas.restoreState()


def _note(canvas: Canvas, note: Note, page: ComposedPage, area: tuple[float, float],
          names: dict[FontRole, str]) -> None:
    """The note in its margin; a leader from it to the page's margin at the height of
    the line it concerns, ending in an arrowhead at the type area (never across type);
    the note's number beside the marked line."""
    left = note.side == "left"
    x = -NOTE_ZONE + NOTE_PAD if left else page.width + NOTE_PAD
    canvas.saveState()
    canvas.setStrokeColorCMYK(*COLOURS[note.severity])
    canvas.setFillColorCMYK(*COLOURS[note.severity])
    tip = _leader(canvas, note, x, page.width, area)
    canvas.setLineWidth(0.8)
    canvas.line(x - 1.5, -note.top, x - 1.5, -(note.top + note.height - 2))
    _text(canvas, x, note.top + TITLE_SIZE, note.title, names[FontRole.HEI_BOLD], TITLE_SIZE)
    canvas.setFillColorCMYK(0, 0, 0, 0.9)
    y = note.top + TITLE_SIZE * NOTE_LEADING + TEXT_SIZE
    for line in note.lines:
        _text(canvas, x, y, line, names[FontRole.HEI], TEXT_SIZE)
        y += TEXT_SIZE * NOTE_LEADING
    canvas.setFillColorCMYK(*COLOURS[note.severity])
    _number(canvas, note, tip, area, names[FontRole.HEI_BOLD])
    canvas.restoreState()


def _leader(canvas: Canvas, note: Note, x: float, width: float, area: tuple[float, float]) -> float:
    """From the note to the trim edge at the line's height, on to the type area, with
    an arrowhead there; returns the arrow's tip x."""
    left = note.side == "left"
    middle = (note.target[1] + note.target[3]) / 2
    near = x + note_width() + 1 if left else x - 3
    edge = 0.0 if left else width
    tip = area[0] - 2 if left else area[1] + 2
    canvas.setLineWidth(0.5)
    canvas.line(near, -(note.top + TITLE_SIZE * 0.6), edge, -middle)
    canvas.line(edge, -middle, tip, -middle)
    head = ARROW if left else -ARROW
    path = canvas.beginPath()
    path.moveTo(tip, -middle)
    path.lineTo(tip - head, -middle + 1.6)
    path.lineTo(tip - head, -middle - 1.6)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)
    return tip


def _number(canvas: Canvas, note: Note, tip: float, area: tuple[float, float], font: str) -> None:
    """The note's number beside its line; on the leader where the line starts at the
    type area's edge (the arrow points at it there)."""
    left = note.side == "left"
    x0, top, x1, bottom = note.target
    label = str(note.number)
    width = TITLE_SIZE * 0.6 * len(label)
    outer = x0 - area[0] < 2 * TITLE_SIZE if left else area[1] - x1 < 2 * TITLE_SIZE
    if outer:
        middle = (top + bottom) / 2
        x, y = (tip - ARROW - width - 1, middle - 1.5) if left else (tip + ARROW + 1, middle - 1.5)
    else:
        x, y = (x0 - 2 - width, bottom - 0.5) if left else (x1 + 2, bottom - 0.5)
    _text(canvas, x, y, label, font, TITLE_SIZE)


def proof_png(pdf: bytes, dpi: float) -> tuple[bytes, tuple[int, int]]:
    """The proof sheet as a PNG at `dpi` and its size in pixels: 256 colours (a fast
    octree palette, no dithering: type stays crisp, photos show some banding) and the
    fastest zlib level. A third of the size and time of a full-colour PNG, which keeps
    the watcher's turnaround short (docs/proofing.md)."""
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72.0).to_pil().convert("RGB")
    finally:
        document.close()
    paletted = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    paletted.save(out, format="PNG", compress_level=1)
    return out.getvalue(), image.size

"""Draw a composed page into a one-page PDF with ReportLab. The only module that draws.

Text is placed glyph by glyph where the layout adjusted spacing, as runs where it did
not. Text, rules and the QR code are 100 % K and overprint (op/OP true, OPM 1), so a
misregistered plate never shows a white edge; other colours (if any) knock out. Photos
come converted (layout/render/photos.py) and knock out. On black-and-white pages every
colour is mapped to K alone. Output is reproducible: invariant mode, fixed dates.
PDF/X identification is added afterwards by layout/render/pdfx.py.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from layout.compose.items import Advert, ComposedPage, Picture, QrCode, Rule, TextRun
from layout.model.schema import FontRole, FontSet, PageColour
from layout.render.adfile import draw_advert, embed_adverts
from layout.render.boxes import PageBoxes
from layout.render.fonts import register_fonts
from layout.render.marks import draw_marks
from layout.render.photos import PreparedPhoto

TOLERANCE = 0.001  # pt: glyphs closer than this to their natural position share a run
SOLID_K = 0.999  # K at or above this, with no C, M, Y, is solid black and overprints
# Binary streams, not ASCII85: pure-Python ASCII85 of a photo costs more than the rest.
rl_config.useA85 = 0


@dataclass(frozen=True, slots=True)
class RenderJob:
    """What drawing one page needs besides the page itself.

    `photos` maps each Picture of the page to its converted image; `slug` is the line
    printed outside the trim on proofs with marks (None: no marks, a file for the plant);
    `font_cache` a folder where parsed fonts are kept for later processes.
    """

    fonts: FontSet
    photos: Mapping[Picture, PreparedPhoto]
    colour: PageColour
    boxes: PageBoxes
    title: str
    date: dt.date
    slug: str | None = None
    font_cache: Path | None = None


def render_pdf(page: ComposedPage, job: RenderJob) -> bytes:
    """The one-page PDF of `page`, as bytes (not yet PDF/X: see pdfx.finish_pdfx)."""
    roles = roles_used(page, job.slug is not None)
    names = register_fonts(job.fonts, roles, job.font_cache)
    buffer = io.BytesIO()
    media = job.boxes.media
    canvas = Canvas(buffer, pagesize=(media.width, media.height), invariant=1, pageCompression=1,
                    initialFontName=names[roles[0]], initialFontSize=9)
    canvas.setTitle(job.title)
    canvas.setAuthor("paiban")
    canvas.setCreator("paiban")
    canvas.setProducer("paiban")
    _fix_dates(canvas, job.date)
    if job.slug is not None:
        draw_marks(canvas, job.boxes, job.colour, job.slug, names[FontRole.HEI])
    canvas.saveState()
    canvas.translate(job.boxes.trim.x0, job.boxes.trim.y0)
    _draw_page(canvas, page, names, job)
    canvas.restoreState()
    canvas.showPage()
    canvas.save()
    return embed_adverts(buffer.getvalue(), page)  # ads: each ad's file put in its placeholder


def roles_used(page: ComposedPage, marks: bool = False) -> tuple[FontRole, ...]:
    """The font roles `page` draws with (and the slug's, with `marks`), in FontRole
    order; the first is the canvas's initial font. Song when nothing is drawn."""
    used = {item.role for item in page.items if isinstance(item, TextRun)}
    if marks:
        used.add(FontRole.HEI)
    return tuple(role for role in FontRole if role in used) or (FontRole.SONG,)


def _fix_dates(canvas: Canvas, date: dt.date) -> None:
    """Creation and modification date = the issue date, so rebuilds are identical."""
    # ReportLab has no public setter; invariant mode would otherwise write 2000-01-01.
    stamp = canvas._doc._timeStamp
    stamp.YMDhms = (date.year, date.month, date.day, 0, 0, 0)
    stamp.dhh = stamp.dmm = 0


def ink(colour: tuple[float, float, float, float], page: PageColour) -> tuple[float, float, float, float]:
    """The CMYK a colour prints in on `page`: as given, or on a black-and-white page its
    darkness as K alone (luminance weights of C, M, Y)."""
    if page is PageColour.CMYK:
        return colour
    c, m, y, k = colour
    return (0.0, 0.0, 0.0, min(1.0, k + 0.30 * c + 0.59 * m + 0.11 * y))


def _paint(canvas: Canvas, colour: tuple[float, float, float, float], page: PageColour) -> None:
    """Fill and stroke in `colour`. Solid black (100 % K alone) overprints, so the K plate
    can be off register without a white edge; every other colour knocks out (white
    overprinting would vanish, colours would mix with what lies beneath)."""
    cmyk = ink(colour, page)
    canvas.setFillColorCMYK(*cmyk)
    canvas.setStrokeColorCMYK(*cmyk)
    overprint = cmyk[:3] == (0.0, 0.0, 0.0) and cmyk[3] >= SOLID_K
    canvas.setFillOverprint(overprint)
    canvas.setStrokeOverprint(overprint)
    canvas.setOverprintMask(1)


def _draw_page(canvas: Canvas, page: ComposedPage, names: dict[FontRole, str], job: RenderJob) -> None:
    """Every item in order. The colour and overprint are set only when they change: the
    graphics state outlives text objects, and a photo's own state is restored after it
    (q … Q), so a page of black text sets them once instead of once per run."""
    height = page.height
    painted: tuple[float, float, float, float] | None = None
    advances: Advances = {}

    def paint(colour: tuple[float, float, float, float]) -> None:
        nonlocal painted
        if colour != painted:
            _paint(canvas, colour, job.colour)
            painted = colour

    for item in page.items:
        if isinstance(item, TextRun):
            paint(item.colour)
            _text(canvas, item, names[item.role], height, advances)
        elif isinstance(item, Rule):
            paint(item.colour)
            canvas.setLineWidth(item.width)
            canvas.line(item.x0, height - item.y0, item.x1, height - item.y1)
        elif isinstance(item, Picture):
            _picture(canvas, item, job.photos[item], height)
        elif isinstance(item, QrCode):
            paint((0.0, 0.0, 0.0, 1.0))
            _qr(canvas, item, height)
        elif isinstance(item, Advert):  # ads: a placeholder for the ad's file (layout/render/adfile.py)
            draw_advert(canvas, item, height)


def _text(canvas: Canvas, run: TextRun, font: str, height: float, advances: Advances) -> None:
    """One text object per run: the font once, a text matrix where a glyph does not stand
    where the one before it left the pen (spacing adjusted), the glyphs between shown
    together. A rotated run (sideways glyphs of vertical text) sets each glyph's matrix.
    Written into the page's content as Canvas.drawText does: ReportLab's text object
    would track a pen and a leading that no operator here needs, at a third of the
    page's drawing time. Numbers are formatted as ReportLab formats them."""
    y = height - run.baseline
    if run.rotation:
        turn = math.radians(-run.rotation)  # clockwise on the page = negative in PDF space
        cos, sin = math.cos(turn), math.sin(turn)
        pieces = [(f"{fp_str(cos, sin, -sin, cos, x, y)} Tm", char) for char, x in run.glyphs]
    else:
        pieces = [(f"1 0 0 1 {fp_str(x, y)} Tm", text) for x, text in _pieces(run, _advances(advances, font, run.size))]
    face, doc = pdfmetrics.getFont(font), canvas._doc
    size, current = fp_str(run.size), ""
    code = ["BT"]
    for matrix, text in pieces:
        code.append(matrix)
        for subset, codes in face.splitString(text, doc):
            name = face.getSubsetInternalName(subset, doc)
            if name != current:
                code.append(f"{name} {size} Tf")
                current = name
            code.append(f"({escapePDF(codes)}) Tj")
    code.append("ET")
    canvas._code.append(" ".join(code))


def _pieces(run: TextRun, advance) -> list[tuple[float, str]]:
    """The run as (x, text) pieces: a new piece where a glyph stands more than TOLERANCE
    from where the glyphs before it, at their natural advances, left the pen."""
    glyphs = run.glyphs
    starts: list[int] = []
    pen = math.inf
    for i, (char, x) in enumerate(glyphs):
        gap = x - pen
        if gap > TOLERANCE or gap < -TOLERANCE:
            starts.append(i)
        pen = x + advance(char)
    ends = starts[1:] + [len(glyphs)]
    return [(glyphs[a][1], "".join([char for char, _x in glyphs[a:b]])) for a, b in zip(starts, ends)]


class _Advances(dict):
    """char → its advance (pt) in one font at one size, as ReportLab's stringWidth gives
    it, asked once per character: a page asks for thousands of glyphs of a few hundred
    characters."""

    def __init__(self, width, size: float):
        super().__init__()
        self.width, self.size = width, size

    def __missing__(self, char: str) -> float:
        value = self[char] = self.width(char, self.size)
        return value


Advances = dict[tuple[str, float], _Advances]  # (ReportLab font name, size) → its advances: one page's


def _advances(tables: Advances, font: str, size: float):
    """The advance lookup of `font` at `size`, from `tables` (made on first use)."""
    table = tables.get((font, size))
    if table is None:
        table = tables[(font, size)] = _Advances(pdfmetrics.getFont(font).stringWidth, size)
    return table.__getitem__


def _picture(canvas: Canvas, picture: Picture, photo: PreparedPhoto, height: float) -> None:
    """The converted photo (already cropped to the box) filling its box, knocking out."""
    canvas.saveState()
    canvas.setFillOverprint(False)
    canvas.setStrokeOverprint(False)
    canvas.drawImage(_Jpeg(photo.data), picture.x, height - picture.y - picture.height, picture.width,
                     picture.height)
    canvas.restoreState()


class _Jpeg(ImageReader):
    """A converted photo's JPEG for drawImage, embedded as it is (DCTDecode). ReportLab
    names an image after a digest of its decoded pixels, decoding it only for that; the
    JPEG's own bytes name it as well, without the decoding."""

    def __init__(self, data: bytes):
        super().__init__(io.BytesIO(data))
        self._jpeg = data

    def getRGBData(self):
        self._dataA = None
        return self._jpeg


def _qr(canvas: Canvas, qr: QrCode, height: float) -> None:
    """Dark modules as vector rectangles, merged along each row."""
    path = canvas.beginPath()
    for r, row in enumerate(qr.rows):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            y = height - (qr.y + (r + 1) * qr.module)
            path.rect(qr.x + start * qr.module, y, (c - start) * qr.module, qr.module)
    canvas.drawPath(path, stroke=0, fill=1)

"""Draw composed pages into a PDF with ReportLab. The only module that draws.

Text is placed glyph by glyph where the layout adjusted spacing, as runs where it did
not. Everything is 100 % K. Output is reproducible: invariant mode, fixed dates.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from layout.compose.items import ComposedPage, Picture, QrCode, Rule, TextRun
from layout.model.schema import FontRole, FontSet
from layout.render.fonts import register_fonts

TOLERANCE = 0.001  # pt: glyphs closer than this to their natural position share a run
# Binary streams, not ASCII85: pure-Python ASCII85 of a photo costs more than the rest.
rl_config.useA85 = 0


def render_pdf(pages: tuple[ComposedPage, ...], fonts: FontSet, title: str, date: dt.date) -> bytes:
    """The PDF of `pages`, one PDF page each, as bytes."""
    names = register_fonts(fonts)
    buffer = io.BytesIO()
    first = pages[0]
    canvas = Canvas(buffer, pagesize=(first.width, first.height), invariant=1, pageCompression=1,
                    initialFontName=names[FontRole.SONG], initialFontSize=9)
    canvas.setTitle(title)
    canvas.setAuthor("paiban")
    canvas.setCreator("paiban")
    canvas.setProducer("paiban")
    _fix_dates(canvas, date)
    for page in pages:
        canvas.setPageSize((page.width, page.height))
        canvas.setTrimBox((0, 0, page.width, page.height))
        _draw_page(canvas, page, names)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _fix_dates(canvas: Canvas, date: dt.date) -> None:
    """Creation and modification date = the issue date, so rebuilds are identical."""
    # ReportLab has no public setter; invariant mode would otherwise write 2000-01-01.
    stamp = canvas._doc._timeStamp
    stamp.YMDhms = (date.year, date.month, date.day, 0, 0, 0)
    stamp.dhh = stamp.dmm = 0


def _draw_page(canvas: Canvas, page: ComposedPage, names: dict[FontRole, str]) -> None:
    height = page.height
    canvas.setFillColorCMYK(0, 0, 0, 1)
    canvas.setStrokeColorCMYK(0, 0, 0, 1)
    for item in page.items:
        if isinstance(item, TextRun):
            _text(canvas, item, names[item.role], height)
        elif isinstance(item, Rule):
            canvas.setLineWidth(item.width)
            canvas.line(item.x0, height - item.y0, item.x1, height - item.y1)
        elif isinstance(item, Picture):
            _picture(canvas, item, height)
        elif isinstance(item, QrCode):
            _qr(canvas, item, height)


def _text(canvas: Canvas, run: TextRun, font: str, height: float) -> None:
    """One text object per run; a new text position only where spacing was adjusted."""
    text = canvas.beginText()
    text.setFont(font, run.size)
    y = height - run.baseline
    pending, pen = "", None
    for char, x in run.glyphs:
        if pen is None or abs(x - pen) > TOLERANCE:
            if pending:
                text.textOut(pending)
            text.setTextOrigin(x, y)
            pending = ""
        pending += char
        pen = x + pdfmetrics.stringWidth(char, font, run.size)
    if pending:
        text.textOut(pending)
    canvas.drawText(text)


def _picture(canvas: Canvas, picture: Picture, height: float) -> None:
    """The whole image file, scaled and clipped to the picture's box (so a JPEG is
    embedded as it is, not decoded and re-encoded)."""
    left, top, right, _bottom = picture.crop
    scale = picture.width / (right - left)  # pt per pixel
    with_size = ImageReader(str(picture.file)).getSize()
    canvas.saveState()
    clip = canvas.beginPath()
    clip.rect(picture.x, height - picture.y - picture.height, picture.width, picture.height)
    canvas.clipPath(clip, stroke=0, fill=0)
    full_w, full_h = with_size[0] * scale, with_size[1] * scale
    canvas.drawImage(str(picture.file), picture.x - left * scale, height - picture.y + top * scale - full_h,
                     full_w, full_h)
    canvas.restoreState()


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


def write_pdf(path: Path, data: bytes) -> None:
    path.write_bytes(data)

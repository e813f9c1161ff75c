"""Ad files as an agency would send them, made by the tests: vector PDF/X-1a and PDF/X-4
ads (ReportLab, finished with pikepdf), CMYK and grey TIFFs and JPEGs, and bad ones (an
RGB image, an unembedded font, transparency in X-1a, the wrong size)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from layout.model.fonts import bundled_font_dir
from layout.model.schema import PdfxVersion
from layout.model.units import MM
from layout.render.boxes import PageBoxes, Rect
from layout.render.pdfx import PdfxSpec, finish_pdfx

AD_FONT = "PaibanTestAdHei"
HEADLINE = "春季家电焕新节"
LINE = "全场满千减百 以旧换新再享补贴"
PHONE = "订购热线 0391-1234567"
BLEED = 3 * MM
MARKS = 8 * MM  # room for crop marks beyond the bleed, as agencies often send


@dataclass(frozen=True)
class VectorAd:
    """What a made vector ad holds, for the tests to look for on the page."""

    path: Path
    width: float   # trim, pt
    height: float
    texts: tuple[str, ...]


def _font() -> str:
    if AD_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(AD_FONT, str(bundled_font_dir() / "NotoSansSC-Bold.ttf")))
    return AD_FONT


def vector_ad(path: Path, width_mm: float, height_mm: float, level: PdfxVersion = PdfxVersion.X1A,
              embed: bool = True, alpha: float = 1.0, rgb: bool = False, marks: bool = True,
              colour: tuple[float, float, float, float] = (0.0, 0.5, 0.8, 0.0), plain: bool = False) -> VectorAd:
    """A one-page vector ad of `width_mm` × `height_mm` (the TrimBox), with a bleed and
    crop marks outside it: a tinted panel into the bleed, a frame rule, a headline and
    two lines of text (CJK, embedded — or Helvetica, not embedded), all CMYK, black
    overprinting. `alpha` < 1 paints the panel transparent; `rgb` paints it in RGB;
    `plain` makes it as a plain ReportLab canvas does, which selects Helvetica (not
    embedded) at the start of the page and never uses it."""
    width, height = width_mm * MM, height_mm * MM
    outside = BLEED + (MARKS if marks else 0.0)
    buffer = io.BytesIO()
    font = _font() if embed else "Helvetica"
    initial = {} if plain else {"initialFontName": font}
    canvas = Canvas(buffer, pagesize=(width + 2 * outside, height + 2 * outside), invariant=1, **initial)
    canvas.translate(outside, outside)
    if rgb:
        canvas.setFillColorRGB(0.9, 0.3, 0.1)
    else:
        canvas.setFillColorCMYK(*colour)
    if alpha < 1:
        canvas.setFillAlpha(alpha)
    canvas.rect(-BLEED, height * 0.55, width + 2 * BLEED, height * 0.45 + BLEED, stroke=0, fill=1)  # into the bleed
    canvas.setFillAlpha(1)
    _black(canvas)
    canvas.setLineWidth(1.0)
    canvas.rect(2 * MM, 2 * MM, width - 4 * MM, height - 4 * MM, stroke=1, fill=0)       # a frame rule
    canvas.line(4 * MM, height * 0.5, width - 4 * MM, height * 0.5)                      # a rule across
    size = min(height * 0.22, width / (len(HEADLINE) + 2))
    canvas.setFont(font, size)
    canvas.drawCentredString(width / 2, height * 0.62, HEADLINE if embed else "SPRING SALE")
    canvas.setFont(font, 10)
    canvas.drawCentredString(width / 2, height * 0.32, LINE if embed else "Everything must go")
    canvas.drawCentredString(width / 2, height * 0.14, PHONE)
    if marks:
        _crop_marks(canvas, width, height)
    canvas.showPage()
    canvas.save()
    boxes = _boxes(width, height, outside)
    spec = PdfxSpec(level, "Test ad", dt.date(2023, 1, 6), path.name, boxes=boxes)
    path.write_bytes(finish_pdfx(buffer.getvalue(), spec))
    texts = (HEADLINE, LINE, PHONE) if embed else ("SPRING SALE",)
    return VectorAd(path, width, height, texts)


def _black(canvas: Canvas) -> None:
    """100 % K, overprinting (what our own pages and the plant expect of black)."""
    canvas.setFillColorCMYK(0, 0, 0, 1)
    canvas.setStrokeColorCMYK(0, 0, 0, 1)
    canvas.setFillOverprint(True)
    canvas.setStrokeOverprint(True)
    canvas.setOverprintMask(1)


def _crop_marks(canvas: Canvas, width: float, height: float) -> None:
    """Registration-black crop marks beyond the bleed (outside the trim: never placed)."""
    canvas.setStrokeColorCMYK(1, 1, 1, 1)
    canvas.setLineWidth(0.25)
    gap = BLEED + 1 * MM
    for x in (0, width):
        for y in (0, height):
            dx = -1 if x == 0 else 1
            dy = -1 if y == 0 else 1
            canvas.line(x + dx * gap, y, x + dx * (gap + 5 * MM), y)
            canvas.line(x, y + dy * gap, x, y + dy * (gap + 5 * MM))


def _boxes(width: float, height: float, outside: float) -> PageBoxes:
    trim = Rect(outside, outside, outside + width, outside + height)
    return PageBoxes(trim.grown(outside), trim, trim.grown(BLEED))


def image_ad(path: Path, width_mm: float, height_mm: float, mode: str = "CMYK", ppi: float = 300,
             fmt: str = "TIFF", state_ppi: bool = True) -> Path:
    """A raster ad of `width_mm` × `height_mm` at `ppi`: a tinted band, a black frame and
    bars, in `mode` (CMYK, L, RGB…)."""
    px = (round(width_mm / 25.4 * ppi), round(height_mm / 25.4 * ppi))
    ink = {"CMYK": ((0, 0, 0, 0), (0, 150, 220, 0), (0, 0, 0, 255)), "L": (255, 120, 0),
           "RGB": ((255, 255, 255), (230, 80, 20), (0, 0, 0)), "RGBA": ((255, 255, 255, 0), (230, 80, 20, 200),
                                                                          (0, 0, 0, 255))}[mode]
    image = Image.new(mode, px, ink[0])
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, px[0], px[1] // 2), fill=ink[1])
    draw.rectangle((px[0] // 20, px[1] // 20, px[0] - px[0] // 20, px[1] - px[1] // 20), outline=ink[2],
                   width=max(2, px[0] // 200))
    for i in range(5):
        x = px[0] // 10 + i * px[0] // 6
        draw.rectangle((x, px[1] * 6 // 10, x + px[0] // 14, px[1] * 8 // 10), fill=ink[2])
    options = {"dpi": (ppi, ppi)} if state_ppi else {}
    if fmt == "TIFF":
        options["compression"] = "tiff_lzw"
    elif mode == "CMYK":
        options["quality"] = 95
    image.save(path, fmt, **options)
    return path

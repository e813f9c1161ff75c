"""Small PDFs for preflight tests: a minimal page that passes every check (drawn with
ReportLab, finished by paiban's PDF/X step), and ways to break it one property at a time,
so each negative test shows preflight failing for exactly the right reason."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pikepdf
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from layout.model.schema import PdfxVersion
from layout.preflight import Check, FileReport, PreflightSettings, Severity, TacMethod, preflight_file
from layout.render.boxes import page_boxes
from layout.render.pdfx import PdfxSpec, finish_pdfx

ROOT = Path(__file__).resolve().parents[2]
FONT = "sample-hei"
WIDTH, HEIGHT = 200.0, 150.0   # pt, the sample trim
FAST = PreflightSettings(tac_method=TacMethod.PYTHON)


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(ROOT / "fonts" / "NotoSansSC-Regular.ttf")))
    return FONT


def good_drawing(canvas: Canvas) -> None:
    """What a good newspaper page has: K text and a K rule overprinting, a CMYK photo."""
    canvas.setFillColorCMYK(0, 0, 0, 1)
    canvas.setStrokeColorCMYK(0, 0, 0, 1)
    canvas.setFillOverprint(True)
    canvas.setStrokeOverprint(True)
    canvas.setOverprintMask(1)
    canvas.setFont(_font(), 9)
    canvas.drawString(20, 120, "本报讯 newsprint 9 pt")
    canvas.setLineWidth(0.5)
    canvas.line(20, 110, 180, 110)
    canvas.saveState()
    canvas.setFillOverprint(False)
    canvas.drawImage(ImageReader(photo(300, 200)), 20, 20, 72, 48)   # 300 px over 1 in: 300 ppi
    canvas.restoreState()


def photo(width: int, height: int, cmyk=(40, 120, 200, 30)) -> io.BytesIO:
    """A CMYK JPEG of one flat colour (0–255 per ink)."""
    out = io.BytesIO()
    Image.new("CMYK", (width, height), cmyk).save(out, format="JPEG", quality=95)
    out.seek(0)
    return out


def reportlab_pdf(draw: Callable[[Canvas], None], size=(WIDTH, HEIGHT)) -> bytes:
    """A plain ReportLab PDF of one page, drawn by `draw`."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=1, initialFontName=_font(), initialFontSize=9)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def pdfx_pdf(draw: Callable[[Canvas], None] = good_drawing, version: PdfxVersion = PdfxVersion.X1A,
             bleed: float = 0.0, marks: bool = False) -> bytes:
    """`draw` on a sample page, finished as PDF/X by paiban (boxes, intent, keys)."""
    boxes = page_boxes(WIDTH, HEIGHT, bleed, marks)

    def shifted(canvas: Canvas) -> None:
        canvas.translate(boxes.trim.x0, boxes.trim.y0)
        draw(canvas)

    data = reportlab_pdf(shifted, (boxes.media.width, boxes.media.height))
    return finish_pdfx(data, PdfxSpec(version, "sample page", dt.date(2023, 1, 6), "sample.pdf", 1, boxes))


def edited(data: bytes, edit: Callable[[pikepdf.Pdf], None], **save) -> bytes:
    """`data` changed by `edit` (a function of the open pikepdf.Pdf)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        edit(pdf)
        out = io.BytesIO()
        pdf.save(out, **save)
    return out.getvalue()


def check(data: bytes, tmp_path: Path, settings: PreflightSettings = FAST, name: str = "sample.pdf") -> FileReport:
    path = tmp_path / name
    path.write_bytes(data)
    return preflight_file(path, settings)


def failing(report: FileReport) -> set[Check]:
    return set(report.failed_checks)


def messages(report: FileReport, check_: Check, severity: Severity = Severity.ERROR) -> str:
    return "\n".join(f.message for f in report.of(check_) if f.severity is severity)

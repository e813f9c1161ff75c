"""Rows 10 and 14: total area coverage (the most C+M+Y+K anywhere on the printed area)
and which inks a page uses, measured on a CMYK raster.

With Ghostscript: every page rendered by its `tiff32nc` device (8-bit C, M, Y, K, no
anti-aliasing, so every pixel is a real point of the page, overprint applied), cropped to
the BleedBox or TrimBox. Without Ghostscript: the page's CMYK and grey images decoded
pixel by pixel, and the largest vector colour; overprint stacking is then not measured,
and paints whose ink the file alone cannot tell (RGB, spots, shadings) are counted.
Ink values are percent (100 = solid).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pikepdf
from PIL import Image, ImageMath

from layout.i18n import _
from layout.preflight.content import Box, PageContent
from layout.preflight.report import TacMethod

GS_TIMEOUT = 300  # s


@dataclass(frozen=True, slots=True)
class InkMeasure:
    """One page's ink: `total` the largest C+M+Y+K, `channels` the largest of each, in
    percent; `method` how it was measured; `unknown` paints the fallback could not read."""

    total: float
    channels: tuple[float, float, float, float]
    method: str
    unknown: int = 0


def ghostscript() -> str | None:
    """The Ghostscript command, or None when it is not installed."""
    return shutil.which("gs") or shutil.which("gswin64c") or shutil.which("gswin32c")


def measure(path: Path, pdf: pikepdf.Pdf, pages: list[tuple[int, PageContent, tuple]], method: TacMethod,
            dpi: float) -> tuple[dict[int, InkMeasure], str]:
    """Ink of each (page number, content, print area) in `pages`, by page number, and a
    note when the requested method could not be used."""
    gs = ghostscript()
    if method is TacMethod.PYTHON or (method is TacMethod.AUTO and gs is None):
        return _all_from_content(pdf, pages), ""
    if gs is None:
        return _all_from_content(pdf, pages), _("Ghostscript (gs) is not installed; measured without it")
    try:
        return raster_inks(gs, path, pdf, [(number, area) for number, _content, area in pages], dpi), ""
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        return _all_from_content(pdf, pages), _("Ghostscript failed ({error}); measured without it").format(error=exc)


def _all_from_content(pdf: pikepdf.Pdf, pages: list[tuple[int, PageContent, tuple]]) -> dict[int, InkMeasure]:
    return {number: _from_content(pdf, content, area) for number, content, area in pages}


def raster_inks(gs: str, path: Path, pdf: pikepdf.Pdf, pages: list[tuple[int, tuple]],
                dpi: float) -> dict[int, InkMeasure]:
    """Ink of each (page number, print area) from one Ghostscript run over the file at
    `path` (`pdf` is it opened). Raises ValueError, OSError or SubprocessError when
    Ghostscript fails."""
    with tempfile.TemporaryDirectory(prefix="paiban-tac-") as folder:
        pattern = Path(folder) / "page-%04d.tif"
        command = [gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiff32nc", f"-r{dpi:g}",
                   "-dTextAlphaBits=1", "-dGraphicsAlphaBits=1", f"-sOutputFile={pattern}", str(path)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=GS_TIMEOUT)
        if done.returncode != 0:
            raise ValueError((done.stderr or done.stdout).strip().splitlines()[-1:] or f"exit {done.returncode}")
        out = {}
        for number, area in pages:
            with Image.open(Path(folder) / f"page-{number:04d}.tif") as raster:
                raster.load()
                crop = _pixels(pdf.pages[number - 1].mediabox, area, dpi, raster.size)
                out[number] = _raster_ink(raster.crop(crop), _("Ghostscript tiff32nc, {dpi} dpi").format(dpi=f"{dpi:g}"))
        return out


def _pixels(mediabox, area, dpi: float, size: tuple[int, int]) -> tuple[int, int, int, int]:
    """The print area in raster pixels (the raster covers the MediaBox, y down)."""
    x0, _y0, _x1, y1 = (float(v) for v in mediabox)
    k = dpi / 72
    left, right = round((area[0] - x0) * k), round((area[2] - x0) * k)
    top, bottom = round((y1 - area[3]) * k), round((y1 - area[1]) * k)
    return max(0, left), max(0, top), min(size[0], max(right, left + 1)), min(size[1], max(bottom, top + 1))


def percent(band: Image.Image, largest: bool = True) -> float:
    """The largest (or smallest) value of a one-band 8-bit image (or a sum of such
    bands), as percent of 255."""
    low, high = cast(tuple[float, float], band.getextrema())
    return (high if largest else low) * 100 / 255


def _raster_ink(image: Image.Image, method: str) -> InkMeasure:
    """Largest C+M+Y+K and largest of each channel of a CMYK raster."""
    c, m, y, k = (percent(band) for band in image.split())
    return InkMeasure(cmyk_total(image), (c, m, y, k), method)


def cmyk_total(image: Image.Image) -> float:
    """Largest C+M+Y+K of a CMYK image, percent."""
    c, m, y, k = image.split()
    return percent(ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k))


def _from_content(pdf: pikepdf.Pdf, content: PageContent, area: tuple) -> InkMeasure:
    """Images decoded and vector colours read, inside the print area."""
    total, channels, unknown = 0.0, [0.0] * 4, content.shadings
    region = Box(*area)
    for paint in content.paints:
        if not paint.bbox.meets(region):
            continue
        ink = paint.colour.ink
        if ink is None:
            unknown += 1
            continue
        total = max(total, sum(ink) * 100)
        channels = [max(c, v * 100) for c, v in zip(channels, ink)]
    for image in content.images:
        if image.stencil or not image.bbox.meets(region):
            continue
        measured = _image_ink(image)
        if measured is None:
            unknown += 1
            continue
        total = max(total, measured.total)
        channels = [max(c, v) for c, v in zip(channels, measured.channels)]
    return InkMeasure(total, (channels[0], channels[1], channels[2], channels[3]),
                      _("Python: images decoded, vector colours"), unknown)


def _image_ink(image) -> InkMeasure | None:
    """Ink of a CMYK or grey image XObject, or None when it cannot be read as such."""
    if image.stream is None or image.space is None:
        return None
    family, n = image.space.family, image.space.n
    try:
        pil = pikepdf.PdfImage(image.stream).as_pil_image()
    except (pikepdf.PdfError, NotImplementedError, ValueError, OSError):
        return None
    if n == 4 and family in ("/DeviceCMYK", "/ICCBased") and pil.mode == "CMYK":
        return _raster_ink(pil, _("image"))
    if n == 1 and family in ("/DeviceGray", "/CalGray", "/ICCBased") and pil.mode in ("L", "1"):
        k = 100 - percent(pil.convert("L"), largest=False)
        return InkMeasure(k, (0.0, 0.0, 0.0, k), _("image"))
    return None

"""Ad files as agencies supply them, read when the issue is read: what the model needs to
know to place one (its kind, its size in pt, its page count, its SHA-256), not whether
it prints well — that is the ad preflight's (layout/preflight/adfile.py).

Accepted: a PDF (PDF/X-1a or PDF/X-4; page 1 is the ad), a TIFF or a JPEG. The PDF's
size is its TrimBox (PDF/X requires one), else its MediaBox, turned by the page's
/Rotate; an image's size comes from the resolution it states (pixels ÷ ppi), and an
image that states none has no size of its own (it is fitted to the booking).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from layout.i18n import _

MAX_BYTES = 400 * 1024 * 1024   # an uncompressed CMYK TIFF of a full broadsheet page at 300 ppi is ≈ 300 MB
MAX_PIXELS = 200_000_000        # a full broadsheet page at 400 ppi
IMAGE_FORMATS = {"TIFF": "tiff", "JPEG": "jpeg", "MPO": "jpeg"}


class AdFileKind(StrEnum):
    """What an ad file is (a StrEnum: it compares equal to its value)."""

    PDF = "pdf"
    TIFF = "tiff"
    JPEG = "jpeg"

    @property
    def is_image(self) -> bool:
        return self is not AdFileKind.PDF


@dataclass(frozen=True, slots=True)
class AdFile:
    """An ad file: `box` is the ad's rectangle in the file's own coordinates, pt (x0, y0,
    x1, y1; for a PDF its TrimBox, or MediaBox when `box_name` says so, for an image
    (0, 0, width, height) from its stated resolution); `sized` False for an image that
    states no resolution (its box is then its pixels at 72 ppi and means nothing);
    `rotate` the PDF page's /Rotate (0, 90, 180, 270); `pixels` and `mode` an image's
    size and Pillow mode; `pages` the PDF's page count; `digest` the SHA-256 of the
    file's bytes (hex)."""

    path: Path
    kind: AdFileKind
    digest: str
    box: tuple[float, float, float, float]
    box_name: str = "TrimBox"
    sized: bool = True
    rotate: int = 0
    pages: int = 1
    pixels: tuple[int, int] = (0, 0)
    mode: str = ""

    @property
    def size(self) -> tuple[float, float]:
        """Width and height as placed unscaled, pt (turned by /Rotate)."""
        width, height = self.box[2] - self.box[0], self.box[3] - self.box[1]
        return (height, width) if self.rotate in (90, 270) else (width, height)


class AdFileProblem(ValueError):
    """Why a file cannot be an ad: a message and what to do."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


def read_ad_file(path: Path) -> AdFile:
    """What `path` holds as an ad file; raises AdFileProblem."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise AdFileProblem(_("the file is {mb:.0f} MB; at most {limit} MB").format(
                mb=size / 1e6, limit=MAX_BYTES // 2 ** 20))
        data = path.read_bytes()
    except OSError as exc:
        raise AdFileProblem(_("cannot read the file ({reason})").format(reason=exc.strerror or exc)) from None
    if not data:
        raise AdFileProblem(_("the file is empty"), _("ask the agency for the file again"))
    digest = hashlib.sha256(data).hexdigest()
    if data.lstrip()[:5] == b"%PDF-" or b"%PDF-" in data[:1024]:
        return _pdf(path, data, digest)
    return _image(path, data, digest)


def _pdf(path: Path, data: bytes, digest: str) -> AdFile:
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise AdFileProblem(_("the PDF is encrypted with a password"),
                            _("ask the agency for an unprotected PDF/X file")) from None
    except Exception as exc:  # noqa: BLE001 - whatever qpdf cannot open is no ad
        raise AdFileProblem(_("not a readable PDF ({reason})").format(reason=str(exc)[:160]),
                            _("ask the agency for the file again")) from None
    with pdf:
        if len(pdf.pages) == 0:
            raise AdFileProblem(_("the PDF has no pages"), _("ask the agency for the file again"))
        page = pdf.pages[0]
        name = "TrimBox" if "/TrimBox" in page.obj else "MediaBox"
        try:
            box = _rect(page.obj.TrimBox if name == "TrimBox" else page.mediabox)
            rotate = int(page.obj.get("/Rotate", 0)) % 360
        except (TypeError, ValueError, pikepdf.PdfError) as exc:
            raise AdFileProblem(_("the PDF's page boxes cannot be read ({reason})").format(reason=exc)) from None
        if rotate not in (0, 90, 180, 270) or box[2] - box[0] < 1 or box[3] - box[1] < 1:
            raise AdFileProblem(_("the PDF's page box or rotation is not usable"), _("ask the agency for the file again"))
        return AdFile(path, AdFileKind.PDF, digest, box, name, True, rotate, len(pdf.pages))


def _rect(array: object) -> tuple[float, float, float, float]:
    values = [float(v) for v in array]  # type: ignore[attr-defined]
    if len(values) != 4:
        raise ValueError("a page box is not four numbers")
    x0, y0, x1, y1 = values
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _image(path: Path, data: bytes, digest: str) -> AdFile:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = IMAGE_FORMATS.get(image.format or "")
            if kind is None:
                raise AdFileProblem(_("{format} files are not accepted as ads").format(format=image.format),
                                    _("ask for a PDF/X-1a or PDF/X-4 file, or a CMYK or grey TIFF or JPEG"))
            width, height = image.size
            if width < 1 or height < 1 or width * height > MAX_PIXELS:
                raise AdFileProblem(_("the image is {w} × {h} pixels").format(w=width, h=height),
                                    _("ask for a file of the booked size at 200 to 400 ppi"))
            dpi = _dpi(image.info)
            mode = image.mode
    except UnidentifiedImageError:
        raise AdFileProblem(_("this is neither a PDF nor an image file"),
                            _("ask for a PDF/X-1a or PDF/X-4 file, or a CMYK or grey TIFF or JPEG")) from None
    except AdFileProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds on damaged headers
        raise AdFileProblem(_("the image cannot be read ({reason})").format(reason=str(exc)[:160])) from None
    sized = dpi is not None
    x_dpi, y_dpi = dpi or (72.0, 72.0)
    box = (0.0, 0.0, width / x_dpi * 72, height / y_dpi * 72)
    return AdFile(path, AdFileKind(kind), digest, box, "", sized, 0, 1, (width, height), mode)


def _dpi(info: dict[Any, Any]) -> tuple[float, float] | None:
    """The resolution an image states, ppi, or None (none, or a nonsensical one)."""
    raw = info.get("dpi")
    if not isinstance(raw, tuple) or len(raw) != 2:
        return None
    try:
        x, y = float(raw[0]), float(raw[1])
    except (TypeError, ValueError):
        return None
    return (x, y) if 1 <= x <= 10_000 and 1 <= y <= 10_000 else None


SHOW_TEXT = {"Tj", "TJ", "'", '"'}


def idle_fonts(page: Any) -> set[str]:
    """Names of the fonts in the pikepdf `page`'s own /Font resources that never show a
    glyph in its content stream: a font only selected (`/F1 12 Tf`) and never used, as
    ReportLab leaves Helvetica in every page it makes. Fonts of nested forms are not
    looked at (they count as used). The font is the graphics state's, saved by q and
    restored by Q (PDF 32000-1 §9.3)."""
    import pikepdf

    fonts = page.obj.get("/Resources", {}).get("/Font", {})
    names = {str(k) for k in fonts.keys()} if isinstance(fonts, pikepdf.Dictionary) else set()
    if not names:
        return set()
    used: set[str] = set()
    current, stack = "", []
    for instruction in pikepdf.parse_content_stream(page):
        operands, name = instruction.operands, str(instruction.operator)
        if name == "q":
            stack.append(current)
        elif name == "Q" and stack:
            current = stack.pop()
        elif name == "Tf" and operands:
            current = str(operands[0])
        elif name in SHOW_TEXT and current:
            used.add(current)
    return names - used


def _embedded(font: Any) -> bool:
    """Whether a font dictionary carries its program (a Type 3 font is its own)."""
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0" and "/DescendantFonts" in font:
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def drop_idle_fonts(page: Any) -> tuple[str, ...]:
    """Take the fonts out of the pikepdf `page` (in memory) that are not embedded and
    show no glyph (`idle_fonts`), with the `Tf` that selects them — nothing on the page
    changes, and no unembedded font goes to the plate-maker. Returns their BaseFont names."""
    import pikepdf

    idle = idle_fonts(page)
    fonts = page.obj.get("/Resources", {}).get("/Font", {}) if idle else {}
    drop = sorted(name for name in idle if not _embedded(fonts[name]))
    if not drop:
        return ()
    names = tuple(str(fonts[name].get("/BaseFont", name)).lstrip("/") for name in drop)
    kept = [i for i in pikepdf.parse_content_stream(page)
            if not (str(i.operator) == "Tf" and i.operands and str(i.operands[0]) in drop)]
    page.contents_coalesce()
    page.obj.Contents.write(pikepdf.unparse_content_stream(kept))
    resources = page.obj.Resources
    resources.Font = pikepdf.Dictionary({k: v for k, v in fonts.items() if str(k) not in drop})
    return names

"""A photo file as the plate should see it: decoded completely, turned upright by its
EXIF orientation, 8 bits per channel, transparency laid on white paper, in one of three
modes — "L" (grey), "RGB" or "CMYK" — with the ICC profile that describes those pixels.

Pillow's own `convert()` is not enough: it clips 16-bit grey to 8 bits (a 16-bit PNG or
TIFF would print as a white box), leaves palettes with transparency dark and ignores
orientation. Pixel coordinates after `decode_photo` are *oriented* ones, the same the
model's `Photo.pixels` and compose's crop use.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from PIL import Image, ImageCms, ImageOps

from layout.errors import PaibanError
from layout.i18n import _

SIXTEEN_BIT = ("I;16", "I;16B", "I;16L", "I;16N")
ALPHA = ("RGBA", "RGBa", "LA", "La", "PA")
PROFILE_SPACE = {"L": "GRAY", "RGB": "RGB", "CMYK": "CMYK"}  # the profile colour space each mode needs


@dataclass(frozen=True, slots=True)
class Decoded:
    """`image` (mode L, RGB or CMYK, upright) and `profile`, the embedded ICC profile
    when it fits the mode (None: untagged — sRGB for L and RGB, the press's own for
    CMYK)."""

    image: Image.Image
    profile: ImageCms.ImageCmsProfile | None


def decode_photo(source: bytes, file: Path) -> Decoded:
    """Decode `source` (the bytes of `file`) completely; a damaged or unreadable file
    is a PaibanError naming it."""
    try:
        with Image.open(io.BytesIO(source)) as opened:
            opened.load()
            embedded = opened.info.get("icc_profile")
            upright = ImageOps.exif_transpose(opened)
    except Image.DecompressionBombError as exc:
        raise PaibanError(f"{file}: " + _("photo '{name}' is too large to convert ({error}); scale it down").format(
            name=file.name, error=exc)) from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise PaibanError(f"{file}: " + _("photo '{name}' cannot be decoded ({error}); export it again as JPEG or "
                                          "PNG").format(name=file.name, error=exc)) from None
    image = to_eight_bit(upright, file)
    return Decoded(image, _profile(embedded, image.mode))


def to_eight_bit(image: Image.Image, file: Path) -> Image.Image:
    """`image` as L, RGB or CMYK: 16- and 32-bit grey scaled (not clipped), floats
    taken as 0–1 or 0–255, bilevel and grey palettes as grey, transparency on white."""
    mode = image.mode
    if mode in ("L", "RGB", "CMYK"):
        return image
    if mode == "1":
        return image.convert("L")
    if mode in SIXTEEN_BIT or mode == "I":
        return _scaled_grey(image.convert("I"))
    if mode == "F":
        high = largest(image)
        return image.point(lambda v: v * 255.0).convert("L") if high <= 1.0 else image.convert("L")
    if mode in ALPHA or (mode == "P" and "transparency" in image.info):
        return _on_paper(image)
    if mode == "P":
        return image.convert("L") if _grey_palette(image) else image.convert("RGB")
    try:
        return image.convert("RGB")
    except ValueError:
        raise PaibanError(f"{file}: " + _("photo '{name}' has colour mode {mode}, which cannot be converted; save it "
                                          "as an RGB, greyscale or CMYK JPEG or PNG").format(name=file.name, mode=mode)) from None


def _scaled_grey(image: Image.Image) -> Image.Image:
    """A mode-I grey image to L: 16-bit values (0–65535) divided by 257, wider ones by
    their largest value."""
    high = largest(image)
    scale = 1 / 257 if high <= 65535 else 255 / high
    return image.point(lambda v: v * scale).convert("L")


def largest(image: Image.Image) -> float:
    """The largest value of a one-band image."""
    return cast(float, image.getextrema()[1])


def _on_paper(image: Image.Image) -> Image.Image:
    """Transparency composited onto white paper: grey stays grey (L), the rest RGB."""
    grey = image.mode in ("LA", "La") or (image.mode in ("P", "PA") and _grey_palette(image))
    rgba = image.convert("RGBA")
    paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    flat = Image.alpha_composite(paper, rgba).convert("RGB")
    return flat.convert("L") if grey else flat


def _grey_palette(image: Image.Image) -> bool:
    """True when every colour of the palette is a neutral grey."""
    palette = image.getpalette() or []
    return all(palette[i] == palette[i + 1] == palette[i + 2] for i in range(0, len(palette) - 2, 3))


def _profile(embedded: bytes | None, mode: str) -> ImageCms.ImageCmsProfile | None:
    """The embedded profile when it is readable and describes `mode`'s colour space."""
    if not embedded:
        return None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(embedded))
    except (OSError, ImageCms.PyCMSError):
        return None  # a broken profile: treat the pixels as untagged, as browsers do
    space = profile.profile.xcolor_space.strip()
    return profile if space == PROFILE_SPACE[mode] else None

"""Colour management for print: the plant's output profile, photo conversion to CMYK or
to black-only, and the total-ink limit.

Photos go through Little CMS (Pillow `ImageCms`): the source profile (embedded, else
sRGB) to the newsprint profile, relative colorimetric with black-point compensation
(shared/reference/print-ready.md: plain `convert('CMYK')` is not colour management).
Black-and-white pages get a grey made the same way: the photo's L* is mapped, with
black-point compensation, onto the tone scale the newsprint profile gives K alone.
Ink values are 0–255 per channel; 255 is 100 %.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageCms, ImageMath

ICC_DIR = Path(__file__).resolve().parent / "icc"
NEWSPRINT_FILE = "IFRA26S_2004_newsprint.icc"
INTENT = ImageCms.Intent.RELATIVE_COLORIMETRIC
FLAGS = ImageCms.Flags.BLACKPOINTCOMPENSATION


@dataclass(frozen=True, slots=True)
class OutputProfile:
    """The printing condition the files are made for (the PDF/X output intent)."""

    identifier: str      # OutputConditionIdentifier, from the ICC registry
    condition: str       # OutputCondition, for people
    registry: str        # RegistryName
    description: str     # the profile's own description
    data: bytes          # the ICC profile (CMYK, device class prtr)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@lru_cache(maxsize=1)
def newsprint() -> OutputProfile:
    """IFRA26S coldset newsprint (ISO 12647-3), see layout/render/icc/README.md."""
    data = (ICC_DIR / NEWSPRINT_FILE).read_bytes()
    profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
    return OutputProfile(identifier="IFRA26",
                         condition="Coldset offset on standard newsprint, ISO 12647-3 (IFRA26)",
                         registry="http://www.color.org",
                         description=ImageCms.getProfileDescription(profile).strip(), data=data)


@lru_cache(maxsize=1)
def newsprint_profile() -> ImageCms.ImageCmsProfile:
    """The newsprint profile for Little CMS (also what untagged CMYK is taken to be for)."""
    return ImageCms.ImageCmsProfile(io.BytesIO(newsprint().data))


def _apply(image: Image.Image, transform: ImageCms.ImageCmsTransform) -> Image.Image:
    """`transform` applied to `image`, into a new image."""
    result = ImageCms.applyTransform(image, transform)
    assert result is not None  # None only for in-place transforms
    return result


def to_cmyk(image: Image.Image, profile: ImageCms.ImageCmsProfile) -> Image.Image:
    """An RGB or CMYK image (`profile` describing its pixels) converted to the newsprint
    CMYK, relative colorimetric with black-point compensation."""
    transform = ImageCms.buildTransform(profile, newsprint_profile(), image.mode, "CMYK",
                                        renderingIntent=INTENT, flags=FLAGS)
    return _apply(image, transform)


def to_black(image: Image.Image, profile: ImageCms.ImageCmsProfile) -> Image.Image:
    """An RGB or CMYK image as mode "L" for DeviceGray (0 = solid black ink, 255 = paper),
    tone-mapped through the newsprint profile's K-only scale."""
    lab = ImageCms.createProfile("LAB")
    transform = ImageCms.buildTransform(profile, lab, image.mode, "LAB", renderingIntent=INTENT, flags=FLAGS)
    lightness = _apply(image, transform).getchannel("L")
    return lightness.point(list(_black_lut()))


@lru_cache(maxsize=1)
def _black_lut() -> tuple[int, ...]:
    """Source L* (0–255 for 0–100) → DeviceGray level (255 − K), black-point compensated:
    source black lands on the deepest K-only tone, white on paper."""
    ramp = Image.new("CMYK", (256, 1))
    ramp.putdata([(0, 0, 0, k) for k in range(256)])
    transform = ImageCms.buildTransform(newsprint_profile(), ImageCms.createProfile("LAB"), "CMYK", "LAB",
                                        renderingIntent=INTENT)
    printed = list(_apply(ramp, transform).getchannel("L").tobytes())  # falls with k
    darkest, paper = min(printed), printed[0]
    lut = []
    for source in range(256):
        target = darkest + source / 255 * (paper - darkest)
        k = next((k for k in range(256) if printed[k] <= target), 255)
        lut.append(255 - k)
    return tuple(lut)


def total_ink(image: Image.Image) -> float:
    """Largest C+M+Y+K of a CMYK image, in percent."""
    c, m, y, k = image.split()
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    return total.getextrema()[1] * 100 / 255


def limit_ink(image: Image.Image, limit: float) -> Image.Image:
    """`image` (CMYK) with C, M and Y scaled down where C+M+Y+K exceeds `limit` percent;
    K is kept, so shadows keep their black."""
    if total_ink(image) <= limit:
        return image
    ceiling = int(limit * 255 / 100)
    c, m, y, k = image.split()

    def scaled(band: Image.Image) -> Image.Image:
        return ImageMath.lambda_eval(
            lambda a: a["convert"](a["float"](a["band"]) * a["min"](
                a["float"](ceiling - a["k"]) / a["max"](a["float"](a["c"] + a["m"] + a["y"]), 1.0), 1.0), "L"),
            band=band, c=c, m=m, y=y, k=k)

    return Image.merge("CMYK", (scaled(c), scaled(m), scaled(y), k))

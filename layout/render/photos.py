"""Photos made ready for the plate: cropped to what shows, resampled when far finer than
the screen can print, colour-converted for newsprint (CMYK, or grey on black-and-white
pages) under the ink limit, JPEG-encoded. Results are cached by content hash, so a
rebuild does not convert the same photo twice.

Resolution is *effective* resolution: source pixels per inch of the placed photo.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import cast

import PIL
from PIL import Image, ImageCms

from layout.cachefiles import sweep, write_atomic
from layout.compose.items import Picture
from layout.model.schema import PageColour
from layout.render.colour import limit_ink, newsprint, newsprint_profile, to_black, to_cmyk, total_ink
from layout.render.decode import decode_photo

CACHE_VERSION = 2      # bump when the conversion changes, to retire old cache entries
JPEG_QUALITY = 90
JPEG_HEADROOM = 4.0    # %: JPEG noise lifts total ink about this much above the converted raster
JPEG_TRIES = 4         # tighten the limit at most this often when the decoded JPEG still exceeds it
RESAMPLE_ABOVE = 3.0   # resample photos finer than 3 × the screen ruling …
RESAMPLE_TO = 2.0      # … to 2 × the ruling (the usual quality factor for halftones)


class Resolution(Enum):
    """How a photo's effective resolution compares with the issue's thresholds."""

    OK = "ok"
    LOW = "low"            # below ppi_warning: prints soft
    TOO_LOW = "too low"    # below ppi_error: the build refuses it unless --draft


@dataclass(frozen=True, slots=True)
class PhotoRequest:
    """What a photo must become: page colour, ink limit (%), screen ruling (lpi)."""

    colour: PageColour
    ink_limit: float
    screen_ruling: float


@dataclass(frozen=True, slots=True)
class PreparedPhoto:
    """A photo ready to embed: JPEG `data` in DeviceCMYK (mode "CMYK") or DeviceGray
    (mode "L"), `width` × `height` px. `source_ppi` is the original's effective
    resolution where placed, `ppi` the embedded one; `ink` the largest C+M+Y+K (%)."""

    data: bytes
    mode: str
    width: int
    height: int
    source_ppi: float
    ppi: float
    ink: float

    @property
    def colour_space(self) -> str:
        return "DeviceCMYK" if self.mode == "CMYK" else "DeviceGray"


def effective_ppi(picture: Picture) -> float:
    """Source pixels per inch across the placed photo (its crop over its width in pt)."""
    left, _top, right, _bottom = picture.crop
    return (right - left) / (picture.width / 72)


def grade(ppi: float, warning: float, error: float) -> Resolution:
    if ppi < error:
        return Resolution.TOO_LOW
    return Resolution.LOW if ppi < warning else Resolution.OK


def target_size(picture: Picture, screen_ruling: float) -> tuple[int, int]:
    """Pixel size to embed: the crop as it is, or resampled to 2 × the ruling when it is
    finer than 3 × the ruling."""
    left, top, right, bottom = picture.crop
    width, height = right - left, bottom - top
    if effective_ppi(picture) <= RESAMPLE_ABOVE * screen_ruling:
        return width, height
    inches_w, inches_h = picture.width / 72, picture.height / 72
    ppi = RESAMPLE_TO * screen_ruling
    return max(1, round(inches_w * ppi)), max(1, round(inches_h * ppi))


def prepare_photo(picture: Picture, request: PhotoRequest, cache: Path | None) -> PreparedPhoto:
    """`picture` converted for print, from `cache` when it was converted before."""
    source = picture.file.read_bytes()
    size = target_size(picture, request.screen_ruling)
    key = _cache_key(source, picture.crop, size, request)
    if cache is not None:
        _sweep(cache)
        found = _cache_read(cache, key)
        if found is not None:
            return found
    prepared = _convert(source, picture, size, request)
    if cache is not None:
        _cache_write(cache, key, prepared)
    return prepared


def _convert(source: bytes, picture: Picture, size: tuple[int, int], request: PhotoRequest) -> PreparedPhoto:
    """Decode (upright, 8-bit, on paper), crop, resample, convert and encode; grey
    sources stay grey (K only) on any page."""
    decoded = decode_photo(source, picture.file)
    image = decoded.image.crop(picture.crop)
    if image.size != size:
        image = image.resize(size, Image.Resampling.LANCZOS)
    ppi = size[0] / (picture.width / 72)
    if image.mode == "L" or request.colour is PageColour.GRAY:
        grey = to_black(*_for_cms(image, decoded.profile))
        ink = 100 - cast(float, grey.getextrema()[0]) * 100 / 255
        return PreparedPhoto(_jpeg(grey), "L", size[0], size[1], effective_ppi(picture), ppi, round(ink, 1))
    if image.mode == "RGB" or decoded.profile is not None:  # an untagged CMYK file is taken as made for this press
        image = to_cmyk(*_for_cms(image, decoded.profile))
    data, ink = _cmyk_jpeg(image, request.ink_limit)
    return PreparedPhoto(data, "CMYK", size[0], size[1], effective_ppi(picture), ppi, round(ink, 1))


def _for_cms(image: Image.Image, profile: ImageCms.ImageCmsProfile | None) -> tuple[Image.Image, ImageCms.ImageCmsProfile]:
    """(image, profile) Little CMS can take: an untagged image gets sRGB (grey as RGB,
    since there is no built-in grey profile), an untagged CMYK the press's profile."""
    if profile is not None:
        return image, profile
    if image.mode == "CMYK":
        return image, newsprint_profile()
    return (image.convert("RGB") if image.mode == "L" else image), ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def _cmyk_jpeg(image: Image.Image, limit: float) -> tuple[bytes, float]:
    """JPEG of a CMYK image whose decoded pixels stay within `limit` percent total ink:
    JPEG noise lifts the peaks, so the limit is tightened until the decoded file keeps it.
    Returns the JPEG and its largest total ink (%)."""
    target = limit - JPEG_HEADROOM
    for _ in range(JPEG_TRIES):
        data = _jpeg(limit_ink(image, target))
        with Image.open(io.BytesIO(data)) as decoded:
            ink = total_ink(decoded.convert("CMYK"))
        if ink <= limit:
            break
        target -= ink - limit + 1.0
    return data, ink


# ------------------------------------------------------------------------- cache

def default_cache_dir() -> Path:
    """$PAIBAN_CACHE, else $XDG_CACHE_HOME/paiban, else ~/.cache/paiban."""
    if os.environ.get("PAIBAN_CACHE"):
        return Path(os.environ["PAIBAN_CACHE"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "paiban"
    try:
        return Path.home() / ".cache" / "paiban"
    except (KeyError, RuntimeError):  # no home folder (a service account): a shared temp folder
        return Path(tempfile.gettempdir()) / "paiban-cache"


def _cache_key(source: bytes, crop, size, request: PhotoRequest) -> str:
    """Hash of everything the converted bytes depend on."""
    parts = [f"v{CACHE_VERSION}", PIL.__version__, newsprint().sha256, hashlib.sha256(source).hexdigest(),
             repr(tuple(crop)), repr(tuple(size)), request.colour.value, f"{request.ink_limit:g}",
             f"q{JPEG_QUALITY}"]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _cache_paths(cache: Path, key: str) -> tuple[Path, Path]:
    folder = cache / "photos" / key[:2]
    return folder / f"{key}.jpg", folder / f"{key}.json"


CACHE_FIELDS: dict[str, type | tuple[type, ...]] = {"sha256": str, "mode": str, "width": int, "height": int, "source_ppi": (int, float),
                "ppi": (int, float), "ink": (int, float)}


def _cache_read(cache: Path, key: str) -> PreparedPhoto | None:
    """The cached entry, or None when it is missing or damaged in any way (then it is
    converted again and rewritten)."""
    image, meta = _cache_paths(cache, key)
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        data = image.read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(info, dict) or not all(isinstance(info.get(k), t) for k, t in CACHE_FIELDS.items()):
        return None
    if info["mode"] not in ("L", "CMYK") or hashlib.sha256(data).hexdigest() != info["sha256"]:
        return None
    return PreparedPhoto(data, info["mode"], info["width"], info["height"], info["source_ppi"], info["ppi"],
                         info["ink"])


def _cache_write(cache: Path, key: str, photo: PreparedPhoto) -> None:
    """Store the entry (image first, then its description), each written whole
    (layout/cachefiles.py); a cache that cannot be written is skipped, never an error."""
    image, meta = _cache_paths(cache, key)
    info = {"sha256": hashlib.sha256(photo.data).hexdigest(), "mode": photo.mode, "width": photo.width,
            "height": photo.height, "source_ppi": photo.source_ppi, "ppi": photo.ppi, "ink": photo.ink}
    if write_atomic(image, photo.data):
        write_atomic(meta, json.dumps(info).encode())


@lru_cache(maxsize=16)
def _sweep(cache: Path) -> None:
    """Once per process and cache folder: remove temporary files of killed processes."""
    try:
        folders = [p for p in (cache / "photos").iterdir() if p.is_dir()]
    except OSError:
        return
    for folder in folders:
        sweep(folder)

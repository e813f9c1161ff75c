"""Photo files, read once and decoded completely at load, so a damaged photo stops the
build naming its file and field instead of printing a grey block.

Accepted: JPEG (also a phone's multi-picture JPEG, MPO) and PNG, up to MAX_PIXELS pixels
(a limit against decompression bombs) and MAX_BYTES bytes. Refused: anything else (TIFF,
GIF, WebP, HEIC: export as JPEG or PNG), truncated or corrupt data (Pillow's errors and
warnings, and for JPEG the marker structure: a scan cut short by a stray end marker),
an empty file, damaged EXIF. `pixels` is the size after EXIF orientation, as printed.

JPEG scan data is decoded by libjpeg-turbo in strict mode (simplejpeg: every warning is an
error, e.g. "bad Huffman code"), at 1/8 scale; Pillow alone would print such a photo
with shifted colours or a grey band. A photo that passed is remembered by the SHA-256 of
its bytes in the cache folder, so it is decoded once, not on every build.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from layout.i18n import N_, _
from layout.model.photometa import PhotoText, photo_text

ACCEPTED = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG"}
MAX_PIXELS = 80_000_000      # 80 megapixels: more than any camera a paper uses; decoding one takes 240 MB
MAX_BYTES = 200 * 1024 * 1024
ORIENTATION = 0x0112         # EXIF tag; 5–8 turn the picture a quarter
CHECK_VERSION = 1            # bump when the checks change, to check remembered photos again
EXPORT = N_("export it again from the original as JPEG or PNG")


@dataclass(frozen=True, slots=True)
class PhotoFile:
    """What the model knows of a photo file: its format (JPEG or PNG), size in pixels
    as printed (width, height after EXIF orientation), EXIF orientation (1–8), the
    SHA-256 of its bytes, and the caption, credit and copyright in its own metadata."""

    format: str
    pixels: tuple[int, int]
    orientation: int
    digest: str
    text: PhotoText = PhotoText()


class PhotoProblem(ValueError):
    """Why a photo cannot be used: a message, and what to do."""

    def __init__(self, message: str, hint: str = EXPORT):
        super().__init__(message)
        self.message, self.hint = message, _(hint)


def read_photo(file: Path) -> PhotoFile:
    """Read and check the photo at `file`; raises PhotoProblem."""
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise PhotoProblem(_("the file is {size:.0f} MB; at most {most} MB").format(
                size=size / 1e6, most=MAX_BYTES // 2 ** 20), N_("export it smaller"))
        data = file.read_bytes()
    except OSError as exc:
        raise PhotoProblem(_("cannot read the file ({reason})").format(reason=exc.strerror or exc),
                           N_("check the file")) from None
    if not data:
        raise PhotoProblem(_("the file is empty"))
    return check_photo(data)


def check_photo(data: bytes) -> PhotoFile:
    """Check the photo in `data`: format, pixel count, a complete decode, orientation."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            info = _decode(data)
        except PhotoProblem:
            raise
        except Image.DecompressionBombError as exc:
            raise PhotoProblem(_("the image is too large to decode safely ({reason})").format(reason=exc),
                               N_("export it smaller")) from None
        except MemoryError:
            raise PhotoProblem(_("the image is too large to decode in memory"), N_("export it smaller")) from None
        except Exception as exc:  # Pillow raises many kinds on damaged files
            raise PhotoProblem(_("the image data is damaged ({reason})").format(
                reason=f"{type(exc).__name__}: {exc}")) from None
    damage = [str(w.message) for w in caught if not issubclass(w.category, DeprecationWarning)]
    if damage:
        raise PhotoProblem(_("the image data is damaged ({reason})").format(reason=damage[0]))
    return info


def _decode(data: bytes) -> PhotoFile:
    try:
        opened = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        raise PhotoProblem(_("this is not an image file (or a kind Pillow cannot read)")) from None
    with opened as image:
        kind = ACCEPTED.get(image.format or "")
        if kind is None:
            raise PhotoProblem(_("{format} images are not accepted; JPEG and PNG are").format(format=image.format),
                               N_("export it as JPEG (photos) or PNG (graphics)"))
        width, height = image.size
        if width < 1 or height < 1:
            raise PhotoProblem(_("the image is {width} × {height} pixels").format(width=width, height=height))
        if width * height > MAX_PIXELS:
            raise PhotoProblem(_("the image is {width} × {height} pixels ({mp:.0f} megapixels); at most {most} "
                                 "megapixels are accepted").format(width=width, height=height, mp=width * height / 1e6,
                                                                   most=MAX_PIXELS // 1_000_000),
                               N_("scale it down (4000 pixels across is plenty for a newspaper page)"))
        digest = hashlib.sha256(data).hexdigest()
        if kind == "JPEG":
            _jpeg_structure(data)
            _jpeg_scan(image, data, digest)
        else:
            image.load()
        exif = _exif(image)
        orientation = _orientation(exif)
        text = _text(image, exif)
    if kind == "PNG":
        with Image.open(io.BytesIO(data)) as again:
            again.verify()  # chunk checksums
    turned = orientation in (5, 6, 7, 8)
    return PhotoFile(kind, (height, width) if turned else (width, height), orientation, digest, text)


def _text(image: Image.Image, exif: dict[int, object]) -> PhotoText:
    """The photo's own caption, credit and copyright; metadata that cannot be read is
    a note for the report, never a reason to refuse the photo."""
    try:
        return photo_text(dict(image.info), exif)
    except Exception as exc:  # a damaged metadata block of a kind we did not foresee
        return PhotoText(problems=(_("its metadata cannot be read ({reason})").format(reason=f"{type(exc).__name__}: {exc}"),))


def _jpeg_scan(image: Image.Image, data: bytes, digest: str) -> None:
    """Decode every byte of the JPEG's scans strictly (once per photo content)."""
    marker = _verified_marker(digest)
    if marker is not None and marker.exists():
        return
    try:
        import simplejpeg  # type: ignore[import-untyped, unused-ignore]
    except ImportError:  # Pillow's decoder, which forgives what libjpeg only warns about
        image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
        image.load()
        return
    try:
        simplejpeg.decode_jpeg(data, colorspace="GRAY", min_factor=8, strict=True)
    except ValueError as exc:
        raise PhotoProblem(_("the picture data is damaged ({reason})").format(reason=exc)) from None
    if marker is not None:
        _remember(marker)


def _verified_marker(digest: str) -> Path | None:
    """Where a photo that passed the checks is remembered: $PAIBAN_CACHE, else
    $XDG_CACHE_HOME/paiban, else ~/.cache/paiban (read at each call, never at import)."""
    root = os.environ.get("PAIBAN_CACHE") or (
        os.path.join(os.environ["XDG_CACHE_HOME"], "paiban") if os.environ.get("XDG_CACHE_HOME") else None)
    try:
        base = Path(root) if root else Path.home() / ".cache" / "paiban"
    except RuntimeError:  # no home folder
        return None
    return base / "checked-photos" / f"v{CHECK_VERSION}-{digest}"


def _remember(marker: Path) -> None:
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass  # a read-only or full cache folder: the photo is checked again next time


def _exif(image: Image.Image) -> dict[int, object]:
    try:
        return dict(image.getexif())
    except Exception as exc:  # damaged EXIF data
        raise PhotoProblem(_("its EXIF data is damaged ({reason})").format(reason=exc)) from None


def _orientation(exif: dict[int, object]) -> int:
    value = exif.get(ORIENTATION, 1)
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _jpeg_structure(data: bytes) -> None:
    """Walk the JPEG's markers (ITU T.81 §B.1): segments with lengths, scans ended by
    a marker, the image closed by EOI. A stray EOI inside the scan data, followed by
    more of it, is what a corrupt or overwritten scan looks like: libjpeg would fill the
    rest of the picture with grey without an error."""
    end = len(data)
    i = 2
    if data[:2] != b"\xff\xd8":
        raise PhotoProblem(_("the JPEG does not start with a start-of-image marker"))
    while i < end:
        if data[i] != 0xFF:
            raise PhotoProblem(_("the JPEG's structure is broken at byte {at:,} of {size:,}").format(at=i, size=end))
        while i < end and data[i] == 0xFF:
            i += 1
        if i >= end:
            break
        marker = data[i]
        i += 1
        if marker == 0xD9:  # EOI
            _after_end(data, i)
            return
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            continue
        if i + 2 > end:
            break
        length = struct.unpack_from(">H", data, i)[0]
        i += length
        if marker == 0xDA:  # SOS: entropy-coded data until the next real marker
            i = _scan_end(data, i)
    raise PhotoProblem(_("the JPEG ends early (no end-of-image marker after {size:,} bytes): the file is "
                         "truncated").format(size=end))


def _scan_end(data: bytes, i: int) -> int:
    """The offset of the marker that ends the entropy-coded data starting at `i`."""
    while True:
        i = data.find(b"\xff", i)
        if i < 0 or i + 1 >= len(data):
            return len(data)
        following = data[i + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            i += 1 if following == 0xFF else 2
            continue
        return i


def _after_end(data: bytes, i: int) -> None:
    """What follows the end-of-image marker: nothing, padding, another picture (MPO,
    thumbnails) or a short trailer (some phones) — not the rest of a scan."""
    rest = data[i:].strip(b"\0\r\n \xff")
    if not rest or rest.startswith(b"\xd8") or data.find(b"\xff\xd8", i) >= 0:
        return
    if len(rest) > 0.05 * len(data) and rest.count(b"\xff\x00") > 2:
        raise PhotoProblem(_("the JPEG's picture data stops at byte {at:,} of {size:,} and more picture data "
                             "follows: the file is damaged (it would print with a grey block)").format(at=i, size=len(data)))

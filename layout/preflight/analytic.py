"""Total ink of our own pages, computed from what is drawn instead of a raster.

paiban paints every colour itself (layout/render/pdf.py): photos as converted CMYK or
grey pixels that knock out; text, rules and the QR code in their CMYK colours, where
only solid black (100 % K, no C, M, Y) overprints and every other colour knocks out.
So the most ink anywhere on the page (rows 10 and 14 of print-ready.md) is the largest of

- a photo's pixels, C+M+Y+K, as embedded (decoded from the JPEG the page carries);
- a knock-out colour's own C+M+Y+K;
- solid black over what lies beneath it: 100 % K plus the C+M+Y of the photo pixels
  (or knock-out colours) under it, as overprinting leaves them.

Text is taken as its em boxes (the ideographic em box: 0.88 of the size above the
baseline, 0.12 below), so ink beneath any part of a glyph's box counts: the measure
never comes out below what a raster shows, and equals it where the maxima are flat.
Coordinates are a ComposedPage's: pt from the trim's top-left corner, y down; ink in
percent (100 = solid).
"""

from __future__ import annotations

import io
import math
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pikepdf
from PIL import Image, ImageMath

from layout.i18n import N_, _, ngettext
from layout.preflight.document import print_area
from layout.preflight.report import DEFAULTS, Check, Finding, PreflightSettings, Severity
from layout.preflight.tac import InkMeasure, cmyk_total, ghostscript, percent, raster_inks

if TYPE_CHECKING:  # the composer is imported when a page is measured, not by `paiban preflight`
    from layout.compose.items import ComposedPage, Item, Picture

CMYK = tuple[float, float, float, float]
SOLID_K = 0.999        # as the renderer decides what overprints (layout/render/pdf.py)
ASCENT, DESCENT = 0.88, 0.12   # of the size: the ideographic em box around the baseline
EDGE = 0.01            # pt: boxes that only touch do not overlap
METHOD = N_("analytic: photo pixels as embedded, painted colours, overprinting black")


@dataclass(frozen=True, slots=True)
class Area:
    """A box on the page, pt, y down."""

    x0: float
    y0: float
    x1: float
    y1: float

    def meets(self, other: Area) -> bool:
        return (self.x0 < other.x1 - EDGE and other.x0 < self.x1 - EDGE
                and self.y0 < other.y1 - EDGE and other.y0 < self.y1 - EDGE)

    def clip(self, other: Area) -> Area:
        return Area(max(self.x0, other.x0), max(self.y0, other.y0), min(self.x1, other.x1), min(self.y1, other.y1))


@dataclass(frozen=True, slots=True)
class _Photo:
    """A placed photo's pixels, prepared for queries (private)."""

    area: Area
    size: tuple[int, int]
    cmy: Image.Image          # C+M+Y per pixel, 0–765 ("I" mode; zero for grey photos)
    total: float              # percent
    channels: CMYK            # percent, each channel's largest


def embedded_pixels(data: bytes) -> Image.Image:
    """A photo's pixels as a PDF reader sees them, from the JPEG the renderer embeds
    (PreparedPhoto.data): mode "CMYK" with ink values (PIL undoes the Adobe inversion
    that the page's /Decode [1 0 …] undoes), or "L" for DeviceGray."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image.copy()


def analytic_ink(page: ComposedPage, photo_pixels: Mapping[Picture, Image.Image],
                 printed: Callable[[CMYK], CMYK] = lambda colour: colour, bleed: float = 0.0) -> InkMeasure:
    """The most ink anywhere on `page` and the most of each ink, as InkMeasure (the same
    kind of result as the Ghostscript measure). `photo_pixels` holds each Picture's
    pixels as embedded (`embedded_pixels`), filling the Picture's box; `printed` maps an
    item's colour to the CMYK it prints in (the renderer's `ink(colour, page colour)` on
    black-and-white pages); `bleed` (pt) widens the area counted beyond the trim."""
    from layout.compose.items import BLACK, Advert, Picture, QrCode
    bounds = Area(-bleed, -bleed, page.width + bleed, page.height + bleed)
    photos: list[_Photo] = []
    painted: list[tuple[Area, CMYK]] = []      # knock-out colours drawn so far
    inks: dict[CMYK, tuple[list[float], bool]] = {}   # an item's colour → its ink (percent), whether it overprints
    total, channels = 0.0, [0.0, 0.0, 0.0, 0.0]
    for item in page.items:
        if isinstance(item, Picture):
            photo = _prepared(item, photo_pixels[item], bounds)
            if photo is None:
                continue
            photos.append(photo)
            total = max(total, photo.total)
            channels = [max(a, b) for a, b in zip(channels, photo.channels)]
            continue
        area = _footprint(item)
        if area is None or not area.meets(bounds) or isinstance(item, Advert):  # an ad's ink: its own preflight
            continue
        drawn = BLACK if isinstance(item, QrCode) else item.colour
        known = inks.get(drawn)
        if known is None:
            colour = printed(drawn)
            known = inks[drawn] = ([v * 100 for v in colour], max(colour[:3]) <= 0 and colour[3] >= SOLID_K)
        ink, overprints = known
        if overprints:   # what is beneath stays
            total = max(total, 100.0 + _cmy_beneath(area.clip(bounds), photos, painted))
        else:
            total = max(total, sum(ink))
            painted.append((area, printed(drawn)))
    for ink, _overprints in inks.values():   # each colour counted once: the most of each ink
        channels = [max(a, b) for a, b in zip(channels, ink)]
    return InkMeasure(total, (channels[0], channels[1], channels[2], channels[3]), _(METHOD))


def _prepared(picture: Picture, pixels: Image.Image, bounds: Area) -> _Photo | None:
    """The photo's pixels summed up; only what lies inside `bounds` counts towards its
    maxima (a photo reaching past the bleed is cut there)."""
    area = Area(picture.x, picture.y, picture.x + picture.width, picture.y + picture.height)
    if not area.meets(bounds):
        return None
    inside = pixels.crop(_pixel_box(area, pixels.size, area.clip(bounds)))
    if pixels.mode == "CMYK":
        bands = inside.split()
        c, m, y, k = (percent(band) for band in bands)
        whole = pixels.split()
        cmy = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"], c=whole[0], m=whole[1], y=whole[2])
        return _Photo(area, pixels.size, cmy, cmyk_total(inside), (c, m, y, k))
    black = 100 - percent(inside.convert("L"), largest=False)
    return _Photo(area, pixels.size, Image.new("I", pixels.size, 0), black, (0.0, 0.0, 0.0, black))


def _pixel_box(placed: Area, size: tuple[int, int], part: Area) -> tuple[int, int, int, int]:
    """The pixels (left, top, right, bottom) of a photo placed at `placed` that lie
    under `part`: every pixel any of `part` touches, at least one."""
    width, height = size
    sx, sy = width / (placed.x1 - placed.x0), height / (placed.y1 - placed.y0)
    left = max(0, min(width - 1, math.floor((part.x0 - placed.x0) * sx)))
    top = max(0, min(height - 1, math.floor((part.y0 - placed.y0) * sy)))
    right = max(left + 1, min(width, math.ceil((part.x1 - placed.x0) * sx)))
    bottom = max(top + 1, min(height, math.ceil((part.y1 - placed.y0) * sy)))
    return left, top, right, bottom


def _footprint(item: Item) -> Area | None:
    """Where an item can put ink, pt (None: nothing drawn)."""
    from layout.compose.items import QrCode, Rule, TextRun
    if isinstance(item, TextRun):
        if not item.glyphs:
            return None
        xs = [x for _char, x in item.glyphs]
        if item.rotation:   # sideways glyphs: an em square either side of each origin
            return Area(min(xs) - item.size, item.baseline - item.size, max(xs) + item.size,
                        item.baseline + item.size)
        return Area(min(xs), item.baseline - ASCENT * item.size, max(xs) + item.size,
                    item.baseline + DESCENT * item.size)
    if isinstance(item, Rule):
        half = item.width / 2
        return Area(min(item.x0, item.x1) - half, min(item.y0, item.y1) - half,
                    max(item.x0, item.x1) + half, max(item.y0, item.y1) + half)
    if isinstance(item, QrCode):
        return Area(item.x, item.y, item.x + item.size, item.y + item.size)
    return None


def _cmy_beneath(area: Area, photos: list[_Photo], painted: list[tuple[Area, CMYK]]) -> float:
    """The most C+M+Y (percent) that photos and knock-out colours leave under `area`."""
    most = 0.0
    for photo in photos:
        if photo.area.meets(area):
            most = max(most, _photo_cmy(photo, area.clip(photo.area)))
    for where, colour in painted:
        if where.meets(area):
            most = max(most, sum(colour[:3]) * 100)
    return most


def _photo_cmy(photo: _Photo, area: Area) -> float:
    """The most C+M+Y of the photo's pixels under `area` (inside the photo), percent."""
    return percent(photo.cmy.crop(_pixel_box(photo.area, photo.size, area)))


def cross_check_ink(path: Path, analytic: Sequence[InkMeasure], settings: PreflightSettings = DEFAULTS,
                    tolerance: float = 2.0) -> list[Finding]:
    """Ghostscript's raster measure of the PDF at `path` (one run, every page: the
    whole-issue PDF) against the analytic measure of each page, in page order. An error
    where Ghostscript finds more ink than `settings.ink_limit` allows, a warning where
    it finds more than the analytic measure plus `tolerance` percent of it (the analytic
    measure missed a paint), one ok finding otherwise; a warning when Ghostscript
    cannot run. A raster at `settings.tac_dpi` samples photos coarsely, so Ghostscript
    finding less is expected and not reported."""
    gs = ghostscript()
    if gs is None:
        return [Finding(Check.INK, Severity.WARNING, _("Ghostscript (gs) is not installed: ink not cross-checked"))]
    try:
        with pikepdf.open(path) as pdf:
            if len(pdf.pages) != len(analytic):
                raise ValueError(f"{len(analytic)} analytic measures for {len(pdf.pages)} pages")
            pages = [(number, print_area(page)) for number, page in enumerate(pdf.pages, start=1)]
            raster = raster_inks(gs, Path(path), pdf, pages, settings.tac_dpi)
    except (OSError, ValueError, subprocess.SubprocessError, pikepdf.PdfError) as exc:
        return [Finding(Check.INK, Severity.WARNING, _("ink not cross-checked: Ghostscript failed ({error})").format(
            error=exc))]
    found = []
    for number, ours in enumerate(analytic, start=1):
        theirs = raster[number].total
        if theirs > settings.ink_limit + 0.5:
            found.append(Finding(Check.INK, Severity.ERROR, _("Ghostscript measures {total}% > {limit}%").format(
                total=f"{theirs:.0f}", limit=f"{settings.ink_limit:g}"), number))
        elif theirs > ours.total * (1 + tolerance / 100) + 0.5:
            found.append(Finding(Check.INK, Severity.WARNING, _("Ghostscript measures {theirs}%, the analytic measure "
                                                                "{ours}%: a paint it does not know of").format(
                theirs=f"{theirs:.0f}", ours=f"{ours.total:.0f}"), number))
    agrees = ngettext("Ghostscript agrees with the analytic measure on {n} page",
                      "Ghostscript agrees with the analytic measure on {n} pages", len(analytic))
    return found or [Finding(Check.INK, Severity.OK, agrees.format(n=len(analytic)))]

"""The ad preflight: each ad file checked before it is placed, with the checks our own
pages get (shared/reference/print-ready.md, the rows of `Check`), judged as the ad will
print — on its page, at the size it is placed — plus its size against the booking.

- PDF ads (PDF/X-1a:2003 or PDF/X-4): rows 1 (PDF/X level and version; on a PDF/X-1a
  page no feature newer than PDF 1.4), 3 (output intent: one made for another press is
  a warning), 4 (boxes, and the size below), 5, 6 (one page), 7 (fonts embedded), 8
  and 9 (colour spaces and transparency by the rules of the *page*: an X-4 ad on an X-1a
  page may hold no transparency and no ICC colour), 10 (ink limit), 11 (every image at
  least `AD_MIN_PPI` where placed), 12, 13 (black overprinting, minimum sizes — at the
  placed scale), 14 (no colour on a black-and-white page). Not checked: Info (2), marks
  outside the trim (15): only the TrimBox is placed.
- TIFF and JPEG ads: CMYK, grey or bilevel (RGB, palette and Lab refused), no alpha
  channel, one image, at least `AD_MIN_PPI` where placed, within the ink limit, no C, M
  or Y on a black-and-white page; an embedded ICC profile is a warning (the values print
  as they are, unconverted).
- Size (row 4): the PDF's TrimBox (or an image's size from its stated resolution)
  against the booked box, each side within `SIZE_TOLERANCE` (1 mm: the width of the
  separating gutter's rule zone, and what the trade's specifications allow); otherwise
  refused — unless the booking allows scaling (`scale: true`), and then only when the
  scaled ad fills the booking within the same tolerance (never distorted). An image
  stating no resolution is fitted to the booking the same way.

Results are `FileReport`s, as for page files; `AdReport.reasons` are its errors as text.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, replace
from functools import lru_cache

import pikepdf

from layout.i18n import _
from layout.model.adfiles import AdFile, AdFileKind, drop_idle_fonts
from layout.model.ads import SIZE_TOLERANCE, Ad, AdFit, FitKind, fit_ad
from layout.model.schema import PdfxVersion
from layout.model.units import MM
from layout.preflight.content import PageContent, walk_page
from layout.preflight.document import (
    LABEL,
    MAX_PDF,
    Claim,
    check_boxes,
    check_output_intent,
    check_pdfx,
    check_security,
    error,
    ok,
    pdfx_claim,
    warning,
)
from layout.preflight.fonts import check_fonts
from layout.preflight.metadata import info_value
from layout.preflight.paint import check_black, check_colour_spaces, check_resolution, check_sizes, check_transparency
from layout.preflight.report import Check, FileReport, Finding, PreflightSettings, Severity, TacMethod
from layout.preflight.run import _tail  # the file's tail, for the structure check
from layout.preflight.structure import check_structure, newer_features
from layout.preflight.tac import InkMeasure, cmyk_total, measure

AD_MIN_PPI = 200.0     # pixels per inch where placed: the least an ad's images may have
NO_INK = 0.5           # percent: below this a channel counts as unused
IMAGE_MODES = {"CMYK": "CMYK", "L": "grey", "1": "bilevel"}


@dataclass(frozen=True, slots=True)
class AdReport:
    """What the ad preflight found for one ad: its report, how its file meets the booked
    box (`booked`, width and height in pt) and at what scale it is placed."""

    ad: Ad
    report: FileReport
    fit: AdFit
    booked: tuple[float, float]

    @property
    def passed(self) -> bool:
        return self.report.passed

    @property
    def reasons(self) -> tuple[str, ...]:
        """Each error, "check: message"."""
        return tuple(f"{f.check.title}: {f.message}" for f in self.report.errors)


def preflight_ad(ad: Ad, booked: tuple[float, float], level: PdfxVersion, settings: PreflightSettings) -> AdReport:
    """Check `ad`'s file for a page of PDF/X `level` (whose limits `settings` holds),
    placed in a box of `booked` (width, height) pt. Never raises for what the file holds."""
    fit = fit_ad(ad.file, booked, ad.scale)
    report = _cached(ad.file, booked, ad.scale, level, settings)
    return AdReport(ad, report, fit, booked)


@lru_cache(maxsize=64)  # keyed by content: the file's digest is in AdFile (the watcher checks each ad once)
def _cached(file: AdFile, booked: tuple[float, float], allowed: bool, level: PdfxVersion,
            settings: PreflightSettings) -> FileReport:
    fit = fit_ad(file, booked, allowed)
    try:
        if file.kind is AdFileKind.PDF:
            claimed, findings = _pdf(file, fit, level, settings)
        else:
            claimed, findings = _image(file, fit, settings)
    except Exception as exc:  # noqa: BLE001 - a report for every file, never a traceback
        claimed, findings = "", [error(Check.STRUCTURE, _("the file cannot be checked ({reason})").format(
            reason=f"{type(exc).__name__}: {exc}"[:200]))]
    findings.append(_size(file, fit, booked))
    order = {check: i for i, check in enumerate(Check)}
    ordered = sorted(findings, key=lambda f: order[f.check])
    return FileReport(file.path.name, claimed, file.pages, tuple(ordered))


# ------------------------------------------------------------------------- size

def _size(file: AdFile, fit: AdFit, booked: tuple[float, float]) -> Finding:
    """Row 4: the ad's size against the booked box."""
    what = _("its TrimBox") if file.box_name == "TrimBox" else _("its MediaBox (no TrimBox)")
    if file.kind.is_image:
        what = _("its size at its stated resolution") if file.sized else _("its proportion (no resolution stated)")
    size, want = _mm(file.size), _mm(booked)
    tol = f"±{SIZE_TOLERANCE / MM:g} mm"
    if fit.kind is FitKind.EXACT:
        return ok(Check.BOXES, _("{what} {size} is the booked {want} ({tol})").format(what=what, size=size, want=want,
                                                                                     tol=tol))
    if fit.kind is FitKind.SCALED:
        return ok(Check.BOXES, _("{what} {size} scaled to {percent:.1f} % fills the booked {want} ({tol})").format(
            what=what, size=size, percent=fit.scale * 100, want=want, tol=tol))
    if fit.kind is FitKind.WRONG_SIZE:
        return error(Check.BOXES, _("{what} {size} is not the booked {want} ({tol}), and the booking does not allow "
                                    "scaling (scale: true)").format(what=what, size=size, want=want, tol=tol))
    return error(Check.BOXES, _("{what} {size} has another proportion than the booked {want}: it would fill it only "
                                "distorted (at {percent:.1f} % it leaves {gap})").format(
        what=what, size=size, want=want, percent=fit.scale * 100,
        gap=_mm((booked[0] - file.size[0] * fit.scale, booked[1] - file.size[1] * fit.scale))))


def _mm(size: tuple[float, float]) -> str:
    return f"{size[0] / MM:.1f} × {size[1] / MM:.1f} mm"


# -------------------------------------------------------------------------- PDF

def _pdf(file: AdFile, fit: AdFit, level: PdfxVersion, settings: PreflightSettings) -> tuple[str, list[Finding]]:
    """The rows of a PDF ad, judged for a page of `level` at the placed scale."""
    tail = _tail(file.path)
    with pikepdf.open(file.path) as pdf:
        claim = ad_claim(pdf)
        found = check_pdfx(pdf, claim, replace(settings, expect=None), newer_features(pdf))
        found += _page_level(pdf, claim.level, level)
        found += check_output_intent(pdf, claim, settings)
        found += check_boxes(pdf) + check_security(pdf) + check_structure(pdf, pdf.filename, tail)
        idle = drop_idle_fonts(pdf.pages[0])  # selected, never used: not placed (layout/render/adfile.py)
        found += check_fonts(pdf, settings)
        if idle:
            found.append(warning(Check.FONTS, _("{fonts}: not embedded, but showing no text; left out when the ad is "
                                                "placed").format(fonts=", ".join(idle))))
        if len(pdf.pages) != 1:
            found.append(error(Check.STRUCTURE, _("the file has {n} pages; an ad is one page (page 1 would be "
                                                  "placed)").format(n=len(pdf.pages))))
        page = pdf.pages[0]
        trim = file.box
        content = walk_page(page)
        rules = PdfxVersion.X1A if level is PdfxVersion.X1A else claim.rules
        found += _for_page(check_colour_spaces(content, rules, 1) + check_transparency(content, rules, 1),
                           claim.level, level)
        scaled = _scaled(content, fit.scale)
        ad_settings = replace(settings, ppi_error=AD_MIN_PPI, ppi_warning=AD_MIN_PPI, ppi_max=float("inf"))
        found += check_resolution(scaled, trim, ad_settings, 1) + check_black(scaled, trim, settings, 1)
        found += check_sizes(scaled, trim, 1)
        # a raster of a turned page is turned too, and its crop to the trim would miss: measure from the content
        method = TacMethod.PYTHON if file.rotate else settings.tac_method
        inks, note = measure(file.path, pdf, [(1, content, trim)], method, settings.tac_dpi)
        if note:
            found.append(warning(Check.INK, note))
        found += _ink(inks.get(1), settings)
    return claim.label, [replace(f, page=None) for f in found]


def ad_claim(pdf: pikepdf.Pdf) -> Claim:
    """The PDF/X level an ad file declares: as for our pages, and PDF/X-1a:2001 too (ISO
    15930-1: the same CMYK-only, no-transparency rules on PDF 1.3, still what many agencies
    send), judged as PDF/X-1a."""
    claim = pdfx_claim(pdf)
    if claim.level is None and info_value(pdf, "/GTS_PDFXConformance") == "PDF/X-1a:2001":
        return Claim(PdfxVersion.X1A, "PDF/X-1a:2001")
    return claim


def _page_level(pdf: pikepdf.Pdf, claimed: PdfxVersion | None, level: PdfxVersion) -> list[Finding]:
    """An ad on a PDF/X-1a page may use nothing newer than PDF 1.4 (what the page can hold)."""
    if level is not PdfxVersion.X1A or claimed is PdfxVersion.X1A:
        return []
    limit = MAX_PDF[level]
    return [error(Check.PDFX, _("uses {what} (PDF {version}); the page is {label} (PDF {limit}): ask for a "
                                "PDF/X-1a file").format(what=f.what, version=f"{f.version[0]}.{f.version[1]}",
                                                        label=LABEL[level], limit=f"{limit[0]}.{limit[1]}"))
            for f in newer_features(pdf) if f.version > limit]


def _for_page(found: list[Finding], claimed: PdfxVersion | None, level: PdfxVersion) -> list[Finding]:
    """Colour and transparency errors of a PDF/X-4 ad judged for a PDF/X-1a page say so."""
    if claimed is level or level is not PdfxVersion.X1A:
        return found
    note = _(" (the page is PDF/X-1a: ask for a PDF/X-1a file, or build the issue as PDF/X-4)")
    return [replace(f, message=f.message + note) if f.severity is Severity.ERROR else f for f in found]


def _scaled(content: PageContent, scale: float) -> PageContent:
    """What the ad paints as placed at `scale`: type sizes and line widths scaled, image
    resolutions divided by it."""
    if scale == 1.0:
        return content
    return replace(content, paints=tuple(replace(p, size=p.size * scale) for p in content.paints),
                   images=tuple(replace(i, ppi=i.ppi / scale) for i in content.images))


def _ink(ink: InkMeasure | None, settings: PreflightSettings) -> list[Finding]:
    """Rows 10 and 14 from the ad's measured ink."""
    if ink is None:
        return [error(Check.INK, _("ink could not be measured (damaged content)"))]
    found = []
    if ink.total > settings.ink_limit + 0.5:
        found.append(error(Check.INK, _("{total:.0f}% total ink > {limit:g}% ({method})").format(
            total=ink.total, limit=settings.ink_limit, method=ink.method)))
    else:
        found.append(ok(Check.INK, f"max {ink.total:.0f}% ≤ {settings.ink_limit:g}% ({ink.method})"))
    return found + _black_only(ink.channels, settings)


def _black_only(channels: tuple[float, float, float, float], settings: PreflightSettings) -> list[Finding]:
    if not settings.black_only:
        return []
    cmy = ", ".join(f"{n} {v:.0f}%" for n, v in zip("CMY", channels[:3]) if v > NO_INK)
    if cmy:
        return [error(Check.BLACK_ONLY, _("the page is black-and-white; the ad carries {inks}").format(inks=cmy))]
    return [ok(Check.BLACK_ONLY, _("black only"))]


# ----------------------------------------------------------------------- images

def _image(file: AdFile, fit: AdFit, settings: PreflightSettings) -> tuple[str, list[Finding]]:
    """The rows of a TIFF or JPEG ad."""
    from PIL import Image

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with Image.open(file.path) as image:
            frames = getattr(image, "n_frames", 1)
            image.load()
            mode, info = image.mode, dict(image.info)
            pixels = image.copy()
    damage = [str(w.message) for w in caught if not issubclass(w.category, DeprecationWarning)]
    found: list[Finding] = []
    if damage:
        found.append(error(Check.STRUCTURE, _("the image data is damaged ({reason})").format(reason=damage[0][:160])))
    if frames > 1:
        found.append(error(Check.STRUCTURE, _("the file holds {n} images; an ad is one").format(n=frames)))
    found += _image_colour(mode, info, settings)
    found.append(_image_resolution(file, fit))
    if mode in IMAGE_MODES:
        found += _image_ink(pixels, settings)
    return "", found


def _image_colour(mode: str, info: dict, settings: PreflightSettings) -> list[Finding]:
    """Rows 8 and 9: CMYK, grey or bilevel, no alpha channel; an ICC profile noted."""
    found = []
    base = mode.rstrip("A") if mode not in ("LAB",) else mode
    if mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in info:
        found.append(error(Check.TRANSPARENCY, _("the image has an alpha channel (transparency)")))
    else:
        found.append(ok(Check.TRANSPARENCY, _("none")))
    if mode in IMAGE_MODES:
        found.append(ok(Check.COLOUR, IMAGE_MODES[mode]))
    elif base in ("RGB", "P", "YCbCr", "HSV"):
        found.append(error(Check.COLOUR, _("{mode} image: RGB cannot go to the plates; ask for a CMYK (or grey) "
                                           "file").format(mode=mode)))
    else:
        found.append(error(Check.COLOUR, _("{mode} image: only 8-bit CMYK, grey or bilevel images print as they "
                                           "are; ask for an 8-bit CMYK file").format(mode=mode)))
    if info.get("icc_profile") and mode in IMAGE_MODES:
        found.append(warning(Check.COLOUR, _("the image carries an ICC profile ({name}): its values print as they "
                                             "are on {condition}, not converted").format(
            name=_profile_name(info["icc_profile"]), condition=settings.output_condition)))
    return found


def _profile_name(data: bytes) -> str:
    import io

    from PIL import ImageCms

    try:
        return ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(data))).strip() or "unnamed"
    except (OSError, ImageCms.PyCMSError):
        return "unreadable"


def _image_resolution(file: AdFile, fit: AdFit) -> Finding:
    """Row 11: pixels per inch where placed."""
    width, height = file.size
    ppi = min(file.pixels[0] / (width * fit.scale / 72), file.pixels[1] / (height * fit.scale / 72))
    what = f"{file.pixels[0]}×{file.pixels[1]} px at {ppi:.0f} ppi"
    if ppi < AD_MIN_PPI:
        return error(Check.RESOLUTION, _("{what}: below {least:g} ppi where placed").format(what=what, least=AD_MIN_PPI))
    return ok(Check.RESOLUTION, what)


def _image_ink(image, settings: PreflightSettings) -> list[Finding]:
    """Rows 10 and 14 from the pixels: ink is the values themselves (no conversion)."""
    if image.mode == "CMYK":
        channels = tuple(band.getextrema()[1] * 100 / 255 for band in image.split())
        ink = InkMeasure(cmyk_total(image), channels, _("image pixels"))
    else:
        k = 100 - image.convert("L").getextrema()[0] * 100 / 255
        ink = InkMeasure(k, (0.0, 0.0, 0.0, k), _("image pixels"))
    return _ink(ink, settings)

"""File-level checks: PDF/X identification and PDF version (row 1), output intent (3),
page boxes (4), security and actions (5), marks outside the trim (15). Row numbers are
those of shared/reference/print-ready.md; Info and XMP (2) are in metadata.py,
structure (6) in structure.py."""

from __future__ import annotations

import io
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass

import pikepdf
from pikepdf import Name
from PIL import ImageCms

from layout.i18n import _
from layout.model.schema import PdfxVersion
from layout.model.units import MM
from layout.preflight.metadata import info_value, xmp_fields
from layout.preflight.report import Check, Finding, PreflightSettings, Severity
from layout.preflight.structure import Feature

TOLERANCE = 0.01   # pt, for comparing boxes
MAX_PDF = {PdfxVersion.X1A: (1, 4), PdfxVersion.X4: (1, 6)}
LABEL = {PdfxVersion.X1A: "PDF/X-1a:2003", PdfxVersion.X4: "PDF/X-4"}
VERSION = re.compile(r"^(\d{1,2})\.(\d)")


@dataclass(frozen=True, slots=True)
class Claim:
    """The PDF/X level a file declares: `level` when it is one the plant takes (X-1a:2003,
    X-4), `label` as written ("" when none), `problems` with how it is declared."""

    level: PdfxVersion | None
    label: str
    problems: tuple[str, ...] = ()

    @property
    def rules(self) -> PdfxVersion:
        """The rules the content is judged by: the claimed level, X-1a when none."""
        return self.level or PdfxVersion.X1A


def ok(check: Check, message: str, page: int | None = None) -> Finding:
    return Finding(check, Severity.OK, message, page)


def error(check: Check, message: str, page: int | None = None) -> Finding:
    return Finding(check, Severity.ERROR, message, page)


def warning(check: Check, message: str, page: int | None = None) -> Finding:
    return Finding(check, Severity.WARNING, message, page)


def pdfx_claim(pdf: pikepdf.Pdf) -> Claim:
    """What PDF/X level the file declares, from Info and XMP."""
    version, conformance = info_value(pdf, "/GTS_PDFXVersion"), info_value(pdf, "/GTS_PDFXConformance")
    xmp = xmp_fields(pdf)
    if "npes.org/pdfx/ns/id" in xmp.get("_namespaces", "") and xmp.get("GTS_PDFXVersion", "").startswith("PDF/X-4"):
        label = xmp["GTS_PDFXVersion"]
        return Claim(PdfxVersion.X4 if label == "PDF/X-4" else None, label)
    if version == "PDF/X-4":
        return Claim(None, version, (_("PDF/X-4 must be declared in XMP (pdfxid:GTS_PDFXVersion), not only in Info"),))
    if version == "PDF/X-1:2003" and conformance == "PDF/X-1a:2003":
        return Claim(PdfxVersion.X1A, conformance)
    if version == "PDF/X-1a:2003":
        return Claim(PdfxVersion.X1A, version, (_("ISO 15930-4 spells it GTS_PDFXVersion (PDF/X-1:2003) with "
                                                  "GTS_PDFXConformance (PDF/X-1a:2003)"),))
    return Claim(None, conformance or version)


def check_pdfx(pdf: pikepdf.Pdf, claim: Claim, settings: PreflightSettings,
               features: Sequence[Feature] = ()) -> list[Finding]:
    """Row 1: a PDF/X level the plant takes, a PDF version within it, and no `features`
    (structure.newer_features) newer than the version the file is labelled with or than
    its PDF/X level allows."""
    c = Check.PDFX
    version = pdf_version(pdf)
    limit = MAX_PDF[claim.level] if claim.level is not None else None
    found = _feature_errors(features, version, claim.level)
    if not claim.label:
        return [error(c, _("not a PDF/X file: no GTS_PDFXVersion in the Info dictionary or XMP"))] + found
    found = [warning(c, p) for p in claim.problems] + found
    if claim.level is None or limit is None:
        return found + [error(c, _("declares {label}; the plant takes PDF/X-1a:2003 or PDF/X-4").format(
            label=claim.label))]
    if settings.expect is not None and claim.level is not settings.expect:
        found.append(error(c, _("is {level}, expected {expected}").format(level=LABEL[claim.level],
                                                                         expected=LABEL[settings.expect])))
    if version > limit:
        found.append(error(c, _("PDF {version} is newer than {level} allows ({limit})").format(
            version=_v(version), level=LABEL[claim.level], limit=_v(limit))))
    if not any(f.severity is Severity.ERROR for f in found):
        found.append(ok(c, _("{level}, PDF {version}").format(level=LABEL[claim.level], version=_v(version))))
    return found


def _feature_errors(features, version: tuple[int, int], level: PdfxVersion | None) -> list[Finding]:
    """An error per feature newer than the file's label or than its PDF/X level allows."""
    found = []
    limit = MAX_PDF[level] if level is not None else None
    for feature in features:
        if feature.version > version:
            found.append(error(Check.PDFX, _("uses {feature} (PDF {needs}) but is labelled PDF {version}").format(
                feature=_(feature.what), needs=_v(feature.version), version=_v(version))))
        elif limit is not None and level is not None and feature.version > limit:
            found.append(error(Check.PDFX, _("uses {feature} (PDF {needs}); {level} allows PDF {limit} at most")
                               .format(feature=_(feature.what), needs=_v(feature.version), level=LABEL[level],
                                       limit=_v(limit))))
    return found


def _v(version: tuple[int, int]) -> str:
    return f"{version[0]}.{version[1]}"


def pdf_version(pdf: pikepdf.Pdf) -> tuple[int, int]:
    """The file's PDF version: the header, or the catalog's /Version when that is later
    ((1, 0) for what is not a version number)."""
    versions = [pdf.pdf_version]
    if "/Version" in pdf.Root:
        versions.append(str(pdf.Root.Version).lstrip("/"))
    parsed = [(1, 0)]
    for text in versions:
        match = VERSION.match(text.strip())
        if match:
            parsed.append((int(match[1]), int(match[2])))
    return max(parsed)


def check_output_intent(pdf: pikepdf.Pdf, claim: Claim, settings: PreflightSettings) -> list[Finding]:
    """Row 3: exactly one GTS_PDFX output intent, with identifier and a CMYK prtr profile."""
    c = Check.OUTPUT_INTENT
    intents = [i for i in pdf.Root.get("/OutputIntents", pikepdf.Array()) if i.get("/S") == Name.GTS_PDFX]
    if len(intents) != 1:
        if not intents:
            return [error(c, _("no GTS_PDFX output intent; PDF/X needs exactly one"))]
        return [error(c, _("{n} GTS_PDFX output intents; PDF/X needs exactly one").format(n=len(intents)))]
    intent = intents[0]
    ident = str(intent.get("/OutputConditionIdentifier", ""))
    found = []
    if not ident:
        found.append(error(c, _("the output intent has no OutputConditionIdentifier")))
    elif ident != settings.output_condition:
        found.append(warning(c, _("made for '{made_for}'; the plant prints '{prints}'").format(
            made_for=ident, prints=settings.output_condition)))
    profile = intent.get("/DestOutputProfile")
    if profile is None:
        if claim.rules is PdfxVersion.X4 or not intent.get("/RegistryName"):
            found.append(error(c, _("no DestOutputProfile (required for PDF/X-4 and for unregistered conditions)")))
        description = _("no embedded profile")
    else:
        problem, description = _profile_problem(profile.read_bytes(), claim)
        if problem:
            found.append(error(c, problem))
    if not any(f.severity is Severity.ERROR for f in found):
        found.append(ok(c, _("GTS_PDFX '{condition}', {profile}").format(condition=ident, profile=description)))
    return found


def _profile_problem(data: bytes, claim: Claim) -> tuple[str, str]:
    """(problem or "", description) of an output profile: it must be a CMYK printer profile."""
    if len(data) < 128 or data[36:40] != b"acsp":
        return _("DestOutputProfile is not an ICC profile"), ""
    framing = icc_damage(data)
    if framing:
        return _("DestOutputProfile is damaged: {damage}").format(damage=framing), ""
    device, space, major = data[12:16].decode("latin-1"), data[16:20].decode("latin-1").strip(), data[8]
    try:
        name = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(data))).strip()
    except (OSError, ImageCms.PyCMSError):
        name = _("unnamed profile")
    description = _("profile '{name}' ({device}, {space}, ICC v{major})").format(name=name, device=device,
                                                                                 space=space, major=major)
    if device != "prtr":
        return _("DestOutputProfile is a '{device}' profile; PDF/X needs an output (prtr) profile").format(
            device=device), description
    if space != "CMYK":
        return _("DestOutputProfile is {space}; the plant prints CMYK").format(space=space), description
    if claim.rules is PdfxVersion.X1A and major > 2:
        return _("ICC v{major} profile in PDF/X-1a (PDF 1.4 reads ICC v2 only)").format(major=major), description
    missing = [t.decode() for t in OUTPUT_TAGS if t not in icc_tags(data)]
    if missing:
        return _("DestOutputProfile lacks tags an output profile needs to convert colour for the press: "
                 "{tags}").format(tags=", ".join(missing)), description
    return "", description


OUTPUT_TAGS = (b"desc", b"wtpt", b"A2B0", b"B2A0")  # ICC.1:2001 §6.3.3.2: what an output profile needs


def icc_damage(data: bytes) -> str:
    """What is wrong with an ICC profile's framing ("" when nothing): the size its
    header declares against the bytes there are, a tag table or tag running past the end."""
    declared = struct.unpack(">I", data[:4])[0]
    if declared > len(data):
        return _("truncated: the header declares {declared} bytes, {size} are there").format(declared=declared,
                                                                                             size=len(data))
    if len(data) < 132:
        return _("truncated: no tag table")
    count = struct.unpack(">I", data[128:132])[0]
    if 132 + 12 * count > len(data):
        return _("truncated: {n} tags declared, the tag table runs past byte {size}").format(n=count, size=len(data))
    for signature, offset, size in _tag_table(data, count):
        if offset + size > len(data):
            return _("truncated: tag '{tag}' runs past byte {size}").format(tag=signature.decode("latin-1"),
                                                                          size=len(data))
    return ""


def icc_tags(data: bytes) -> set[bytes]:
    """The tag signatures of a well-framed ICC profile (see icc_damage)."""
    return {signature for signature, _offset, _size in _tag_table(data, struct.unpack(">I", data[128:132])[0])}


def _tag_table(data: bytes, count: int) -> list[tuple[bytes, int, int]]:
    return [struct.unpack(">4sII", data[132 + 12 * i:144 + 12 * i]) for i in range(count)]


def page_boxes(page: pikepdf.Page) -> dict[str, tuple[float, float, float, float]]:
    """The page's boxes present, normalized (x0 < x1, y0 < y1); MediaBox inherited."""
    out = {"/MediaBox": _rect(page.mediabox)}
    for key in ("/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"):
        if key in page.obj:
            out[key] = _rect(page.obj[key])
    return out


def _rect(array) -> tuple[float, float, float, float]:
    try:
        x0, y0, x1, y1 = (float(v) for v in array)
    except (TypeError, ValueError):
        raise ValueError(_("a page box is not four numbers: {box}").format(box=_short(array))) from None
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _short(obj, limit: int = 60) -> str:
    try:
        text = repr(obj)
    except Exception:  # a damaged object may not even print  # noqa: BLE001
        text = type(obj).__name__
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _inside(inner, outer) -> bool:
    return (inner[0] >= outer[0] - TOLERANCE and inner[1] >= outer[1] - TOLERANCE
            and inner[2] <= outer[2] + TOLERANCE and inner[3] <= outer[3] + TOLERANCE)


def check_boxes(pdf: pikepdf.Pdf) -> list[Finding]:
    """Row 4: TrimBox on every page, never with an ArtBox; Trim ⊆ Bleed ⊆ Media."""
    c = Check.BOXES
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        boxes = page_boxes(page)
        media, trim, bleed = boxes["/MediaBox"], boxes.get("/TrimBox"), boxes.get("/BleedBox")
        if trim is None:
            found.append(error(c, _("no TrimBox (an ArtBox instead)") if "/ArtBox" in boxes else _("no TrimBox"),
                               number))
            continue
        if "/ArtBox" in boxes:
            found.append(error(c, _("TrimBox and ArtBox together"), number))
        if not _inside(trim, media):
            found.append(error(c, _("TrimBox reaches outside the MediaBox"), number))
        if bleed is not None and not (_inside(trim, bleed) and _inside(bleed, media)):
            found.append(error(c, _("BleedBox must hold the TrimBox and lie inside the MediaBox"), number))
        found += _crop_findings(boxes, number)
        if not any(f.page == number for f in found):
            found.append(ok(c, _box_summary(trim, bleed), number))
    return found


def _crop_findings(boxes: dict, number: int) -> list[Finding]:
    """A CropBox clips everything a viewer or RIP shows and prints (PDF 32000-1 §14.11.2):
    inside the TrimBox it cuts the page itself (an error); inside the BleedBox it cuts
    the bleed (a warning)."""
    crop, trim, bleed = boxes.get("/CropBox"), boxes["/TrimBox"], boxes.get("/BleedBox")
    if crop is None:
        return []
    if not _inside(trim, crop):
        return [error(Check.BOXES, _("CropBox ({crop}) cuts into the TrimBox ({trim}): the page would print cut "
                                     "inside its trim").format(crop=_mm(crop), trim=_mm(trim)), number)]
    if bleed is not None and not _inside(bleed, crop):
        return [warning(Check.BOXES, _("CropBox cuts into the bleed (the BleedBox reaches beyond it)"), number)]
    return []


def _mm(box) -> str:
    return f"{(box[2] - box[0]) / MM:.1f} × {(box[3] - box[1]) / MM:.1f} mm"


def _box_summary(trim, bleed) -> str:
    width, height = (trim[2] - trim[0]) / MM, (trim[3] - trim[1]) / MM
    size = f"{width:.1f} × {height:.1f}"
    if bleed is None:
        return _("trim {size} mm, no bleed").format(size=size)
    return _("trim {size} mm, bleed {bleed} mm").format(
        size=size, bleed=f"{min(trim[0] - bleed[0], bleed[2] - trim[2]) / MM:.1f}")


def print_area(page: pikepdf.Page) -> tuple[float, float, float, float]:
    """What prints: the BleedBox, else the TrimBox, else the MediaBox (pt)."""
    boxes = page_boxes(page)
    return boxes.get("/BleedBox") or boxes.get("/TrimBox") or boxes["/MediaBox"]


def check_marks(pdf: pikepdf.Pdf, settings: PreflightSettings) -> list[Finding]:
    """Row 15: files for the plant end at the bleed (or trim): no room for marks."""
    c = Check.MARKS
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        boxes = page_boxes(page)
        if "/TrimBox" not in boxes:
            found.append(ok(c, _("cannot tell without a TrimBox (see row 4)"), number))
            continue
        outer, media = boxes.get("/BleedBox") or boxes["/TrimBox"], boxes["/MediaBox"]
        extra = max(outer[0] - media[0], outer[1] - media[1], media[2] - outer[2], media[3] - outer[3])
        if extra <= TOLERANCE:
            found.append(ok(c, "MediaBox = " + ("BleedBox" if "/BleedBox" in boxes else "TrimBox"), number))
        elif settings.allow_marks:
            found.append(ok(c, _("proof: {mm} mm around the trim for marks (allowed)").format(mm=f"{extra / MM:.1f}"),
                            number))
        else:
            beyond = (_("MediaBox reaches {mm} mm beyond the bleed: printer's marks or slug; files for the plant "
                        "have none (its imposition adds them)") if "/BleedBox" in boxes else
                      _("MediaBox reaches {mm} mm beyond the trim: printer's marks or slug; files for the plant "
                        "have none (its imposition adds them)"))
            found.append(error(c, beyond.format(mm=f"{extra / MM:.1f}"), number))
    return found


def check_security(pdf: pikepdf.Pdf) -> list[Finding]:
    """Row 5: no encryption, JavaScript or actions, no annotations inside the trim."""
    c = Check.SECURITY
    found = []
    if pdf.is_encrypted:
        found.append(error(c, _("the file is encrypted")))
    names = pdf.Root.get("/Names")
    if names is not None and "/JavaScript" in names:
        found.append(error(c, _("document-level JavaScript")))
    if "/OpenAction" in pdf.Root and isinstance(pdf.Root.OpenAction, pikepdf.Dictionary):
        found.append(error(c, _("an open action ({kind})").format(kind=pdf.Root.OpenAction.get("/S", "?"))))
    if "/AA" in pdf.Root:
        found.append(error(c, _("document additional actions (/AA)")))
    for number, page in enumerate(pdf.pages, start=1):
        if "/AA" in page.obj:
            found.append(error(c, _("page additional actions (/AA)"), number))
        area = print_area(page)
        for annot in page.obj.get("/Annots", pikepdf.Array()):
            kind = str(annot.get("/Subtype", "/Annot"))
            if kind in ("/PrinterMark", "/TrapNet") or "/Rect" not in annot:
                continue
            rect = _rect(annot.Rect)
            if rect[0] < area[2] and area[0] < rect[2] and rect[1] < area[3] and area[1] < rect[3]:
                found.append(error(c, _("{kind} annotation inside the trim").format(kind=kind[1:]), number))
    if not found:
        found.append(ok(c, _("not encrypted; no JavaScript, actions or annotations in the trim")))
    return found

"""Row 2, info and ID: the Info dictionary's keys, the trailer ID, and the XMP packet,
which must say the same as Info where both carry a property (PDF 32000-1 §14.3.3;
ISO 15930-7 §6.7 for PDF/X-4). A RIP or an archive that reads XMP would otherwise file
the page under another title, date or trapping state than one that reads Info."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pikepdf

from layout.i18n import _
from layout.model.schema import PdfxVersion
from layout.preflight.report import Check, Finding, Severity

PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?")
XMP_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
                      r"(?:([Zz+-])(?:(\d{2}):(\d{2}))?)?)?)?)?$")
X4_XMP = ("CreateDate", "ModifyDate", "title", "DocumentID", "VersionID", "RenditionClass", "Trapped")
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True, slots=True)
class Pair:
    """An Info key and the XMP property (local name; namespace URIs in `spaces`) that
    must agree with it, and how the two are compared."""

    info: str
    xmp: str
    spaces: tuple[str, ...]
    kind: str = "text"   # "text", "date", "name" (Trapped), "list" (Author: dc:creator)


DC = ("http://purl.org/dc/elements/1.1/",)
XMP_NS = ("http://ns.adobe.com/xap/1.0/",)
PDF_NS = ("http://ns.adobe.com/pdf/1.3/",)
PDFX_NS = ("http://ns.adobe.com/pdfx/1.3/", "http://www.npes.org/pdfx/ns/id/")
PAIRS = (
    Pair("/Title", "title", DC), Pair("/Author", "creator", DC, "list"), Pair("/Subject", "description", DC),
    Pair("/Keywords", "Keywords", PDF_NS), Pair("/Creator", "CreatorTool", XMP_NS),
    Pair("/Producer", "Producer", PDF_NS), Pair("/CreationDate", "CreateDate", XMP_NS, "date"),
    Pair("/ModDate", "ModifyDate", XMP_NS, "date"), Pair("/Trapped", "Trapped", PDF_NS, "name"),
    Pair("/GTS_PDFXVersion", "GTS_PDFXVersion", PDFX_NS), Pair("/GTS_PDFXConformance", "GTS_PDFXConformance", PDFX_NS),
)


def xmp_packet(pdf: pikepdf.Pdf) -> ET.Element | None:
    """The parsed XMP packet of the document, or None when there is none or it is not XML."""
    metadata = pdf.Root.get("/Metadata")
    if not isinstance(metadata, pikepdf.Stream):
        return None
    try:
        return ET.fromstring(metadata.read_bytes())
    except (ET.ParseError, pikepdf.PdfError, ValueError):
        return None


def xmp_properties(root: ET.Element | None) -> dict[tuple[str, str], list[str]]:
    """(namespace URI, local name) → values of every property of the packet's
    rdf:Description elements: one value for simple properties and attributes, the
    x-default (else first) item of an rdf:Alt, every item of an rdf:Seq or rdf:Bag."""
    out: dict[tuple[str, str], list[str]] = {}
    if root is None:
        return out
    for description in root.iter(f"{RDF}Description"):
        for attribute, value in description.attrib.items():
            if attribute.startswith("{") and not attribute.startswith(RDF):
                out.setdefault(_split(attribute), [value.strip()])
        for prop in description:
            out.setdefault(_split(prop.tag), _values(prop))
    return out


def _split(tag: str) -> tuple[str, str]:
    space, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    return space, local


def _values(prop: ET.Element) -> list[str]:
    resource = prop.get(f"{RDF}resource")
    if resource is not None:
        return [resource.strip()]
    container = next((child for child in prop if child.tag in (f"{RDF}Alt", f"{RDF}Seq", f"{RDF}Bag")), None)
    if container is None:
        return ["".join(prop.itertext()).strip()]
    items = [li for li in container if li.tag == f"{RDF}li"]
    if container.tag == f"{RDF}Alt":
        default = [li for li in items if li.get(XML_LANG) == "x-default"] or items[:1]
        return ["".join(default[0].itertext()).strip()] if default else []
    return ["".join(li.itertext()).strip() for li in items]


def xmp_fields(pdf: pikepdf.Pdf) -> dict[str, str]:
    """Local name → first value of every XMP property, and "_namespaces" (the namespace
    URIs used, space-separated); {} when there is no packet."""
    root = xmp_packet(pdf)
    if root is None:
        return {}
    out = {local: (values[0] if values else "") for (_space, local), values in xmp_properties(root).items()}
    out["_namespaces"] = " ".join(sorted({e.tag.split("}")[0][1:] for e in root.iter() if "}" in e.tag}))
    return out


def info_value(pdf: pikepdf.Pdf, key: str) -> str:
    """The Info dictionary's `key` as text ("" when absent)."""
    info = pdf.trailer.get("/Info")
    value = info.get(key) if isinstance(info, pikepdf.Dictionary) else None
    return str(value) if value is not None else ""


def check_info(pdf: pikepdf.Pdf, level: PdfxVersion | None) -> list[Finding]:
    """Row 2: Title, dates, Trapped True/False, trailer ID; the XMP that X-4 needs; XMP
    and Info saying the same."""
    c = Check.INFO
    found = []
    if not info_value(pdf, "/Title").strip():
        found.append(_error(_("no Title in the Info dictionary")))
    for key in ("/CreationDate", "/ModDate"):
        if pdf_date(info_value(pdf, key)) is None:
            found.append(_error(_("no valid {key} in the Info dictionary").format(key=key[1:])))
    trapped = info_value(pdf, "/Trapped")
    if trapped not in ("/True", "/False"):
        found.append(_error(_("Trapped is {value}; PDF/X needs /True or /False").format(value=trapped)
                            if trapped else _("Trapped is missing; PDF/X needs /True or /False")))
    ids = pdf.trailer.get("/ID")
    if not isinstance(ids, pikepdf.Array) or len(ids) != 2:
        found.append(_error(_("no file identifier (trailer /ID)")))
    root = xmp_packet(pdf)
    if level is PdfxVersion.X4:
        present = {local for (_space, local), values in xmp_properties(root).items() if any(values)}
        missing = [name for name in X4_XMP if name not in present]
        if missing:
            found.append(_error(_("PDF/X-4 XMP lacks {properties}").format(properties=", ".join(missing))))
    found += [_error(m) for m in xmp_disagreements(pdf, root)]
    if not found:
        text = (_("Title, dates, Trapped {value}, trailer ID, XMP agrees with Info") if root is not None
                else _("Title, dates, Trapped {value}, trailer ID"))
        found.append(Finding(c, Severity.OK, text.format(value=trapped)))
    return found


def _error(message: str) -> Finding:
    return Finding(Check.INFO, Severity.ERROR, message)


def xmp_disagreements(pdf: pikepdf.Pdf, root: ET.Element | None) -> list[str]:
    """One message per property that Info and XMP both carry with different values."""
    if root is None:
        return []
    properties = xmp_properties(root)
    out = []
    for pair in PAIRS:
        info = info_value(pdf, pair.info)
        xmp = next((v for space in pair.spaces for v in [properties.get((space, pair.xmp))] if v is not None), None)
        if not info or xmp is None or _agree(pair.kind, info, xmp):
            continue
        shown = "; ".join(xmp) if pair.kind == "list" else (xmp[0] if xmp else "")
        out.append(_("XMP {property} '{xmp}' disagrees with Info {key} '{info}'").format(
            property=pair.xmp, xmp=_short(shown), key=pair.info[1:], info=_short(info)))
    return out


def _agree(kind: str, info: str, xmp: list[str]) -> bool:
    first = xmp[0] if xmp else ""
    if kind == "date":
        return _same_instant(pdf_date(info), xmp_date(first))
    if kind == "name":
        return info.lstrip("/").lower() == first.lower()
    if kind == "list":
        return info.strip() in {"; ".join(xmp), ", ".join(xmp), *xmp}
    return info.strip() == first.strip()


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def pdf_date(text: str) -> dt.datetime | None:
    """A PDF date string (D:YYYYMMDDHHmmSS+HH'mm') as a datetime, aware when it names
    its offset; None when it is not one."""
    match = PDF_DATE.match(text)
    return _datetime(match.groups()) if match else None


def xmp_date(text: str) -> dt.datetime | None:
    """An XMP (ISO 8601) date as a datetime, aware when it names its offset."""
    match = XMP_DATE.match(text.strip())
    return _datetime(match.groups()) if match else None


def _datetime(parts) -> dt.datetime | None:
    year, month, day, hour, minute, second, sign, off_h, off_m = parts
    try:
        zone = None
        if sign in ("Z", "z"):
            zone = dt.UTC
        elif sign:
            delta = dt.timedelta(hours=int(off_h or 0), minutes=int(off_m or 0))
            zone = dt.timezone(delta if sign == "+" else -delta)
        return dt.datetime(int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0),
                           int(second or 0), tzinfo=zone)
    except ValueError:
        return None


def _same_instant(a: dt.datetime | None, b: dt.datetime | None) -> bool:
    """Both dates valid and the same time (local fields when either names no offset)."""
    if a is None or b is None:
        return a is None and b is None
    if a.tzinfo is None or b.tzinfo is None:
        return a.replace(tzinfo=None) == b.replace(tzinfo=None)
    return a == b

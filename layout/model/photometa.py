"""A photo's own caption, credit and copyright, from the metadata written into the file
by the photographer's or the agency's tools: XMP, IPTC-IIM and EXIF.

| what      | XMP                          | IPTC-IIM                     | EXIF                      |
| --------- | ---------------------------- | ---------------------------- | ------------------------- |
| caption   | dc:description               | 2:120 Caption/Abstract       | ImageDescription (0x010E) |
| credit    | photoshop:Credit, dc:creator | 2:110 Credit, 2:80 By-line   | Artist (0x013B)           |
| copyright | dc:rights                    | 2:116 Copyright Notice       | Copyright (0x8298)        |

XMP is read first, then IPTC-IIM, then EXIF; but when the IIM block's MD5 digest (the
Photoshop resource 0x0425) does not match the block, a tool that knows no XMP changed
the IIM last, and the IIM wins over the XMP (the Metadata Working Group's rule).
The credit is the Credit Line when there is one, else the photographer's name with the
Chinese credit convention: `马强 摄`. Text in several languages (rdf:Alt) is read in
Simplified Chinese first, then the default. IIM text is UTF-8 when its record 1:90 says
so, else UTF-8 if it decodes, else GB18030 (what Chinese Windows tools write), else
Latin-1. Camera makers' placeholder descriptions ("OLYMPUS DIGITAL CAMERA") are ignored.
Line breaks become spaces (none between Chinese characters).
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from layout.i18n import _
from layout.model.encoding import looks_like_gb18030
from layout.model.schema import TextOrigin

MAX_XMP_BYTES = 2 * 1024 * 1024
MAX_TEXT = 2000  # characters: IIM allows 2,000 in a caption
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DC = "{http://purl.org/dc/elements/1.1/}"
PHOTOSHOP = "{http://ns.adobe.com/photoshop/1.0/}"
IIM_RESOURCE, IIM_DIGEST = 0x0404, 0x0425  # Photoshop image resources holding the IIM block and its MD5
IIM_UTF8 = b"\x1b%G"                         # record 1:90, coded character set ISO 2022 "UTF-8"
EXIF_TAGS = {"caption": 0x010E, "creator": 0x013B, "copyright": 0x8298}
LANGUAGES = ("zh-cn", "zh-hans", "zh", "x-default")
# what cameras write into ImageDescription when nobody wrote a caption ("OLYMPUS DIGITAL CAMERA", "SONY DSC")
CAMERA_PLACEHOLDERS = re.compile(r"^(?:[A-Z0-9 _-]* (?:DIGITAL CAMERA|DSC)|DIGITAL CAMERA|DCIM|EASYSHARE|"
                                 r"(?i:default|image|photo|picture|camera|untitled)|[A-Z]+ ?DC[0-9A-Z-]*)$")
CREDIT_SUFFIX = " 摄"  # 摄: "photographed by", after the photographer's name


@dataclass(frozen=True, slots=True)
class Embedded:
    """One text found in a photo's metadata, and where."""

    text: str = ""
    origin: TextOrigin = TextOrigin.NONE


@dataclass(frozen=True, slots=True)
class PhotoText:
    """What a photo's metadata says: caption, credit, copyright, and why some of it
    could not be read (`problems`, messages for the report; never fatal)."""

    caption: Embedded = Embedded()
    credit: Embedded = Embedded()
    copyright: Embedded = Embedded()
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Fields:
    """The fields of one kind of metadata (private)."""

    caption: str = ""
    credit: str = ""
    creator: str = ""
    copyright: str = ""


def photo_text(info: Mapping[Any, Any], exif: Mapping[int, Any]) -> PhotoText:
    """The caption, credit and copyright of a photo whose Pillow `info` and EXIF are given."""
    problems: list[str] = []
    xmp = _xmp(info.get("xmp"), problems)
    iim, iim_first = _iim(info.get("photoshop"), problems)
    exif_fields = _exif(exif)
    kinds = [(TextOrigin.IPTC, iim), (TextOrigin.XMP, xmp)] if iim_first else [(TextOrigin.XMP, xmp), (TextOrigin.IPTC, iim)]
    kinds.append((TextOrigin.EXIF, exif_fields))
    return PhotoText(caption=_first(kinds, "caption"), credit=_credit(kinds), copyright=_first(kinds, "copyright"),
                     problems=tuple(problems))


def _first(kinds: list[tuple[TextOrigin, _Fields]], name: str) -> Embedded:
    for origin, fields in kinds:
        text = getattr(fields, name)
        if text:
            return Embedded(text, origin)
    return Embedded()


def _credit(kinds: list[tuple[TextOrigin, _Fields]]) -> Embedded:
    """The Credit Line as written, else the photographer's name + 摄."""
    line = _first(kinds, "credit")
    if line.text:
        return line
    creator = _first(kinds, "creator")
    if creator.text and not creator.text.endswith("摄"):
        return Embedded(creator.text + CREDIT_SUFFIX, creator.origin)
    return creator


def clean(text: str) -> str:
    """Metadata text as one line: line breaks and tabs become a space (none between
    Chinese characters), runs of spaces one, the ends trimmed; at most MAX_TEXT characters."""
    parts = [part.strip() for part in re.split(r"[\r\n\t\u2028\u2029]+", text[:MAX_TEXT * 2])]
    out = ""
    for part in (p for p in parts if p):
        wide = out and (_wide(out[-1]) or _wide(part[0]))
        out += part if not out or wide else " " + part
    out = re.sub(r" {2,}", " ", out).strip()
    return "" if CAMERA_PLACEHOLDERS.match(out) else out[:MAX_TEXT]


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


# ------------------------------------------------------------------------------ XMP

def _xmp(raw: object, problems: list[str]) -> _Fields:
    if not raw:
        return _Fields()
    data = raw.encode("utf-8") if isinstance(raw, str) else raw if isinstance(raw, bytes) else b""
    if len(data) > MAX_XMP_BYTES:
        problems.append(_("its XMP metadata is over {most} MB and was not read").format(most=MAX_XMP_BYTES // 2 ** 20))
        return _Fields()
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # XMP has no DTD; entities could expand without end
        problems.append(_("its XMP metadata declares a DTD or entities and was not read"))
        return _Fields()
    try:
        root = ET.fromstring(data.strip(b"\0 \r\n\t"))
    except ET.ParseError as exc:
        problems.append(_("its XMP metadata is damaged ({reason}) and was not read").format(reason=exc))
        return _Fields()
    return _Fields(caption=_xmp_value(root, DC + "description"), credit=_xmp_value(root, PHOTOSHOP + "Credit"),
                   creator=_xmp_value(root, DC + "creator"), copyright=_xmp_value(root, DC + "rights"))


def _xmp_value(root: ET.Element, name: str) -> str:
    """A property of any rdf:Description: an attribute, a simple element, a language
    alternative (rdf:Alt, Chinese first) or a list (rdf:Seq / rdf:Bag, joined by spaces)."""
    for description in root.iter(RDF + "Description"):
        if name in description.attrib:
            return clean(description.attrib[name])
        element = description.find(name)
        if element is not None:
            return clean(_element_text(element))
    return ""


def _element_text(element: ET.Element) -> str:
    alt = element.find(RDF + "Alt")
    if alt is not None:
        items = {(li.get(XML_LANG) or "x-default").lower(): li.text or "" for li in alt.findall(RDF + "li")}
        chosen = next((items[lang] for lang in LANGUAGES if items.get(lang)), None)
        return chosen if chosen is not None else next(iter(items.values()), "")
    for kind in ("Seq", "Bag"):
        seq = element.find(RDF + kind)
        if seq is not None:
            return " ".join(clean(li.text or "") for li in seq.findall(RDF + "li") if (li.text or "").strip())
    return element.text or ""


# ------------------------------------------------------------------------- IPTC-IIM

def _iim(resources: object, problems: list[str]) -> tuple[_Fields, bool]:
    """The IIM fields, and whether they win over XMP (their digest does not match)."""
    if not isinstance(resources, dict) or not isinstance(resources.get(IIM_RESOURCE), bytes):
        return _Fields(), False
    block: bytes = resources[IIM_RESOURCE]
    records = iim_records(block)
    if records is None:
        problems.append(_("its IPTC metadata is damaged and was not read"))
        return _Fields(), False
    digest = resources.get(IIM_DIGEST)
    stale = isinstance(digest, bytes) and len(digest) == 16 and digest != hashlib.md5(block).digest()
    utf8 = records.get((1, 90), [b""])[0] == IIM_UTF8
    text = {key: [_iim_text(v, utf8) for v in values] for key, values in records.items()}
    fields = _Fields(caption=clean(" ".join(text.get((2, 120), []))), credit=clean(" ".join(text.get((2, 110), []))),
                     creator=clean(" ".join(text.get((2, 80), []))), copyright=clean(" ".join(text.get((2, 116), []))))
    return fields, stale


def iim_records(block: bytes) -> dict[tuple[int, int], list[bytes]] | None:
    """The datasets of an IIM block by (record, dataset), or None when it is damaged
    (IPTC-IIM 4.2 §1.5: tag 0x1C, record, dataset, a 2-byte length or an extended one)."""
    out: dict[tuple[int, int], list[bytes]] = {}
    i = 0
    while i < len(block):
        if block[i] != 0x1C:
            return out if i > 0 and not block[i:].strip(b"\0") else None  # padding after the last dataset
        if i + 5 > len(block):
            return None
        record, dataset, length = block[i + 1], block[i + 2], struct.unpack_from(">H", block, i + 3)[0]
        i += 5
        if length & 0x8000:  # extended dataset: the next (length & 0x7FFF) bytes hold the length
            size = length & 0x7FFF
            if size > 4 or i + size > len(block):
                return None
            length = int.from_bytes(block[i:i + size], "big")
            i += size
        if i + length > len(block):
            return None
        out.setdefault((record, dataset), []).append(block[i:i + length])
        i += length
    return out


def _iim_text(value: bytes, utf8: bool) -> str:
    if utf8:
        return value.decode("utf-8", errors="replace")
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if looks_like_gb18030(value):
        return value.decode("gb18030")
    return value.decode("latin-1")


# ----------------------------------------------------------------------------- EXIF

def _exif(exif: Mapping[int, Any]) -> _Fields:
    def text(tag: int) -> str:
        value = exif.get(tag)
        if isinstance(value, str) and all(ord(ch) < 256 for ch in value):
            value = value.encode("latin-1")  # Pillow reads EXIF ASCII as Latin-1; phones write UTF-8 into it
        if isinstance(value, bytes):
            value = _iim_text(value.rstrip(b"\0"), utf8=False)
        return clean(value.replace("\0", " ")) if isinstance(value, str) else ""

    return _Fields(caption=text(EXIF_TAGS["caption"]), creator=text(EXIF_TAGS["creator"]),
                   copyright=text(EXIF_TAGS["copyright"]))

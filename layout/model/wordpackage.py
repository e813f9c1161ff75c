"""Opening a Word file safely: what it is (a .docx zip, an old .doc, an encrypted file),
how big it unpacks (a zip bomb is refused before anything is inflated), and its parts
(styles, numbering, comments, footnotes, endnotes, headers and footers) as XML trees.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from layout.errors import Diagnostic
from layout.i18n import N_, _

MAX_DOCX_BYTES = 64 * 1024 * 1024        # a long feature with photos is a few MB
MAX_UNPACKED_BYTES = 256 * 1024 * 1024   # every part inflated
MAX_PARTS = 5_000
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003 .doc, WPS .wps, and every encrypted Office file
STRICT = b"purl.oclc.org/ooxml/wordprocessingml"
RESAVE = N_("open it in Word or WPS and save it again as a Word document (.docx)")
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def package_problem(file: Path, display: Path) -> Diagnostic | None:
    """Why `file` cannot be opened as a Word document, or None."""
    try:
        size = file.stat().st_size
        with file.open("rb") as stream:
            head = stream.read(8)
    except OSError as exc:
        return Diagnostic(display, 0, "", _("cannot read the file ({reason})").format(reason=exc.strerror or exc),
                          _("check its permissions"))
    if size > MAX_DOCX_BYTES:
        return Diagnostic(display, 0, "", _("the Word file is {size:.0f} MB; at most {most} MB").format(
            size=size / 1e6, most=MAX_DOCX_BYTES // 2 ** 20), _("take the pictures out of the file and give them as photo files"))
    if head == OLE2:
        return Diagnostic(display, 0, "", _("this is an old Word 97–2003 (.doc) or WPS file, or a password-protected one"),
                          _("remove the password and save it as a Word document (.docx)"))
    if not head.startswith(b"PK"):
        return Diagnostic(display, 0, "", _("this is not a Word document (.docx): it is not a zip package"), _(RESAVE))
    return _zip_problem(file, display)


def _zip_problem(file: Path, display: Path) -> Diagnostic | None:
    try:
        with zipfile.ZipFile(file) as archive:
            parts = archive.infolist()
            unpacked = sum(part.file_size for part in parts)
            main = next((p for p in parts if p.filename == "word/document.xml"), None)
            head = archive.open(main).read(4096) if main is not None and len(parts) <= MAX_PARTS \
                and unpacked <= MAX_UNPACKED_BYTES else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        return Diagnostic(display, 0, "", _("the Word file is damaged ({reason})").format(reason=exc), _(RESAVE))
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
        return Diagnostic(display, 0, "", _("the Word file unpacks to {size:.0f} MB in {n} parts; at most {most} MB").format(
            size=unpacked / 1e6, n=len(parts), most=MAX_UNPACKED_BYTES // 2 ** 20), _(RESAVE))
    if main is None:
        return Diagnostic(display, 0, "", _("this zip file holds no Word document (no word/document.xml)"), _(RESAVE))
    if STRICT in head:
        return Diagnostic(display, 0, "", _("the Word file is saved as “Strict Open XML”, which cannot be read"),
                          _("save it as a Word document (.docx), not Strict Open XML"))
    return None


class DamagedPart(ValueError):
    """A part of the Word file is not well-formed XML (its name and the parser's reason)."""


def related_parts(document: Any, kind: str) -> list[Any]:
    """The XML roots of the main document's parts of relationship `kind` (e.g.
    "footnotes", "comments", "header"), in the order of their relationship ids.
    Raises DamagedPart for a part that is not well-formed XML."""
    from docx.oxml import parse_xml
    from lxml import etree

    out = []
    rels = document.part.rels
    for rel_id in sorted(rels, key=_rel_order):
        rel = rels[rel_id]
        if rel.is_external or rel.reltype != REL + kind:
            continue
        part = rel.target_part
        element = getattr(part, "element", None)
        try:
            out.append(element if element is not None else parse_xml(part.blob))
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise DamagedPart(f"{part.partname}: {exc}") from None
    return out


def _rel_order(rel_id: str) -> tuple[int, str]:
    digits = "".join(ch for ch in rel_id if ch.isdigit())
    return (int(digits) if digits else 0, rel_id)


def open_document(file: Path, display: Path) -> Any | Diagnostic:
    """The python-docx Document of `file` (checked by package_problem first), or why not."""
    problem = package_problem(file, display)
    if problem is not None:
        return problem
    try:
        import docx

        return docx.Document(str(file))
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged package
        return Diagnostic(display, 0, "", _("the Word file is damaged ({reason})").format(
            reason=f"{type(exc).__name__}: {exc}"), _(RESAVE))

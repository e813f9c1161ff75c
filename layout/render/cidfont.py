"""Each TrueType face embedded once per page: a CID-keyed Type 0 font, Identity-H.

ReportLab embeds a TrueType font as simple fonts of 256 glyphs each, so a CJK page needs
several subsets per face and switches font (`/F3+0 9 Tf … /F3+1 9 Tf …`) inside every
line: on the seed page 3,300 text pieces for 960 runs. `IdentityFont` is a ReportLab
`TTFont` that gives each character of a document a two-byte code instead (CID 1, 2, …
in order of first use; 0 is .notdef) and writes one Type 0 font per face and page
(PDF 32000-1 §9.7: Type 0 font, Encoding /Identity-H, a CIDFontType2 descendant with
the glyphs of the characters used, their widths in /W, /CIDToGIDMap, and a ToUnicode
CMap so text can be searched and read back). The glyph subset is ReportLab's own
(`TTFontFile.makeSubset`), which numbers glyphs in the order of the characters given.
Widths for layout stay ReportLab's (`stringWidth`); only what goes into the file changes.
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from weakref import WeakKeyDictionary

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, SUBSETN, TTFont

NOTDEF = b"\x00\x00"
MAX_CID = 0xFFFF
BFCHAR_BLOCK = 100   # entries per beginbfchar … endbfchar (the CMap limit)


def register(font: TTFont) -> IdentityFont:
    """Register `font`'s face, written the Identity-H way, under `font.fontName`.
    ReportLab would give a name whose face name (e.g. NotoSerifCJKsc-Regular) it has
    seen before the font registered first — another file's glyphs, or a plain TTFont —
    so the name is bound to this font whatever was registered before."""
    identity = IdentityFont.around(font)
    pdfmetrics.registerFont(identity)
    if pdfmetrics.getFont(font.fontName) is not identity:
        pdfmetrics._fonts[font.fontName] = identity   # no public way past the face-name alias
    return identity


class _FastFlate:
    """Deflate at level 1 for font programs: glyph outlines compress little better at
    ReportLab's default level 6 (≈ 5 % smaller) for twice the time."""

    pdfname = "FlateDecode"

    def encode(self, data):
        return zlib.compress(data if isinstance(data, bytes) else data.encode("utf-8"), 1)

    def decode(self, encoded):
        return zlib.decompress(encoded)


FAST_FLATE = _FastFlate()


class _Used:
    """The characters one document shows in one face (private, grows while drawing):
    `codes` character → its two-byte code, `chars` CID → Unicode code point."""

    __slots__ = ("codes", "chars", "internal")

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}
        self.chars: list[int] = [0]
        self.internal: str | None = None


class IdentityFont(TTFont):
    """A TrueType face written as a Type 0 font with Identity-H (see the module)."""

    @classmethod
    def around(cls, font: TTFont) -> IdentityFont:
        """The same parsed face and name as `font`, written the Identity-H way."""
        new = cls.__new__(cls)
        new.__dict__.update(font.__dict__)
        new.state = WeakKeyDictionary()
        new.shapable = False   # text is given as plain str, never pre-shaped
        return new

    def _used(self, doc) -> _Used:
        used = self.state.get(doc)
        if used is None:
            used = self.state[doc] = _Used()
        return used

    def splitString(self, text, doc, encoding="utf-8"):
        """`text` as one piece: [(0, its two-byte codes)] (ReportLab's subset protocol)."""
        if not isinstance(text, str):
            text = text.decode(encoding)
        used = self._used(doc)
        codes = used.codes
        try:
            return [(0, b"".join([codes[char] for char in text]))]
        except KeyError:
            for char in text:
                if char not in codes:
                    codes[char] = self._assign(used, char)
            return [(0, b"".join([codes[char] for char in text]))]

    def _assign(self, used: _Used, char: str) -> bytes:
        """The next CID for `char` (.notdef for a character the face lacks)."""
        point = ord(char)
        if point not in self.face.charToGlyph:
            return NOTDEF
        if len(used.chars) > MAX_CID:
            raise ValueError(f"font {self.fontName}: more than {MAX_CID} characters in one file")
        used.chars.append(point)
        return (len(used.chars) - 1).to_bytes(2, "big")

    def getSubsetInternalName(self, subset, doc):
        """The resource name of the page's one font of this face, e.g. "/F3+0"."""
        used = self._used(doc)
        if used.internal is None:
            used.internal = f"F{len(doc.fontMapping) + 1}"
            doc.fontMapping[self.fontName] = "/" + used.internal
            doc.delayedFonts.append(self)
        return f"/{used.internal}+0"

    def addObjects(self, doc):
        """Write the Type 0 font, its CIDFont, subset program, widths and ToUnicode."""
        used = self._used(doc)
        internal = self.getSubsetInternalName(0, doc)[1:]
        face = self.face
        base = b"".join((SUBSETN(0), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
        points = used.chars[1:]
        descriptor = _subset_objects(doc, face, base, points)   # makeSubset(points): glyphs in this order
        cid_font = pdfdoc.PDFDictionary({
            "Type": "/Font", "Subtype": "/CIDFontType2", "BaseFont": pdfdoc.PDFName(base),
            "CIDSystemInfo": pdfdoc.PDFDictionary({"Registry": pdfdoc.PDFString("Adobe"),
                                                   "Ordering": pdfdoc.PDFString("Identity"), "Supplement": 0}),
            "FontDescriptor": descriptor, "DW": _width(face.defaultWidth),
            "W": pdfdoc.PDFArray(widths([face.getCharWidth(p) for p in points])),
            "CIDToGIDMap": _cid_to_gid(doc, internal, glyph_ids(face.charToGlyph, points)),
        })
        type0 = pdfdoc.PDFDictionary({
            "Type": "/Font", "Subtype": "/Type0", "BaseFont": pdfdoc.PDFName(base), "Encoding": "/Identity-H",
            "DescendantFonts": pdfdoc.PDFArray([doc.Reference(cid_font, f"cidFont:{internal}")]),
            "ToUnicode": doc.Reference(_stream(doc, to_unicode(points).encode("ascii")), f"toUnicode:{internal}"),
        })
        doc.idToObject["BasicFonts"].dict[internal] = doc.Reference(type0, internal)


SUBSETS = 8  # font programs kept by content (a page's faces, twice): a page drawn again with its characters
_PROGRAMS: OrderedDict[tuple, tuple[bytes, bytes]] = OrderedDict()


def subset_program(face, points: list[int]) -> tuple[bytes, bytes]:
    """The face's glyph program for the characters `points` (ReportLab's `makeSubset`,
    glyphs in the order of `points`) and it deflated at level 1 (FAST_FLATE): made once
    for the same font file's content, face and characters in order, so a page drawn
    again after an edit that brings no new character (a warm rebuild) does not subset
    and compress its faces again (≈ 15 ms a page). The last SUBSETS are kept."""
    key = (face.filename, face.subfontNameX, tuple(points))  # "PATH#paiban-SHA256…": the file's content
    known = _PROGRAMS.get(key)
    if known is not None:
        _PROGRAMS.move_to_end(key)
        return known
    program = face.makeSubset(points)
    made = (program, FAST_FLATE.encode(program))
    _PROGRAMS[key] = made
    if len(_PROGRAMS) > SUBSETS:
        _PROGRAMS.popitem(last=False)
    return made


class _Deflated:
    """A filter whose output is known already: the deflated program `subset_program`
    made with the program (FlateDecode, as FAST_FLATE)."""

    pdfname = "FlateDecode"

    def __init__(self, program: bytes, deflated: bytes):
        self.program, self.deflated = program, deflated

    def encode(self, data):
        return self.deflated if data is self.program else FAST_FLATE.encode(data)

    def decode(self, encoded):
        return zlib.decompress(encoded)


def _subset_objects(doc, face, base: str, points: list[int]):
    """The subset font program of `points` and its font descriptor added to `doc`, as
    ReportLab's `TTFontFace.addSubsetObjects` adds them (a TrueType FontFile2, symbolic),
    the program from `subset_program`; a reference to the descriptor."""
    program, deflated = subset_program(face, points)
    stream = pdfdoc.PDFStream()
    stream.content = program
    stream.dictionary["Length1"] = len(program)
    if doc.compression:
        stream.filters = [_Deflated(program, deflated)]
    reference = doc.Reference(stream, f"fontFile:{face.filename}({base})")
    descriptor = pdfdoc.PDFDictionary({
        "Type": "/FontDescriptor", "Ascent": face.ascent, "CapHeight": face.capHeight, "Descent": face.descent,
        "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC, "FontBBox": pdfdoc.PDFArray(face.bbox),
        "FontName": pdfdoc.PDFName(base), "ItalicAngle": face.italicAngle, "StemV": face.stemV,
        "FontFile2": reference, "MissingWidth": face.defaultWidth})
    return doc.Reference(descriptor, "fontDescriptor:" + base)


def glyph_ids(char_to_glyph: dict[int, int], points: list[int]) -> list[int]:
    """The subset's glyph id of CID 0, 1, 2, … as makeSubset numbers them: .notdef 0, then
    each new original glyph in the order of `points` (CIDs 1…), shared glyphs shared."""
    numbered = {0: 0}
    out = [0]
    for point in points:
        original = char_to_glyph.get(point, 0)
        if original not in numbered:
            numbered[original] = len(numbered)
        out.append(numbered[original])
    return out


def widths(values: list[float]) -> list:
    """The /W array for CIDs 1…: runs of one width as `first last w`, in glyph units."""
    out: list = []
    start = 0
    while start < len(values):
        end = start
        while end + 1 < len(values) and values[end + 1] == values[start]:
            end += 1
        out += [start + 1, end + 1, _width(values[start])]
        start = end + 1
    return out


def _width(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 3)


def to_unicode(points: list[int]) -> str:
    """A ToUnicode CMap from two-byte codes (CID 1, 2, …) to the characters `points`."""
    entries = [f"<{cid:04X}> <{_utf16(point)}>" for cid, point in enumerate(points, start=1)]
    blocks = []
    for i in range(0, len(entries), BFCHAR_BLOCK):
        chunk = entries[i:i + BFCHAR_BLOCK]
        blocks.append(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar")
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
        "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange", *blocks,
        "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"])


def _utf16(point: int) -> str:
    return f"{point:04X}" if point < 0x10000 else chr(point).encode("utf-16-be").hex().upper()


def _cid_to_gid(doc, internal: str, gids: list[int]):
    """/Identity when every CID is its glyph id, else the two-byte map as a stream."""
    if all(gid == cid for cid, gid in enumerate(gids)):
        return "/Identity"
    data = b"".join(gid.to_bytes(2, "big") for gid in gids)
    return doc.Reference(_stream(doc, data), f"cidToGid:{internal}")


def _stream(doc, data: bytes):
    stream = pdfdoc.PDFStream()
    stream.content = data
    if doc.compression:
        stream.filters = [pdfdoc.PDFZCompress]
    return stream

"""Subset tags by content: `ABCDEF+FontName` names one subset of a font, and distinct
subsets must carry distinct tags (PDF 1.4 §5.5.3, "Font subsets"). ReportLab numbers
its subsets per font and file (AAAAAA, AAAAAB, …), so one page has AAAAAA+ for several
faces and the whole-issue file, joining pages, has one name for many different font
programs — which trips a plant's font handling. Here every embedded subset is renamed
after a hash of its font program: the same subset gets the same tag in every file,
different subsets different tags, and rebuilds stay byte-identical.
"""

from __future__ import annotations

import hashlib

import pikepdf
from pikepdf import Name

TAG_LENGTH = 6
PROGRAMS = ("/FontFile", "/FontFile2", "/FontFile3")


def tag_for(program: bytes, salt: int = 0) -> str:
    """Six capital letters derived from the font program's bytes."""
    number = int.from_bytes(hashlib.sha256(program + bytes([salt]) * (salt > 0)).digest()[:8], "big")
    letters = []
    for _ in range(TAG_LENGTH):
        number, index = divmod(number, 26)
        letters.append(chr(ord("A") + index))
    return "".join(letters)


def retag_subsets(pdf: pikepdf.Pdf, tagged: bool = False, taken: dict[str, bytes] | None = None) -> int:
    """Rename every embedded subset font of `pdf` after its program; returns how many.
    A tag already taken by a different program (a hash collision) is salted until free;
    `taken` (tag → SHA-256 of the program) carries the tags given across several files
    that end up in one (layout/render/merge.py). `tagged`: the fonts come from files
    renamed so before: when no tag names two different programs (their stored bytes
    compared, no program read and hashed) they keep their names, as in those files."""
    fonts = _subset_fonts(pdf)
    if tagged and _distinct(fonts):
        return 0
    taken = {} if taken is None else taken
    count = 0
    for font in fonts:
        descriptor = _descriptor(font)
        program = _program(descriptor)
        if program is None:
            continue
        salt = 0
        tag = tag_for(program)
        digest = hashlib.sha256(program).digest()
        while taken.get(tag, digest) != digest:
            salt += 1
            tag = tag_for(program, salt)
        taken[tag] = digest
        base = str(font.BaseFont)[1:].split("+", 1)[1]
        font.BaseFont = Name("/" + f"{tag}+{base}")
        descriptor.FontName = Name("/" + f"{tag}+{base}")
        count += 1
    _follow_descendants(pdf)
    return count


def _subset_fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every simple or CID font object named `XXXXXX+…` (not Type 0 fonts: they take
    their descendant's name, `_follow_descendants`)."""
    return [obj for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == Name.Font and "/BaseFont" in obj
            and obj.get("/Subtype") != Name.Type0 and _is_subset(str(obj.BaseFont))]


def _distinct(fonts: list[pikepdf.Dictionary]) -> bool:
    """Whether every tag among `fonts` names one program (compared as stored: the same
    program is stored as the same bytes by the same writer)."""
    seen: dict[str, bytes] = {}
    return all(seen.setdefault(tag, digest) == digest for tag, digest in _stored(fonts))


def stored_tags(pdf: pikepdf.Pdf) -> list[tuple[str, bytes]]:
    """(tag, SHA-256 of the program's stored bytes) of every embedded subset font of
    `pdf`: two files' fonts may share a file when no tag has two digests."""
    return list(_stored(_subset_fonts(pdf)))


def _stored(fonts: list[pikepdf.Dictionary]):
    for font in fonts:
        stream = _program_stream(_descriptor(font))
        if stream is not None:
            yield str(font.BaseFont)[1:1 + TAG_LENGTH], hashlib.sha256(stream.read_raw_bytes()).digest()


def _program_stream(descriptor):
    if descriptor is None:
        return None
    return next((descriptor[key] for key in PROGRAMS if key in descriptor), None)


def _follow_descendants(pdf: pikepdf.Pdf) -> None:
    """A Type 0 font repeats its descendant CIDFont's name."""
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Subtype") == Name.Type0 and "/DescendantFonts" in obj:
            descendant = obj.DescendantFonts[0]
            if "/BaseFont" in descendant:
                obj.BaseFont = descendant.BaseFont


def _is_subset(base: str) -> bool:
    name = base.lstrip("/")
    return len(name) > TAG_LENGTH + 1 and name[TAG_LENGTH] == "+" and name[:TAG_LENGTH].isupper() \
        and name[:TAG_LENGTH].isalpha()


def _descriptor(font: pikepdf.Dictionary):
    return font.get("/FontDescriptor")


def _program(descriptor) -> bytes | None:
    """The embedded font program's bytes, None when the font is not embedded."""
    stream = _program_stream(descriptor)
    return stream.read_bytes() if stream is not None else None

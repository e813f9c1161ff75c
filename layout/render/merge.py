"""The whole-issue PDF: the finished page PDFs joined in order, so every page of the
issue file is byte for byte the page the plant gets (its content, fonts and images
copied as stored, never drawn or compressed again); finished as PDF/X like the pages
(layout/render/pdfx.py: Info, one output intent, XMP, a deterministic trailer /ID; each
page keeps its own boxes).

The file is written as the pages are read, one page file open at a time: each page's
objects are renumbered, written and forgotten, and the page file closed before the next
is opened, so memory does not grow with the page count. (qpdf, joining the documents
itself, holds every page's stream data until the joined file is saved: ≈ 0.6 MiB a
page, 60 MiB for 96 pages.) Objects are serialized by qpdf (`unparse`); only their
references are renumbered here. What the plain writer leaves out of the source files:
their catalog, page tree and metadata (the issue has its own), and on each page what
`finish_page` removes.
"""

from __future__ import annotations

import hashlib
import io
import re
import zlib
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

import pikepdf
from pikepdf import Name

from layout.render.pdfx import PDF_VERSION, PdfxSpec, finish_page, plain, set_document
from layout.render.subsets import retag_subsets, stored_tags

# A token of unparsed PDF syntax that may hold "N G R" inside it (a literal string — qpdf
# escapes its parentheses —, a hex string, a name), or an indirect reference (groups 1, 2).
TOKEN = re.compile(rb"\((?:[^\\)]|\\.)*\)|<[0-9A-Fa-f\s]*>|/[^\s/\[\]()<>{}%]*|(?<![\d.])(\d+) (\d+) R", re.DOTALL)
BINARY = b"%\xbf\xf7\xa2\xfe\n"  # the comment after the header that marks the file as binary (as qpdf writes it)


def merge_pdfs(parts: Sequence[bytes | Path], spec: PdfxSpec, target: Path | None = None) -> bytes | None:
    """One PDF/X file holding every page of `parts` (PDF bytes or files), in order:
    written to `target` when given (returns None), else returned as bytes. The parts are
    PDF/X files paiban finished: their fonts keep the tags they have when no tag names
    two programs (else every subset is named again, one tag per program)."""
    if target is None:
        out = io.BytesIO()
        _merge(parts, spec, out)
        return out.getvalue()
    with open(target, "wb") as file:
        _merge(parts, spec, file)
    return None


def _merge(parts: Sequence[bytes | Path], spec: PdfxSpec, out: BinaryIO) -> None:
    """Write the joined file to `out`: keeping the fonts' tags, and when two programs
    turn out to share a tag, once more from the start with every subset named again."""
    if not _write(parts, spec, out, rename=False):
        out.seek(0)
        out.truncate()
        _write(parts, spec, out, rename=True)


def _write(parts: Sequence[bytes | Path], spec: PdfxSpec, out: BinaryIO, rename: bool) -> bool:
    """The joined file written to `out`; False (stopped part way) when, not `rename`, a
    tag names two different font programs across the parts."""
    writer = Writer(out, PDF_VERSION[spec.version])
    catalog, tree = writer.reserve(), writer.reserve()
    seen: dict[str, bytes] = {}    # tag → the stored program's digest (keeping the tags)
    taken: dict[str, bytes] = {}   # tag → the program's digest (naming again)
    kids: list[int] = []
    for part in parts:
        with pikepdf.open(part if isinstance(part, Path) else io.BytesIO(part)) as source:
            if rename:
                retag_subsets(source, taken=taken)
            elif any(seen.setdefault(tag, digest) != digest for tag, digest in stored_tags(source)):
                return False
            for page in source.pages:
                kids.append(writer.page(source, page, tree, spec))
    with pikepdf.new() as frame:  # the issue's own catalog, Info, output intent and XMP
        set_document(frame, spec)
        info = writer.document(frame, catalog, tree)
    writer.put(tree, b"<< /Count %d /Kids [ %s ] /Type /Pages >>" % (len(kids), b" ".join(b"%d 0 R" % k for k in kids)))
    writer.finish(catalog, info)
    return True


class Writer:
    """A PDF file written object by object to `out` (no object streams, a classic xref
    table), each object numbered in the order it is first referred to; the trailer /ID
    is the MD5 of everything written before it, so the same input gives the same file."""

    def __init__(self, out: BinaryIO, version: str):
        self.out, self.md5 = out, hashlib.md5()
        self.offsets: dict[int, int] = {}
        self.count, self.position = 0, 0
        self._emit(b"%PDF-" + version.encode() + b"\n" + BINARY)

    def _emit(self, data: bytes) -> None:
        self.out.write(data)
        self.md5.update(data)
        self.position += len(data)

    def reserve(self) -> int:
        """A new object number (its object written later, with `put`)."""
        self.count += 1
        return self.count

    def put(self, number: int, body: bytes, data: bytes | None = None) -> None:
        """Object `number`: `body` (PDF syntax) and, for a stream, its stored `data`."""
        self.offsets[number] = self.position
        stream = b"" if data is None else b"\nstream\n" + data + b"\nendstream"
        self._emit(b"%d 0 obj\n" % number + body + stream + b"\nendobj\n")

    def page(self, source: pikepdf.Pdf, page: pikepdf.Page, tree: int, spec: PdfxSpec) -> int:
        """`page` of `source` and everything it refers to written, under the page tree
        `tree`; its object number. (What the page inherits from its page tree, qpdf has
        made its own when it listed the pages.)"""
        finish_page(page, spec.boxes)
        if "/Parent" in page.obj:
            del page.obj["/Parent"]
        copy = Copy(self, source)
        number = copy.number(page.obj.objgen, queue=False)
        self.put(number, copy.renumber(page.obj.unparse(resolved=True))[:-2] + b"/Parent %d 0 R >>" % tree)
        copy.drain()
        return number

    def document(self, frame: pikepdf.Pdf, catalog: int, tree: int) -> int:
        """The catalog (number `catalog`, its page tree `tree`) and Info of `frame`
        written with what they refer to; the Info's number."""
        copy = Copy(self, frame)
        copy.numbers[frame.Root.objgen], copy.numbers[frame.Root.Pages.objgen] = catalog, tree
        self.put(catalog, copy.renumber(frame.Root.unparse(resolved=True)))
        info = copy.number(frame.trailer.Info.objgen)
        copy.drain()
        return info

    def finish(self, catalog: int, info: int) -> None:
        """The xref table and the trailer."""
        xref = self.position
        ident = self.md5.hexdigest().encode()
        table = b"".join(b"%010d 00000 n \n" % self.offsets[n] for n in range(1, self.count + 1))
        self._emit(b"xref\n0 %d\n0000000000 65535 f \n" % (self.count + 1) + table)
        self._emit(b"trailer << /ID [ <%s> <%s> ] /Info %d 0 R /Root %d 0 R /Size %d >>\nstartxref\n%d\n%%%%EOF\n"
                   % (ident, ident, info, catalog, self.count + 1, xref))


class Copy:
    """The objects of one source file written through `writer`: each numbered anew when
    first referred to, and written once (`drain`)."""

    def __init__(self, writer: Writer, source: pikepdf.Pdf):
        self.writer, self.source = writer, source
        self.numbers: dict[tuple[int, int], int] = {}
        self.queue: deque[tuple[int, int]] = deque()

    def number(self, objgen: tuple[int, int], queue: bool = True) -> int:
        """The new number of the source's object `objgen` (to be written, if `queue`)."""
        if objgen not in self.numbers:
            self.numbers[objgen] = self.writer.reserve()
            if queue:
                self.queue.append(objgen)
        return self.numbers[objgen]

    def renumber(self, text: bytes) -> bytes:
        """Unparsed PDF syntax with every reference to a source object renumbered."""
        return TOKEN.sub(lambda m: b"%d 0 R" % self.number((int(m[1]), int(m[2]))) if m[1] else m[0], text)

    def drain(self) -> None:
        """Write every object referred to so far, and what they refer to."""
        while self.queue:
            objgen = self.queue.popleft()
            self._write(self.numbers[objgen], self.source.get_object(objgen))

    def _write(self, number: int, obj: pikepdf.Object) -> None:
        if not isinstance(obj, pikepdf.Stream):
            self.writer.put(number, self.renumber(obj.unparse(resolved=True)))
            return
        data = obj.read_raw_bytes()
        if plain(obj):  # as layout.render.pdfx.compress_plain_streams
            data = zlib.compress(data)
            obj.stream_dict.Filter = Name.FlateDecode
        obj.stream_dict.Length = len(data)
        self.writer.put(number, self.renumber(obj.stream_dict.unparse(resolved=True)), data)

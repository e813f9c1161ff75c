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
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pikepdf
from pikepdf import Name

from layout.cachefiles import file_digest
from layout.render.pdfx import PDF_VERSION, PdfxSpec, finish_page, plain, set_document
from layout.render.subsets import retag_subsets, stored_tags

# A token of unparsed PDF syntax that may hold "N G R" inside it (a literal string — qpdf
# escapes its parentheses —, a hex string, a name), or an indirect reference (groups 1, 2).
TOKEN = re.compile(rb"\((?:[^\\)]|\\.)*\)|<[0-9A-Fa-f\s]*>|/[^\s/\[\]()<>{}%]*|(?<![\d.])(\d+) (\d+) R", re.DOTALL)
BINARY = b"%\xbf\xf7\xa2\xfe\n"  # the comment after the header that marks the file as binary (as qpdf writes it)


def merge_pdfs(parts: Sequence[bytes | Path], spec: PdfxSpec, memo: MergeMemo | None = None) -> bytes:
    """One PDF/X file holding every page of `parts` (PDF bytes or files), in order, as
    bytes (`write_merged` writes it to a file). The parts are PDF/X files paiban
    finished: their fonts keep the tags they have when no tag names two programs (else
    every subset is named again, one tag per program). With `memo` (a warm builder's), a
    page file merged before is copied from what was written then, without being opened:
    the same bytes."""
    out = io.BytesIO()
    _merge(parts, spec, out, memo, None)
    return out.getvalue()


def write_merged(parts: Sequence[bytes | Path], spec: PdfxSpec, target: Path, memo: MergeMemo | None = None,
                 digests: Sequence[str] | None = None) -> str:
    """`merge_pdfs` written to `target`; the SHA-256 (hex) of the file written, found as
    it is written (the manifest's, with no second reading of the file). `digests`, when
    given, are the SHA-256 of the part files (known from writing them), so the memo
    finds the parts without reading them."""
    with open(target, "wb") as file:
        return _merge(parts, spec, file, memo, digests)


def _merge(parts: Sequence[bytes | Path], spec: PdfxSpec, out: BinaryIO, memo: MergeMemo | None,
           digests: Sequence[str] | None) -> str:
    """Write the joined file to `out`: keeping the fonts' tags, and when two programs
    turn out to share a tag, once more from the start with every subset named again;
    the SHA-256 (hex) of what was written."""
    done = _write(parts, spec, out, False, memo, digests)
    if done is None:
        out.seek(0)
        out.truncate()
        done = _write(parts, spec, out, True, None, None)
        if done is None:
            raise RuntimeError("naming every font subset again left a tag naming two programs")
    return done


def _write(parts: Sequence[bytes | Path], spec: PdfxSpec, out: BinaryIO, rename: bool,
           memo: MergeMemo | None, digests: Sequence[str] | None) -> str | None:
    """The joined file written to `out`, and its SHA-256 (hex); None (stopped part way)
    when, not `rename`, a tag names two different font programs across the parts."""
    writer = Writer(out, PDF_VERSION[spec.version])
    catalog, tree = writer.reserve(), writer.reserve()
    seen: dict[str, bytes] = {}    # tag → the stored program's digest (keeping the tags)
    taken: dict[str, bytes] = {}   # tag → the program's digest (naming again)
    kids: list[int] = []
    used: dict[tuple, _Part] = {}
    for i, part in enumerate(parts):
        key = (digests[i] if digests is not None else file_digest(part), repr(spec.boxes)) \
            if memo is not None and isinstance(part, Path) else None
        known = memo.parts.get(key) if memo is not None and key is not None else None
        if key is not None and known is not None:
            if any(seen.setdefault(tag, digest) != digest for tag, digest in known.tags):
                return None
            kids += [writer.replay(page, tree) for page in known.pages]
            used[key] = known
            continue
        with pikepdf.open(part if isinstance(part, Path) else io.BytesIO(part)) as source:
            tags: tuple[tuple[str, bytes], ...] = ()
            if rename:
                retag_subsets(source, taken=taken)
            else:
                tags = tuple(stored_tags(source))
                if any(seen.setdefault(tag, digest) != digest for tag, digest in tags):
                    return None
            pages = []
            for page in source.pages:
                number, objects = writer.page(source, page, tree, spec)
                kids.append(number)
                pages.append(objects)
            if key is not None:
                used[key] = _Part(tags, tuple(pages))
    if memo is not None:
        memo.parts = used  # the pages of this issue: a page replaced since is forgotten
    with pikepdf.new() as frame:  # the issue's own catalog, Info, output intent and XMP
        set_document(frame, spec)
        info = writer.document(frame, catalog, tree)
    writer.put(tree, b"<< /Count %d /Kids [ %s ] /Type /Pages >>" % (len(kids), b" ".join(b"%d 0 R" % k for k in kids)))
    return writer.finish(catalog, info)


class Writer:
    """A PDF file written object by object to `out` (no object streams, a classic xref
    table), each object numbered in the order it is first referred to; the trailer /ID
    is the first 16 bytes of the SHA-256 of everything written before it, so the same
    input gives the same file; the same running hash, on to the end, is the file's."""

    def __init__(self, out: BinaryIO, version: str):
        self.out, self.sha256 = out, hashlib.sha256()
        self.offsets: dict[int, int] = {}
        self.count, self.position = 0, 0
        self._emit(b"%PDF-" + version.encode() + b"\n" + BINARY)

    def _emit(self, data: bytes) -> None:
        self.out.write(data)
        self.sha256.update(data)
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

    def page(self, source: pikepdf.Pdf, page: pikepdf.Page, tree: int,
             spec: PdfxSpec) -> tuple[int, tuple[_Object, ...]]:
        """`page` of `source` and everything it refers to written, under the page tree
        `tree`: its object number and the objects as written (for `replay`). (What the
        page inherits from its page tree, qpdf has made its own when it listed the pages.)"""
        finish_page(page, spec.boxes)
        if "/Parent" in page.obj:
            del page.obj["/Parent"]
        copy = Copy(self, source, tree)
        number = copy.number(page.obj.objgen, queue=False)
        chunks, refs = copy.split(page.obj.unparse(resolved=True)[:-2])
        copy.record(number, chunks[:-1] + (chunks[-1] + b"/Parent ", b" >>"), refs + (tree,), None)
        copy.drain()
        return number, tuple(copy.written)

    def replay(self, objects: tuple[_Object, ...], tree: int) -> int:
        """A page's objects as `page` wrote them before, numbered from the next free
        number on (as they were then, from theirs); the page's number."""
        base = self.count + 1
        self.count += len(objects)
        for i, obj in enumerate(objects):
            numbers = [tree if ref == TREE else base + ref for ref in obj.refs]
            self.put(base + i, _joined(obj.chunks, numbers), obj.data)
        return base

    def document(self, frame: pikepdf.Pdf, catalog: int, tree: int) -> int:
        """The catalog (number `catalog`, its page tree `tree`) and Info of `frame`
        written with what they refer to; the Info's number."""
        copy = Copy(self, frame)
        copy.numbers[frame.Root.objgen], copy.numbers[frame.Root.Pages.objgen] = catalog, tree
        self.put(catalog, copy.renumber(frame.Root.unparse(resolved=True)))
        info = copy.number(frame.trailer.Info.objgen)
        copy.drain()
        return info

    def finish(self, catalog: int, info: int) -> str:
        """The xref table and the trailer; the SHA-256 (hex) of the whole file."""
        xref = self.position
        ident = self.sha256.copy().hexdigest()[:32].encode()
        table = b"".join(b"%010d 00000 n \n" % self.offsets[n] for n in range(1, self.count + 1))
        self._emit(b"xref\n0 %d\n0000000000 65535 f \n" % (self.count + 1) + table)
        self._emit(b"trailer << /ID [ <%s> <%s> ] /Info %d 0 R /Root %d 0 R /Size %d >>\nstartxref\n%d\n%%%%EOF\n"
                   % (ident, ident, info, catalog, self.count + 1, xref))
        return self.sha256.hexdigest()


class Copy:
    """The objects of one source file written through `writer`: each numbered anew when
    first referred to, and written once (`drain`)."""

    def __init__(self, writer: Writer, source: pikepdf.Pdf, tree: int = 0):
        self.writer, self.source, self.tree = writer, source, tree
        self.numbers: dict[tuple[int, int], int] = {}
        self.queue: deque[tuple[int, int]] = deque()
        self.written: list[_Object] = []  # in number order, from the first (the page)
        self.first = 0

    def number(self, objgen: tuple[int, int], queue: bool = True) -> int:
        """The new number of the source's object `objgen` (to be written, if `queue`)."""
        if objgen not in self.numbers:
            self.numbers[objgen] = self.writer.reserve()
            if queue:
                self.queue.append(objgen)
        return self.numbers[objgen]

    def renumber(self, text: bytes) -> bytes:
        """Unparsed PDF syntax with every reference to a source object renumbered."""
        chunks, refs = self.split(text)
        return _joined(chunks, refs)

    def split(self, text: bytes) -> tuple[tuple[bytes, ...], tuple[int, ...]]:
        """Unparsed PDF syntax as the text around its references and the new numbers of
        the objects they refer to (one chunk more than references)."""
        chunks, refs, at = [], [], 0
        for m in TOKEN.finditer(text):
            if m[1]:
                chunks.append(text[at:m.start()])
                refs.append(self.number((int(m[1]), int(m[2]))))
                at = m.end()
        chunks.append(text[at:])
        return tuple(chunks), tuple(refs)

    def record(self, number: int, chunks: tuple[bytes, ...], refs: tuple[int, ...], data: bytes | None) -> None:
        """Write object `number` and keep it, its references relative to the page's."""
        if not self.written:
            self.first = number
        assert number == self.first + len(self.written), "a page's objects are written in number order"
        self.written.append(_Object(chunks, tuple(TREE if r == self.tree else r - self.first for r in refs), data))
        self.writer.put(number, _joined(chunks, refs), data)

    def drain(self) -> None:
        """Write every object referred to so far, and what they refer to."""
        while self.queue:
            objgen = self.queue.popleft()
            self._write(self.numbers[objgen], self.source.get_object(objgen))

    def _write(self, number: int, obj: pikepdf.Object) -> None:
        if not isinstance(obj, pikepdf.Stream):
            self.record(number, *self.split(obj.unparse(resolved=True)), None)
            return
        data = obj.read_raw_bytes()
        if plain(obj):  # as layout.render.pdfx.compress_plain_streams
            data = zlib.compress(data)
            obj.stream_dict.Filter = Name.FlateDecode
        obj.stream_dict.Length = len(data)
        self.record(number, *self.split(obj.stream_dict.unparse(resolved=True)), data)


TREE = -1  # a kept reference to the page tree (the issue's, numbered anew in each file)


@dataclass(frozen=True, slots=True)
class _Object:
    """An object of a page as written: its syntax around its references, each reference
    as the place of the object it names in its page's objects (0: the page; TREE: the
    page tree), and a stream's stored data."""

    chunks: tuple[bytes, ...]
    refs: tuple[int, ...]
    data: bytes | None


@dataclass(frozen=True, slots=True)
class _Part:
    """A page file as merged: its fonts' (tag, program digest) and each page's objects."""

    tags: tuple[tuple[str, bytes], ...]
    pages: tuple[tuple[_Object, ...], ...]


class MergeMemo:
    """The page files of the last merge, by content (SHA-256) and the boxes set on their
    pages, as written: a warm builder's rebuild copies the unchanged pages' objects
    without opening their files (≈ 0.1 s for 32 pages); one issue's pages are kept."""

    def __init__(self) -> None:
        self.parts: dict[tuple, _Part] = {}


def _joined(chunks: Sequence[bytes], numbers: Sequence[int]) -> bytes:
    """`chunks` with a reference to each of `numbers` between them."""
    out = [chunks[0]]
    for number, chunk in zip(numbers, chunks[1:]):
        out += (b"%d 0 R" % number, chunk)
    return b"".join(out)

"""The whole-issue PDF (layout/render/merge.py): the page files joined page for page as
qpdf would join them, finished as PDF/X, deterministic, written one page file at a time
(issue 10: memory flat in the page count)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import pikepdf
import pytest

from layout.build import OutputOptions, build
from layout.model.schema import PdfxVersion
from layout.preflight.report import PreflightSettings
from layout.preflight.run import preflight_file
from layout.render import merge
from layout.render.merge import merge_pdfs, write_merged
from layout.render.pdfx import PdfxSpec, save_pdfx

SEED = Path(__file__).resolve().parents[2] / "issues" / "jiefang-2023-01-06"
SPEC = PdfxSpec(PdfxVersion.X1A, "测试 2023-01-06", dt.date(2023, 1, 6), "TEST_20230106.pdf")
SKIPPED = {"/Parent", "/Length"}  # the page tree and stored lengths are the writer's own


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    """The seed issue's page file, as `paiban build` makes it."""
    out = tmp_path_factory.mktemp("merge") / "out"
    return build(SEED, out, options=OutputOptions(workers=1)).pages[0].path


def joined_by_qpdf(parts: list[Path], spec: PdfxSpec) -> bytes:
    """The parts joined by qpdf in one document and finished by save_pdfx (what
    merge_pdfs did before it wrote the file itself): the reference."""
    with pikepdf.new() as merged:
        sources = [pikepdf.open(part) for part in parts]
        for source in sources:
            merged.pages.extend(source.pages)
        out = io.BytesIO()
        save_pdfx(merged, spec, out, tagged=True)
        for source in sources:
            source.close()
    return out.getvalue()


def same(a, b, where: str, seen: set) -> list[str]:
    """Where objects `a` and `b` differ, by value, references followed (`SKIPPED` keys aside)."""
    if isinstance(a, pikepdf.Object) and isinstance(b, pikepdf.Object) and a.is_indirect and b.is_indirect:
        if (a.objgen, b.objgen) in seen:
            return []
        seen.add((a.objgen, b.objgen))
    if isinstance(a, pikepdf.Stream) or isinstance(b, pikepdf.Stream):
        if not (isinstance(a, pikepdf.Stream) and isinstance(b, pikepdf.Stream)):
            return [where]
        return ([] if a.read_raw_bytes() == b.read_raw_bytes() else [where + " data"]) + \
            same(a.stream_dict, b.stream_dict, where, seen)
    if isinstance(a, pikepdf.Dictionary) and isinstance(b, pikepdf.Dictionary):
        keys = set(a.keys()) - SKIPPED
        if keys != set(b.keys()) - SKIPPED:
            return [f"{where} keys"]
        return [d for key in sorted(keys) for d in same(a[key], b[key], where + key, seen)]
    if isinstance(a, pikepdf.Array) and isinstance(b, pikepdf.Array):
        if len(a) != len(b):
            return [f"{where} length"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in same(x, y, f"{where}[{i}]", seen)]
    return [] if type(a) is type(b) and a == b else [where]


def differences(one: bytes, other: bytes) -> list[str]:
    """Where two PDFs differ: page for page, and the document's PDF/X parts."""
    with pikepdf.open(io.BytesIO(one)) as x, pikepdf.open(io.BytesIO(other)) as y:
        if len(x.pages) != len(y.pages):
            return ["page count"]
        found = [d for i, (p, q) in enumerate(zip(x.pages, y.pages)) for d in same(p.obj, q.obj, f"page {i + 1}", set())]
        for key in ("/Type", "/OutputIntents", "/Metadata"):
            found += same(x.Root.get(key), y.Root.get(key), key, set())
        found += [] if set(x.Root.keys()) == set(y.Root.keys()) else ["catalog keys"]
        found += same(x.trailer.Info, y.trailer.Info, "Info", set())
        found += [] if x.pdf_version == y.pdf_version else ["version"]
        return found


@pytest.mark.parametrize("version", [PdfxVersion.X1A, PdfxVersion.X4])
def test_the_issue_file_is_the_pages_as_qpdf_joined_them(page_file, tmp_path, version):
    """Three pages joined: every page, its content, fonts and image, the catalog, Info,
    output intent and XMP, equal by value to what qpdf's joined document gives; a valid
    file (qpdf finds no problem) that passes paiban's preflight. The control: a page
    with one content byte changed differs."""
    spec = PdfxSpec(version, SPEC.title, SPEC.date, SPEC.document)
    parts = [page_file] * 3
    ours = merge_pdfs(parts, spec)
    assert ours is not None
    assert differences(ours, joined_by_qpdf(parts, spec)) == []
    with pikepdf.open(io.BytesIO(ours)) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert ours.startswith(b"%PDF-" + pdf.pdf_version.encode() + b"\n%\xbf\xf7\xa2\xfe\n")
        assert pdf.trailer.ID[0] == pdf.trailer.ID[1] and len(bytes(pdf.trailer.ID[0])) == 16
    target = tmp_path / "whole.pdf"
    target.write_bytes(ours)
    report = preflight_file(target, PreflightSettings(expect=version))
    assert report.passed, [f.text() for f in report.errors]
    changed = tmp_path / "changed.pdf"
    with pikepdf.open(page_file) as pdf:
        pdf.pages[0].Contents.write(pdf.pages[0].Contents.read_bytes() + b"\n")
        pdf.save(changed)
    found = differences(merge_pdfs([page_file, changed, page_file], spec), ours)
    assert "page 2/Contents data" in found and all(d.startswith("page 2/") for d in found)


def test_the_issue_file_is_deterministic(page_file, tmp_path):
    """The same parts give the same bytes, as a file or returned; other parts another /ID.
    Written to a file, the join says the file's SHA-256 (the manifest's), as hashlib
    finds it reading the file back; the control: another file's differs."""
    first = merge_pdfs([page_file] * 2, SPEC)
    digest = write_merged([page_file] * 2, SPEC, tmp_path / "whole.pdf")
    assert first == (tmp_path / "whole.pdf").read_bytes() == merge_pdfs([page_file.read_bytes()] * 2, SPEC)
    assert digest == hashlib.sha256(first).hexdigest()
    assert write_merged([page_file] * 3, SPEC, tmp_path / "three.pdf") != digest
    with pikepdf.open(io.BytesIO(first)) as a, pikepdf.open(io.BytesIO(merge_pdfs([page_file] * 3, SPEC))) as b:
        assert bytes(a.trailer.ID[0]) != bytes(b.trailer.ID[0])


def test_one_page_file_is_open_at_a_time(page_file, monkeypatch):
    """The join reads each page file and closes it before opening the next, so what it
    holds does not grow with the page count (qpdf's own join kept every source open
    and their stream data in memory until the save). The control: the reference join
    has every source open at once."""
    opened = {"now": 0, "most": 0}
    real_open = pikepdf.open

    class Counted:
        def __init__(self, pdf):
            self.pdf = pdf
            opened["now"] += 1
            opened["most"] = max(opened["most"], opened["now"])

        def __getattr__(self, name):
            return getattr(self.pdf, name)

        def __enter__(self):
            return self.pdf

        def __exit__(self, *exc):
            self.close()

        def close(self):
            opened["now"] -= 1
            self.pdf.close()

    monkeypatch.setattr(pikepdf, "open", lambda *args, **kwargs: Counted(real_open(*args, **kwargs)))
    merge_pdfs([page_file] * 4, SPEC)
    assert opened == {"now": 0, "most": 1}
    joined_by_qpdf([page_file] * 4, SPEC)
    assert opened["most"] == 4  # control


def test_references_inside_strings_are_left_alone():
    """Only indirect references are renumbered, never text that looks like one in a
    string or a name."""
    with pikepdf.new() as pdf:
        target = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Test))
        copy = merge.Copy(merge.Writer(io.BytesIO(), "1.4"), pdf)
        text = pikepdf.Dictionary(A=pikepdf.String("3 0 R (1 0 R)"), B=target, C=pikepdf.Name("/x1 0 R"),
                                  D=pikepdf.Array([1, 0, 7])).unparse()
        out = copy.renumber(text)
    assert b"(3 0 R \\(1 0 R\\))" in out and b"/B 1 0 R" in out and b"[ 1 0 7 ]" in out and b"/x1#200#20R" in out


def test_attributes_a_page_inherits_are_its_own_in_the_issue_file(page_file, tmp_path):
    """A page file whose page tree holds the page's resources and MediaBox (a page may
    inherit them, PDF 1.4 §3.6.2) joins as qpdf joins it: the page carries them itself."""
    inheriting = tmp_path / "inheriting.pdf"
    with pikepdf.open(page_file) as pdf:
        page, tree = pdf.pages[0].obj, pdf.Root.Pages
        for key in ("/Resources", "/MediaBox"):
            tree[key] = page[key]
            del page[key]
        pdf.save(inheriting)
    ours = merge_pdfs([inheriting, page_file], SPEC)
    assert ours is not None
    assert differences(ours, joined_by_qpdf([inheriting, page_file], SPEC)) == []
    with pikepdf.open(io.BytesIO(ours)) as pdf:
        assert all("/Resources" in p.obj and "/MediaBox" in p.obj for p in pdf.pages)


def test_a_stream_stored_plain_is_deflated_as_save_pdfx_does(page_file, tmp_path):
    """A page whose content is stored without a filter is deflated in the issue file
    (XMP aside, save_pdfx leaves no stream plain), as the qpdf join finished by save_pdfx
    has it; the content read back is the page's."""
    plain = tmp_path / "plain.pdf"
    with pikepdf.open(page_file) as pdf:
        content = pdf.pages[0].Contents.read_bytes()
        pdf.pages[0].Contents.write(content)
        pdf.save(plain, compress_streams=False)
    with pikepdf.open(plain) as pdf:
        assert "/Filter" not in pdf.pages[0].Contents
    ours = merge_pdfs([plain], SPEC)
    assert ours is not None
    assert differences(ours, joined_by_qpdf([plain], SPEC)) == []
    with pikepdf.open(io.BytesIO(ours)) as pdf:
        assert pdf.pages[0].Contents.Filter == pikepdf.Name.FlateDecode
        assert pdf.pages[0].Contents.read_bytes() == content


def test_a_warm_merge_copies_unchanged_pages_without_opening_them(page_file, tmp_path, monkeypatch):
    """With a memo (a warm builder's), the second join of the same files opens none of
    them and, once one file's bytes change, the third opens only that one; every join
    gives the bytes of a fresh one (the control: merge_pdfs without a memo)."""
    copies = [tmp_path / f"p{i}.pdf" for i in range(3)]
    for copy in copies:
        copy.write_bytes(page_file.read_bytes())
    memo = merge.MergeMemo()
    opened: list[str] = []
    real_open = pikepdf.open
    monkeypatch.setattr(pikepdf, "open", lambda part, *a, **k: opened.append(Path(str(part)).name) or
                        real_open(part, *a, **k))
    first = merge_pdfs(copies, SPEC, memo=memo)
    assert len(opened) == 3
    again = merge_pdfs(copies, SPEC, memo=memo)
    assert len(opened) == 3 and again == first
    copies[1].write_bytes(page_file.read_bytes() + b"\n")  # other bytes (after %%EOF), the same page
    third = merge_pdfs(copies, SPEC, memo=memo)
    assert opened[3:] == ["p1.pdf"]
    monkeypatch.setattr(pikepdf, "open", real_open)
    assert third == first == merge_pdfs(copies, SPEC) == merge_pdfs([page_file] * 3, SPEC)
    digests = [hashlib.sha256(copy.read_bytes()).hexdigest() for copy in copies]
    write_merged(copies, SPEC, tmp_path / "w.pdf", memo, digests)  # digests given: no file read to find them
    read: list[str] = []
    monkeypatch.setattr(merge, "file_digest", lambda part: read.append(part.name) or "")
    write_merged(copies, SPEC, tmp_path / "w.pdf", memo, digests)
    assert read == [] and (tmp_path / "w.pdf").read_bytes() == first
    write_merged(copies, SPEC, tmp_path / "w.pdf", memo)  # the control: without them each file is hashed
    assert len(read) == 3

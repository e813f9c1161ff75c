"""PDF details a plant's tools rely on: a distinct, deterministic subset tag per distinct
font subset in every file, the issue PDF included (PDF 1.4 §5.5.3); replacement pages
with their own dates."""

from __future__ import annotations

import pikepdf
import pytest

from layout.build import OutputOptions, build
from layout.render.subsets import retag_subsets, tag_for

from .conftest import TWO_PAGES
from conftest import write_issue


def cid_font(font):
    """The font that holds the descriptor: a Type 0 font's descendant (each face is one
    Type 0 font, layout/render/cidfont.py), else the font itself."""
    return font.DescendantFonts[0] if "/DescendantFonts" in font else font


def fonts_of(path) -> dict[str, bytes]:
    """Font name → its embedded program over every page; fails when one name carries
    two different programs."""
    seen: dict[str, bytes] = {}
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descriptor = cid_font(font).FontDescriptor
                program = descriptor.FontFile2.read_bytes()
                name = str(font.BaseFont)
                assert seen.setdefault(name, program) == program, f"{name} names two different subsets"
                assert str(descriptor.FontName) == str(cid_font(font).BaseFont) == name
    return seen


@pytest.fixture(scope="module")
def built(two_issues, tmp_path_factory):
    out = tmp_path_factory.mktemp("tags") / "out"
    build(two_issues[0], out, options=OutputOptions(workers=1))
    return out


def test_every_distinct_subset_has_its_own_tag_in_every_file(built):
    pages = [fonts_of(built / name) for name in ("TEST_20230106_A01.pdf", "TEST_20230106_A02.pdf")]
    whole = fonts_of(built / "TEST_20230106.pdf")
    for fonts in pages + [whole]:
        tags = [name[1:7] for name in fonts]
        assert len(set(tags)) == len(tags)                     # no tag used twice in one file
        programs = list(fonts.values())
        assert len(set(programs)) == len(programs)             # and no program under two names
    assert set(whole) == set(pages[0]) | set(pages[1])         # the issue file keeps the pages' names


def test_tags_follow_the_font_program():
    assert tag_for(b"one program") == tag_for(b"one program") != tag_for(b"another program")
    assert len(tag_for(b"x")) == 6 and tag_for(b"x").isalpha() and tag_for(b"x").isupper()


def test_reportlab_alone_reuses_tags(built):
    """Negative control: ReportLab's own names (AAAAAA, AAAAAB, … per face) repeat."""
    with pikepdf.open(built / "TEST_20230106_A01.pdf") as pdf:
        fonts = list(pdf.pages[0].Resources.Font.values())
        for font in fonts:
            name = pikepdf.Name("/AAAAAA+" + str(font.BaseFont)[8:])
            font.BaseFont = cid_font(font).BaseFont = cid_font(font).FontDescriptor.FontName = name
        assert len({str(f.BaseFont)[:7] for f in fonts}) == 1
        assert retag_subsets(pdf) == len(fonts)
        assert len({str(f.BaseFont)[:7] for f in fonts}) == len(fonts)


def test_a_replacement_page_carries_its_own_date(two_issues, tmp_path):
    second = TWO_PAGES.replace("  - number: 2\n", "  - number: 2\n    version: 3\n", 1)
    build(write_issue(tmp_path / "issue", second), tmp_path / "out", options=OutputOptions(workers=1))
    with pikepdf.open(tmp_path / "out" / "TEST_20230106_A01.pdf") as first, \
            pikepdf.open(tmp_path / "out" / "TEST_20230106_A02_v3.pdf") as third:
        assert str(first.docinfo.CreationDate) == "D:20230106000000+08'00'"
        assert str(third.docinfo.CreationDate) == str(third.docinfo.ModDate) == "D:20230106000200+08'00'"
        xmp = third.Root.Metadata.read_bytes().decode()
        assert "<xmp:ModifyDate>2023-01-06T00:02:00+08:00</xmp:ModifyDate>" in xmp
        assert "<xmpMM:VersionID>3</xmpMM:VersionID>" in xmp


def test_joining_pages_whose_tags_clash_names_the_subsets_again(built, tmp_path):
    """The issue PDF keeps the page files' tags when no tag names two programs (above);
    page files whose tags clash (the control: page 2's fonts given page 1's tags) are
    named again, one tag per program."""
    import datetime as dt

    from layout.model.schema import PdfxVersion
    from layout.render.merge import write_merged
    from layout.render.pdfx import PdfxSpec

    first = built / "TEST_20230106_A01.pdf"
    with pikepdf.open(first) as pdf:
        tags = [str(font.BaseFont)[1:7] for font in pdf.pages[0].Resources.Font.values()]
    clashing = tmp_path / "clash.pdf"
    with pikepdf.open(built / "TEST_20230106_A02.pdf") as pdf:
        for font, tag in zip(pdf.pages[0].Resources.Font.values(), tags):
            name = pikepdf.Name("/" + tag + str(font.BaseFont)[7:])
            font.BaseFont = cid_font(font).BaseFont = cid_font(font).FontDescriptor.FontName = name
        pdf.save(clashing)
    spec = PdfxSpec(PdfxVersion.X1A, "测试", dt.date(2023, 1, 6), "whole.pdf")
    merged = tmp_path / "merged.pdf"
    write_merged([first, clashing], spec, merged)
    fonts = fonts_of(merged)                                  # fails when a name carries two programs
    assert len({name[1:7] for name in fonts}) == len(fonts) == len(set(fonts.values()))
    kept = tmp_path / "kept.pdf"
    write_merged([first, built / "TEST_20230106_A02.pdf"], spec, kept)
    assert set(fonts_of(kept)) == set(fonts_of(first)) | set(fonts_of(built / "TEST_20230106_A02.pdf"))

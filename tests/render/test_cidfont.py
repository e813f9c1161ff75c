"""One Type 0 font per face and page, Identity-H (layout/render/cidfont.py): more than 256
characters of a face in one font with no font switch inside a run, text that reads back
exactly (characters sharing a glyph included) at the positions ReportLab's widths give,
and the parts (glyph numbering, /W runs, the ToUnicode CMap) on their own."""

from __future__ import annotations

import io

import pdfplumber
import pikepdf
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from layout.render.cidfont import IdentityFont, glyph_ids, register, to_unicode, widths
from layout.render.fonts import parse

from conftest import ROOT

SERIF = ROOT / "fonts" / "NotoSerifSC-Regular.ttf"
SHARED = "\u2012\u2013\u301c\uff5e"    # figure dash = en dash, wave dash = fullwidth tilde: one glyph each pair


@pytest.fixture(scope="module")
def faces() -> tuple[str, str]:
    """(an IdentityFont's name, a plain ReportLab TTFont's name) for the same face."""
    plain = parse("test-cid-plain", SERIF)
    pdfmetrics.registerFont(plain)
    pdfmetrics._fonts[plain.fontName] = plain   # not aliased to a face registered earlier (cidfont.register)
    register(parse("test-cid-identity", SERIF))   # the same face name as `plain`: not aliased to it
    assert isinstance(pdfmetrics.getFont("test-cid-identity"), IdentityFont)
    return "test-cid-identity", "test-cid-plain"


@pytest.fixture(scope="module")
def many(faces) -> str:
    """400 distinct ideographs the face has."""
    have = pdfmetrics.getFont(faces[0]).face.charToGlyph
    return "".join(chr(p) for p in sorted(have) if 0x4E00 <= p <= 0x9FFF)[:400]


def _draw(font: str, lines: list[str]) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(600, 800), invariant=1, initialFontName=font)
    for i, line in enumerate(lines):
        text = canvas.beginText(20, 760 - 30 * i)
        text.setFont(font, 10)
        text.textOut(line)
        canvas.drawText(text)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _operators(data: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [str(i.operator) for i in pikepdf.parse_content_stream(pdf.pages[0])]


def test_one_font_for_hundreds_of_characters(faces, many):
    identity, plain = faces
    data = _draw(identity, [many])
    with pikepdf.open(io.BytesIO(data)) as pdf:
        fonts = list(pdf.pages[0].Resources.Font.values())
        assert len(fonts) == 1
        font = fonts[0]
        assert font.Subtype == "/Type0" and font.Encoding == "/Identity-H" and "/ToUnicode" in font
        cid = font.DescendantFonts[0]
        assert cid.Subtype == "/CIDFontType2" and str(cid.CIDSystemInfo.Ordering) == "Identity"
        assert cid.CIDToGIDMap == "/Identity" and cid.BaseFont == font.BaseFont
        assert "/FontFile2" in cid.FontDescriptor
    assert _operators(data).count("Tj") == 1 and _operators(data).count("Tf") == 1
    # negative control: ReportLab's own embedding splits the same run over 256-glyph subsets
    assert _operators(_draw(plain, [many])).count("Tf") >= 2


def test_text_reads_back_where_the_widths_put_it(faces, many):
    identity, _plain = faces
    lines = ["解放区2023年1月6日，“元素”(Latin) ABC-123", SHARED, many[:50]]
    with pdfplumber.open(io.BytesIO(_draw(identity, lines))) as pdf:
        chars = pdf.pages[0].chars
    assert [c["text"] for c in chars] == list("".join(lines))
    font = pdfmetrics.getFont(identity)
    first = [c for c in chars if abs(c["y0"] - chars[0]["y0"]) < 1]
    pen = 20.0
    for char in first:
        assert char["x0"] == pytest.approx(pen, abs=0.01)
        pen += font.stringWidth(char["text"], 10)


def test_characters_sharing_a_glyph_get_a_glyph_map(faces):
    identity, _plain = faces
    with pikepdf.open(io.BytesIO(_draw(identity, [SHARED]))) as pdf:
        cid = next(iter(pdf.pages[0].Resources.Font.values())).DescendantFonts[0]
        gids = cid.CIDToGIDMap.read_bytes()
    assert [int.from_bytes(gids[i:i + 2], "big") for i in range(0, len(gids), 2)] == [0, 1, 1, 2, 2]


def test_glyph_numbering_follows_makesubset():
    assert glyph_ids({0x41: 7, 0x42: 9, 0x43: 7}, [0x41, 0x42, 0x43]) == [0, 1, 2, 1]
    assert glyph_ids({}, []) == [0]


def test_width_runs():
    assert widths([1000, 1000, 500, 1000]) == [1, 2, 1000, 3, 3, 500, 4, 4, 1000]
    assert widths([]) == []
    assert widths([333.5]) == [1, 1, 333.5]


def test_to_unicode_blocks_and_supplementary_planes():
    cmap = to_unicode([0x4E00 + i for i in range(150)] + [0x20000])
    assert "100 beginbfchar" in cmap and "51 beginbfchar" in cmap
    assert "<0001> <4E00>" in cmap and "<0097> <D840DC00>" in cmap
    assert "<0000> <FFFF>" in cmap


def test_a_page_drawn_again_with_its_characters_reuses_its_font_program(faces, many, monkeypatch):
    """The subset program and its deflated bytes are made once for the same font content
    and characters (cidfont.subset_program): the same page drawn again subsets nothing
    and gives the same bytes; the control: a page with one character more subsets the
    face again, and its program holds that character's glyph (the text reads back)."""
    from collections import OrderedDict

    from reportlab.pdfbase.ttfonts import TTFontFace

    from layout.render import cidfont

    monkeypatch.setattr(cidfont, "_PROGRAMS", OrderedDict())
    made: list[int] = []
    real = TTFontFace.makeSubset
    monkeypatch.setattr(TTFontFace, "makeSubset", lambda self, points: made.append(len(points)) or real(self, points))
    lines = [many[:40], many[40:80]]
    first = _draw(faces[0], lines)
    assert made == [80]
    again = _draw(faces[0], lines)
    assert again == first and made == [80]
    more = _draw(faces[0], lines + [many[200]])
    assert made == [80, 81]
    with pdfplumber.open(io.BytesIO(more)) as pdf:
        assert many[200] in pdf.pages[0].extract_text()

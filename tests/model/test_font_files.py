"""Fonts named in `fonts:` are checked at load (issue 11): a damaged or text file, a
collection, CFF outlines are refused naming the field; and every printed field, the
furniture's own labels included, is checked against the font of the role printing it
(issue 9 item 8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from conftest import BASE_YAML, edit, line_of
from layout.errors import IssueError
from layout.model import load_issue
from layout.model.schema import FontRole
from layout.text.copyedit import check_coverage
from layout.text.metrics import MetricsSet


def tiny_font(path: Path, characters: str, cff: bool = False) -> Path:
    """A font mapping `characters` (each a 1-em box), TrueType or CFF outlines."""
    names = [".notdef"] + [f"u{ord(ch):04X}" for ch in characters]
    builder = FontBuilder(1000, isTTF=not cff)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(ch): name for ch, name in zip(characters, names[1:])})
    if cff:
        from fontTools.pens.t2CharStringPen import T2CharStringPen

        strings = {}
        for name in names:
            pen = T2CharStringPen(1000, None)
            pen.moveTo((0, 0)), pen.lineTo((900, 0)), pen.lineTo((900, 900)), pen.closePath()
            strings[name] = pen.getCharString()
        builder.setupCFF("Tiny", {"FullName": "Tiny"}, strings, {})
    else:
        pen = TTGlyphPen(None)
        pen.moveTo((0, 0)), pen.lineTo((900, 0)), pen.lineTo((900, 900)), pen.closePath()
        box = pen.glyph()
        builder.setupGlyf({name: box for name in names})
    builder.setupHorizontalMetrics({name: (1000, 0) for name in names})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "Tiny", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    path.parent.mkdir(parents=True, exist_ok=True)
    builder.save(path)
    return path


def font_problem(make_issue, data: bytes | None, name: str = "fonts/Body.ttf", role: str = "song"):
    text = edit(BASE_YAML, "pages:\n", f"fonts:\n  {role}: {name}\npages:\n")
    folder = make_issue(text)
    (folder / "fonts").mkdir(exist_ok=True)
    if data is not None:
        (folder / name).write_bytes(data)
    with pytest.raises(IssueError) as info:
        load_issue(folder)
    problem = next(p for p in info.value.problems if p.field == f"fonts.{role}")
    assert problem.line == line_of(text, f"  {role}: {name}")
    return problem


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    ("这是一个文本文件，不是字体。\n".encode(), "not a TrueType font"),
    (b"\x00\x01\x00\x00" + bytes(range(256)) * 8, "table"),
    (b"ttcf" + bytes(200), "collection"),
], ids=["empty", "text", "garbage", "collection"])
def test_a_bad_font_file(make_issue, data, words):
    assert words in str(font_problem(make_issue, data))


def test_a_truncated_font(make_issue, tmp_path):
    data = tiny_font(tmp_path / "t.ttf", "测试").read_bytes()
    assert "damaged" in str(font_problem(make_issue, data[: len(data) // 2]))


def test_cff_outlines_are_refused(make_issue, tmp_path):
    data = tiny_font(tmp_path / "t.otf", "测试", cff=True).read_bytes()
    problem = font_problem(make_issue, data, "fonts/Body.otf")
    assert "CFF" in problem.message and "fonts/build.py" in problem.hint


def test_a_good_small_font_loads(make_issue, tmp_path):
    text = edit(BASE_YAML, "pages:\n", "fonts:\n  kai: fonts/Tiny.ttf\npages:\n")
    folder = make_issue(text)
    tiny_font(folder / "fonts" / "Tiny.ttf", "测试")
    assert load_issue(folder).fonts.path(FontRole.KAI).name == "Tiny.ttf"


# ------------------------------------------------------------------ glyphs of printed fields

def coverage_problems(folder) -> list:
    issue = load_issue(folder)
    with pytest.raises(IssueError) as info:
        check_coverage(issue, MetricsSet.for_fonts(issue.fonts))
    return list(info.value.problems)


MISSING = "\U00020000"  # in no bundled font (tests/text/test_coverage.py checks that)


@pytest.mark.parametrize("old, new, field", [
    ("      editor: 张三\n", f"      editor: 张{MISSING}\n", "page 1 credits.editor"),
    ("  edition: 测试版\n", f"  edition: 测试版\n  serial: CN41{MISSING}\n", "issue.serial"),
    ("  edition: 测试版\n", f"  edition: 测{MISSING}版\n", "issue.edition"),
    ("      - 扫一扫 关注我们\n", f"      - 扫一扫{MISSING}\n", "issue.qr.lines[0]"),
    ("    section: 要闻\n", f"    section: 要{MISSING}\n", "page 1 section"),
    ("  paper: 测试日报\n", f"  paper: 测试{MISSING}\n", "issue.paper"),
])
def test_a_missing_glyph_in_a_furniture_field(make_issue, old, new, field):
    problems = coverage_problems(make_issue(edit(BASE_YAML, old, new)))
    assert [p.field for p in problems if MISSING in p.message] == [field], [str(p) for p in problems]


def test_the_bundled_fonts_print_every_furniture_field(make_issue):
    issue = load_issue(make_issue())
    check_coverage(issue, MetricsSet.for_fonts(issue.fonts))  # the control: no problem


def test_a_hei_font_without_the_furniture_labels(make_issue):
    """A user's Hei that has the copy's characters but not 期, 责任编辑…: the masthead and
    credits would lose them."""
    text = edit(BASE_YAML, "pages:\n", "fonts:\n  hei: fonts/Hei.ttf\npages:\n")
    folder = make_issue(text)
    copy = "本报讯(记者张三)图为测试照片,用于检查图片说明。扫一关注我们测试版"
    tiny_font(folder / "fonts" / "Hei.ttf", "".join(dict.fromkeys(copy + " ")))
    problems = coverage_problems(folder)
    furniture = [p for p in problems if p.field == "fonts.hei"]
    assert furniture and "期" in furniture[0].message and "credits" in " ".join(p.message for p in furniture)

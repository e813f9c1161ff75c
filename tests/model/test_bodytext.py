"""Body files: paragraphs, subheads, run-in headings, block quotations and inline marks,
with file:line errors."""

from __future__ import annotations

from pathlib import Path

from layout.model.bodytext import parse_marks, read_body
from layout.model.schema import BlockKind, Mark, MarkKind, Source
from layout.text.copyedit import shift
from layout.text.normalize import normalize


def body(tmp_path: Path, text: str):
    path = tmp_path / "b.md"
    path.write_text(text, encoding="utf-8")
    return read_body(path, path)


def test_inline_marks_are_removed_from_the_text_and_recorded():
    text, marks, problem = parse_marks("这是*重点*，__李亦博__读了~~红楼梦~~，a\\*b")
    assert text == "这是重点，李亦博读了红楼梦，a*b" and not problem
    assert marks == (Mark(MarkKind.EMPHASIS, 2, 4), Mark(MarkKind.PROPER, 5, 8), Mark(MarkKind.BOOK, 10, 13))


def test_an_unclosed_mark_is_an_error_with_its_line(tmp_path):
    _blocks, problems = body(tmp_path, "第一段。\n\n第二段*没有闭合。\n")
    assert problems and problems[0].line == 3 and "unclosed" in problems[0].message


def test_quote_runin_and_subhead_blocks(tmp_path):
    blocks, problems = body(tmp_path, "第一段。\n\n### 制定“责任清单”\n正文开始。\n\n> 引文一行\n> 引文续。\n\n## 元素一\n")
    assert not problems
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.SUBHEAD]
    assert blocks[1].runin == "制定“责任清单”" and blocks[1].text == "正文开始。"
    assert blocks[2].text == "引文一行引文续。" and blocks[2].source == Source(tmp_path / "b.md", 6)


def test_a_runin_heading_needs_a_paragraph(tmp_path):
    _blocks, problems = body(tmp_path, "第一段。\n\n### 孤零零的标题\n")
    assert problems and problems[0].line == 3


def test_marks_move_with_normalized_copy():
    text, marks, _ = parse_marks("他说...*重点*")
    fixed, edits = normalize(text)
    mark = marks[0]
    assert fixed[shift(mark.start, edits):shift(mark.end, edits)] == "重点"

"""Word files as body files (issue 13, part 2): paragraphs, headings and run-in heads,
what cannot be carried over reported with file and paragraph, tracked changes refused.
Every document is built by the test with python-docx (plus the XML it cannot write)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from conftest import BASE_YAML, edit
from layout.errors import IssueError, Severity
from layout.model import load_issue
from layout.model.schema import BlockKind, Mark, MarkKind
from layout.model.wordfile import read_docx
from docx.oxml import parse_xml
from newsroom_files import (
    HEADLINE, PARAGRAPH_1, PARAGRAPH_2, add_footnote, add_text_box, append_xml, run_xml, save_docx,
    tracked_deletion, tracked_insertion, word,
)

WORD_YAML = edit(BASE_YAML, "    headline: 测试标题一\n    byline: 本报讯(记者张三)\n    body: articles/alpha.md\n",
                 "    body: articles/alpha.docx\n")


def read(tmp_path: Path, document):
    path = save_docx(document, tmp_path / "story.docx")
    return read_docx(path, path)


def texts(read_result) -> list[str]:
    return [b.text for b in read_result.copy.blocks]


def messages(read_result) -> str:
    return "\n".join(str(n) for n in read_result.notices)


def test_title_byline_and_paragraphs(tmp_path):
    result = read(tmp_path, word())
    assert not result.problems and not result.notices
    assert texts(result) == [PARAGRAPH_1, PARAGRAPH_2]  # the typed indent is dropped
    fields = {f.name.value: (f.text, f.source.line) for f in result.copy.fields}
    assert fields == {"headline": (HEADLINE, 1), "byline": ("本报记者 詹长松", 2)}
    assert [b.source.line for b in result.copy.blocks] == [3, 4]  # paragraph numbers


def test_without_a_title_style_the_first_paragraph_is_body_text(tmp_path):
    """Negative control: a headline typed as a plain paragraph is not guessed (the
    labelled byline after it still counts)."""
    document = word()
    document.paragraphs[0].style = document.styles["Normal"]
    result = read(tmp_path, document)
    assert texts(result) == [HEADLINE, PARAGRAPH_1, PARAGRAPH_2]
    assert [f.name.value for f in result.copy.fields] == ["byline"]


def test_a_labelled_line_deep_in_the_body_is_text(tmp_path):
    document = word()
    document.add_paragraph("作者：这一句在正文里。")
    assert texts(read(tmp_path, document))[-1] == "作者：这一句在正文里。"


def test_heading_styles_are_subheads_and_quote_styles_quotations(tmp_path):
    document = word()
    document.add_heading("制度建设", level=2)
    document.add_paragraph("“信用是立身之本。”", style="Quote")
    document.add_paragraph("最后一段。")
    kinds = [(b.kind, b.text) for b in read(tmp_path, document).copy.blocks]
    assert kinds[2:] == [(BlockKind.SUBHEAD, "制度建设"), (BlockKind.QUOTE, "“信用是立身之本。”"),
                         (BlockKind.PARAGRAPH, "最后一段。")]


def test_bold_at_the_start_is_a_runin_heading_and_bold_elsewhere_is_reported(tmp_path):
    document = word()
    p = document.add_paragraph()
    p.add_run("制定“责任清单”。").bold = True
    p.add_run("各单位按清单落实，")
    p.add_run("限期完成").bold = True
    p.add_run("。")
    result = read(tmp_path, document)
    block = result.copy.blocks[-1]
    assert block.runin == "制定“责任清单”。" and block.text == "各单位按清单落实，限期完成。"
    assert "bold" in messages(result) and "「限期完成」" in messages(result) and result.notices[0].line == 5


def test_plain_paragraphs_have_no_runin_and_no_notice(tmp_path):
    """Negative control for the run-in rule."""
    document = word()
    document.add_paragraph("各单位按清单落实，限期完成。")
    result = read(tmp_path, document)
    assert result.copy.blocks[-1].runin == "" and not result.notices


def test_a_short_paragraph_wholly_in_bold_is_a_subhead_a_long_one_is_not(tmp_path):
    document = word()
    document.add_paragraph().add_run("推进政务诚信建设").bold = True
    document.add_paragraph().add_run("全区上下不断加强政务诚信建设，加强合同履约兑现，累计支付进度款328万元，"
                                     "完善更新562名公务员诚信档案。").bold = True
    result = read(tmp_path, document)
    assert [b.kind for b in result.copy.blocks[-2:]] == [BlockKind.SUBHEAD, BlockKind.PARAGRAPH]
    assert result.copy.blocks[-1].runin == "" and "bold" in messages(result)


def test_italic_underline_and_superscript_are_reported_with_the_text_kept(tmp_path):
    document = word()
    p = document.add_paragraph("面积达")
    p.add_run("500")
    p.add_run("2").font.superscript = True
    p.add_run("米，")
    p.add_run("见附图").italic = True
    result = read(tmp_path, document)
    assert result.copy.blocks[-1].text == "面积达5002米，见附图"
    assert "italic" in messages(result) and "superscript" in messages(result)


def test_word_emphasis_marks_are_emphasis_dots(tmp_path):
    document = word()
    p = document.add_paragraph("必须")
    append_xml(p, run_xml("落实到位", '<w:em w:val="dot"/>'))
    append_xml(p, run_xml("。"))
    result = read(tmp_path, document)
    assert result.copy.blocks[-1].marks == (Mark(MarkKind.EMPHASIS, 2, 6),) and not result.notices


def test_a_table_is_set_as_paragraphs_and_reported(tmp_path):
    document = word()
    table = document.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "项目", (0, 1): "金额", (1, 0): "改扩建", (1, 1): "1500万元"}.items():
        table.cell(row, col).text = text
    result = read(tmp_path, document)
    assert texts(result)[-2:] == ["项目\u3000金额", "改扩建\u30001500万元"]
    assert "a table (rows: 2)" in messages(result) and result.notices[0].severity is Severity.WARNING


def test_a_comment_is_reported_with_its_author_and_paragraph_and_not_printed(tmp_path):
    document = word()
    p = document.add_paragraph("全区共有学校二十所。")
    document.add_comment(p.runs, text="请核实学校数量", author="王编辑")
    result = read(tmp_path, document)
    assert "请核实" not in "".join(texts(result))
    note = next(n for n in result.notices if "comment" in n.message)
    assert "王编辑" in note.message and "请核实学校数量" in note.message and note.line == 5


def test_tracked_changes_refuse_the_file_naming_paragraph_and_author(make_issue):
    document = word()
    tracked_insertion(document.paragraphs[3], "新增的一句。")
    tracked_deletion(document.paragraphs[2], "删去的话")
    folder = make_issue(WORD_YAML)
    save_docx(document, folder / "articles" / "alpha.docx")
    with pytest.raises(IssueError) as info:
        load_issue(folder)
    problems = [p for p in info.value.problems if p.file.name == "alpha.docx"]
    assert len(problems) == 2 and {p.line for p in problems} == {3, 4}
    assert any("张编辑" in p.message and "新增的一句" in p.message for p in problems)
    assert all("接受所有修订" in p.hint for p in problems)


def test_the_same_text_accepted_loads(make_issue):
    """Negative control: the inserted sentence as ordinary text is read."""
    document = word()
    append_xml(document.paragraphs[3], run_xml("新增的一句。"))
    folder = make_issue(WORD_YAML)
    save_docx(document, folder / "articles" / "alpha.docx")
    article = load_issue(folder).articles[0]
    assert article.headline == HEADLINE and article.byline == "本报记者 詹长松"
    assert article.blocks[-1].text == PARAGRAPH_2 + "新增的一句。"


def test_a_footnote_becomes_a_circled_number_and_a_note_at_the_end(tmp_path):
    document = word()
    add_footnote(document, document.paragraphs[2], "数据来自区统计局。")
    result = read(tmp_path, document)
    assert texts(result) == [PARAGRAPH_1 + "①", PARAGRAPH_2, "①数据来自区统计局。"]
    assert "note ①" in messages(result)


def test_pictures_and_text_boxes_are_reported_not_placed(tmp_path):
    document = word()
    image = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(image, "PNG")
    image.seek(0)
    document.add_picture(image)
    add_text_box(document.paragraphs[3], "链接：什么是信用修复")
    result = read(tmp_path, document)
    assert "链接" not in "".join(texts(result))
    boxes = [n for n in result.notices if "text box" in n.message]
    assert len(boxes) == 1 and "什么是信用修复" in boxes[0].message and boxes[0].line == 4  # the fallback is not read twice
    assert any("picture" in n.message for n in result.notices)


def test_a_tracked_change_inside_a_text_box_refuses_the_file_once(make_issue):
    """A change tracked in a text box is a change of the file too (its text is not
    carried over, but accepting or rejecting it is the editor's call): named once, though
    Word writes the box twice (DrawingML and its VML fallback). The control: the same
    box without the change loads."""
    document = word()
    add_text_box(document.paragraphs[3], "链接：什么是信用修复", inserted="新加的一句")
    folder = make_issue(WORD_YAML)
    save_docx(document, folder / "articles" / "alpha.docx")
    with pytest.raises(IssueError) as info:
        load_issue(folder)
    problems = [p for p in info.value.problems if p.file.name == "alpha.docx"]
    assert len(problems) == 1 and "王编辑" in problems[0].message and "新加的一句" in problems[0].message
    document = word()
    add_text_box(document.paragraphs[3], "链接：什么是信用修复")
    save_docx(document, folder / "articles" / "alpha.docx")
    load_issue(folder)


def test_numbered_paragraphs_get_their_numbers(tmp_path):
    document = word()
    for text in ("强化组织领导。", "完善制度建设。"):
        document.add_paragraph(text, style="List Number")
    assert texts(read(tmp_path, document))[-2:] == ["1.强化组织领导。", "2.完善制度建设。"]


def test_hidden_text_is_reported_and_not_printed(tmp_path):
    document = word()
    p = document.add_paragraph("公开的话。")
    p.add_run("内部备注").font.hidden = True
    result = read(tmp_path, document)
    assert texts(result)[-1] == "公开的话。" and "内部备注" in messages(result)


@pytest.mark.parametrize("data,needle", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Word 97"),
    (b"this is not a zip", "not a zip"),
    (b"PK\x03\x04" + b"\0" * 40, "damaged"),
])
def test_files_that_are_not_word_documents_are_refused(make_issue, data, needle):
    folder = make_issue(WORD_YAML)
    (folder / "articles" / "alpha.docx").write_bytes(data)
    with pytest.raises(IssueError) as info:
        load_issue(folder)
    problem = next(p for p in info.value.problems if p.file.name == "alpha.docx")
    assert needle in problem.message and problem.hint


def test_a_truncated_word_file_is_refused(make_issue, tmp_path):
    data = save_docx(word(), tmp_path / "x.docx").read_bytes()
    folder = make_issue(WORD_YAML)
    (folder / "articles" / "alpha.docx").write_bytes(data[: len(data) // 2])
    with pytest.raises(IssueError) as info:
        load_issue(folder)
    assert any(p.file.name == "alpha.docx" and "damaged" in p.message for p in info.value.problems)


def test_an_old_doc_by_name_is_refused_with_what_to_do(make_issue):
    folder = make_issue(edit(WORD_YAML, "alpha.docx", "alpha.doc"))
    (folder / "articles" / "alpha.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(IssueError) as info:
        load_issue(folder)
    assert any(p.field == "articles[0].body" and ".docx" in p.message for p in info.value.problems)


def test_issue_yaml_wins_over_the_title_and_a_repeated_headline_is_not_set_twice(make_issue):
    text = edit(WORD_YAML, "    body: articles/alpha.docx\n", "    headline: 信用体系建设见成效\n    body: articles/alpha.docx\n")
    document = word()
    document.paragraphs[0].style = document.styles["Normal"]
    document.paragraphs[0].text = "信用体系建设见成效"  # the headline typed again as the first paragraph
    folder = make_issue(text)
    save_docx(document, folder / "articles" / "alpha.docx")
    issue = load_issue(folder)
    article = issue.articles[0]
    assert article.headline == "信用体系建设见成效" and [b.text for b in article.blocks] == [PARAGRAPH_1, PARAGRAPH_2]
    assert any("repeats the article's headline" in n.message for n in issue.notices)


def test_a_first_paragraph_that_differs_from_the_headline_is_kept(make_issue):
    """Negative control for the repeated-headline rule."""
    text = edit(WORD_YAML, "    body: articles/alpha.docx\n", "    headline: 另一个标题\n    body: articles/alpha.docx\n")
    folder = make_issue(text)
    save_docx(word(), folder / "articles" / "alpha.docx")
    issue = load_issue(folder)
    assert issue.articles[0].headline == "另一个标题"
    notices = [n for n in issue.notices if "not used" in n.message]
    assert len(notices) == 1 and HEADLINE[:10] in notices[0].message and notices[0].file.name == "alpha.docx"


@pytest.mark.parametrize("lang,words", [
    ("zh", ("有未接受的修订（张编辑 的插入）：「新增的一句。」", "请接受或拒绝全部修订后重新保存")),
    ("en", ("a tracked change (an insertion by 张编辑) is not accepted: 「新增的一句。」", "accept or reject every change")),
])
def test_a_refused_word_file_in_chinese_and_english_keeps_file_and_paragraph(make_issue, lang, words):
    from layout.i18n import using

    document = word()
    tracked_insertion(document.paragraphs[3], "新增的一句。")
    folder = make_issue(WORD_YAML)
    save_docx(document, folder / "articles" / "alpha.docx")
    with using(lang), pytest.raises(IssueError) as info:
        load_issue(folder)
    with using(lang):
        shown = [str(p) for p in info.value.problems]
    assert any(s.startswith(f"{folder / 'articles' / 'alpha.docx'}:4: ") and all(w in s for w in words)
               for s in shown), shown


def test_a_heading_before_the_body_is_the_headline_when_nothing_has_the_title_style(tmp_path):
    """Reporters often style the headline 标题 1 (Heading 1): without a Title it is the
    headline, with a notice; the headings after the body starts stay subheads."""
    document = word()
    document.paragraphs[0].style = document.styles["Heading 1"]
    document.add_heading("制度建设", level=1)
    document.add_paragraph("最后一段。")
    result = read(tmp_path, document)
    assert {f.name.value: f.text for f in result.copy.fields}["headline"] == HEADLINE
    assert texts(result) == [PARAGRAPH_1, PARAGRAPH_2, "制度建设", "最后一段。"]
    assert result.copy.blocks[2].kind is BlockKind.SUBHEAD
    assert any("taken as the headline" in n.message and n.line == 1 for n in result.notices)


def test_with_a_title_a_leading_heading_is_a_subhead(tmp_path):
    """Negative control: the Title is the headline; a heading before the body is a subhead."""
    document = word()
    document.paragraphs[1].insert_paragraph_before("前言", style="Heading 2")
    result = read(tmp_path, document)
    assert {f.name.value: f.text for f in result.copy.fields}["headline"] == HEADLINE
    assert (result.copy.blocks[0].kind, result.copy.blocks[0].text) == (BlockKind.SUBHEAD, "前言")
    assert not any("taken as the headline" in n.message for n in result.notices)


def test_text_in_elements_the_reader_does_not_know_is_reported_not_dropped(tmp_path):
    """Text inside an element of a later Word version (here `w:futureThing`) and an
    embedded document (altChunk) are reported with their paragraph; negative control:
    bookmarks and proofing marks, which hold no text, give no notice."""
    from newsroom_files import W_NS

    document = word()
    append_xml(document.paragraphs[3], f'<w:futureThing {W_NS}><w:r><w:t>藏起来的一句</w:t></w:r></w:futureThing>')
    append_xml(document.paragraphs[2], f'<w:bookmarkStart {W_NS} w:id="1" w:name="mark"/>')
    append_xml(document.paragraphs[2], f'<w:proofErr {W_NS} w:type="spellStart"/>')
    document.element.body.insert(4, parse_xml(f'<w:altChunk {W_NS} '
                                              'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                                              'relationships" r:id="rId99"/>'))
    result = read(tmp_path, document)
    found = [(n.line, n.message) for n in result.notices]
    assert any(line == 4 and "futureThing" in m and "藏起来的一句" in m for line, m in found), found
    assert any("altChunk" in m for _line, m in found), found
    assert len(found) == 2 and texts(result) == [PARAGRAPH_1, PARAGRAPH_2]

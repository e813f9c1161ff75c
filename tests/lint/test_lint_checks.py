"""The copy checks one by one, on small raw texts: each finds what it should, on the
right line, and leaves correct copy alone (negative controls)."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.lint import lint_file
from layout.lint.checks import ends_sentence, is_prose
from layout.lint.findings import CODES, Severity


def lint_text(tmp_path: Path, text: str):
    file = tmp_path / "copy.txt"
    file.write_text(text, encoding="utf-8")
    return lint_file(file).findings


def codes(findings) -> list[tuple[int, str]]:
    return [(f.line, f.code) for f in findings]


def test_duplicates_ignore_punctuation_width_and_spacing(tmp_path):
    text = "今天天气很好,我们去公园散步,看到很多人。\n\n别的段落，说别的事情。\n\n今天天气很好，我们去公园散步，看到很多人。\n"
    found = [f for f in lint_text(tmp_path, text) if f.code == "E101"]
    assert codes(found) == [(5, "E101")]


def test_short_repeated_lines_are_not_duplicates(tmp_path):
    assert not [f for f in lint_text(tmp_path, "（完）\n\n正文一段，说一件事情。\n\n（完）\n") if f.code == "E101"]


def test_mid_sentence_break_on_a_wrapped_paragraph_names_its_first_line(tmp_path):
    text = "# 标题\n\n第一段写到一半，\n还没有写完的句子在这里断\n\n开了，这是后半句。\n"
    assert codes(lint_text(tmp_path, text)) == [(6, "E102")]


def test_a_paragraph_starting_with_a_pause_mark_is_broken(tmp_path):
    text = "前一段话已经结束了。\n\n，后一段却从逗号开始。\n"
    assert codes(lint_text(tmp_path, text)) == [(3, "E102")]


def test_no_break_after_headings_labels_or_finished_sentences(tmp_path):
    text = ("## 小标题没有句号\n\n正文从这里开始，没有问题。\n\n他说：\n\n“好的。”\n\n"
            "扫一扫 关注我们\n\n扫描二维码 了解更多资讯\n")
    assert lint_text(tmp_path, text) == ()


@pytest.mark.parametrize("text, ends", [("句子结束了。", True), ("他说：“走吧。”", True), ("（完）", True),
                                        ("问题是什么？", True), ("省略……", True), ("没有写完的", False),
                                        ("他叫“开门红”", False), ("投资8000余万", False),
                                        ("见附注。①", True), ("见附注。²", True), ("见附注①", False),
                                        ("他说：“We played as one team tonight.”", True),  # an English sentence
                                        ("增长了3.", False), ("这是28个.", False)])  # not a Latin sentence's stop
def test_ends_sentence(text, ends):
    assert ends_sentence(text) is ends


def test_labels_are_not_prose():
    assert not is_prose("扫一扫 关注我们") and is_prose("正文一段，说一件事情")


def test_repeated_sentence_is_a_warning_at_its_line(tmp_path):
    sentence = "解放区被评为河南省义务教育教学改革示范区，学生路小学被评为示范校。"
    text = f"第一段。{sentence}\n\n第二段说别的，然后\n又说：{sentence}\n"
    found = [f for f in lint_text(tmp_path, text) if f.code == "W201"]
    assert codes(found) == [(4, "W201")] and "line 1" in found[0].message


def test_half_width_punctuation_per_line_with_what_to_use(tmp_path):
    found = lint_text(tmp_path, "第一行,有半角逗号(和括号)。\n第二行;也有。\n\nEnglish, with (brackets) is fine.\n")
    assert codes(found) == [(1, "W202"), (2, "W202")]
    assert "','" in found[0].message and "（" in found[0].message and "；" in found[1].message


@pytest.mark.parametrize("text, fragment", [
    ("他说：“今天很好。\n", "“ at character 4 is never closed"),
    ("这是《书名的开头，和（括号》。\n", "（ at character"),
    ("多了一个右括号）在这里。\n", "） at character 8 closes nothing"),
    ('半角引号"只有一个。\n', "straight quotes"),
    ("半角括号(没有关上。\n", "never closed"),
])
def test_unbalanced_pairs(tmp_path, text, fragment):
    found = [f for f in lint_text(tmp_path, text) if f.code == "E103"]
    assert found and fragment in found[0].message, found


def test_balanced_pairs_and_quotations_over_paragraphs_pass(tmp_path):
    text = "“第一段引文，没有结束。\n\n“第二段引文（含括号）和《书名》，到此结束。”\n\nIt’s fine.\n"
    assert not [f for f in lint_text(tmp_path, text) if f.code == "E103"]


def test_fullwidth_digits_mixed_with_halfwidth(tmp_path):
    found = lint_text(tmp_path, "全区２０２２年实现增长12%。\n\n另一段没有问题，2023年。\n")
    assert codes(found) == [(1, "W203")]
    assert "mixed" in found[0].message and "２０２２ → 2022" in found[0].message


def test_doubled_punctuation_but_not_ellipsis_or_dash(tmp_path):
    found = lint_text(tmp_path, "多打了一个逗号，，在这里。\n\n省略号……和破折号——都没有问题。\n")
    assert codes(found) == [(1, "W204")]


def test_a_character_no_font_covers(tmp_path):
    found = lint_text(tmp_path, "第一行没有问题。\n第二行有一个\U00020000字。\n")
    assert codes(found) == [(2, "E104")]
    assert "U+20000" in found[0].message and "NotoSerifSC-Regular.ttf" in found[0].message


def test_every_code_has_a_severity_name_and_meaning():
    for code in CODES.values():
        assert code.severity in Severity and code.name and code.meaning

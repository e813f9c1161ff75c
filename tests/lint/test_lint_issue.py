"""`paiban lint` on issue folders: copy checks with the lines of body files and
issue.yaml, glyph coverage, headlines that do not fit, overset, invalid issues."""

from __future__ import annotations

from conftest import ALPHA, BASE_YAML, edit, line_of
from layout.cli import main
from layout.lint import lint_path

LONG_HEADLINE = "解放区扎实推进社会信用体系建设并在全市率先完成政务诚信建设的各项目标任务取得显著成效得到广泛好评"


LAYOUT = {"W207", "W208", "W209", "W210"}  # read from the page: the base issue's tabloid page allows holes


def by_code(findings, code: str) -> list:
    return [f for f in findings if f.code == code]


def test_a_valid_issue_lints_without_errors(make_issue):
    findings = lint_path(make_issue()).findings
    assert not [f for f in findings if f.severity.value == "error"], findings
    # the base copy has half-width punctuation the build normalizes: info, per line
    assert {f.code for f in findings} - LAYOUT == {"I301"}
    assert [f.line for f in findings if f.file.name == "alpha.md"] == [1, 3]


def test_half_width_is_a_warning_when_the_issue_does_not_normalize(make_issue):
    folder = make_issue(edit(BASE_YAML, "  edition: 测试版\n", "  edition: 测试版\n  normalize: false\n"))
    assert {f.code for f in lint_path(folder).findings} - LAYOUT == {"W202"}


def test_headline_too_long_for_its_module_names_the_headline_line(make_issue):
    text = edit(BASE_YAML, "headline: 测试标题一", f"headline: {LONG_HEADLINE}")
    findings = by_code(lint_path(make_issue(text)).findings, "E105")
    assert len(findings) == 1
    assert findings[0].file.name == "issue.yaml" and findings[0].line == line_of(text, LONG_HEADLINE)
    assert "15 pt" in findings[0].message and "2 are allowed" in findings[0].message


def test_overset_names_the_paragraph_where_the_text_stops(make_issue):
    text = edit(BASE_YAML, "place: {page: 1, column: 1, span: 2}", "place: {page: 1, column: 1, span: 2, rows: 8}")
    body = ALPHA + "\n" + "\n\n".join(f"第{i}段补充的正文，用来把模块撑满，看看超出的文字怎样报告。" * 2 for i in range(3, 9)) + "\n"
    findings = by_code(lint_path(make_issue(text, files={"articles/alpha.md": body})).findings, "E106")
    assert len(findings) == 1 and findings[0].file.name == "alpha.md"
    assert findings[0].line in [i for i, t in enumerate(body.splitlines(), 1) if t]
    assert "'alpha'" in findings[0].message and "more rows" in findings[0].message


def test_duplicate_paragraph_across_articles_names_the_other_file(make_issue):
    beta = "近日，河南省民政厅公布全省第一批创新实验区。\n\n第一段正文,用来检查排版。今天天气很好,我们去公园散步。\n"
    findings = by_code(lint_path(make_issue(files={"articles/beta.md": beta})).findings, "E101")
    assert [(f.file.name, f.line) for f in findings] == [("beta.md", 3)]
    assert "alpha.md:1" in findings[0].message


def test_caption_with_a_character_no_font_has(make_issue):
    text = edit(BASE_YAML, "caption: 图为测试照片", "caption: 图为\U00020001测试照片")
    findings = by_code(lint_path(make_issue(text)).findings, "E104")
    assert [(f.file.name, f.line) for f in findings] == [("issue.yaml", line_of(text, "caption:"))]
    assert "kai font" in findings[0].message


def test_an_invalid_issue_gives_its_problems_as_e100(make_issue, capsys):
    text = edit(BASE_YAML, "  number: 1\n", "  number: abc\n")
    folder = make_issue(text)
    assert main(["lint", str(folder)]) == 1
    out = capsys.readouterr().out
    assert f"issue.yaml:{line_of(text, 'number: abc')}: E100 issue.number:" in out


def test_a_repeated_sentence_names_the_earlier_paragraph_not_a_file_line(make_issue):
    """An editor counts paragraphs (第1段); the source line (``line 1``) is what raw copy,
    which has no story, is given instead (tests/lint/test_lint_checks.py)."""
    sentence = "解放区商务局围绕保障商品供应工作主线开展节庆促销活动并取得了很好的效果。"
    body = f"{sentence}第一段还有别的话。\n\n第二段正文，今天天气很好。\n\n第三段又说：{sentence}\n"
    findings = by_code(lint_path(make_issue(files={"articles/alpha.md": body})).findings, "W201")
    assert len(findings) == 1 and findings[0].line == 5
    assert "already in paragraph 1" in findings[0].message and "line" not in findings[0].message

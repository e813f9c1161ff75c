"""issue.yaml errors: each names the file, the 1-based line and the field.

Every case starts from the valid BASE_YAML of conftest and changes one thing, so the
line of the mistake is found in the edited text (line_of) rather than hard-coded.
"""

from __future__ import annotations

import re

import pytest

from conftest import BASE_YAML, edit, line_of
from layout.errors import IssueError
from layout.model import load_issue
from layout.model.schema import BlockKind


def load_error(folder) -> IssueError:
    with pytest.raises(IssueError) as info:
        load_issue(folder)
    return info.value


def assert_names(error: IssueError, file: str, line: int, field: str, *words: str) -> None:
    """The error message has `file:line: field:` (field may be empty) and every word."""
    message = str(error)
    where = rf"{re.escape(file)}:{line}:" + (rf" {re.escape(field)}:" if field else "")
    assert re.search(where, message), f"expected «{file}:{line}: {field}» in:\n{message}"
    for word in words:
        assert word in message, f"expected {word!r} in:\n{message}"
    problem = next(p for p in error.problems if p.line == line and p.file.name == file.rsplit("/", 1)[-1])
    assert problem.field == field


def test_the_base_issue_is_valid(make_issue):
    """The starting point of every case below loads cleanly (else the cases prove nothing)."""
    issue = load_issue(make_issue())
    assert [a.id for a in issue.articles] == ["alpha", "beta"]
    assert issue.issue_number == 1 and issue.pages[0].template.columns == 5
    assert [b.kind for b in issue.articles[0].blocks] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]
    assert issue.articles[1].photos[0].file.name == "photo.jpg"


def test_yaml_syntax_error(make_issue):
    text = edit(BASE_YAML, "  edition: 测试版", "  edition: 测试版: 第二版")
    error = load_error(make_issue(text))
    assert_names(error, "issue.yaml", line_of(text, "edition:"), "", "YAML")


def test_yaml_syntax_error_tab(make_issue):
    text = edit(BASE_YAML, "  code: TEST", "\tcode: TEST")
    error = load_error(make_issue(text))
    assert_names(error, "issue.yaml", line_of(text, "code: TEST"), "", "YAML")


def test_yaml_unclosed_flow_mapping_is_reported_near_it(make_issue):
    text = edit(BASE_YAML, "{page: 1, column: 1, span: 2}", "{page: 1, column: 1, span: 2")
    error = load_error(make_issue(text))
    line = int(re.search(r"issue\.yaml:(\d+):", str(error)).group(1))
    mistake = line_of(text, "column: 1, span: 2")
    assert mistake <= line <= mistake + 2, str(error)  # the parser notices it on the next entry at the latest




@pytest.mark.parametrize("old, new, needle", [
    ('payload: "https://example.com/test/20230106"', 'payload: "https://example.com/test/20230106', "payload:"),
    ("{page: 1, column: 3, span: 3}", "{page: 1, column: 3, span: 3", "column: 3, span: 3"),
], ids=["unclosed-quote", "unclosed-flow-mapping-at-end"])
def test_yaml_unclosed_construct_names_the_line_where_it_starts(make_issue, old, new, needle):
    text = edit(BASE_YAML, old, new)
    error = load_error(make_issue(text))
    assert f"issue.yaml:{line_of(text, needle)}:" in str(error), str(error)


@pytest.mark.parametrize("old, new, needle, field", [
    ("pages:\n", "colour: red\npages:\n", "colour: red", "colour"),
    ("  code: TEST\n", "  code: TEST\n  motto: 新闻\n", "motto:", "issue.motto"),
    ("    headline: 测试标题一\n", "    headline: 测试标题一\n    colour: red\n", "colour: red",
     "articles[0].colour"),
    ("{page: 1, column: 1, span: 2}", "{page: 1, column: 1, span: 2, width: 3}", "width: 3",
     "articles[0].place.width"),
    ("        credit: 本报记者 张三 摄\n", "        credit: 本报记者 张三 摄\n        author: 张三\n", "author:",
     "articles[1].photos[0].author"),
], ids=["top", "issue", "article", "place", "photo"])
def test_unknown_field(make_issue, old, new, needle, field):
    text = edit(BASE_YAML, old, new)
    error = load_error(make_issue(text))
    assert_names(error, "issue.yaml", line_of(text, needle), field, "unknown field")


@pytest.mark.parametrize("old, new, needle, field", [
    ("  number: 1\n", "  number: abc\n", "number: abc", "issue.number"),
    ("{page: 1, column: 1, span: 2}", '{page: 1, column: 1, span: "two"}', 'span: "two"', "articles[0].place.span"),
    ("  date: 2023-01-06", "  date: 6 January", "date: 6 January", "issue.date"),
    ("    headline: 测试标题一\n", "    headline: 测试标题一\n    headline_lines: many\n", "headline_lines",
     "articles[0].headline_lines"),
], ids=["number", "span", "date", "headline_lines"])
def test_wrong_type(make_issue, old, new, needle, field):
    text = edit(BASE_YAML, old, new)
    error = load_error(make_issue(text))
    assert_names(error, "issue.yaml", line_of(text, needle), field, "expected")


def test_missing_body_file(make_issue):
    text = edit(BASE_YAML, "body: articles/alpha.md", "body: articles/gone.md")
    error = load_error(make_issue(text))
    assert_names(error, "issue.yaml", line_of(text, "gone.md"), "articles[0].body", "gone.md", "not found")


def test_missing_photo_file(make_issue):
    error = load_error(make_issue(files={"assets/photo.jpg": None}))
    assert_names(error, "issue.yaml", line_of(BASE_YAML, "file: assets/photo.jpg"), "articles[1].photos[0].file",
                 "photo.jpg", "not found")


@pytest.mark.parametrize("kind", ["relative", "absolute"])
def test_body_outside_the_issue_folder(make_issue, tmp_path, kind):
    outside = tmp_path / "x.md"
    outside.write_text("外面的文件，不该被读取。\n", encoding="utf-8")  # it exists: refused for where it is
    target = "../x.md" if kind == "relative" else str(outside)
    text = edit(BASE_YAML, "body: articles/alpha.md", f"body: {target}")
    error = load_error(make_issue(text))
    assert_names(error, "issue.yaml", line_of(text, f"body: {target}"), "articles[0].body", "outside")


@pytest.mark.parametrize("kind", ["relative", "absolute"])
def test_photo_outside_the_issue_folder(make_issue, tmp_path, kind):
    from conftest import write_photo

    outside = tmp_path / "x.jpg"
    write_photo(outside)
    target = "../x.jpg" if kind == "relative" else str(outside)
    text = edit(BASE_YAML, "file: assets/photo.jpg", f"file: {target}")
    error = load_error(make_issue(text))
    assert_names(error, "issue.yaml", line_of(text, f"file: {target}"), "articles[1].photos[0].file", "outside")


def test_body_path_that_climbs_out_and_back_in_is_fine(make_issue):
    text = edit(BASE_YAML, "body: articles/alpha.md", "body: articles/../articles/alpha.md")
    assert load_issue(make_issue(text)).articles[0].blocks


def test_duplicate_article_id(make_issue):
    text = edit(BASE_YAML, "  - id: beta", "  - id: alpha")
    error = load_error(make_issue(text))
    assert_names(error, "issue.yaml", line_of(text, "id: alpha", occurrence=2), "articles[1].id",
                 "duplicate", "alpha", f"line {line_of(text, 'id: alpha')}")


def test_article_on_a_page_that_does_not_exist(make_issue):
    text = edit(BASE_YAML, "{page: 1, column: 3, span: 3}", "{page: 2, column: 3, span: 3}")
    error = load_error(make_issue(text))
    assert_names(error, "issue.yaml", line_of(text, "page: 2"), "articles[1].place.page", "page 2", "does not exist")


def test_duplicate_yaml_key(make_issue):
    text = edit(BASE_YAML, "  paper: 测试日报\n", "  paper: 测试日报\n  paper: 重复日报\n")
    error = load_error(make_issue(text))
    assert_names(error, "issue.yaml", line_of(text, "paper: 重复日报"), "issue.paper", "duplicate")


def test_duplicate_key_inside_an_article(make_issue):
    text = edit(BASE_YAML, "    headline: 第二篇测试稿件\n", "    headline: 第二篇测试稿件\n    headline: 又一个标题\n")
    error = load_error(make_issue(text))
    assert_names(error, "issue.yaml", line_of(text, "headline: 又一个标题"), "articles[1].headline", "duplicate")


def test_every_problem_is_reported_not_just_the_first(make_issue):
    text = edit(BASE_YAML, "  number: 1\n", "  number: abc\n")
    text = edit(text, "body: articles/beta.md", "body: articles/gone.md")
    text = edit(text, "{page: 1, column: 1, span: 2}", "{page: 1, column: 1, span: 2, width: 3}")
    error = load_error(make_issue(text))
    fields = {p.field for p in error.problems}
    assert {"issue.number", "articles[1].body", "articles[0].place.width"} <= fields
    assert len(str(error).splitlines()) >= 3


def test_body_file_problems_name_the_body_file_and_line(make_issue):
    body = "第一段。\n\n# 标题不该在正文里\n\n第三段。\n"
    error = load_error(make_issue(files={"articles/alpha.md": body}))
    assert_names(error, "articles/alpha.md", 3, "", "headline")


def test_private_use_character_in_a_body_is_refused(make_issue):
    body = "第一段。\n\n第二段\ue000有私用区字符。\n"
    error = load_error(make_issue(files={"articles/beta.md": body}))
    assert_names(error, "articles/beta.md", 3, "", "U+E000")


def test_columns_beyond_the_page_are_refused(make_issue):
    text = edit(BASE_YAML, "{page: 1, column: 3, span: 3}", "{page: 1, column: 4, span: 3}")
    error = load_error(make_issue(text))
    assert_names(error, "issue.yaml", line_of(text, "column: 4"), "articles[1].place", "5 columns")

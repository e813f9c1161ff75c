"""Plain text exported from an editorial system (issue 13, part 2): headline on the first
line, labelled kicker / subhead / byline lines, one paragraph a line."""

from __future__ import annotations

import pytest

from conftest import BASE_YAML, edit
from layout.errors import IssueError
from layout.model import load_issue
from layout.model.plaintext import read_plain
from layout.model.schema import BlockKind
from newsroom_files import HEADLINE, PARAGRAPH_1, PARAGRAPH_2, PLAIN_STORY

PLAIN_YAML = edit(BASE_YAML, "    headline: 测试标题一\n    byline: 本报讯(记者张三)\n    body: articles/alpha.md\n",
                  "    body: articles/alpha.txt\n    body_format: plain\n")


def story(tmp_path, text: str):
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    return read_plain(path, path)


def test_the_header_fields_and_one_paragraph_a_line(tmp_path):
    result = story(tmp_path, PLAIN_STORY)
    assert not result.problems
    fields = {f.name.value: (f.text, f.source.line) for f in result.copy.fields}
    assert fields == {"kicker": ("坚持稳中求进 推动高质量发展", 1), "headline": (HEADLINE, 2),
                      "subhead": ("——全区信用体系建设新闻发布会侧记", 3), "byline": ("本报记者 詹长松", 4)}
    assert [(b.kind, b.text, b.source.line) for b in result.copy.blocks] == [
        (BlockKind.PARAGRAPH, PARAGRAPH_1, 6), (BlockKind.SUBHEAD, "制度建设", 7), (BlockKind.PARAGRAPH, PARAGRAPH_2, 8)]
    assert len(result.notices) == 1 and "责任编辑" in result.notices[0].message and result.notices[0].line == 5


@pytest.mark.parametrize("header", ["【主题】" + HEADLINE, "主题: " + HEADLINE, "标题：" + HEADLINE])
def test_bracketed_and_ascii_colon_labels(tmp_path, header):
    result = story(tmp_path, f"{header}\n【作者】本报记者 詹长松\n{PARAGRAPH_1}\n")
    assert {f.name.value: f.text for f in result.copy.fields} == {"headline": HEADLINE, "byline": "本报记者 詹长松"}
    assert [b.text for b in result.copy.blocks] == [PARAGRAPH_1]


def test_an_explicit_body_start_label(tmp_path):
    result = story(tmp_path, f"{HEADLINE}\n正文：{PARAGRAPH_1}\n{PARAGRAPH_2}\n")
    assert [b.text for b in result.copy.blocks] == [PARAGRAPH_1, PARAGRAPH_2]


def test_an_unlabelled_second_line_is_body_text_and_reported_when_unindented(tmp_path):
    """Negative control for the labels: an unlabelled byline is not guessed; the notice
    says how to label it."""
    result = story(tmp_path, f"{HEADLINE}\n本报记者 詹长松\n\u3000\u3000{PARAGRAPH_1}\n")
    assert [b.text for b in result.copy.blocks] == ["本报记者 詹长松", PARAGRAPH_1]
    assert len(result.notices) == 1 and result.notices[0].line == 2 and "作者：" in result.notices[0].hint


@pytest.mark.parametrize("text,needle,line", [
    (f"{HEADLINE}\n副题：一\n副题：二\n{PARAGRAPH_1}\n", "second subhead", 3),
    (f"{HEADLINE}\n作者：\n{PARAGRAPH_1}\n", "byline line is empty", 2),
    (f"{HEADLINE}\n", "no body text", 0),
    (f"{HEADLINE}\n{PARAGRAPH_1}\x07\n", "U+0007", 2),
])
def test_problems_name_the_line(tmp_path, text, needle, line):
    result = story(tmp_path, text)
    assert result.problems and needle in result.problems[0].message and result.problems[0].line == line


@pytest.mark.parametrize("where", ["article", "issue"])
def test_loaded_with_body_format_plain(make_issue, where):
    text = PLAIN_YAML if where == "article" else edit(
        edit(PLAIN_YAML, "    body_format: plain\n", ""), "  edition: 测试版\n", "  edition: 测试版\n  body_format: plain\n")
    folder = make_issue(text, {"articles/alpha.txt": PLAIN_STORY})
    issue = load_issue(folder)
    article = issue.articles[0]
    assert (article.kicker, article.headline, article.byline) == ("坚持稳中求进 推动高质量发展", HEADLINE, "本报记者 詹长松")
    assert [b.kind for b in article.blocks] == [BlockKind.PARAGRAPH, BlockKind.SUBHEAD, BlockKind.PARAGRAPH]
    assert issue.articles[1].blocks[0].text.startswith("近日")  # beta.md is still Markdown
    assert any(n.file.name == "alpha.txt" and n.line == 5 for n in issue.notices)


def test_the_same_file_read_as_markdown_is_one_paragraph_with_a_notice(make_issue):
    """Negative control: without `body_format: plain` the export is Markdown; its lines
    join into one paragraph and a notice says why and what to do."""
    text = edit(PLAIN_YAML, "    body_format: plain\n", "    headline: 测试标题一\n")
    issue = load_issue(make_issue(text, {"articles/alpha.txt": PLAIN_STORY}))
    assert len(issue.articles[0].blocks) == 1
    assert any("body_format: plain" in n.hint for n in issue.notices)


def test_an_article_with_neither_headline_is_refused(make_issue):
    folder = make_issue(edit(PLAIN_YAML, "    body_format: plain\n", ""), {"articles/alpha.txt": PARAGRAPH_1 + "\n"})
    with pytest.raises(IssueError) as info:
        load_issue(folder)
    assert any("needs a headline" in p.message for p in info.value.problems)


def test_an_unknown_body_format_is_an_error_on_its_field(make_issue):
    folder = make_issue(edit(PLAIN_YAML, "body_format: plain", "body_format: wps"), {"articles/alpha.txt": PLAIN_STORY})
    with pytest.raises(IssueError) as info:
        load_issue(folder)
    assert any(p.field == "articles[0].body_format" and "markdown, plain, docx, ninjs" in p.message
               for p in info.value.problems)


def test_gb18030_exports_are_read_with_the_encoding(make_issue):
    text = edit(PLAIN_YAML, "    body_format: plain\n", "    body_format: plain\n    encoding: gbk\n")
    folder = make_issue(text)
    (folder / "articles" / "alpha.txt").write_bytes(PLAIN_STORY.encode("gb18030"))
    assert load_issue(folder).articles[0].headline == HEADLINE


@pytest.mark.parametrize("value,refused", [("docx", True), ("ninjs", True), ("plain", False)])
def test_the_issue_wide_body_format_is_markdown_or_plain(make_issue, value, refused):
    """`issue: body_format: docx` would read every .txt as a Word file: refused on its
    field; `plain` (negative control) is accepted."""
    text = edit(edit(PLAIN_YAML, "    body_format: plain\n", ""), "  edition: 测试版\n",
                f"  edition: 测试版\n  body_format: {value}\n")
    folder = make_issue(text, {"articles/alpha.txt": PLAIN_STORY})
    if not refused:
        assert load_issue(folder).articles[0].headline
        return
    with pytest.raises(IssueError) as info:
        load_issue(folder)
    assert any(p.field == "issue.body_format" and "markdown or plain" in p.message for p in info.value.problems)

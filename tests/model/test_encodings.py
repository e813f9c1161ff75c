"""Body file encodings (issue 11 item 4): UTF-8 with or without a byte-order mark;
GB18030/GBK accepted when issue.yaml says `encoding: gb18030`, refused otherwise with a
message that names it (and no false "an article needs a body file" after it)."""

from __future__ import annotations

import pytest

from conftest import ALPHA, BASE_YAML, edit, line_of
from layout.errors import IssueError
from layout.model import load_issue


def with_body(make_issue, data: bytes, text: str = BASE_YAML):
    folder = make_issue(text)
    (folder / "articles" / "alpha.md").write_bytes(data)
    return folder


def test_utf8_with_a_byte_order_mark(make_issue):
    issue = load_issue(with_body(make_issue, b"\xef\xbb\xbf" + ALPHA.encode("utf-8")))
    assert issue.articles[0].blocks[0].text.startswith("第一段")
    assert issue.articles[0].blocks[0].source.line == 1


def test_gb18030_is_refused_naming_the_encoding_and_nothing_else(make_issue):
    with pytest.raises(IssueError) as info:
        load_issue(with_body(make_issue, ALPHA.encode("gb18030")))
    problems = info.value.problems
    assert len(problems) == 1, str(info.value)
    assert problems[0].file.name == "alpha.md" and problems[0].line == 1
    assert "GB18030/GBK" in problems[0].message and "encoding: gb18030" in problems[0].hint
    assert "needs a body" not in str(info.value)


@pytest.mark.parametrize("where", ["issue", "article"])
@pytest.mark.parametrize("name", ["gb18030", "GBK", "gb2312"])
def test_gb18030_is_read_when_the_issue_says_so(make_issue, where, name):
    if where == "issue":
        text = edit(BASE_YAML, "  edition: 测试版\n", f"  edition: 测试版\n  encoding: {name}\n")
    else:
        text = edit(BASE_YAML, "    body: articles/alpha.md\n", f"    body: articles/alpha.md\n    encoding: {name}\n")
    folder = with_body(make_issue, ALPHA.encode("gb18030"), text)
    if where == "issue":  # every body file of the issue is GB18030
        beta = folder / "articles" / "beta.md"
        beta.write_bytes(beta.read_text(encoding="utf-8").encode("gb18030"))
    issue = load_issue(folder)
    assert issue.articles[0].blocks[1].text.startswith("第二段正文")
    assert issue.articles[1].blocks[0].text.startswith("近日")


def test_a_utf8_file_declared_gb18030_is_refused(make_issue):
    text = edit(BASE_YAML, "    body: articles/alpha.md\n", "    body: articles/alpha.md\n    encoding: gb18030\n")
    data = "第一段正文。引号“测试”与省略号……".encode()
    folder = with_body(make_issue, data, text)
    try:
        issue = load_issue(folder)
    except IssueError as exc:
        assert "GB18030" in str(exc)
    else:  # UTF-8 bytes may decode as GB18030 mojibake: then it must not look like the copy
        assert issue.articles[0].blocks[0].text != data.decode("utf-8")


def test_an_unknown_encoding_names_the_field(make_issue):
    text = edit(BASE_YAML, "    body: articles/alpha.md\n", "    body: articles/alpha.md\n    encoding: big5\n")
    with pytest.raises(IssueError) as info:
        load_issue(make_issue(text))
    problem = next(p for p in info.value.problems if p.field == "articles[0].encoding")
    assert problem.line == line_of(text, "encoding: big5") and "utf-8 or gb18030" in problem.message


@pytest.mark.parametrize("data, words", [(ALPHA.encode("utf-16"), "UTF-16"),
                                          (b"\x00\x01\x02\xff" * 100, "not a text file")], ids=["utf-16", "binary"])
def test_utf16_and_binary_bodies(make_issue, data, words):
    with pytest.raises(IssueError) as info:
        load_issue(with_body(make_issue, data))
    assert words in str(info.value) and len(info.value.problems) == 1


def test_a_utf8_file_among_gb18030_ones_gets_advice(make_issue):
    text = edit(BASE_YAML, "  edition: 测试版\n", "  edition: 测试版\n  encoding: gb18030\n")
    with pytest.raises(IssueError) as info:
        load_issue(with_body(make_issue, ALPHA.encode("gb18030"), text))  # beta.md stays UTF-8
    problem = info.value.problems[0]
    assert problem.file.name == "beta.md" and "this file is UTF-8" in problem.hint


def test_a_byte_order_mark_means_utf8_whatever_the_issue_says(make_issue):
    text = edit(BASE_YAML, "  edition: 测试版\n", "  edition: 测试版\n  encoding: gb18030\n")
    folder = with_body(make_issue, ALPHA.encode("gb18030"), text)
    (folder / "articles" / "beta.md").write_bytes(b"\xef\xbb\xbf" + (folder / "articles" / "beta.md").read_bytes())
    assert load_issue(folder).articles[1].blocks

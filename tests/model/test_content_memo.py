"""What the model and text stages remember between builds of one process
(layout/model/memo.py): by content and every setting the result depends on, never by
name alone; nothing stale, nothing shared between callers that could be changed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import BASE_YAML, edit, write_issue
from layout.errors import IssueError
from layout.i18n import using
from layout.model import load_issue
from layout.model.memo import ContentMemo, read_by_content
from layout.model.yamlsrc import read_yaml
from layout.text.copyedit import normalize_issue, normalized
from layout.text.normalize import normalize


def counting(file):
    calls = []

    def read():
        calls.append(1)
        return file.read_bytes()

    return calls, read


def test_a_file_is_read_again_only_when_its_bytes_or_settings_change(tmp_path):
    memo: ContentMemo = ContentMemo(8)
    file = tmp_path / "a.md"
    file.write_text("一", encoding="utf-8")
    calls, read = counting(file)
    assert read_by_content(memo, file, "utf-8", read) == "一".encode()
    assert read_by_content(memo, file, "utf-8", read) == "一".encode()
    assert len(calls) == 1
    assert read_by_content(memo, file, "gb18030", read) and len(calls) == 2   # another setting: read again
    file.write_text("二", encoding="utf-8")
    assert read_by_content(memo, file, "utf-8", read) == "二".encode() and len(calls) == 3
    file.write_text("一", encoding="utf-8")                                  # bytes seen before
    assert read_by_content(memo, file, "utf-8", read) == "一".encode() and len(calls) == 3


def test_a_file_changed_while_it_is_read_is_not_remembered(tmp_path):
    memo: ContentMemo = ContentMemo(8)
    file = tmp_path / "a.md"
    file.write_text("旧", encoding="utf-8")

    def read_while_saved():
        file.write_text("新", encoding="utf-8")   # the editor saves mid-read: the result is the new text's
        return "新"

    assert read_by_content(memo, file, (), read_while_saved) == "新"
    file.write_text("旧", encoding="utf-8")
    assert read_by_content(memo, file, (), lambda: "旧") == "旧"           # not served "新" under the old bytes


def test_the_least_recently_used_is_dropped():
    memo: ContentMemo = ContentMemo(2)
    for key in "abc":
        memo.get(key, lambda key=key: key.upper())
    assert len(memo) == 2 and memo.find("a") is None and memo.find("c") == "C"


def test_yaml_data_is_the_callers_own(tmp_path):
    folder = write_issue(tmp_path / "issue")
    data, _lines = read_yaml(folder / "issue.yaml")
    data["issue"]["paper"] = "改掉的报名"
    again, _lines = read_yaml(folder / "issue.yaml")
    assert again["issue"]["paper"] == "测试日报"


def test_two_body_files_with_the_same_bytes_keep_their_own_names(tmp_path):
    yaml = edit(BASE_YAML, "body: articles/beta.md", "body: articles/twin.md")
    folder = write_issue(tmp_path / "issue", yaml)
    (folder / "articles" / "twin.md").write_bytes((folder / "articles" / "alpha.md").read_bytes())
    issue = load_issue(folder)
    alpha, beta = issue.articles
    assert [b.text for b in alpha.blocks] == [b.text for b in beta.blocks]
    assert {b.source.file.name for b in alpha.blocks} == {"alpha.md"}
    assert {b.source.file.name for b in beta.blocks} == {"twin.md"}


def test_messages_follow_the_language_of_each_load(tmp_path):
    folder = write_issue(tmp_path / "issue")
    (folder / "articles" / "alpha.md").write_text("\n", encoding="utf-8")   # no text: a problem
    messages = {}
    for lang in ("en", "zh", "en"):
        with using(lang), pytest.raises(IssueError) as raised:
            load_issue(folder)
        messages.setdefault(lang, str(raised.value))
        assert str(raised.value) == messages[lang]
    assert messages["en"] != messages["zh"] and "no text" in messages["en"]


def test_normalized_copy_is_normalize_and_an_edited_article_is_normalized_anew(tmp_path):
    assert normalized("他说...好的") == normalize("他说...好的")
    issue = load_issue(write_issue(tmp_path / "issue"))
    first, changes = normalize_issue(issue)
    assert normalize_issue(issue) == (first, changes)
    alpha = issue.articles[0]
    block = replace(alpha.blocks[0], text=alpha.blocks[0].text + "然后...")
    edited = replace(issue, articles=(replace(alpha, blocks=(block,) + alpha.blocks[1:]),) + issue.articles[1:])
    again, more = normalize_issue(edited)
    assert again.articles[0].blocks[0].text.endswith("然后……")
    assert len(more) == len(changes) + 1

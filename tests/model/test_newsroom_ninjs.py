"""IPTC ninjs items as body files (issue 13, part 2): headlines by role, the byline, the
HTML (or plain) body, picture associations as photos; problems with file, line, field."""

from __future__ import annotations

import json

import pytest

from conftest import BASE_YAML, edit
from layout.errors import IssueError
from layout.model import load_issue
from layout.model.htmlbody import html_blocks
from layout.model.schema import BlockKind, Mark, MarkKind, Source, TextOrigin
from newsroom_files import HEADLINE, PARAGRAPH_1, PARAGRAPH_2, ninjs_item, write_json

NINJS_YAML = edit(edit(BASE_YAML, "    headline: 测试标题一\n    byline: 本报讯(记者张三)\n    body: articles/alpha.md\n",
                       "    body: articles/alpha.json\n"), "    place: {page: 1, column: 1, span: 2}\n",
                  "    place: {page: 1, column: 1, span: 2}\n", 1)


def load(make_issue, item, text: str = NINJS_YAML):
    folder = make_issue(text)
    write_json(folder / "articles" / "alpha.json", item)
    return load_issue(folder)


def refused(make_issue, item, text: str = NINJS_YAML):
    with pytest.raises(IssueError) as info:
        load(make_issue, item, text)
    return [p for p in info.value.problems if p.file.name == "alpha.json"]


def test_headlines_byline_html_body_and_the_picture(make_issue):
    issue = load(make_issue, ninjs_item())
    article = issue.articles[0]
    assert (article.kicker, article.headline, article.subhead, article.byline) == (
        "坚持稳中求进", HEADLINE, "——全区信用体系建设新闻发布会侧记", "本报记者 詹长松")
    assert [(b.kind, b.runin, b.text) for b in article.blocks] == [
        (BlockKind.PARAGRAPH, "", PARAGRAPH_1), (BlockKind.SUBHEAD, "", "制度建设"),
        (BlockKind.PARAGRAPH, "抓顶层设计", PARAGRAPH_2)]  # the HTML body, not the plain one
    photo = article.photos[0]
    assert photo.file.name == "photo.jpg" and photo.caption == "图为新闻发布会现场。" and photo.credit == "本报记者 马强 摄"
    assert photo.origins.caption is TextOrigin.BODY and photo.source.file.name == "alpha.json"


def test_the_plain_body_is_used_when_there_is_no_html(make_issue):
    item = ninjs_item()
    item["bodies"] = item["bodies"][:1]
    assert [b.text for b in load(make_issue, item).articles[0].blocks] == [PARAGRAPH_1, PARAGRAPH_2]


def test_ninjs_1_field_names(make_issue):
    item = {"uri": "urn:x", "headline": HEADLINE, "subheadline": "——副题", "byline": "本报记者 詹长松",
            "body_text": PARAGRAPH_1, "associations": {}}
    article = load(make_issue, item).articles[0]
    assert (article.headline, article.subhead, article.byline) == (HEADLINE, "——副题", "本报记者 詹长松")
    assert article.blocks[0].text == PARAGRAPH_1


def test_issue_yaml_photos_win_and_the_items_pictures_are_reported(make_issue):
    text = edit(NINJS_YAML, "    body: articles/alpha.json\n",
                "    body: articles/alpha.json\n    photos:\n      - {file: assets/photo.jpg, caption: 本报的说明。}\n")
    issue = load(make_issue, ninjs_item(), text)
    assert [p.caption for p in issue.articles[0].photos] == ["本报的说明。"]
    assert issue.articles[0].photos[0].origins.caption is TextOrigin.ISSUE
    assert any("../assets/photo.jpg" in n.message and "not used" in n.message for n in issue.notices)


def test_a_picture_only_on_the_web_is_reported_not_fetched(make_issue):
    item = ninjs_item()
    item["associations"][0]["renditions"] = item["associations"][0]["renditions"][:1]
    issue = load(make_issue, item)
    assert issue.articles[0].photos == ()
    notice = next(n for n in issue.notices if "no rendition" in n.message)
    assert notice.file.name == "alpha.json" and notice.field == "associations[0]" and notice.line > 1


def test_a_rendition_outside_the_issue_folder_is_an_error_on_its_field(make_issue):
    item = ninjs_item()
    item["associations"][0]["renditions"][1]["href"] = "../../../outside.jpg"
    problems = refused(make_issue, item)
    assert problems[0].field == "associations[0].renditions[1].href" and "outside the issue folder" in problems[0].message
    lines = json.dumps(item, ensure_ascii=False, indent=2).splitlines()
    assert "outside.jpg" in lines[problems[0].line - 1]


@pytest.mark.parametrize("raw,needle,line", [
    ('{"uri": "x",\n "headlines": [}', "JSON syntax error", 2),
    ('{"uri": "x", "by": "a",\n "by": "b"}', "appears twice", 0),
    ('[1, 2]', "JSON object", 1),
    ('{"uri": "x", "headlines": [{"value": "标题"}], "bodies": [{"value": 3}]}', "expected text", 1),
    ('{"uri": "x", "headlines": [{"value": "标题"}]}', "no body text and no pictures", 1),
])
def test_broken_items_name_line_and_problem(make_issue, raw, needle, line):
    folder = make_issue(NINJS_YAML)
    (folder / "articles" / "alpha.json").write_text(raw, encoding="utf-8")
    with pytest.raises(IssueError) as info:
        load_issue(folder)
    problem = next(p for p in info.value.problems if p.file.name == "alpha.json")
    assert needle in problem.message and problem.line == line


def test_a_withheld_item_must_not_be_printed(make_issue):
    problems = refused(make_issue, ninjs_item(pubstatus="withheld"))
    assert problems[0].field == "pubstatus" and "withheld" in problems[0].message


def test_html_marks_runin_quote_and_what_is_not_carried(tmp_path):
    source = Source(tmp_path / "x.json", 7)
    html = ('<p>\u3000\u3000第一段<em class="dots">必须</em>落实，\n读了<cite class="book">红楼梦</cite>。</p>'
            '<p><b>一是</b>强化领导，<i>重点</i>突出。</p><blockquote><p>引文一句。</p></blockquote>'
            '<table><tr><td>项目</td><td><p>金额</p></td></tr></table><script>alert(1)</script><p>末段</p>')
    blocks, notices = html_blocks(html, source, "bodies[1].value")
    assert [(b.kind, b.runin, b.text) for b in blocks] == [
        (BlockKind.PARAGRAPH, "", "第一段必须落实，读了红楼梦。"), (BlockKind.PARAGRAPH, "一是", "强化领导，重点突出。"),
        (BlockKind.QUOTE, "", "引文一句。"), (BlockKind.PARAGRAPH, "", "项目\u3000金额"), (BlockKind.PARAGRAPH, "", "末段")]
    assert blocks[0].marks == (Mark(MarkKind.EMPHASIS, 3, 5), Mark(MarkKind.BOOK, 10, 13))
    text = "\n".join(n.message for n in notices)
    assert "italic" in text and "table" in text and "<script>" in text and "alert" not in "".join(b.text for b in blocks)
    assert all(n.line == 7 and n.field == "bodies[1].value" for n in notices)


def test_plain_html_paragraphs_give_no_notices(tmp_path):
    """Negative control for the HTML notices."""
    blocks, notices = html_blocks("<p>第一段。</p>\n<p>第二段，\nsecond line。</p>", Source(tmp_path / "x", 1), "b")
    assert [b.text for b in blocks] == ["第一段。", "第二段，second line。"] and notices == ()


def test_the_e_papers_story_html_reads_back_to_the_same_blocks(tmp_path):
    """paiban's own e-paper writes each story's body as HTML (and into its ninjs); read
    back it gives the blocks it was made from: kinds, text, run-in heads and marks."""
    from layout.epaper.storyview import body
    from layout.model.schema import Block

    source = Source(tmp_path / "x.json", 3)
    blocks = (Block(BlockKind.PARAGRAPH, "解放区召开新闻发布会，介绍“信用+”工作成果。", source,
                    (Mark(MarkKind.EMPHASIS, 3, 8),)),
              Block(BlockKind.SUBHEAD, "元素一 促进传统消费回暖", source),
              Block(BlockKind.PARAGRAPH, "读了红楼梦，记住了李亦博。", source,
                    (Mark(MarkKind.BOOK, 2, 5), Mark(MarkKind.PROPER, 9, 12)), runin="制定“责任清单”"),
              Block(BlockKind.QUOTE, "信用是立身之本 <也是> 兴业之基。", source))
    again, notices = html_blocks(body(blocks), source, "bodies[1].value")
    assert again == blocks and notices == ()

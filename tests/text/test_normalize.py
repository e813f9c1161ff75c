"""Copy normalization to GB/T 15834 (layout.text.normalize)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.model import load_issue
from layout.text.copyedit import normalize_issue
from layout.text.normalize import normalize

from conftest import BASE_YAML, edit, line_of


@pytest.mark.parametrize("raw, expected", [
    ("今天,我们去公园", "今天，我们去公园"),
    ("一是加强领导;二是压实责任", "一是加强领导；二是压实责任"),
    ("报告指出:开展活动", "报告指出：开展活动"),
    ("你去过吗?我去过", "你去过吗？我去过"),
    ("太好了!我们赢了", "太好了！我们赢了"),
    ("本报讯(记者詹长松)1月4日", "本报讯（记者詹长松）1月4日"),
    ("实验区(点)", "实验区（点）"),
    ("(1)加强领导", "（1）加强领导"),
    ("发放100万元,助力经济", "发放100万元，助力经济"),
    ("2022年,全区", "2022年，全区"),
    ("截至10:30,共有", "截至10:30，共有"),
], ids=lambda v: v if len(v) < 12 else None)
def test_half_width_marks_in_chinese_become_full_width(raw, expected):
    assert normalize(raw)[0] == expected


@pytest.mark.parametrize("text", [
    "增长100.13亿元",
    "上午10:30开会",
    "共1,000人参加",
    "金额为1,234,567.89元",
    "跨年夜FM89.4、明星主播",
    "He said: Hello, world! (Really?) Yes; fine.",
    "访问https://www.jzrb.com.cn/jiefang/20230106?a=1,2;b=3 了解更多",
    "网址www.jzrb.com.cn/a:b了解",
    "比例为3:2",
], ids=lambda v: v[:12])
def test_numbers_urls_and_latin_are_left_alone(text):
    fixed, edits = normalize(text)
    assert fixed == text and edits == ()


@pytest.mark.parametrize("raw, expected", [
    ('他说"你好"。', "他说“你好”。"),
    ('"双治理"创新实验点', "“双治理”创新实验点"),
    ('"他说\'好\'就走了"', "“他说‘好’就走了”"),
    ('增强"四个意识"、坚定"四个自信"', "增强“四个意识”、坚定“四个自信”"),
], ids=["simple", "leading", "nested", "two-pairs"])
def test_straight_quotes_become_curly_by_nesting(raw, expected):
    assert normalize(raw)[0] == expected


@pytest.mark.parametrize("raw, expected", [
    ("报告...报告", "报告……报告"),
    ("报告......", "报告……"),
    ("报告…报告", "报告……报告"),
    ("报告。。。报告", "报告……报告"),
    ("解放--新闻", "解放——新闻"),
    ("解放—新闻", "解放——新闻"),
    ("——解放区2022年教育工作综述", "——解放区2022年教育工作综述"),
], ids=["dots", "six-dots", "one-ellipsis", "ideographic-stops", "hyphens", "one-dash", "already"])
def test_ellipsis_and_dash(raw, expected):
    assert normalize(raw)[0] == expected


def test_mixed_sentence():
    raw = '据悉,去年9月份,河南省印发通知(以下简称"双治理"),拟探索形成100.13万元...成果'
    assert normalize(raw)[0] == "据悉，去年9月份，河南省印发通知（以下简称“双治理”），拟探索形成100.13万元……成果"


def test_url_in_chinese_brackets():
    assert normalize("(详见https://www.jzrb.com.cn/a)")[0] == "（详见https://www.jzrb.com.cn/a）"


def test_url_with_parentheses_is_left_alone():
    text = "详见https://en.wikipedia.org/wiki/Jiaozuo_(city) 等资料"
    assert normalize(text)[0] == text


def test_already_normalized_copy_is_unchanged():
    text = "本报讯（记者詹长松）1月4日上午，焦作市“解放元素”频频出现……令人欣喜——值得期待！"
    assert normalize(text) == (text, ())


def test_edits_describe_the_change_exactly():
    raw = '今天,我们说"好"...他说(对)'
    fixed, edits = normalize(raw)
    assert [(e.before, e.after) for e in edits] == [(",", "，"), ('"', "“"), ('"', "”"), ("...", "……"),
                                                    ("(", "（"), (")", "）")]
    assert _apply(raw, edits) == fixed


def _apply(raw, edits):
    out, i = [], 0
    for e in edits:
        assert raw[e.offset:e.offset + len(e.before)] == e.before
        out.append(raw[i:e.offset] + e.after)
        i = e.offset + len(e.before)
    return "".join(out) + raw[i:]


chinese_copy = st.text(alphabet=st.sampled_from(list("解放区教育工作综述新华街道丰源社区0123456789abcAB ,;:?!().\"'-…—")),
                       max_size=60)


@settings(max_examples=300, deadline=None)
@given(chinese_copy)
def test_edits_always_rebuild_the_output(raw):
    fixed, edits = normalize(raw)
    assert _apply(raw, edits) == fixed
    # letters, digits and ideographs are never touched
    keep = lambda s: [c for c in s if c.isalnum()]  # noqa: E731
    assert keep(fixed) == keep(raw)


@pytest.mark.parametrize("raw", ["并（一）“双治理”，全省", "据悉，去年9月份。"])
def test_normalizing_normalized_copy_changes_nothing(raw):
    assert normalize(raw) == (raw, ())




@pytest.mark.parametrize("raw, expected", [
    ('他说(笑着):"好"', "他说（笑着）：“好”"),
    ("报告指出(2022年):", "报告指出（2022年）："),
], ids=["before-quote", "at-end"])
def test_mark_after_a_converted_bracket_is_converted(raw, expected):
    assert normalize(raw)[0] == expected


def test_normalize_issue_reports_file_line_and_field(make_issue):
    issue, changes = normalize_issue(load_issue(make_issue()))
    alpha = issue.articles[0]
    assert alpha.byline == "本报讯（记者张三）"
    assert alpha.blocks[1].text.startswith("第二段正文：解放区商务局围绕“保障商品供应”")
    where = {(c.source.file.name, c.source.line, c.article, c.field) for c in changes}
    assert ("alpha.md", 3, "alpha", "paragraph 2") in where
    assert ("issue.yaml", line_of(BASE_YAML, "- id: alpha"), "alpha", "byline") in where  # the article's line
    assert ("issue.yaml", line_of(BASE_YAML, "- file: assets/photo.jpg"), "beta", "caption") in where  # the photo's


def test_normalization_can_be_turned_off(make_issue):
    text = edit(BASE_YAML, "  edition: 测试版\n", "  edition: 测试版\n  normalize: false\n")
    issue, changes = normalize_issue(load_issue(make_issue(text)))
    assert changes == ()
    assert issue.articles[0].byline == "本报讯(记者张三)"


@pytest.mark.parametrize("raw, expected", [
    ("这是'民心工程'，好", "这是‘民心工程’，好"),              # a single-quoted Chinese phrase, at the top level
    ('他说:"这是\'民心工程\'."', "他说：“这是‘民心工程’。”"),     # nested, and the stop after it
    ("地铁延长至23:30.市民说", "地铁延长至23:30。市民说"),        # a stop after a time, Chinese following
    ("共设站点28个.", "共设站点28个。"),                          # a stop after a Chinese character
])
def test_single_quotes_and_full_stops_in_chinese_are_converted(raw, expected):
    assert normalize(raw)[0] == expected


@pytest.mark.parametrize("text", [
    "票价为2.5元", "Xi'an的城墙", "It's fine.", "He said 'ok'. 好", "说：“We played as one team tonight.”",
    "版本1.2.3发布", "A.B. 张三", "see www.example.com/a.b 好", "等等……他",
])
def test_negative_control_decimals_apostrophes_latin_stops_and_urls_stay(text):
    assert normalize(text)[0] == text

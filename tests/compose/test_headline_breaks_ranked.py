"""Headline lines break at the best-ranked word boundary, then balance (acceptance cases C,
H, L): after a pause mark before anything else, between two pairs of a noun chain before
inside one, never next to a one-character word when a better break fits; a line feed the
user writes still wins. Fixed test font: wide 1 em, others ½ em; measured from the set
lines. Copy written for the tests."""

from __future__ import annotations

from layout.compose.headline import _prefix_widths, _smaller_for_a_break, display_lines
from layout.model.schema import FontRole
from layout.text.metrics import MetricsSet
from layout.text.segment import BreakRank, break_ranks, phrase_breaks

SIZE = 10.0
METRICS = MetricsSet.fixed()
ROLE = FontRole.HEI_BOLD


def lines_of(text: str, em: float) -> list[str]:
    """The text of each line of `text` set `em` ems wide."""
    lines = display_lines(text, SIZE, ROLE, em * SIZE, METRICS)
    return ["".join(g.char for g in line.glyphs).strip() for line in lines]


def widths(text: str, em: float) -> list[float]:
    """Each set line's extent, em (its pen position past the last glyph)."""
    return [(line.right - line.left) / SIZE for line in display_lines(text, SIZE, ROLE, em * SIZE, METRICS)]


def test_a_colon_wins_over_a_break_inside_a_set_phrase():
    text = "“甲乙丙”“丁戊己”“庚辛壬”一个都不能少：全区春节市场供应充足价格总体平稳"
    lines = lines_of(text, 24)
    assert len(lines) == 2
    assert lines[0].endswith("一个都不能少：") and lines[1].startswith("全区")


def test_a_noun_chain_breaks_between_its_pairs_not_inside_a_compound():
    text = "2026年第一季度全市地区生产总值同比增长5.8%"
    lines = lines_of(text, 12.5)
    assert lines == ["2026年第一季度全市", "地区生产总值同比增长5.8%"]


def test_a_four_character_compound_stays_whole_when_the_lines_fit():
    text = "秋季学期起全区四十七所公办小学课后服务全覆盖并推出“弹性离校”新举措"
    lines = lines_of(text, 19.5)
    assert len(lines) == 2
    assert lines[0].endswith("公办小学") and lines[1].startswith("课后服务")


def test_ranks_follow_the_reading():
    ranks = dict(break_ranks("公办小学课后服务全覆盖并推出新举措"))
    assert ranks[4] is BreakRank.GROUPS      # 公办小学|课后服务
    assert ranks[6] is BreakRank.COMPOUND    # 课后|服务
    assert ranks[2] is BreakRank.COMPOUND    # 公办|小学
    assert ranks[11] is BreakRank.CLAUSE     # 全覆盖|并
    assert ranks[8] is BreakRank.BOUND       # 服务|全
    assert ranks[4].cost < ranks[6].cost < ranks[8].cost


def test_the_users_line_feed_still_wins():
    text = "2026年第一季度全市地区\n生产总值同比增长5.8%"
    assert lines_of(text, 12.5) == ["2026年第一季度全市地区", "生产总值同比增长5.8%"]


def test_negative_control_no_good_break_still_breaks_inside_the_measure():
    text = "中华人民共和国国务院新闻办公室"
    em = 6
    lines = lines_of(text, em)
    assert "".join(lines) == text and len(lines) >= 3
    assert all(w <= em for w in widths(text, em))


def test_negative_control_a_headline_that_fits_is_one_line():
    assert lines_of("全市地区生产总值同比增长", 20) == ["全市地区生产总值同比增长"]


def _unit(text: str) -> tuple[float, ...]:
    return _prefix_widths(text, 1.0, ROLE, METRICS, 0.0)


def test_a_headline_shrinks_a_point_to_keep_a_compound_whole():
    text = "秋季学期起全区四十七所公办小学课后服务全覆盖并推出“弹性离校”新举措"
    width = 175.0  # at 10 pt the best two lines break 课后 / 服务; at 9 pt 公办小学 / 课后服务 fits
    assert lines_of(text, width / SIZE)[0].endswith("小学课后")
    size = _smaller_for_a_break([_unit(text)], [text], width, SIZE, 6.0)
    assert size == SIZE - 1
    lines = ["".join(g.char for g in line.glyphs) for line in display_lines(text, size, ROLE, width, METRICS)]
    assert lines[0].endswith("公办小学") and len(lines) == 2


def test_negative_control_no_shrink_for_a_good_break_or_below_the_minimum():
    good = "2026年第一季度全市地区生产总值同比增长5.8%"
    assert _smaller_for_a_break([_unit(good)], [good], 125.0, SIZE, 6.0) == SIZE
    text = "秋季学期起全区四十七所公办小学课后服务全覆盖并推出“弹性离校”新举措"
    assert _smaller_for_a_break([_unit(text)], [text], 175.0, SIZE, SIZE) == SIZE


def test_a_verbal_noun_before_a_noun_is_its_verb_not_a_compound():
    ranks = dict(break_ranks("加快建设现代化产业体系"))
    assert ranks[4] is BreakRank.PHRASE      # 建设|现代化: verb and object
    assert ranks[9] is BreakRank.COMPOUND    # 产业|体系
    assert dict(break_ranks("公办小学课后服务"))[6] is BreakRank.COMPOUND  # 课后|服务: the compound's head


def test_a_headline_with_spaces_shrinks_to_break_at_them():
    """The editor's spaces mark the lines: at 10 pt the 12-character first phrase does not
    fit 11.5 em, so the lines break elsewhere; up to a quarter smaller (here 9 pt, 103.5 pt
    ÷ 9 = 11.5 em … 12 em fit) they break at the spaces."""
    text = "全市老旧小区改造工程全面 启动首批惠及居民 一万二千户"
    width = 11.5 * SIZE
    size = _smaller_for_a_break([_unit(text)], [text], width, SIZE, 6.0)
    assert size < SIZE
    lines = ["".join(g.char for g in line.glyphs).strip() for line in display_lines(text, size, ROLE, width, METRICS)]
    assert lines == ["全市老旧小区改造工程全面", "启动首批惠及居民", "一万二千户"]


def test_negative_control_without_spaces_no_shrink_for_a_phrase_break():
    text = "全市老旧小区改造工程全面启动首批惠及居民一万二千户"
    assert _smaller_for_a_break([_unit(text)], [text], 11.5 * SIZE, SIZE, 6.0) == SIZE


def test_a_relative_time_word_is_one_word_for_a_break():
    breaks = phrase_breaks("荷花展本周六开幕")
    assert 3 in breaks and 4 not in breaks and 5 not in breaks  # 荷花展|本周六|开幕
    assert 1 not in phrase_breaks("下月起实行") and not {1, 2} & phrase_breaks("星期三开幕")

"""Content checks without a language model: dates and weekdays, repeated words, mixed
number forms; each with a negative control."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from layout.lint.content import cn_number, dates, mixed_numbers, repeated_words
from layout.lint.copy import Kind, Passage
from layout.model.schema import FontRole

ISSUE_DATE = dt.date(2023, 1, 6)  # a Friday


def passages(*texts: str) -> tuple[Passage, ...]:
    return tuple(Passage(t, Path("copy.txt"), i, Kind.BODY, FontRole.SONG) for i, t in enumerate(texts, start=1))


@pytest.mark.parametrize("text", ["1月4日（星期三）上午", "2023年1月6日 星期五", "1月5日(周四)", "12月31日（星期六）",
                                  "一月四日（星期三）", "1月8日（星期天）"])
def test_a_date_with_its_right_weekday_is_fine(text):
    assert dates(passages(text), ISSUE_DATE) == []


@pytest.mark.parametrize("text,right", [("1月4日（星期二）上午", "星期三"), ("2023年1月6日 星期四", "星期五"),
                                        ("2024年1月4日（周三）", "周四"), ("十二月三十一日（星期五）", "星期六")])
def test_a_date_and_weekday_that_disagree_is_e107(text, right):
    found = dates(passages(text), ISSUE_DATE)
    assert [f.code for f in found] == ["E107"] and right in found[0].message


def test_no_such_date_and_the_year_of_raw_copy():
    assert "no such date" in dates(passages("2月30日（星期一）"), ISSUE_DATE)[0].message
    # raw copy: the year is the last one written before the date in the file
    assert dates(passages("2023年元旦刚过。", "1月4日（星期三）"), None) == []
    assert len(dates(passages("2022年元旦刚过。", "1月4日（星期三）"), None)) == 1  # 2022-01-04 was a Tuesday
    assert dates(passages("1月4日（星期二）"), None) == []  # no year known: not checked


@pytest.mark.parametrize("text,value", [("12", 12), ("十二", 12), ("二十三", 23), ("廿三", 23), ("十", 10),
                                        ("二〇二三", 2023), ("三十一", 31), ("百", None)])
def test_cn_number(text, value):
    assert cn_number(text) == value


def test_a_word_repeated_across_a_mark_is_w205():
    found = repeated_words(passages("街道充分发挥社区网格员、网格员等调解力量。"))
    assert [f.code for f in found] == ["W205"] and "网格员、网格员" in found[0].message


@pytest.mark.parametrize("text", ["王府井百货、百货大楼等各大商超", "哈哈、哈哈", "网格员、志愿者等", "研究、研究生"])
def test_two_names_or_reduplication_are_not_w205(text):
    assert repeated_words(passages(text)) == []


@pytest.mark.parametrize("text,number", [("共3千5百元", "3千5百"), ("二0二三年", "二0二三"), ("一九9八年", "一九9八")])
def test_mixed_number_forms_are_w206(text, number):
    found = mixed_numbers(passages(text))
    assert [f.code for f in found] == ["W206"] and number in found[0].message


@pytest.mark.parametrize("text", ["3.5万人", "2023年", "二〇二三年", "统一2023年计划", "第十四届", "12亿元", "“十四五”"])
def test_one_number_form_is_fine(text):
    assert mixed_numbers(passages(text)) == []

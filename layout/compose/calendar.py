"""Dates as a Chinese paper prints them: 2023年1月6日 星期五, 农历壬寅年腊月十五."""

from __future__ import annotations

import datetime as dt

from lunardate import LunarDate

WEEKDAYS = "一二三四五六日"
STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
MONTHS = ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊")
DIGITS = "一二三四五六七八九十"


def solar_date(date: dt.date) -> str:
    """e.g. 2023年1月6日 星期五"""
    return f"{date.year}年{date.month}月{date.day}日 星期{WEEKDAYS[date.weekday()]}"


def lunar_date(date: dt.date) -> str:
    """e.g. 农历壬寅年腊月十五 (the lunar year is named by its stem and branch)."""
    lunar = LunarDate.from_solar_date(date.year, date.month, date.day)
    cycle = (lunar.year - 4) % 60
    year = STEMS[cycle % 10] + BRANCHES[cycle % 12]
    leap = "闰" if lunar.is_leap_month else ""
    return f"农历{year}年{leap}{MONTHS[lunar.month - 1]}月{lunar_day(lunar.day)}"


def lunar_day(day: int) -> str:
    """1 → 初一, 10 → 初十, 15 → 十五, 20 → 二十, 21 → 廿一, 30 → 三十."""
    if day <= 10:
        return "初" + DIGITS[day - 1]
    if day < 20:
        return "十" + DIGITS[day - 11]
    if day == 20:
        return "二十"
    if day < 30:
        return "廿" + DIGITS[day - 21]
    return "三十"

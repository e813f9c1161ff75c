"""Content checks that need no language model (pure: passages → findings).

- E107: a date and its weekday that disagree (`1月4日（星期三）` when 4 January is a
  Tuesday) or a date that does not exist (`2月30日`). The year is the one written, else
  in an issue the year that puts the date nearest the issue date (12月31日 in a January
  issue is last year's), in raw copy the latest year written before it in the same
  file; without either the date is not checked.
- W205: a word repeated across a mark (`网格员、网格员等`), when what follows the second
  cannot be the rest of a longer word (`王府井百货、百货大楼` is two names).
- W206: Arabic and Chinese numerals mixed in one number (`3千5百`, `二0二三年`); GB/T
  15835-2011 §5 writes one number in one form (Arabic with 万/亿 as units is allowed:
  `3.5万`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from layout.i18n import _
from layout.lint.copy import Passage
from layout.lint.findings import Finding, Where

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}
WEEKDAYS = "一二三四五六日"  # Monday … Sunday (星期天 = 星期日)
NUM = r"[0-9]{1,2}|[〇零一二三四五六七八九十廿卅]{1,3}"
DATE_RE = re.compile(rf"(?:([0-9]{{4}}|[〇零一二三四五六七八九]{{4}})年)?({NUM})月({NUM})[日号]"
                     r"\s*[（(]?\s*(星期|周|礼拜)([一二三四五六日天])\s*[）)]?")
YEAR_RE = re.compile(r"([0-9]{4}|[〇零一二三四五六七八九]{4})年")
REPEAT_RE = re.compile(r"([\u4e00-\u9fff]{2,8})([、，,；;])\1(?![\u4e00-\u9fff]*?\2\1)")
NUMBER_RE = re.compile(r"[0-9０-９〇零一二三四五六七八九十百千万亿两.．]+")
ARABIC = set("0123456789０１２３４５６７８９")
CN_NUMERALS = set("〇零一二三四五六七八九十百千两")
WORD_AFTER = set("等和及与的了都也们在是将就还又并或而为对")  # characters that start no longer word with it
HAN_RE = re.compile(r"[\u4e00-\u9fff]")


def _at(p: Passage, offset: int) -> Where:
    return Where(p.where.article, p.where.field, offset)


def cn_number(text: str) -> int | None:
    """The value of an Arabic or simple Chinese number up to 9999 (`12`, `十二`,
    `二十三`, `廿三`, `二〇二三`), None when it is not one."""
    if text.isdigit():
        return int(text)
    if text and all(ch in CN_DIGITS for ch in text):
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    text = text.replace("廿", "二十").replace("卅", "三十")
    if "十" in text and text.count("十") == 1:
        tens, _sep, ones = text.partition("十")
        t = CN_DIGITS.get(tens, None) if tens else 1
        o = CN_DIGITS.get(ones, None) if ones else 0
        if t is not None and o is not None:
            return t * 10 + o
    return None


def _year_near(month: int, day: int, issue_date: dt.date) -> int:
    """The year in which month/day is nearest the issue's date."""
    best, gap = issue_date.year, None
    for year in (issue_date.year - 1, issue_date.year, issue_date.year + 1):
        try:
            distance = abs((dt.date(year, month, day) - issue_date).days)
        except ValueError:
            continue
        if gap is None or distance < gap:
            best, gap = year, distance
    return best


def dates(passages: Iterable[Passage], issue_date: dt.date | None = None) -> list[Finding]:
    """E107 for every date with a weekday that disagrees, or that does not exist."""
    out: list[Finding] = []
    years: dict[object, int] = {}
    for p in passages:
        for m in DATE_RE.finditer(p.text):
            month, day = cn_number(m.group(2)), cn_number(m.group(3))
            if month is None or day is None:
                continue
            if m.group(1):
                year = cn_number(m.group(1))
            elif issue_date is not None and 1 <= month <= 12:
                year = _year_near(month, day, issue_date)
            else:
                year = _year_before(p, m.start(), years)
            finding = _date_finding(p, m, year, month, day)
            if finding is not None:
                out.append(finding)
        for ym in YEAR_RE.finditer(p.text):
            value = cn_number(ym.group(1))
            if value:
                years[p.file] = value
    return out


def _year_before(p: Passage, offset: int, years: dict) -> int | None:
    """The last year written before `offset` in the passage, else earlier in its file."""
    found = [cn_number(m.group(1)) for m in YEAR_RE.finditer(p.text[:offset])]
    found = [y for y in found if y]
    return found[-1] if found else years.get(p.file)


def _date_finding(p: Passage, m: re.Match, year: int | None, month: int, day: int) -> Finding | None:
    if year is None:
        if month > 12 or day > 31 or (month == 2 and day > 29):
            return Finding(p.file, p.line_at(m.start()), "E107", _("no such date: “{text}”").format(
                text=m.group()), _at(p, m.start()))
        return None
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return Finding(p.file, p.line_at(m.start()), "E107", _("no such date: “{text}” ({year})").format(
            text=m.group(), year=year), _at(p, m.start()))
    written = WEEKDAYS.index("日" if m.group(5) == "天" else m.group(5))
    if written == date.weekday():
        return None
    return Finding(p.file, p.line_at(m.start()), "E107", _(
        "date and weekday disagree: “{text}”, but {year}年{month}月{day}日 is a {prefix}{weekday}; correct the date "
        "or the weekday").format(text=m.group(), year=year, month=month, day=day, prefix=m.group(4),
                                  weekday=WEEKDAYS[date.weekday()]), _at(p, m.start()))


def repeated_words(passages: Iterable[Passage]) -> list[Finding]:
    """W205 for a word written twice across a mark: `网格员、网格员`."""
    out = []
    for p in passages:
        for m in REPEAT_RE.finditer(p.text):
            word, following = m.group(1), p.text[m.end():m.end() + 1]
            if len(set(word)) == 1:
                continue  # 哈哈、哈哈: reduplication, not a slip
            if HAN_RE.match(following) and following not in WORD_AFTER:
                continue  # 王府井百货、百货大楼: the second may begin a longer word
            out.append(Finding(p.file, p.line_at(m.start()), "W205", _(
                "word repeated across “{mark}”: “{text}”; delete one “{word}{mark}” if it is a slip").format(
                mark=m.group(2), text=m.group(), word=word), _at(p, m.start())))
    return out


def mixed_numbers(passages: Iterable[Passage]) -> list[Finding]:
    """W206 for a number written partly in Arabic, partly in Chinese numerals."""
    out = []
    for p in passages:
        for m in NUMBER_RE.finditer(p.text):
            start, text = m.start(), m.group()
            # a Chinese numeral glued to the word before it is part of that word (统一2023年, 第一3)
            while text and text[0] in CN_NUMERALS and start > 0 and HAN_RE.match(p.text[start - 1]):
                start, text = start + 1, text[1:]
            if not (set(text) & ARABIC and set(text) & CN_NUMERALS):
                continue
            out.append(Finding(p.file, p.line_at(start), "W206", _(
                "a number in two forms: “{text}”; write it in Arabic numerals or in Chinese numerals throughout "
                "(GB/T 15835)").format(text=text), _at(p, start)))
    return out


def content_checks(passages: tuple[Passage, ...], issue_date: dt.date | None = None) -> list[Finding]:
    return dates(passages, issue_date) + repeated_words(passages) + mixed_numbers(passages)

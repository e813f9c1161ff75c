"""Where a display line (a headline, kicker or subhead) may break: between words and
phrases, never inside them (issue 9: `解放区扎实推进社 / 会信用体系建设` is wrong).

`phrase_breaks(text)` gives the character offsets where a line may start, for
`ParagraphStyle(breaks=...)`:

- between the words of each run of Han characters, as jieba segments it
  (layout.text.words), except between two one-character words (砍下, 走进: a verb and its
  complement, which jieba leaves single);
- never inside a short quotation or bracketed phrase: “大锅饭”, “三张清单”, 《人民日报》
  stay whole when their content is at most SHORT_QUOTE (10) characters; a longer
  quotation is a sentence and breaks between its words like any other text;
- never between a number and its unit or measure word (3.5|万人次, 31|分, 第|38|轮),
  inside a date (2024年12月28日) or a relative time word (本周六, 下月, 星期三), or
  inside a Latin run except at its hyphens and link separators (layout.text.latin);
- never before a mark that may not start a line nor after one that may not end it
  (clreq §6.1.1), whatever the prohibition level: a display line is short and a mark at
  its edge shows;
- spaces and line feeds are breaks (a line feed is a mandatory one in set_paragraph).

`break_ranks(text)` ranks those breaks for a headline's lines (BreakRank): after a
pause or stop mark first (clreq §3.1.5: a pause is where a reader rests), then before a
conjunction or preposition, then between phrases; between two nouns (地区|生产总值,
课后|服务: a compound the dictionary does not hold) or next to a one-character word
(一个|都|不能|少) last. A chain of nouns is read as pairs from its start, two-word
compounds like four-character prosodic words (全市地区|生产总值 no, 公办小学|课后服务
yes): a break between two pairs ranks above one inside a pair.

The segmenter's dictionary is read only on the first call that meets a Han run of more
than one character; results are cached by text. Set the headline without `breaks` first:
if it fits one line, this is never needed.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

from layout.text.classes import ALWAYS_NO_START, NO_END, NO_START, Kinsoku, classify, is_fullwidth, is_space
from layout.text.latin import break_opportunities
from layout.text.words import WordKind, is_han, word_kinds, words

SHORT_QUOTE = 10  # characters: a quotation this short or shorter is one phrase

# Pairs that enclose a phrase (clreq §5.2, GB/T 15834 §4.8–4.9, §4.15).
PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "〈": "〉", "（": "）", "【": "】", "〔": "〕",
         "〖": "〗", "［": "］", "(": ")"}

# What follows a number as its unit or measure word (GB/T 15835 keeps them together on a
# line): the first character of the word after the digits.
UNIT_STARTS = frozenset("元亿万千百个名人次套家件条份辆年月日号时分秒米吨斤岁期版项处栋所座余倍户间位台届轮场批"
                        "公千克升度级毫厘平亩%‰℃％多")
NUMBER_PREFIXES = frozenset("第约近超逾达共")  # 第38轮, 约1200人: the word before a number it belongs to
_DATE = re.compile(r"\d+年(?:\d+月(?:\d+日)?)?|\d+月\d+日|\d+时\d+分")
# Relative time words: a deictic prefix and a period, or a weekday (本周六, 上月, 今年, 周日, 星期三).
_TIME = re.compile(r"[本上下每今明昨前后次当同](?:周[一二三四五六日末]?|星期[一二三四五六日天]?|月|年|季度?|日|晚|早)"
                   r"|周[一二三四五六日末]|星期[一二三四五六日天]")
_NO_START = NO_START[Kinsoku.STRICT] | ALWAYS_NO_START
_NO_END = NO_END[Kinsoku.STRICT]


@lru_cache(maxsize=4096)  # a pure function of the text; headlines are set at several sizes
def phrase_breaks(text: str) -> frozenset[int]:
    """Offsets (0 < k < len(text)) where a display line may start (see the module)."""
    candidates = _word_boundaries(text) | _time_edges(text)
    closed = _inside_phrases(text) | _inside_numbers(text) | _inside_times(text)
    return frozenset(k for k in candidates if k not in closed and _marks_allow(text, k))


class BreakRank(Enum):
    """How good a display-line break is; `cost` is its penalty against uneven lines
    (layout.compose.headline weighs it with the lines' spread, × the measure squared)."""

    PAUSE = 0.0      # after ，、；：！？ or a space: where the reader pauses
    CLAUSE = 0.05    # before a conjunction or preposition (并、和、在): a new phrase starts
    PHRASE = 0.15    # between words of different kinds, around a number or a quotation
    GROUPS = 0.3     # between two pairs of a chain of nominal words: 公办小学|课后服务
    COMPOUND = 0.5   # between two nominal words of one pair: 地区|生产总值, 公办|小学
    BOUND = 0.8      # next to a one-character word: 一个|都|不能|少, 全|覆盖

    @property
    def cost(self) -> float:
        return float(self.value)


_NOUNS = (WordKind.NOMINAL, WordKind.VERBAL)
NUMERALS = frozenset("〇一二三四五六七八九十百千万亿两")
PAUSE_MARKS = frozenset("，、；：！？。,;:!?")


@lru_cache(maxsize=4096)
def break_ranks(text: str) -> tuple[tuple[int, BreakRank], ...]:
    """Each of `phrase_breaks(text)` with its rank (see the module), in offset order."""
    breaks = phrase_breaks(text)
    inner = _han_ranks(text)
    out = []
    for k in sorted(breaks):
        before = text[k - 1]
        if before in PAUSE_MARKS or before.isspace() or text[k].isspace():
            rank = BreakRank.PAUSE
        else:
            rank = inner.get(k, BreakRank.PHRASE)
        out.append((k, rank))
    return tuple(out)


def _han_ranks(text: str) -> dict[int, BreakRank]:
    """Ranks of the breaks between the words of each Han run, by the words' classes and
    lengths (a one-character word next to a number is the number's, 2026年: not bound)."""
    out: dict[int, BreakRank] = {}
    for m in re.finditer(r"[\u4e00-\u9fd5]+", text):
        run = m.group()
        if len(run) < 2:
            continue
        parts, kinds = words(run), word_kinds(run)
        at, chain = m.start(), 0
        for i in range(len(parts) - 1):
            at += len(parts[i])
            left, right = parts[i], parts[i + 1]
            compound = kinds[i] is WordKind.NOMINAL and kinds[i + 1] in _NOUNS
            numbered = i == 0 and m.start() > 0 and text[m.start() - 1].isdigit()
            if kinds[i + 1] is WordKind.LINK and left[-1] not in NUMERALS:  # 四十七|所: a measure word
                rank = BreakRank.CLAUSE
            elif (len(left) == 1 and not numbered) or len(right) == 1:
                rank = BreakRank.BOUND
            elif compound:
                chain += 1  # the chain's words pair up from its start (公办小学 课后服务)
                rank = BreakRank.GROUPS if chain % 2 == 0 else BreakRank.COMPOUND
            else:
                rank = BreakRank.PHRASE  # a verbal noun before a noun is its verb: 建设|现代化
            if not compound:
                chain = 0
            out[at] = rank
    return out


def _word_boundaries(text: str) -> set[int]:
    """Offsets between tokens: Han words, Latin runs (at their own break points), marks,
    digits, spaces."""
    out: set[int] = set()
    for m in re.finditer(r"[\u4e00-\u9fd5]+|[^\s\u4e00-\u9fd5]+|\s+", text):
        start, run = m.start(), m.group()
        out.update((start, m.end()))
        if is_han(run[0]):
            at, single = start, False
            for word in words(run) if len(run) > 1 else (run,):
                if not (single and len(word) == 1):  # 砍|下: single characters make one phrase
                    out.add(at)
                at, single = at + len(word), len(word) == 1
            out.add(at)
        elif not run[0].isspace():
            out.update(start + k for k in _token_cuts(run))
    return {k for k in out if 0 < k < len(text)}


def _token_cuts(run: str) -> set[int]:
    """Cuts inside a run of non-Han, non-space characters: around full-width marks, and a
    Latin run's own break points (hyphens, link separators)."""
    cuts: set[int] = set()
    i = 0
    while i < len(run):
        if is_fullwidth(run[i]):
            cuts.update((i, i + 1))
            i += 1
            continue
        j = i
        while j < len(run) and not is_fullwidth(run[j]):
            j += 1
        cuts.update(i + k for k, _ in break_opportunities(run[i:j]))
        cuts.update((i, j))
        i = j
    return cuts


def _inside_phrases(text: str) -> set[int]:
    """Offsets inside a short quotation or bracketed phrase, marks included."""
    out: set[int] = set()
    for i, ch in enumerate(text):
        close = PAIRS.get(ch)
        if close is None:
            continue
        j = text.find(close, i + 1)
        if j > 0 and j - i - 1 <= SHORT_QUOTE and ch not in text[i + 1:j]:
            out.update(range(i + 1, j + 1))
    return out


def _inside_numbers(text: str) -> set[int]:
    """Offsets between a number and its unit, prefix (第) or the rest of its date."""
    out: set[int] = set()
    for m in _DATE.finditer(text):
        out.update(range(m.start() + 1, m.end()))
    for m in re.finditer(r"[0-9０-９][0-9０-９.,:：]*", text):
        start, end = m.span()
        if end < len(text) and text[end] in UNIT_STARTS:
            out.add(end)
        if start > 0 and text[start - 1] in NUMBER_PREFIXES:
            out.add(start)
    return out


def _time_edges(text: str) -> set[int]:
    """Offsets where a relative time word starts or ends inside the text: word
    boundaries the segmenter may miss (荷花展|本周六)."""
    return {k for m in _TIME.finditer(text) for k in m.span() if 0 < k < len(text)}


def _inside_times(text: str) -> set[int]:
    """Offsets inside a relative time word (本周六, 下月, 今年, 周日, 星期三), which the
    segmenter may cut where a one-character word meets a compound (荷花展本|周六 is
    read 展本 / 周六): a reader takes it as one word."""
    out: set[int] = set()
    for m in _TIME.finditer(text):
        out.update(range(m.start() + 1, m.end()))
    return out


def _marks_allow(text: str, k: int) -> bool:
    """No line starts with a closing or pause mark, none ends with an opening one."""
    after, before = text[k], text[k - 1]
    if is_space(after) or is_space(before):
        return True
    return classify(after) not in _NO_START and classify(before) not in _NO_END

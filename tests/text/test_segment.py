"""Word and phrase boundaries for display lines (layout.text.segment, layout.text.words):
headlines break between words, never inside a word, a short quotation, a number and its
unit or a Latin name (issue 9 item 6). Fixed test font: wide 1 em, others ½ em."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from layout.model.schema import FontRole
from layout.text.atoms import Span
from layout.text.metrics import MetricsSet
from layout.text.paragraph import ParagraphStyle, set_paragraph
from layout.text.segment import SHORT_QUOTE, phrase_breaks
from layout.text.words import load_dictionary, words

SIZE = 10.0
METRICS = MetricsSet.fixed()
ROOT = Path(__file__).resolve().parents[2]

# Headlines from the seed, with the offsets a line may not start at (inside a word or a
# short quotation), written by hand, not by the segmenter.
HEADLINES = {
    "解放区扎实推进社会信用体系建设": {1, 2, 4, 6, 8, 10, 12, 14},
    "民生街道“三张清单”助推基层治理全面提升": {1, 3, 5, 6, 7, 8, 9, 11, 13, 15, 17, 19},
    "新华街道丰源社区获评全省第一批“双治理”创新实验点": {1, 3, 5, 7, 9, 11, 13, 14, 16, 17, 18, 19, 21, 23, 24},
    "外援John Smith-Williams砍下31分": {1, 3, 4, 5, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20, 22, 24, 25},
    "全年接待游客3.5万人次同比增长12.3%": {1, 3, 5, 7, 8, 9, 10, 11, 13, 15, 17, 18, 19, 20},
    "坚决打破“大锅饭”推进改革": {1, 3, 5, 6, 7, 8, 10, 12},
}


def starts(lines) -> list[int]:
    """Offsets where the lines after the first start."""
    return [line.offset for line in lines[1:]]


def set_headline(text: str, chars: float, breaks: frozenset[int] | None):
    style = ParagraphStyle(SIZE, chars * SIZE, indent=0.0, justify=False, breaks=breaks)
    return set_paragraph((Span(text, FontRole.HEI_BOLD),), style, METRICS)


def widest_phrase(text: str, breaks: frozenset[int]) -> float:
    """Width of the widest stretch between listed breaks, em (the fixed font)."""
    cuts = [0, *sorted(breaks), len(text)]
    return max(sum(METRICS.get(FontRole.HEI_BOLD).advance(c) for c in text[a:b].strip()) for a, b in zip(cuts, cuts[1:]))


@pytest.mark.parametrize("text", list(HEADLINES))
def test_headlines_break_only_between_words_at_every_width(text):
    breaks = phrase_breaks(text)
    total = sum(METRICS.get(FontRole.HEI_BOLD).advance(c) for c in text)
    first = max(widest_phrase(text, breaks), total / 2)
    widths = [first + 0.25 * i for i in range(int((total - first) * 4))]
    assert widths
    multi = 0
    for chars in widths:
        lines = set_headline(text, chars, breaks)
        assert "".join(ln.text for ln in lines) == text.replace(" ", "")
        multi += len(lines) > 1
        inside = [k for k in starts(lines) if k in HEADLINES[text]]
        assert not inside, (chars, [ln.text for ln in lines])
    assert multi >= 4  # the widths tried do need more than one line


def test_negative_control_without_phrase_breaks_words_are_split():
    text = "解放区扎实推进社会信用体系建设"
    split = [chars for chars in range(8, 15) if set(starts(set_headline(text, chars, None))) & HEADLINES[text]]
    assert split  # e.g. 解放区扎实推进社 / 会信用体系建设


def test_a_phrase_wider_than_the_line_still_breaks():
    """The listed breaks cannot make lines 2 em wide: other breaks are taken, as few as possible."""
    lines = set_headline("坚决打破“大锅饭”推进改革", 2.5, phrase_breaks("坚决打破“大锅饭”推进改革"))
    assert "".join(ln.text for ln in lines) == "坚决打破“大锅饭”推进改革"
    assert all(ln.right <= ln.left + ln.width + 1e-6 for ln in lines)


def test_short_quotations_stay_whole_long_ones_break_between_words():
    short = "人们说“" + "一" * SHORT_QUOTE + "”"
    assert not phrase_breaks(short) & set(range(4, len(short)))
    long = "他说“要坚持以人民为中心的发展思想推进共同富裕”"
    assert phrase_breaks(long) & set(range(4, len(long) - 1))


def test_numbers_stay_with_units_dates_and_prefixes():
    for text, whole in [("全年接待游客3.5万人次", "3.5万"), ("2024年12月28日完工", "2024年12月28日"),
                        ("第38轮比赛开始", "第38轮"), ("约1200人参加", "约1200人"), ("投资8000余万元", "8000余")]:
        at = text.index(whole)
        assert not phrase_breaks(text) & set(range(at + 1, at + len(whole))), text


def test_no_break_next_to_a_mark_that_forbids_it():
    text = "携手共建乡土中国，共写精准扶贫新篇章（上）"
    for k in phrase_breaks(text):
        assert text[k] not in "，。、）”" and text[k - 1] not in "（“"


def test_segmentation_is_jiebas():
    """The loader reproduces jieba.Tokenizer.cut (HMM on) on Han runs of the seed copy."""
    import logging
    import re

    import jieba
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = os.environ["PAIBAN_CACHE"]
    copy = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "issues" / "jiefang-2023-01-06" / "articles").glob("*.md")))
    runs = sorted(set(re.findall("[\u4e00-\u9fd5]{2,}", copy)))[:150] + ["詹长松当选人大代表"]
    assert [words(r) for r in runs] == [tuple(tokenizer.cut(r)) for r in runs]


def test_the_dictionary_is_cached_by_content_in_the_cache_folder():
    load_dictionary()
    cached = list(Path(os.environ["PAIBAN_CACHE"]).glob("jieba-*.dict"))
    assert len(cached) == 1 and cached[0].stat().st_size > 1_000_000


def test_nothing_is_loaded_until_a_headline_needs_it(tmp_path):
    """Importing and setting text reads no dictionary and never imports jieba itself."""
    code = ("import sys\n"
            "from layout.text.paragraph import set_paragraph, ParagraphStyle\n"
            "from layout.text import segment, words\n"
            "assert words.load_dictionary.cache_info().currsize == 0\n"
            "breaks = segment.phrase_breaks('解放区扎实推进')\n"
            "assert words.load_dictionary.cache_info().currsize == 1 and 'jieba' not in sys.modules\n")
    env = {**os.environ, "PAIBAN_CACHE": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=env, timeout=120)


def test_a_dictionary_half_written_by_a_killed_process_is_swept(tmp_path):
    """The compact dictionary is written as `.NAME.PID.tmp` and renamed (layout.cachefiles):
    a temporary of a process that no longer runs is removed by the next one to load it;
    one of a live process (this one) is left alone (the control)."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True).stdout.strip()
    left = tmp_path / f".jieba-x.dict.{dead}.tmp"
    live = tmp_path / f".jieba-y.dict.{os.getpid()}.tmp"
    left.write_bytes(b"half")
    live.write_bytes(b"busy")
    code = "from layout.text import words; words.load_dictionary()\n"
    env = {**os.environ, "PAIBAN_CACHE": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=env, timeout=120)
    assert not left.exists() and live.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".") and p != live] == []
    assert len(list(tmp_path.glob("jieba-*.dict"))) == 1

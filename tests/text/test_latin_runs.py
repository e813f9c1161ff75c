"""Latin runs that do not fit a line (UAX #14, clreq §6.1.4): URLs, e-mail addresses and
paths break after their separators, words at their hyphens, anything between letters as
the last resort; whatever the text, no line runs past its measure (issue 9 item 3). Also
line feeds as mandatory breaks. Fixed test font: wide 1 em, others ½ em, 1 em = 10 pt."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.model.schema import FontRole
from layout.text.atoms import Span
from layout.text.config import TextConfig
from layout.text.latin import BreakKind, break_opportunities, is_link
from layout.text.metrics import MetricsSet
from layout.text.paragraph import ParagraphStyle, set_paragraph

SIZE = 10.0
METRICS = MetricsSet.fixed()
EPS = 1e-6
URL = "https://www.example-club.com.cn/tickets/2025?id=38&lang=zh"
MAIL = "service_desk@example-club.com.cn"


def lines_of(text: str, chars: float = 10, indent: float = 0.0, **style) -> list:
    return list(set_paragraph((Span(text, FontRole.SONG),), ParagraphStyle(SIZE, chars * SIZE, indent=indent, **style),
                              METRICS))


def texts(lines) -> list[str]:
    return [line.text for line in lines]


def over_measure(lines, slack: float = 0.0) -> list[str]:
    """Lines whose last character ends past the measure (less `slack` pt)."""
    return [f"{ln.text!r} ends at {ln.right:.2f} > {ln.left + ln.width - slack:.2f}" for ln in lines
            if ln.right > ln.left + ln.width - slack + EPS or min(g.x for g in ln.glyphs) < ln.left - SIZE / 2 - EPS]


# ----------------------------------------------------------------- break points

def test_a_url_breaks_after_its_separators_only():
    cuts = break_opportunities(URL)
    assert all(kind is BreakKind.LINK for _, kind in cuts)
    for at, _ in cuts:
        assert URL[at - 1] in "/.-?&=_#@" and URL[at].isalnum()
    assert "https://" not in {URL[:at] for at, _ in cuts[:1]} or URL[:cuts[0][0]] == "https://"


def test_double_slash_and_scheme_stay_whole():
    starts = {at for at, _ in break_opportunities(URL)}
    assert URL.index("//") + 1 not in starts and URL.index(":") + 1 not in starts


def test_hyphenated_words_break_after_the_hyphen_numbers_do_not():
    assert break_opportunities("Smith-Williams") == ((6, BreakKind.HYPHEN),)
    for run in ("98-95", "2023-01-06", "3:1", "1/2", "K1024+300", "87.5%", "12345678901234567890"):
        assert break_opportunities(run) == (), run


def test_what_reads_as_a_link():
    assert all(is_link(r) for r in (URL, MAIL, "www.jiaozuo.gov.cn/xfq", "jzrb.com.cn/jf/2023", "/usr/share/fonts"))
    assert not any(is_link(r) for r in ("Smith-Williams", "Dr.", "U.S.A.", "98-95", "FM89.4"))


# ----------------------------------------------------------------- set lines

def test_a_long_url_breaks_at_separators_and_keeps_to_the_measure():
    lines = lines_of("详见" + URL + "。", chars=10)
    assert "".join(texts(lines)) == "详见" + URL + "。" and len(lines) > 2
    assert not over_measure(lines)
    for line in lines[1:]:
        assert line.text[0] not in "/.-?&=_#@", texts(lines)  # a separator never starts a line
    for line in lines[:-1]:
        if line.text[-1].isascii():
            assert line.text[-1] in "/.-?&=_#@", texts(lines)  # broken after a separator, not inside a word


def test_an_email_address_breaks_after_its_separators():
    lines = lines_of("来信请寄" + MAIL + "，谢谢。", chars=8)
    assert not over_measure(lines)
    inside = [ln.text for ln in lines[:-1] if ln.text[-1].isascii()]
    assert inside and all(t[-1] in "_@-." for t in inside), texts(lines)


def test_a_300_letter_word_breaks_between_letters_only_because_it_must():
    word = "W" * 300
    lines = lines_of("他说" + word + "好。", chars=13)
    assert "".join(texts(lines)) == "他说" + word + "好。"
    assert not over_measure(lines)
    assert len(lines) >= 300 * 0.5 / 13  # the word is spread over lines, none past the measure


def test_a_hyphenated_name_breaks_at_its_hyphen_before_between_letters():
    lines = lines_of("外援" + "Abcdefghijk-Lmnopqrstuv" + "砍下31分。", chars=8)
    assert not over_measure(lines)
    assert any(ln.text.endswith("Abcdefghijk-") or ln.text.endswith("k-") for ln in lines), texts(lines)


def test_a_word_that_fits_a_line_is_never_broken():
    lines = lines_of("一二三四五六七Stanford大学的教授们今天来到这里。", chars=10)
    assert any("Stanford" in t for t in texts(lines)), texts(lines)


def test_a_long_number_run_stays_inside_the_measure():
    lines = lines_of("编号" + "1234567890" * 4 + "的项目。", chars=9)
    assert not over_measure(lines)


def test_display_text_keeps_to_its_measure_too():
    """A headline of 120 W: set unjustified, no indent, it still never runs past its width."""
    lines = lines_of("W" * 120, chars=20, justify=False)
    assert len(lines) == 3 and not over_measure(lines)


def test_negative_control_the_check_sees_a_line_past_the_measure():
    lines = lines_of("详见" + URL + "。", chars=10)
    assert over_measure(lines, slack=SIZE / 2)  # lines reach the edge: half an em less is seen


# ----------------------------------------------------------------- line feeds

def test_a_line_feed_is_a_mandatory_break_and_is_not_drawn():
    lines = lines_of("解放区扎实推进\n社会信用体系建设", chars=30, justify=False)
    assert texts(lines) == ["解放区扎实推进", "社会信用体系建设"]
    assert "\n" not in "".join(texts(lines)) and [ln.last for ln in lines] == [False, True]


def test_negative_control_without_the_line_feed_it_is_one_line():
    assert texts(lines_of("解放区扎实推进社会信用体系建设", chars=30, justify=False)) == ["解放区扎实推进社会信用体系建设"]


def test_a_line_before_a_line_feed_is_not_stretched():
    lines = lines_of("一二三\n四五六七八九十一二三四五六七八", chars=10)
    assert [g.x for g in lines[0].glyphs] == [0.0, 10.0, 20.0]


def test_line_feeds_at_the_ends_and_doubled_add_no_empty_line():
    assert texts(lines_of("\n一二三\n\n四五六\n", chars=10)) == ["一二三", "四五六"]


# ----------------------------------------------------------------- the guarantee

ALPHABET = "解放区社会信用体系建设，。、“”（）《》——……·" + "abcdefghijklmnopqrstuvwxyzW" + "0123456789" + \
    "/.-?&=_#@:%+" + "  \n"
words = st.one_of(st.text(alphabet=ALPHABET, min_size=1, max_size=30),
                  st.sampled_from([URL, MAIL, "W" * 80, "1" * 60, "Smith-Williams", "98-95", "3:1", "87.5%"]))


@settings(max_examples=200, derandomize=True)
@given(st.lists(words, min_size=1, max_size=12).map("".join), st.floats(min_value=1.5, max_value=25),
       st.sampled_from([0.0, 2.0]), st.booleans())
def test_no_line_runs_past_its_measure_whatever_the_text(text, chars, indent, justify):
    """Any text, any measure that holds one character after the indent: every character
    but spaces and line feeds is set once, in order, and no line ends past its measure."""
    lines = lines_of(text, chars=chars + indent, indent=indent, justify=justify)
    assert "".join(texts(lines)) == "".join(text.split())
    assert not over_measure(lines)


@settings(max_examples=100, derandomize=True)
@given(st.lists(words, min_size=1, max_size=8).map("".join), st.floats(min_value=1.5, max_value=20),
       st.frozensets(st.integers(min_value=0, max_value=200)))
def test_no_line_runs_past_its_measure_with_chosen_breaks(text, chars, breaks):
    lines = lines_of(text, chars=chars, breaks=breaks, justify=False)
    assert "".join(texts(lines)) == "".join(text.split())
    assert not over_measure(lines)


@pytest.mark.parametrize("tracking", [-0.1, 0.25])
def test_tracked_display_text_keeps_to_its_measure(tracking):
    lines = lines_of("W" * 60 + "解放区扎实推进" * 3, chars=12, justify=False, tracking=tracking)
    assert not over_measure(lines)


def test_hanging_punctuation_is_the_one_chosen_exception():
    text = "一二三四五六七八九十，四五六七八九十一二三四五六七八九十一二三，完毕了。"
    lines = list(set_paragraph((Span(text, FontRole.SONG),), ParagraphStyle(SIZE, 10 * SIZE, indent=0),
                               METRICS, TextConfig(hanging=True)))
    hung = [ln for ln in lines if ln.glyphs[-1].x + SIZE / 2 > ln.left + ln.width + EPS]
    assert hung and not over_measure(lines)  # `right` excludes the hung mark

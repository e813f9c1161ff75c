"""clreq rules measured on the PDF: each test sets a paragraph built to trigger a rule
through the whole pipeline, reads glyph positions back with pdfplumber, and asserts what
a reader sees; each rule has a negative control showing the assertion fails with the
rule off (or on a layout that breaks it). Positions in pt; 1 em = 9 pt."""

from __future__ import annotations


from layout.text.classes import CLOSING, MIDDOTS, OPENING, PAUSES, STOPS

from pdfset import SIZE, Setting, set_in_pdf

EM = SIZE
NO_START_BASIC = set(PAUSES + STOPS + CLOSING + MIDDOTS)
MARKS = set(PAUSES + STOPS + CLOSING)


def line_starts(s: Setting) -> list[str]:
    return [line[0].char for line in s.lines]


def line_ends(s: Setting) -> list[str]:
    return [line[-1].char for line in s.lines]


def prohibited_starts(s: Setting, forbidden=NO_START_BASIC) -> list[str]:
    return [t for t in s.text() if t[0] in forbidden]


def prohibited_ends(s: Setting, forbidden=set(OPENING)) -> list[str]:
    return [t for t in s.text() if t[-1] in forbidden]


def right_edge(glyph) -> tuple[float, ...]:
    """Where a line ending in `glyph` may end: a full-width mark may have lost its blank
    right half (ink in the left half), so its edge is x0 + 1/2 em or x0 + 1 em; the
    half-width interpunct is centred in its 1/2 em."""
    if glyph.char in MARKS:
        return glyph.x0 + EM / 2, glyph.x1
    if glyph.char in MIDDOTS:
        return ((glyph.x0 + glyph.x1) / 2 + EM / 4,)
    return (glyph.x1,)


def ragged(s: Setting) -> list[str]:
    """Lines other than the last whose right edge is not the column edge (± 0.1 pt)."""
    return [t for t, line in zip(s.text()[:-1], s.lines[:-1])
            if min(abs(e - s.right) for e in right_edge(line[-1])) > 0.1]


def pair_glyphs(s: Setting, pair: str):
    """The two adjacent glyphs spelling `pair` on one line."""
    for line in s.lines:
        i = "".join(g.char for g in line).find(pair)
        if i >= 0:
            return line[i], line[i + 1]
    raise AssertionError(f"{pair!r} not found on one line in {s.text()}")


def span(s: Setting, pair: str) -> float:
    """Distance from the first glyph's left to the second's right, for a pair on one line."""
    a, b = pair_glyphs(s, pair)
    return b.x1 - a.x0


def gap(s: Setting, pair: str) -> float:
    """Blank between two adjacent glyphs on one line."""
    a, b = pair_glyphs(s, pair)
    return b.x0 - a.x1


def filler(n: int) -> str:
    """`n` ideographs (the first line holds 11 after the 2-em indent, the others 13)."""
    return ("一二三四五六七八九十" * (n // 10 + 1))[:n]


def advance(s: Setting, pair: str) -> float:
    """From the first glyph's origin to the next glyph's origin: the room it takes."""
    a, b = pair_glyphs(s, pair)
    return b.x0 - a.x0


# Natural breaks would put "，" at the start of line 2 and "“" at the end of line 2
# (clreq §6.1.1).
KINSOKU = filler(11) + "，" + filler(11) + "“" + filler(20) + "”。"
class TestLineStartAndEnd:
    """clreq §6.1.1: marks never start a line, opening marks never end one."""

    def test_no_prohibited_line_start_or_end(self):
        s = set_in_pdf(KINSOKU)
        assert not prohibited_starts(s), s.text()
        assert not prohibited_ends(s), s.text()

    def test_negative_control_without_prohibition(self):
        s = set_in_pdf(KINSOKU, kinsoku="none")
        assert prohibited_starts(s) and prohibited_ends(s), s.text()

    def test_interpunct_never_starts_a_line_even_with_no_prohibition(self):
        text = filler(11) + "·" + filler(20) + "。"
        assert not prohibited_starts(set_in_pdf(text, kinsoku="none"), set(MIDDOTS))

    def test_strict_keeps_dash_off_the_line_start_gb_does_not(self):
        text = filler(11) + "——" + filler(20) + "。"
        assert not [t for t in set_in_pdf(text, kinsoku="strict").text() if t.startswith("—")]
        assert [t for t in set_in_pdf(text, kinsoku="gb").text() if t.startswith("—")]

    def test_gb_keeps_slash_off_both_ends_basic_does_not(self):
        text = filler(11) + "／" + filler(11) + "／" + filler(20) + "。"
        gb, basic = set_in_pdf(text, kinsoku="gb"), set_in_pdf(text, kinsoku="basic")
        assert not prohibited_starts(gb, {"／"}) and not prohibited_ends(gb, {"／"}), gb.text()
        assert prohibited_starts(basic, {"／"}) or prohibited_ends(basic, {"／"}), basic.text()


class TestUnbreakableUnits:
    """clreq §6.1.2: —— and …… are one unit, never split, never stretched inside."""

    TEXT = "一二三四五六七八九十一二——三四五六七八九十一二三……四五六七八九十一二三四完毕。"

    def test_dash_and_ellipsis_stay_whole_and_tight(self):
        s = set_in_pdf(self.TEXT)
        for unit in ("——", "……"):
            assert any(unit in t for t in s.text()), s.text()
            assert abs(span(s, unit) - 2 * EM) < 0.02

    def test_negative_control_the_check_sees_a_split_unit(self):
        s = set_in_pdf(self.TEXT, kinsoku="none", cjk_latin_space=False)
        split = [t for t in s.text() if t.endswith("—") and not t.endswith("——")]
        whole = all(any(u in t for t in s.text()) for u in ("——", "……"))
        assert whole and not split  # even with no prohibition the unit is atomic
        assert abs(span(s, "——") - 2 * EM) < 0.02


class TestPunctuationWidths:
    """clreq §6.3.2: adjacent marks 1.5 em; opening bracket at a line start half-width;
    line-end marks per style."""

    def test_full_stop_and_closing_quote_span_one_and_a_half_em(self):
        s = set_in_pdf("他说：“解放元素频频出现。”记者问：“还有吗？”（好）、对。")
        assert abs(span(s, "。”") - 1.5 * EM) < 0.02
        assert abs(span(s, "）、") - 1.5 * EM) < 0.02

    def test_negative_control_banjiao_sets_them_at_one_em(self):
        """The pair's room (from 。 to the character after ”) on a line at its natural width."""
        room = {style: advance(s, "。”") + advance(s, "”记") for style in ("banjiao", "quanjiao")
                for s in [set_in_pdf("他说：“好。”记者问。", punctuation=style)]}
        assert abs(room["quanjiao"] - 1.5 * EM) < 0.02 and abs(room["banjiao"] - 1.0 * EM) < 0.02

    def test_opening_bracket_at_line_start_is_half_width(self):
        text = filler(11) + "（" + filler(8) + "）" + filler(20) + "。"
        s = set_in_pdf(text)
        line = next(l for l in s.lines if l[0].char == "（")
        assert abs(line[1].x0 - s.left - EM / 2) < 0.02  # the bracket's ink takes 1/2 em

    def test_negative_control_mid_line_bracket_is_full_width(self):
        s = set_in_pdf("一二（三）四五六七八九十一二三。")
        line = next(l for l in s.lines if "（" in "".join(g.char for g in l))
        i = [g.char for g in line].index("（")
        assert abs(line[i + 1].x0 - line[i].x0 - EM) < 0.3  # full width (± justification)

    def test_hangmobanjiao_sets_line_end_marks_half_width(self):
        text = filler(10) + "，" + filler(12) + "，" + filler(20) + "。"
        s = set_in_pdf(text, punctuation="hangmobanjiao")
        ends = [l[-1] for l in s.lines[:-1] if l[-1].char == "，"]
        assert ends and all(abs(g.x0 + EM / 2 - s.right) < 0.1 for g in ends)

    def test_negative_control_quanjiao_keeps_a_comfortable_line_end_mark_full(self):
        text = filler(10) + "，" + filler(12) + "，" + filler(20) + "。"
        s = set_in_pdf(text, punctuation="quanjiao")
        ends = [l[-1] for l in s.lines[:-1] if l[-1].char == "，"]
        assert ends and any(abs(g.x1 - s.right) < 0.1 for g in ends)

    def test_doubled_question_exclamation_takes_one_em(self):
        """clreq §5.1.1.3: ？！ is one em wide; ！！！ two."""
        s = set_in_pdf("真的吗？！太好了！！！好。")
        assert abs(advance(s, "？！") + advance(s, "！太") - EM) < 0.02
        assert abs(advance(s, "！！") * 2 + advance(s, "！好") - 2 * EM) < 0.02

    def test_negative_control_separate_marks_take_an_em_each(self):
        s = set_in_pdf("真的吗？好！太好了。")
        assert abs(advance(s, "？好") - EM) < 0.02

    def test_kaiming_full_stops_full_others_half(self):
        s = set_in_pdf("甲，乙。丙、丁！戊", punctuation="kaiming")
        assert abs(advance(s, "，乙") - EM / 2) < 0.02 and abs(advance(s, "、丁") - EM / 2) < 0.02
        assert abs(advance(s, "。丙") - EM) < 0.02 and abs(advance(s, "！戊") - EM) < 0.02

    def test_negative_control_quanjiao_sets_every_mark_full(self):
        s = set_in_pdf("甲，乙。丙、丁！戊", punctuation="quanjiao")
        assert abs(advance(s, "，乙") - EM) < 0.02


class TestJustification:
    """clreq §6.2.2: every line but a paragraph's last flush at both edges."""

    TEXT = ("解放区商务局围绕“保障商品供应、提振消费信心、恢复接触性消费”工作主线，积极组织辖区"
            "重点商贸企业，采取线上线下相结合、特色主题为重点的方式，开展丰富多彩的节庆促销和年货节"
            "活动，FM89.4、2023年“钜惠解放·嗨购双节”活动发放100万元消费券。")

    def test_full_lines_are_flush_at_both_edges(self):
        s = set_in_pdf(self.TEXT)
        assert not ragged(s), ragged(s)
        assert all(abs(l[0].x0 - s.left) < 0.1 or l[0].char in OPENING for l in s.lines[1:])

    def test_negative_control_ragged_right_is_seen(self):
        assert ragged(set_in_pdf(self.TEXT, justify=False))

    def test_last_line_is_not_stretched(self):
        s = set_in_pdf(self.TEXT)
        last = s.lines[-1]
        assert all(abs(b.x0 - a.x1) < 0.05 or not (a.char + b.char).strip("0123456789.") for a, b in zip(last, last[1:])
                   if a.char not in MARKS and b.char not in MARKS and (a.char + b.char).isascii() is False)


class TestCjkLatinSpacing:
    """clreq §6.3.3: 1/4 em between Han and Latin letters or digits, switchable."""

    TEXT = "会于1月4日2时开。"  # one short line: set at its natural width, no adjustment

    def test_quarter_em_between_han_and_digit(self):
        s = set_in_pdf(self.TEXT)
        assert abs(gap(s, "日2") - EM / 4) < 0.02 * EM
        assert abs(gap(s, "于1") - EM / 4) < 0.02 * EM

    def test_negative_control_switched_off(self):
        assert abs(gap(set_in_pdf(self.TEXT, cjk_latin_space=False), "日2")) < 0.02 * EM


class TestParagraph:
    """2-em first-line indent; the last line keeps two characters (孤字, clreq §7.1.2)."""

    ORPHAN = filler(37) + "字。"  # 11 + 13 + 13 characters fill three lines exactly

    def test_two_em_indent(self):
        s = set_in_pdf(self.ORPHAN)
        assert abs(s.lines[0][0].x0 - s.left - 2 * EM) < 0.02
        assert abs(s.lines[1][0].x0 - s.left) < 0.02

    def test_last_line_holds_two_characters(self):
        last = set_in_pdf(self.ORPHAN).text()[-1]
        assert len(last.strip("。，")) >= 2, last

    def test_negative_control_one_character_allowed(self):
        last = set_in_pdf(self.ORPHAN, last_line_min=1).text()[-1]
        assert len(last.strip("。，")) == 1, last


class TestPushInBeforePushOut:
    """clreq §6.1.1: a prohibition is resolved by squeezing the line first."""

    # Line 1 holds 11 em after the indent; these 12 fit only if both commas lose their
    # blank half, else "一，" must go down (push-out) and the line be stretched.
    TEXT = filler(9) + "，一，" + filler(30) + "。"

    def test_the_comma_is_pushed_in(self):
        s = set_in_pdf(self.TEXT)
        assert s.text()[0] == filler(9) + "，一，", s.text()  # squeezed in, not pushed out
        assert not ragged(s)

    def test_negative_control_without_prohibition_the_comma_starts_a_line(self):
        assert set_in_pdf(self.TEXT, kinsoku="none").text()[1].startswith("，")

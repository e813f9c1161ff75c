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


def prohibited_ends(s: Setting, forbidden: frozenset[str] = frozenset(OPENING)) -> list[str]:
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
        line = next(ln for ln in s.lines if ln[0].char == "（")
        assert abs(line[1].x0 - s.left - EM / 2) < 0.02  # the bracket's ink takes 1/2 em

    def test_negative_control_mid_line_bracket_is_full_width(self):
        s = set_in_pdf("一二（三）四五六七八九十一二三。")
        line = next(ln for ln in s.lines if "（" in "".join(g.char for g in ln))
        i = [g.char for g in line].index("（")
        assert abs(line[i + 1].x0 - line[i].x0 - EM) < 0.3  # full width (± justification)

    def test_hangmobanjiao_sets_line_end_marks_half_width(self):
        text = filler(10) + "，" + filler(12) + "，" + filler(20) + "。"
        s = set_in_pdf(text, punctuation="hangmobanjiao")
        ends = [ln[-1] for ln in s.lines[:-1] if ln[-1].char == "，"]
        assert ends and all(abs(g.x0 + EM / 2 - s.right) < 0.1 for g in ends)

    def test_negative_control_quanjiao_keeps_a_comfortable_line_end_mark_full(self):
        text = filler(10) + "，" + filler(12) + "，" + filler(20) + "。"
        s = set_in_pdf(text, punctuation="quanjiao")
        ends = [ln[-1] for ln in s.lines[:-1] if ln[-1].char == "，"]
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
        assert all(abs(ln[0].x0 - s.left) < 0.1 or ln[0].char in OPENING for ln in s.lines[1:])

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


class TestLongLatinRuns:
    """Issue 9 item 3 (UAX #14, clreq §6.1.4): a 300-letter word, a URL, an e-mail address
    and a 60-digit number in a 10-character column all break, and no glyph crosses the
    column's edges; the URL and the address break after their separators."""

    URL = "https://www.example-club.com.cn/tickets/2025?id=38&lang=zh"
    MAIL = "service_desk@example-club.com.cn"
    TEXT = "他说" + "W" * 300 + "。详见" + URL + "，来信" + MAIL + "，编号" + "1234567890" * 6 + "。"

    def outside(self, s: Setting, slack: float = 0.0) -> list[str]:
        return [t for t, line in zip(s.text(), s.lines)
                if line[-1].x1 > s.right - slack + 0.1 or line[0].x0 < s.left - 0.1]

    def test_every_run_breaks_inside_the_column(self):
        s = set_in_pdf(self.TEXT, chars=10)
        assert "".join(s.text()) == self.TEXT
        assert not self.outside(s), self.outside(s)
        assert len(s.lines) > 300 * 0.9 / 10  # the word alone takes 30 lines

    def test_links_break_after_their_separators(self):
        s = set_in_pdf(self.TEXT, chars=10)
        ends = [t[-1] for t in s.text() if t[-1] in "/.-?&=_#@"]
        starts = [t[0] for t in s.text()[1:] if t[0] in "/.-?&=_#@"]
        assert len(ends) >= 5 and not starts, s.text()

    def test_negative_control_the_lines_reach_the_edge(self):
        """The check is not vacuous: lines come within half an em of the edge."""
        assert self.outside(set_in_pdf(self.TEXT, chars=10), slack=EM / 2)


def is_ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def push_outs(s: Setting) -> list[str]:
    """Lines spread by a whole em or more although the next line starts with an ideograph
    that a break one character later would have fitted: the line's glyph advances (full
    em boxes, so squeezed marks count full) fall short of the column by at least 1 em."""
    bad = []
    for line, after in zip(s.lines[:-1], s.lines[1:]):
        width = s.right - (line[0].x0 if not is_ideograph(line[0].char) else s.left)
        natural = sum(g.x1 - g.x0 for g in line)
        first_line = line is s.lines[0]
        if first_line:
            width -= 2 * EM
        if width - natural >= EM - 0.05 and is_ideograph(after[0].char) and all(not g.char.isascii() for g in line):
            bad.append("".join(g.char for g in line))
    return bad


def cjk_latin_gaps(s: Setting) -> list[float]:
    """Blank between every ideograph and a Latin letter or digit beside it, em."""
    return [(b.x0 - a.x1) / EM for line in s.lines for a, b in zip(line, line[1:])
            if (is_ideograph(a.char) and b.char.isascii() and b.char.isalnum())
            or (a.char.isascii() and a.char.isalnum() and is_ideograph(b.char))]


class TestLineQuality:
    """Issue 9: no line spread where taking one more character fits exactly (an exact fit
    is preferred; a push-out only where a rule needs it, here 孤字, clreq §7.1.2), and the
    CJK–Latin gap never past ½ em (clreq §6.3.3: extra stretch goes to the other gaps)."""

    # seed copy: the old cost spread 领教育高质量发展。该区高 by an em to ease a later line
    SEED = ("持续推进教育信息化，引领教育高质量发展。该区高度重视教育信息化工作，投资8000余万元实施的"
            "解放区教育信息化2.0提升工程顺利完成。去年7月27日，全市教育信息化工作现场会在解放区召开。"
            "同时，该区作为义务教育质量综合奖一等奖三个大奖，在全市该区获奖最多，奖项荣誉层次最高。"
            "解放区被评为河南省义务教育教学改革示范区；学生路小学被评为河南省义务教育教学改革示范校，"
            "幸福街小学被评为河南省义务教育标准化建设特色校，同时该校被命名为“河南省书香校园”……"
            "年末岁尾，盘点解放区教育取得的成绩，可谓硕果盈枝。")
    MIXED = ("会上，来自Stanford University的Dr. Robert Chen和来自清华大学的李华教授分别作了题为"
             "《人工智能与城市治理》的报告，与会代表约1200人，2024年12月28日完工，全长7.2公里。")

    def test_no_push_out_where_the_next_character_fits(self):
        assert not push_outs(s := set_in_pdf(self.SEED)), s.text()

    def test_negative_control_a_push_out_the_orphan_rule_needs_is_seen(self):
        s = set_in_pdf(TestParagraph.ORPHAN)  # 11 + 13 + 13 + 字。: one character goes down
        assert push_outs(s), s.text()

    def test_cjk_latin_gaps_stay_within_half_an_em(self):
        for chars in (11, 13):
            gaps = cjk_latin_gaps(set_in_pdf(self.MIXED, chars=chars))
            assert gaps and max(gaps) <= 0.5 + 0.01, gaps

    def test_negative_control_the_gaps_do_stretch_to_their_limit(self):
        """On a line with nothing else to stretch the gaps reach ½ em (so the check above
        would see one past it), where a line at its natural width has ¼ em."""
        stretched = cjk_latin_gaps(set_in_pdf(self.MIXED, chars=13))
        natural = cjk_latin_gaps(set_in_pdf("会于1月4日2时开。"))
        assert max(stretched) > 0.45 and all(abs(g - 0.25) < 0.02 for g in natural)

    SCORES = "主队以98-95险胜，客队3:1获胜，上座率87.5%，日期2023-01-06，比分12.3，编号" + "1234567890" * 4 + "。"

    def test_scores_percentages_and_dates_stay_whole(self):
        s = set_in_pdf(self.SCORES, chars=9)
        for unit in ("98-95", "3:1", "87.5%", "2023-01-06", "12.3"):
            assert any(unit in t for t in s.text()), (unit, s.text())

    def test_negative_control_a_number_wider_than_the_column_is_broken(self):
        s = set_in_pdf(self.SCORES, chars=9)
        assert not any("1234567890" * 4 in t for t in s.text())

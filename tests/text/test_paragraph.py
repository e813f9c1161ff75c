"""Line breaking and justification (layout.text.paragraph.set_paragraph) on the fixed
test font: every wide character 1 em, other characters 1/2 em, so the expected
positions are exact.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.model.schema import FontRole
from layout.text.atoms import Span
from layout.text.classes import Kinsoku
from layout.text.config import TextConfig
from layout.text.metrics import FixedMetrics, MetricsSet
from layout.text.paragraph import DEFAULT, ParagraphStyle, set_paragraph

from helpers import CLOSING, LINE_START_FORBIDDEN, OPENING

SIZE = 10.0
METRICS = MetricsSet.fixed()
FIXED = FixedMetrics()
EPS = 1e-6
RIGHT_BLANK = CLOSING + "，。、；：！？"  # ink in the left half of the em box


def set_text(text: str, chars: int = 10, breaking: TextConfig = DEFAULT, indent: float = 2.0):
    """`text` set `chars` em wide at SIZE pt, in the fixed font."""
    return set_paragraph((Span(text, FontRole.SONG),), ParagraphStyle(SIZE, chars * SIZE, indent=indent),
                         METRICS, breaking)


def texts(lines) -> list[str]:
    return [line.text for line in lines]


# ------------------------------------------------------------------ the rules checked

def prohibited_starts(lines) -> list[str]:
    """Lines (after the first) that start with a mark that may not start a line."""
    return [line.text for line in lines[1:] if line.text[0] in LINE_START_FORBIDDEN]


def prohibited_ends(lines) -> list[str]:
    """Lines (before the last) that end with an opening bracket or quote."""
    return [line.text for line in lines[:-1] if line.text[-1] in OPENING]


def split_units(lines) -> list[str]:
    """Lines that break a —— or …… pair (each pair must stay on one line)."""
    return [line.text for line in lines if line.text.count("—") % 2 or line.text.count("…") % 2]


def glyph_end(glyph) -> float:
    """Where the glyph's em box (its advance) ends, pt; the interpunct is set half width."""
    if glyph.char == "·":
        return glyph.x + 0.75 * SIZE  # origin pulled back 1/4 em to centre it in 1/2 em
    return glyph.x + FIXED.advance(glyph.char) * SIZE


def ragged_lines(lines, measure: float) -> list[str]:
    """Lines other than the last whose last glyph does not end at the measure (`measure`
    pt from the paragraph's left edge; glyph x includes the first line's indent). A mark
    whose right half is blank may have that blank squeezed away at the line end."""
    bad = []
    for line in lines:
        if line.last or line.text.isascii() and " " not in line.text:
            continue  # a last line, or one Latin word alone (nothing to stretch between)
        if nothing_to_stretch(line):
            continue  # its CJK–Latin gaps are at their ½-em limit (checked there)
        last = line.glyphs[-1]
        end = glyph_end(last)
        if last.char in RIGHT_BLANK:
            ok = end - SIZE / 2 - EPS <= measure <= end + EPS
        else:
            ok = abs(end - measure) <= EPS
        if not ok:
            bad.append(f"{line.text} ends at {end:.3f} of {measure:.3f}")
    return bad


def nothing_to_stretch(line) -> bool:
    """A line with no space and no two adjacent full-width glyphs may be short (clreq
    §6.3.3: a CJK–Latin gap never goes past ½ em), but then every CJK–Latin gap on it must
    be at its ½-em limit."""
    glyphs = line.glyphs
    wide = [FIXED.advance(g.char) == 1.0 for g in glyphs]
    if any(a and b for a, b in zip(wide, wide[1:])) or " " in line.text:
        return False
    gaps = [b.x - a.x - a.advance for a, b, wa, wb in zip(glyphs, glyphs[1:], wide, wide[1:]) if wa != wb]
    return all(abs(g - SIZE / 2) <= EPS for g in gaps)


def indent_problems(lines, indent_em: float = 2.0) -> list[str]:
    """First line 2 em in, other lines at 0 (an opening mark there may hang its blank half)."""
    bad = []
    for i, line in enumerate(lines):
        base = indent_em * SIZE if i == 0 else 0.0
        first = line.glyphs[0]
        allowed = (base, base - SIZE / 2) if first.char in OPENING else (base,)
        if not any(abs(first.x - a) <= EPS for a in allowed):
            bad.append(f"line {i + 1} «{line.text}» starts at {first.x}")
    return bad


def check_all(text: str, lines, measure: float) -> None:
    assert "".join(texts(lines)) == "".join(text.split()), "characters lost, added or reordered"
    assert lines[-1].last and not any(line.last for line in lines[:-1])
    assert not prohibited_starts(lines), prohibited_starts(lines)
    assert not prohibited_ends(lines), prohibited_ends(lines)
    assert not split_units(lines), split_units(lines)
    assert not ragged_lines(lines, measure), ragged_lines(lines, measure)
    assert not indent_problems(lines), indent_problems(lines)
    for line in lines:
        xs = [g.x for g in line.glyphs]
        assert xs == sorted(xs), f"glyphs out of order in «{line.text}»"
        assert xs[0] >= -SIZE / 2 - EPS
        ink_end = glyph_end(line.glyphs[-1]) - (SIZE / 2 if line.glyphs[-1].char in RIGHT_BLANK else 0)
        assert ink_end <= measure + EPS, f"«{line.text}» runs past the measure"


# --------------------------------------------------------------------- properties
# Derandomized: the same examples every run, so a failure is reproducible, not flaky.

HAN = "解放区教育工作综述新华街道丰源社区获评全省第一批创新实验点"
han = st.text(alphabet=HAN, min_size=1, max_size=8)
pairs = st.sampled_from(["“”", "‘’", "（）", "《》", "「」", "【】"])
cjk_token = st.one_of(han, han, st.builds(lambda p, w: p[0] + w + p[1], pairs, han))
latin_token = st.sampled_from(["100.13", "2023", "FM89.4", "30%", "GDP", "5G", "www.jzrb.com.cn"]).map(
    lambda word: word + "年")  # never two Latin words in a row: they would make one long word
mark = st.sampled_from(["", "", "", "，", "。", "、", "；", "：", "！", "？", "——", "……", "·"])


def paragraphs(token):
    return st.lists(st.tuples(token, mark), min_size=1, max_size=40).map(lambda xs: "".join(t + m for t, m in xs))


@settings(max_examples=250, derandomize=True)
@given(paragraphs(cjk_token), st.integers(min_value=10, max_value=20))
def test_breaking_rules_hold_for_chinese_copy(text, chars):
    """Prohibitions, unbroken ——/……, justification and indent for any Chinese copy."""
    check_all(text, set_text(text, chars), chars * SIZE)


@settings(max_examples=250, derandomize=True)
@given(paragraphs(st.one_of(cjk_token, cjk_token, latin_token)), st.integers(min_value=10, max_value=20))
def test_mixed_copy_is_set_completely_and_flush(text, chars):
    """With Latin words too: nothing lost, no prohibited line start or end, lines flush,
    indent right, units unbroken."""
    lines = set_text(text, chars)
    assert not prohibited_starts(lines), texts(lines)
    assert not prohibited_ends(lines), texts(lines)
    assert "".join(texts(lines)) == "".join(text.split())
    assert not split_units(lines), split_units(lines)
    assert not ragged_lines(lines, chars * SIZE), ragged_lines(lines, chars * SIZE)
    assert not indent_problems(lines), indent_problems(lines)




def test_prohibition_is_kept_when_a_loose_legal_line_exists():
    text = "一——“一一”，"
    lines = set_text(text, chars=8)
    assert not prohibited_ends(lines), texts(lines)


def test_comma_after_a_long_latin_word_does_not_start_a_line():
    text = "据悉，全区各单位已经全部上线jzrb.com.cn/jf/2023，欢迎访问。"
    lines = set_text(text, chars=13)
    assert not prohibited_starts(lines), texts(lines)


# ----------------------------------------------------------------- worked examples

def test_a_plain_paragraph():
    lines = set_text("一" * 8 + "二" * 10 + "三" * 5)
    assert texts(lines) == ["一" * 8, "二" * 10, "三" * 5]
    assert [g.x for g in lines[0].glyphs] == [20.0 + 10 * i for i in range(8)]
    assert [g.x for g in lines[1].glyphs] == [10.0 * i for i in range(10)]
    check_all("一" * 8 + "二" * 10 + "三" * 5, lines, 10 * SIZE)


def test_comma_may_not_start_a_line_and_the_check_sees_it():
    """Negative control: without prohibition the natural break puts '，' at a line start
    (the rule checker reports it); with the default (GB) level it does not happen."""
    text = "一二三四五六七八，九十一二三四五六七八九十。"
    loose = set_text(text, breaking=TextConfig(kinsoku=Kinsoku.NONE))
    assert prohibited_starts(loose) == ["，九十一二三四五六七"]
    strict = set_text(text)
    assert not prohibited_starts(strict)
    check_all(text, strict, 10 * SIZE)


@pytest.mark.parametrize("mark", list("。、；：！？”）》」·"))
def test_no_line_starts_with_a_closing_or_pause_mark(mark):
    text = "一二三四五六七八" + mark + "九十一二三四五六七八九十。"
    if mark in "”）》」":
        text = {"”": "“", "）": "（", "》": "《", "」": "「"}[mark] + text
        text = text[:1] + text[2:]  # keep the first line 8 em before the mark
    lines = set_text(text)
    assert not prohibited_starts(lines), texts(lines)
    assert "".join(texts(lines)) == text


def test_opening_quote_may_not_end_a_line_and_the_check_sees_it():
    text = "一二三四五六七“八九十”一二三四五六七八九十。"
    loose = set_text(text, breaking=TextConfig(kinsoku=Kinsoku.NONE))
    assert prohibited_ends(loose) == ["一二三四五六七“"]
    strict = set_text(text)
    assert not prohibited_ends(strict)
    check_all(text, strict, 10 * SIZE)


@pytest.mark.parametrize("unit", ["——", "……"])
@pytest.mark.parametrize("kinsoku", [Kinsoku.GB, Kinsoku.NONE])
def test_dash_and_ellipsis_are_never_split(unit, kinsoku):
    """The pair straddles the natural break (7 em + 2 em in an 8 em first line)."""
    text = "一二三四五六七" + unit + "八九十一二三四五六七八九十"
    lines = set_text(text, breaking=TextConfig(kinsoku=kinsoku))
    assert not split_units(lines), texts(lines)
    assert "".join(texts(lines)) == text


def test_lines_are_justified_to_the_measure():
    text = "解放区“双治理”创新实验点，FM89.4、明星主播见面会。新华街道丰源社区获评全省第一批创新实验点；" * 3
    lines = set_text(text, chars=13)
    assert len(lines) > 5
    check_all(text, lines, 13 * SIZE)


def test_the_checker_sees_a_ragged_line():
    lines = list(set_text("一" * 30))
    line = lines[1]
    shifted = type(line)(line.glyphs[:-1], line.width, line.last)  # drop the last glyph: 1 em short
    assert not ragged_lines(lines, 10 * SIZE)
    assert ragged_lines([shifted, lines[-1]], 10 * SIZE)


def test_first_line_is_indented_two_em():
    lines = set_text("解放区教育工作综述新华街道丰源社区获评全省第一批创新实验点")
    assert lines[0].glyphs[0].x == 2 * SIZE
    assert all(line.glyphs[0].x == 0 for line in lines[1:])
    assert indent_problems(set_text("解放区教育工作综述新华街道丰源社区", indent=0.0))  # control


def test_adjacent_marks_take_one_and_a_half_em():
    """clreq §6.3.2: '”，' share 1.5 em; the comma sits half an em after the quote."""
    lines = set_text("他说“好”，我们", chars=20)
    glyphs = lines[0].glyphs
    quote = next(g for g in glyphs if g.char == "”")
    comma = next(g for g in glyphs if g.char == "，")
    assert comma.x - quote.x == pytest.approx(SIZE / 2)


def test_last_line_keeps_at_least_two_characters():
    lines = set_text("一" * 19)
    assert len(lines[-1].glyphs) >= 2, texts(lines)
    check_all("一" * 19, lines, 10 * SIZE)


@pytest.mark.parametrize("separator, starts_a_line", [("\u3000", False), ("国", True)])
def test_an_ideographic_space_never_starts_a_line(separator, starts_a_line):
    """The U+3000 after a run-in byline would read as an indent at a line start: the break
    goes before the character before it instead. Control: an ideograph in its place is
    where the line breaks (the 10-em measure is full after the first ten characters)."""
    text = "本报评论员中央提出了" + separator + "要把加快建设现代化产业体系放在突出位置"
    lines = set_text(text, chars=10, indent=0.0)
    assert "".join(texts(lines)) == text
    assert (lines[1].text[0] == separator) is starts_a_line, texts(lines)

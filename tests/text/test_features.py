"""Optional and less common clreq features on the fixed test font (1 em = 10 pt):
hanging punctuation (§6.1.3), tracking (§6.3.1.1, §6.3.1.3), even spreading (§6.2.1.3),
note marks (§6.1.2.3), the half-width solidus (§6.3.2.1), multi-paragraph quotations
(§5.2)."""

from __future__ import annotations

from layout.model.schema import FontRole
from layout.text.atoms import Span
from layout.text.classes import Kinsoku
from layout.text.config import TextConfig
from layout.text.metrics import MetricsSet
from layout.text.normalize import normalize
from layout.text.paragraph import DEFAULT, ParagraphStyle, set_paragraph

SIZE = 10.0
METRICS = MetricsSet.fixed()
# 13 ideographs and a comma: without hanging the comma cannot end line 1
HANG = "一二三四五六七八九十一二三，四五六七八九十一二三四五六七八九十一二三，完毕了。"


def setp(text: str, chars: int = 13, config: TextConfig = DEFAULT, **style):
    return set_paragraph((Span(text, FontRole.SONG),), ParagraphStyle(SIZE, chars * SIZE, **{"indent": 0, **style}),
                         METRICS, config)


def beyond_measure(lines, chars: int = 13) -> list[str]:
    return [ln.text for ln in lines if ln.glyphs[-1].x + 0.5 * SIZE > chars * SIZE + 0.01]


def test_hanging_puts_one_mark_outside_the_measure():
    lines = setp(HANG, config=TextConfig(hanging=True))
    assert lines[0].text.endswith("三，") and beyond_measure(lines) == [lines[0].text]


def test_negative_control_no_hanging_by_default():
    assert not beyond_measure(setp(HANG))


def test_tracking_opens_and_closes_headlines():
    loose = setp("解放区扎实推进", tracking=0.25, justify=False)[0].glyphs
    tight = setp("解放区扎实推进", tracking=-0.1, justify=False)[0].glyphs
    assert abs(loose[1].x - loose[0].x - 1.25 * SIZE) < 1e-6
    assert abs(tight[1].x - tight[0].x - 0.9 * SIZE) < 1e-6


def test_negative_control_no_tracking_is_solid():
    glyphs = setp("解放区扎实推进", justify=False)[0].glyphs
    assert abs(glyphs[1].x - glyphs[0].x - SIZE) < 1e-6


def test_spread_fills_the_line_evenly():
    glyphs = setp("解放区扎实推进", chars=20, justify_last=True)[0].glyphs
    steps = {round(b.x - a.x, 6) for a, b in zip(glyphs, glyphs[1:])}
    assert len(steps) == 1 and abs(glyphs[-1].x + SIZE - 20 * SIZE) < 1e-6


def test_note_marks_stay_with_the_text_before():
    for offset in range(10, 14):
        text = "一" * offset + "¹" + "二" * 14
        lines = setp(text, config=TextConfig(kinsoku=Kinsoku.NONE))
        assert not any(ln.text.startswith("¹") for ln in lines)


def test_solidus_takes_half_an_em():
    glyphs = setp("甲／乙", justify=False)[0].glyphs
    assert abs(glyphs[2].x - glyphs[0].x - 1.5 * SIZE) < 1e-6


def test_a_quotation_over_paragraphs_opens_each_and_closes_once():
    first, _ = normalize('他说:"第一段没有结束,')
    last, _ = normalize('第二段到此结束。"')
    assert first.endswith("“第一段没有结束，") and last.endswith("。”")

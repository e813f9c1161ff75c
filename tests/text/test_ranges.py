"""A number range's connector (9:00—21:00, 3～5日; GB/T 15834 §4.13) never starts a line,
and a break after it is taken only when nothing else fits: every offset of the range in
a 14-em line, set with the fixed test font."""

from __future__ import annotations

import pytest

import layout.text.linebreak as linebreak
from layout.model.schema import FontRole
from layout.text.atoms import Span
from layout.text.metrics import MetricsSet
from layout.text.paragraph import ParagraphStyle, set_paragraph

METRICS = MetricsSet.fixed()
COPY = ["开放时间为每日9:00—21:00，节假日照常开放。", "活动时间为3～5日，地点在市民广场。"]


def line_starts(text: str) -> list[str]:
    lines = set_paragraph((Span(text, FontRole.SONG),), ParagraphStyle(9.0, 14 * 9.0, indent=0), METRICS)
    return [line.text[0] for line in lines]


def starts_with_connector() -> list[tuple[int, str]]:
    return [(pre, copy) for copy in COPY for pre in range(14) if set(line_starts("甲" * pre + copy)[1:]) & set("—～")]


def test_a_range_connector_never_starts_a_line():
    assert starts_with_connector() == []


def test_negative_control_without_the_range_rule_it_does(monkeypatch):
    monkeypatch.setattr(linebreak, "_beside_range", lambda atoms, k: False)
    assert starts_with_connector()


@pytest.mark.parametrize("pre", [0, 5])
def test_a_range_that_fits_stays_on_one_line(pre):
    lines = set_paragraph((Span("甲" * pre + COPY[0], FontRole.SONG),), ParagraphStyle(9.0, 20 * 9.0, indent=0), METRICS)
    assert any("9:00—21:00" in line.text for line in lines)

"""Units the breaker never splits and marks of fixed width (clreq §5.1.1.3, §6.1.2,
Appendix A), on the fixed test font (wide characters 1 em = 10 pt)."""

from __future__ import annotations

import pytest

from layout.model.schema import FontRole
from layout.text.atoms import Span, make_atoms
from layout.text.classes import CharClass, Kinsoku
from layout.text.config import TextConfig
from layout.text.metrics import MetricsSet
from layout.text.paragraph import ParagraphStyle, set_paragraph

SIZE = 10.0
METRICS = MetricsSet.fixed()


def atoms(text: str):
    return make_atoms((Span(text, FontRole.SONG),), SIZE, METRICS, TextConfig()).atoms


def lines(text: str, chars: int = 8, kinsoku: Kinsoku = Kinsoku.GB) -> list[str]:
    set_ = set_paragraph((Span(text, FontRole.SONG),), ParagraphStyle(SIZE, chars * SIZE, indent=0),
                         METRICS, TextConfig(kinsoku=kinsoku))
    return [line.text for line in set_]


@pytest.mark.parametrize("unit, width", [("？！", 1), ("！？", 1), ("？？", 1), ("！！", 1),
                                         ("？？？", 2), ("！！！", 2)])
def test_doubled_and_tripled_marks_are_one_unit(unit, width):
    """clreq §5.1.1.3: ?! !? ?? !! take one em, three marks two."""
    found = [a for a in atoms(f"真的吗{unit}好") if a.text == unit]
    assert found and found[0].width == width * SIZE and found[0].cls is CharClass.STOP


def test_negative_control_separated_marks_are_not_one_unit():
    assert [a.text for a in atoms("吗？好！")].count("？！") == 0


@pytest.mark.parametrize("mark, width", [("‼", 1), ("⁇", 1), ("⁈", 1), ("⁉", 1), ("⸺", 2)])
def test_precomposed_marks_have_their_fixed_width(mark, width):
    """Appendix A.1 / A.2: ‼ ⁇ take one em, the two-em dash ⸺ two."""
    atom = next(a for a in atoms(f"好{mark}好") if a.text == mark)
    assert atom.width == width * SIZE


@pytest.mark.parametrize("unit", ["——", "……", "⋯⋯", "30%", "¥100", "100.13", "−5", "25℃", "FM89.4"])
def test_units_are_never_split(unit):
    """clreq §6.1.2.1 (——, …… and ⋯⋯) and §6.1.2.2 (numbers with prefix and suffix)."""
    for offset in range(8):
        text = "一" * offset + unit + "二" * 12
        assert any(unit in line for line in lines(text, kinsoku=Kinsoku.NONE)), (unit, offset)


def test_negative_control_the_split_check_sees_a_split():
    assert not any("30%" in line for line in ["一二三30", "%四五"])


@pytest.mark.parametrize("mark", ["．", "～", "‼"])
def test_stops_and_connectors_never_start_a_line(mark):
    """． (clreq §5.1.1.1) and ‼ are stops; ～ is a connector (§6.1.1, basic level)."""
    for offset in range(6, 10):
        text = "一" * offset + mark + "二" * 12
        assert not any(line.startswith(mark) for line in lines(text, kinsoku=Kinsoku.BASIC)), (mark, offset)


def test_negative_control_with_no_prohibition_they_may():
    starts = [line for offset in range(6, 10)
              for line in lines("一" * offset + "～" + "二" * 12, kinsoku=Kinsoku.NONE)]
    assert any(line.startswith("～") for line in starts)

"""A module's natural body is a row deeper when that parts no paragraph's first line from
it at a column's foot and leaves no last line alone at the next column's top (孤行,
clreq §7.1.2), and its columns still end level. Measured on the flow's numbers: units of
one line each, paragraphs of 3, 3 and 1 lines in two columns."""

from __future__ import annotations

import pytest

import layout.compose.body as body
from layout.compose.body import BodyArea, balanced
from layout.flow import FlowUnit, UnitKind, fill_kept, profile


def paragraphs(*lines: int):
    """The profile of paragraphs of these many one-row lines (their first and last-but-one
    lines kept with the next, as the composer sets them)."""
    units = [FlowUnit(UnitKind.BODY, (), (0,), 1, 9.0, block=b, keep_lines=n > 1 and i in (0, n - 2))
             for b, n in enumerate(lines) for i in range(n)]
    return profile(tuple(units))


AREA = BodyArea((0.0, 130.0), 120.0, (0, 1), (0, 0))


def caps(fit):
    return tuple(seg[1] for seg in fit.segments if seg)


def test_a_row_more_rather_than_a_widow():
    p = paragraphs(3, 3, 1)
    fit = balanced(p, AREA, 3)
    assert fit.rows == 5 and fill_kept(p, caps(fit))
    ends = [seg[1] for seg in fit.segments]
    assert max(ends) - min(ends) <= 1  # still level


def test_negative_control_the_lowest_body_leaves_a_widow(monkeypatch):
    p = paragraphs(3, 3, 1)
    monkeypatch.setattr(body, "WIDOW_ROWS", 0)  # no row more: the lowest fit, 4 rows
    fit = balanced(p, AREA, 3)
    assert fit.rows == 4 and not fill_kept(p, caps(fit))


@pytest.mark.parametrize("lines", [(3, 3), (4, 4), (5, 5)])
def test_copy_that_breaks_cleanly_keeps_its_lowest_body(lines):
    p = paragraphs(*lines)
    fit = balanced(p, AREA, 3)
    assert fit.rows == -(-sum(lines) // 2) and fill_kept(p, caps(fit))


def test_a_jumping_module_carries_a_line_on_rather_than_leave_a_widow():
    """Two columns of 4 rows, paragraphs of 3, 3 and 3 lines: the plain flow sets 8 lines,
    the second paragraph's last line alone at the top of column 2; carried on (转版), the
    keeps hold and one paragraph more runs on to the continuation."""
    from layout.flow import Region, flow
    units = [FlowUnit(UnitKind.BODY, (), (0,), 1, 9.0, block=b, keep_lines=i in (0, 1)) for b in range(3) for i in range(3)]
    regions = (Region(0, 0, 4), Region(1, 0, 4))
    carried = flow(tuple(units), regions, carried=True)
    plain = flow(tuple(units), regions)
    assert len(plain.remainder.units) == 1 and plain.used == (4, 4)  # control: 3 + 1 | 2 + 2, a widow
    assert carried.used == (3, 3) and len(carried.remainder.units) == 3  # whole paragraphs, the third carried


def test_an_uneven_fit_a_row_deeper_parts_no_line_from_its_paragraph():
    """Paragraphs of 5, 5 and 2 lines in two columns: the level body of 6 rows orphans the
    second paragraph's first line; the one a row deeper keeps it with its paragraph,
    though its second column ends a row shorter still (its arrangement weighs that
    against the widow: layout.compose.measure.WIDOW_COST)."""
    p = paragraphs(5, 5, 2)
    level = balanced(p, AREA, 3)
    assert level.rows == 6 and not fill_kept(p, caps(level))  # control: the level body keeps the orphan
    deeper = balanced(p, AREA, 3, uneven=True)
    assert deeper.rows == 7 and fill_kept(p, caps(deeper))

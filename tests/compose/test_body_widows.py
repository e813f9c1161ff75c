"""A module with a row to spare sets its body a row deeper when that parts no paragraph's
first line from it at a column's foot and leaves no last line alone at the next column's
top (孤行, clreq §7.1.2); its lowest body, what the module needs, stays the lowest. Measured on the flow's numbers: units of
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
    fit = balanced(p, AREA, 3, uneven=True)
    assert fit.rows == 5 and fill_kept(p, caps(fit))


def test_negative_control_the_lowest_body_leaves_a_widow(monkeypatch):
    p = paragraphs(3, 3, 1)
    lowest = balanced(p, AREA, 3)  # what the module needs: the lowest body, 4 rows
    assert lowest.rows == 4 and not fill_kept(p, caps(lowest))
    monkeypatch.setattr(body, "WIDOW_ROWS", 0)  # no row more
    assert balanced(p, AREA, 3, uneven=True) == lowest


@pytest.mark.parametrize("lines", [(3, 3), (4, 4), (5, 5)])
def test_copy_that_breaks_cleanly_keeps_its_lowest_body(lines):
    p = paragraphs(*lines)
    fit = balanced(p, AREA, 3)
    assert fit.rows == -(-sum(lines) // 2) and fill_kept(p, caps(fit))


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

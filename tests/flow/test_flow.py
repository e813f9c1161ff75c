"""Flow: lines into column regions (layout.flow), on synthetic units: nothing lost,
subheads kept with their text, widows and orphans avoided where the grid allows
(clreq §7.1.2, §7.1.3.3), columns balanced with the shortfall in the last (§7.1.3.4)."""

from __future__ import annotations

from layout.flow import FlowUnit, Region, UnitKind, balanced_rows, flow
from layout.text.justify import SetLine


def paragraph(block: int, n: int) -> list[FlowUnit]:
    """A paragraph of `n` one-row lines with the widow/orphan keeps the composer sets."""
    return [FlowUnit(UnitKind.BODY, (SetLine((), 0.0, i == n - 1),), (0,), 1, 9.0, block=block,
                     keep_lines=n > 1 and i in (0, n - 2)) for i in range(n)]


def subhead(block: int) -> FlowUnit:
    return FlowUnit(UnitKind.SUBHEAD, (SetLine((), 0.0, True),), (1,), 2, 9.0, keep_with_next=True,
                    block=block, space_before=1)


def columns(result) -> list[list[tuple[int, int]]]:
    """(block, line index in block) per column, top to bottom."""
    seen: dict[int, int] = {}
    out: dict[int, list[tuple[int, int]]] = {}
    for placed in result.placed:
        b = placed.unit.block
        out.setdefault(placed.region.column, []).append((b, seen.get(b, 0)))
        seen[b] = seen.get(b, 0) + 1
    return [out[c] for c in sorted(out)]


def orphans_and_widows(cols, sizes) -> list[str]:
    bad = []
    for col in cols:
        first_block, first_line = col[0]
        if first_line == sizes[first_block] - 1 and sizes[first_block] > 1:
            bad.append(f"widow: last line of paragraph {first_block} tops a column")
        last_block, last_line = col[-1]
        if last_line == 0 and sizes[last_block] > 1:
            bad.append(f"orphan: first line of paragraph {last_block} ends a column")
    return bad


REGIONS = (Region(0, 0, 5), Region(1, 0, 5), Region(2, 0, 5))


def test_orphan_is_avoided_by_moving_the_line():
    units = tuple(paragraph(0, 4) + paragraph(1, 5))  # paragraph 1 would start on row 5
    result = flow(units, REGIONS)
    assert not result.remainder.units
    assert not orphans_and_widows(columns(result), {0: 4, 1: 5})


def test_negative_control_without_soft_keeps_the_orphan_stays():
    units = tuple(paragraph(0, 4) + paragraph(1, 5))
    result = flow(units, REGIONS, soft=False)
    assert orphans_and_widows(columns(result), {0: 4, 1: 5})


def test_widow_is_avoided():
    units = tuple(paragraph(0, 6) + paragraph(1, 3))  # paragraph 0's last line would top column 2
    result = flow(units, REGIONS)
    assert not orphans_and_widows(columns(result), {0: 6, 1: 3})
    assert orphans_and_widows(columns(flow(units, REGIONS, soft=False)), {0: 6, 1: 3})


def test_keeps_give_way_rather_than_leave_text_over():
    units = tuple(paragraph(0, 4) + paragraph(1, 11))  # exactly 15 rows for 15 lines
    result = flow(units, REGIONS)
    assert not result.remainder.units  # the grid does not allow it: the orphan stays


def test_subhead_is_never_left_at_a_column_foot():
    units = tuple(paragraph(0, 4) + [subhead(1)] + paragraph(2, 6))
    result = flow(units, REGIONS)
    first = columns(result)[0]
    assert first[-1][0] != 1  # the subhead went to the next column with its text


def test_subhead_drops_its_space_at_a_column_top():
    units = tuple(paragraph(0, 5) + [subhead(1)] + paragraph(2, 4))
    placed = [p for p in flow(units, REGIONS).placed if p.unit.kind is UnitKind.SUBHEAD][0]
    assert placed.region.column == 1 and placed.row + placed.unit.line_rows[0] == 0


def test_balanced_columns_put_the_shortfall_in_the_last():
    units = tuple(paragraph(0, 7) + paragraph(1, 6))  # 13 lines in 3 columns
    rows = balanced_rows(units, 3)
    result = flow(units, tuple(Region(c, 0, rows) for c in range(3)))
    used = list(result.used)
    assert rows == 5 and used[:2] == [rows, rows] and used[2] < rows and not result.remainder.units


def test_nothing_is_lost_when_it_does_not_fit():
    units = tuple(paragraph(0, 20))
    result = flow(units, REGIONS)
    assert len(result.placed) + len(result.remainder.units) == 20 and result.remainder.lines == 5

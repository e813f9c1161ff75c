"""Automatic placement: articles without a column are packed into the page's free area in
reading order, with no hole when the copy can fill the page; an article that finds no
room and a hole nobody chose are errors naming the page, the article and the place."""

from __future__ import annotations

import pytest

from layout.compose import compose_issue, compose_page
from layout.compose.furniture import FOOTER_ROWS, HEADER_ROWS
from layout.compose.grid import Grid
from layout.compose.items import TextRun
from layout.compose.packing import GuillotinePacker, Leaf, PackProblem, PackSolution, Rect, Slot
from layout.compose.page import HATCH
from layout.errors import IssueError
from layout.model import load_issue
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

from helpers import issue_yaml

PARA = "解放区商务局围绕保障商品供应、提振消费信心、恢复接触性消费工作主线，积极组织辖区重点商贸企业开展节庆促销活动。"


def yaml(n: int, explicit: str = "", holes: str = "error") -> str:
    arts = "\n".join(f"""  - id: a{i}
    headline: 自动排版稿件{i}
    body: articles/a{i}.md
    place: {{page: 2}}""" for i in range(n))
    return issue_yaml("  - {number: 2, section: 综合, template: tabloid}\n", f"{explicit}{arts}\n", holes)


def issue_of(make_issue, lengths=(8, 4, 6, 3, 4), explicit="", holes="error"):
    files = {f"articles/a{i}.md": "\n\n".join([PARA * 2] * n) + "\n" for i, n in enumerate(lengths)}
    files["articles/big.md"] = "\n\n".join([PARA * 2] * 30) + "\n"
    folder = make_issue(yaml(len(lengths), explicit, holes), files, name=f"p{abs(hash((lengths, explicit, holes)))}")
    return normalize_issue(load_issue(folder))[0]


def compose(issue, draft=False):
    return compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig(), draft)[0]


def overlaps(modules) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(modules):
        for b in modules[i + 1:]:
            fa, fb = a.frame, b.frame
            if fa.row < fb.row + fb.rows and fb.row < fa.row + fa.rows and \
                    fa.column < fb.column + fb.span and fb.column < fa.column + fa.span:
                out.append((a.article.id, b.article.id))
    return out


@pytest.mark.parametrize("lengths", [(8, 4, 6, 3, 4), (6, 5, 4, 3, 2), (10, 6, 4, 3, 3)])
def test_copy_that_fits_the_page_fills_it_with_no_hole(make_issue, lengths):
    issue = issue_of(make_issue, lengths)
    result = compose(issue)  # not a draft: a hole or an unplaced article would raise
    assert {m.article.id for m in result.modules} == {a.id for a in issue.articles}
    assert not result.holes and not result.unplaced and not overlaps(list(result.modules))
    grid = Grid(issue.pages[0].template)
    covered = sum(m.frame.span * m.frame.rows for m in result.modules)
    rules = sum(m.frame.span for m in result.modules if m.frame.row + m.frame.rows < grid.rows - FOOTER_ROWS)
    assert covered + rules == (grid.rows - FOOTER_ROWS - HEADER_ROWS) * grid.template.columns  # tiled exactly


def test_reading_order_the_first_article_leads_at_the_top_left(make_issue):
    result = compose(issue_of(make_issue))
    first = next(m for m in result.modules if m.article.id == "a0")
    assert first.frame.row == HEADER_ROWS and first.frame.column == 0


def test_an_article_that_finds_no_room_is_an_error_naming_it(make_issue):
    """The case the old packer lost silently: a module filling the page, and one more."""
    explicit = """  - id: big
    headline: 占满整版的稿件
    body: articles/big.md
    place: {page: 2, column: 1, span: 5, rows: fill}
"""
    issue = issue_of(make_issue, (2,), explicit, holes="allow")
    with pytest.raises(IssueError) as info:
        compose(issue)
    message = str(info.value)
    assert "article 'a0' found no room on page 2" in message and "issue.yaml:" in message
    result = compose(issue, draft=True)  # a draft goes on, and lists it
    assert [u.article for u in result.unplaced] == ["a0"]


def test_negative_control_with_room_the_same_article_is_placed(make_issue):
    explicit = """  - id: big
    headline: 半版的稿件
    body: articles/big.md
    place: {page: 2, column: 1, span: 5, rows: 30}
"""
    result = compose(issue_of(make_issue, (2,), explicit, holes="allow"), draft=True)
    assert not result.unplaced and "a0" in {m.article.id for m in result.modules}


def test_a_hole_stops_the_build_naming_page_place_and_fix(make_issue):
    issue = issue_of(make_issue, (2, 1))  # two short articles on a tabloid page
    with pytest.raises(IssueError, match=r"hole \(天窗\) on page 2 at columns? [\d–]+, grid lines \d+–\d+"):
        compose(issue)
    result = compose(issue, draft=True)
    assert result.holes and result.unfilled == sum(h.cells for h in result.holes)
    hatch = [i for i in result.page.items if getattr(i, "colour", None) == HATCH and not isinstance(i, TextRun)]
    assert hatch  # the draft shows the holes hatched


def test_negative_control_holes_allowed_build_but_are_still_listed(make_issue):
    result = compose(issue_of(make_issue, (2, 1), holes="allow"))
    assert result.holes


def test_explicit_modules_stay_where_they_are(make_issue):
    explicit = """  - id: fixed
    headline: 固定位置
    body: articles/a0.md
    place: {page: 2, column: 1, span: 2, row: 1, rows: 20}
"""
    result = compose(issue_of(make_issue, (3, 3, 3), explicit, holes="allow"), draft=True)
    fixed = next(m for m in result.modules if m.article.id == "fixed")
    assert (fixed.frame.column, fixed.frame.span, fixed.frame.rows) == (0, 2, 20)
    assert not overlaps(list(result.modules))


def test_a_packer_is_swappable(make_issue):
    issue = issue_of(make_issue, (3, 3))

    class Nothing:
        def pack(self, problem: PackProblem) -> PackSolution:
            return PackSolution((), tuple(range(len(problem.leaves))), True)

    result = compose_page(issue, issue.pages[0], MetricsSet.for_fonts(issue.fonts), TextConfig(), draft=True,
                          packer=Nothing())
    assert not result.modules and {u.article for u in result.unplaced} == {"a0", "a1"}


# ------------------------------------------------------------------- the packer alone

def leaf(span, need, most):
    return Leaf(span, need, most, tuple(float(h - need) for h in range(need, most + 1)))


def test_packer_tiles_a_rectangle_exactly():
    """Two articles, each 2 wide × 4–6 tall or 4 wide × 2–3 tall, into 4 × 7: one above
    the other at full width (2 + 1 rule + ... ) or side by side."""
    problem = PackProblem((Rect(0, 4, 0, 7),), ((leaf(2, 4, 7), leaf(4, 2, 3)), (leaf(2, 4, 7), leaf(4, 2, 3))))
    solution = GuillotinePacker().pack(problem)
    assert not solution.unplaced and not solution.relaxed
    assert sum(s.span * s.rows for s in solution.slots) + sum(s.span for s in solution.slots if s.row + s.rows < 7) == 28


def test_packer_keeps_reading_order():
    problem = PackProblem((Rect(0, 2, 0, 9),), ((leaf(2, 4, 4),), (leaf(2, 4, 4),)))
    slots = GuillotinePacker().pack(problem).slots
    assert [s.index for s in sorted(slots, key=lambda s: s.row)] == [0, 1]
    assert slots == (Slot(0, 0, 2, 0, 4), Slot(1, 0, 2, 5, 4))


def test_packer_relaxes_only_when_no_exact_layout_exists():
    problem = PackProblem((Rect(0, 2, 0, 20),), ((leaf(2, 4, 5),),))
    solution = GuillotinePacker().pack(problem)
    assert solution.relaxed and solution.slots and not solution.unplaced  # placed, with a hole the caller reports


def test_packer_leaves_out_from_the_end_what_cannot_fit():
    problem = PackProblem((Rect(0, 2, 0, 10),), ((leaf(2, 6, 10),), (leaf(2, 6, 10),)))
    solution = GuillotinePacker().pack(problem)
    assert solution.unplaced == (1,) and [s.index for s in solution.slots] == [0]

"""Automatic placement leaves out only what cannot fit: an article with no room does not
take the later ones with it, the earlier of two that cannot stand together is kept, and
the room an unplaced article is said to need is really not free on the page."""

from __future__ import annotations

from layout.compose.packing import GuillotinePacker, Leaf, PackProblem, Rect
from conftest import write_issue
from helpers import compose_folder, issue_yaml

PARA = "城南新区今年启动老旧小区改造三十个，涉及居民一万二千户，工程预计年底前全部完工。"


def yaml(ids: list[str]) -> str:
    """Page 2 of a tabloid: `top` placed by hand across the page, 30 lines deep; then the
    articles `ids`, placed automatically, in that order."""
    arts = "".join(f"""  - id: {i}
    headline: 测试稿件{i}
    body: articles/{i}.md
    place: {{page: 2}}
""" for i in ids)
    return issue_yaml("  - {number: 2, section: 综合, template: tabloid}\n", """\
  - id: top
    headline: 半版稿件
    body: articles/top.md
    place: {page: 2, column: 1, span: 5, rows: 30}
""" + arts)


def page(tmp_path, **paragraphs: int):
    """The composed page (a draft: it goes on past unplaced articles and lists them) with an
    article of that many paragraphs for each keyword, in order."""
    files = {"articles/top.md": "\n\n".join([PARA * 3] * 30) + "\n"}
    files |= {f"articles/{k}.md": "\n\n".join([PARA * 2] * n) + "\n" for k, n in paragraphs.items()}
    folder = write_issue(tmp_path / "_".join(f"{k}{n}" for k, n in paragraphs.items()), yaml(list(paragraphs)), files)
    return compose_folder(folder, draft=True)[1][0]


def placed(result) -> set[str]:
    return {m.article.id for m in result.modules}


def advice_true(result) -> bool:
    """No hole on the page is as wide and as deep as an unplaced article is said to need."""
    return not any(h.span >= u.span and h.rows >= u.rows for u in result.unplaced for h in result.holes)


def test_a_short_article_after_one_that_cannot_fit_is_placed(tmp_path):
    result = page(tmp_path, long=40, one=1)
    assert [u.article for u in result.unplaced] == ["long"]
    assert placed(result) == {"top", "one"} and advice_true(result)


def test_of_two_that_cannot_stand_together_the_earlier_is_kept_and_the_rest_placed(tmp_path):
    result = page(tmp_path, a=18, b=18, one=1)
    assert [u.article for u in result.unplaced] == ["b"]
    assert placed(result) == {"top", "a", "one"} and advice_true(result)
    alone = page(tmp_path, b=18)  # control: each alone fits
    assert not alone.unplaced and placed(alone) == {"top", "b"}


def test_negative_control_when_everything_fits_nothing_is_left_out(tmp_path):
    result = page(tmp_path, a=4, b=4, one=1)
    assert not result.unplaced and placed(result) == {"top", "a", "b", "one"}


# ------------------------------------------------------------------- the packer alone

def leaf(span, need, most):
    return Leaf(span, need, most, tuple(float(h - need) for h in range(need, most + 1)))


def test_packer_places_what_follows_an_article_that_cannot_fit():
    problem = PackProblem((Rect(0, 2, 0, 10),), ((leaf(2, 12, 14),), (leaf(2, 6, 10),)))
    solution = GuillotinePacker().pack(problem)
    assert solution.unplaced == (0,) and [s.index for s in solution.slots] == [1]


def test_packer_leaves_out_the_later_of_two_that_cannot_stand_together_only():
    problem = PackProblem((Rect(0, 2, 0, 10),), ((leaf(2, 6, 10),), (leaf(2, 6, 10),), (leaf(2, 3, 3),)))
    solution = GuillotinePacker().pack(problem)
    assert solution.unplaced == (1,) and sorted(s.index for s in solution.slots) == [0, 2]


def test_packer_moves_an_article_earlier_rather_than_leave_it_out():
    """A short column first, a long one after: the first article fits only the long one,
    so the second goes in the short column, before it in reading order; the third has no room."""
    rects = (Rect(0, 1, 0, 5), Rect(1, 1, 0, 10))
    problem = PackProblem(rects, ((leaf(1, 10, 10),), (leaf(1, 5, 5),), (leaf(1, 5, 5),)))
    solution = GuillotinePacker().pack(problem)
    assert solution.unplaced == (2,)
    assert {(s.index, s.column) for s in solution.slots} == {(0, 1), (1, 0)}


def test_packer_places_an_article_narrower_than_all_the_room_leaving_a_column_empty():
    """An article that may only be one column wide, in a free area two wide: placed, the
    other column a hole (reported by the caller), not left out."""
    problem = PackProblem((Rect(0, 2, 0, 10),), ((leaf(1, 5, 6),),))
    solution = GuillotinePacker().pack(problem)
    assert not solution.unplaced and solution.relaxed and [s.span for s in solution.slots] == [1]

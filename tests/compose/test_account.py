"""The compose stage's own nothing-lost check (layout/compose/account.py,
`check_nothing_lost`): it passes on a composed issue, a jumping article's copy counted
across its pages, and it stops the build with LostCopy when a piece of copy is missing
from the pages or printed twice (what a bug in the composer would do)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from layout.compose import LostCopy, compose_issue
from layout.compose.issue import check_nothing_lost
from layout.compose.items import SourceField, TextRun
from layout.model import load_issue
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

ROOT = Path(__file__).resolve().parents[2]
JUMPING = ROOT / "issues" / "chengbei-2023-03-15"  # an article on page 1 continued on page 3


@pytest.fixture(scope="module")
def composed():
    issue, _changes = normalize_issue(load_issue(JUMPING))
    results = compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig.of(issue.typesetting), draft=True)
    return issue, results


def _jumping_body_page(issue, results) -> int:
    """The index of the result holding the second part of a jumping article's body."""
    jumping = next(a for a in issue.articles if a.continued)
    return next(i for i, r in enumerate(results)
                for m in r.modules if m.article.id == jumping.id and m.part == 1)


def _without(results, index: int, keep) -> tuple:
    """`results` with the page at `index` holding only the items `keep` accepts."""
    page = results[index]
    items = tuple(item for item in page.page.items if keep(item))
    return results[:index] + (replace(page, page=replace(page.page, items=items)),) + results[index + 1:]


def _body_run(results, index: int) -> TextRun:
    return next(item for item in results[index].page.items if isinstance(item, TextRun) and item.source is not None
                and item.source.field is SourceField.BODY and item.source.start > 0)


def test_a_composed_issue_passes_its_jumps_counted_across_pages(composed):
    """The control of the tests below: nothing changed, nothing lost, though the jumping
    article's body is on two pages (each page's pieces alone would not make it whole)."""
    issue, results = composed
    check_nothing_lost(issue, results, [])


def test_a_line_missing_from_a_page_is_lost_copy(composed):
    """One body line of the continued part taken off its page: LostCopy names the article
    and its paragraph."""
    issue, results = composed
    index = _jumping_body_page(issue, results)
    gone = _body_run(results, index)
    with pytest.raises(LostCopy) as raised:
        check_nothing_lost(issue, _without(results, index, lambda item: item is not gone), [])
    assert f"article '{gone.source.article}' body[{gone.source.index}]" in str(raised.value)


def test_a_line_printed_twice_is_lost_copy(composed):
    """A body line drawn twice (a piece accounted for more than once) is refused too."""
    issue, results = composed
    index = _jumping_body_page(issue, results)
    twice = _body_run(results, index)
    page = results[index]
    doubled = replace(page, page=replace(page.page, items=page.page.items + (twice,)))
    with pytest.raises(LostCopy):
        check_nothing_lost(issue, results[:index] + (doubled,) + results[index + 1:], [])


def test_a_headline_missing_is_lost_copy(composed):
    """Not only body copy: a headline taken off the first page is lost copy."""
    issue, results = composed
    headline = next(item for item in results[0].page.items if isinstance(item, TextRun) and item.source is not None
                    and item.source.field is SourceField.HEADLINE)
    with pytest.raises(LostCopy) as raised:
        check_nothing_lost(issue, _without(results, 0, lambda item: item is not headline), [])
    assert "headline[0]" in str(raised.value)

"""Memory of composing page after page (issue 10: `paiban build` under 250 MiB whatever
the page count): a page worker composes many pages with one `Composer`, which must not
keep what it measured for one page once the page is composed."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

from layout.compose.issue import Composer
from layout.model import load_issue
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

SEED = Path(__file__).resolve().parents[2] / "issues" / "jiefang-2023-01-06"
KEPT_LIMIT = 256 * 1024  # bytes four more pages may leave behind (a shared Measurer kept ≈ 1 MiB a page)


def test_a_composer_keeps_nothing_measured_from_page_to_page():
    """The seed page composed four more times by one Composer (each time its own parts,
    as every page of an issue has) leaves next to nothing traced behind once the results
    are dropped. The control: the same page composed with one Measurer shared by the
    calls, as the Composer did before, keeps each call's measurements."""
    from layout.compose.measure import Measurer
    from layout.compose.page import compose_page, setup_for

    issue, _ = normalize_issue(load_issue(SEED))
    metrics, text = MetricsSet.for_fonts(issue.fonts), TextConfig.of(issue.typesetting)
    page = issue.pages[0]
    composer = Composer(issue, metrics, text)
    shared = Measurer(setup_for(issue, page, metrics, text))

    def kept(compose) -> int:
        compose()  # warm: caches of the process (fonts, shaping) filled once
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            for _ in range(4):
                compose()
            gc.collect()
            return tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()

    assert kept(lambda: composer.page(page, {})) < KEPT_LIMIT
    assert kept(lambda: compose_page(issue, page, metrics, text, {}, False, shared)) > 2 * KEPT_LIMIT  # control


def test_a_page_released_keeps_the_issues_articles_and_no_carried_text():
    """A page of a build that keeps nothing (`IssueComposition.release`) holds the issue's
    own article objects, not the copy a worker sent back with the page, and none of the
    text it carried to a later page (taken when it was added); the control: an article
    that is not the issue's (other copy) stays the page's own."""
    import pickle
    from dataclasses import replace

    from layout.compose.issue import IssueComposition, slim

    issue, _ = normalize_issue(load_issue(Path(__file__).resolve().parents[2] / "issues" / "chengbei-2023-03-15"))
    metrics, text = MetricsSet.for_fonts(issue.fonts), TextConfig.of(issue.typesetting)
    work = IssueComposition(issue, metrics, text, draft=True, remember=False)
    first = issue.pages[0]
    result = pickle.loads(pickle.dumps(work.compose(first)))  # as a worker hands it back
    assert result.carry and all(m.article is not a for m in result.modules for a in issue.articles)
    work.add(first, result)
    work.release(first)
    kept = work._results[0]
    ours = {a.id: a for a in issue.articles}
    assert kept.carry == () and all(m.article is ours[m.article.id] for m in kept.modules)
    other = replace(result.modules[0].article, headline="另一个标题")
    alone = slim(replace(result, modules=(replace(result.modules[0], article=other),)), ours)
    assert alone.modules[0].article is other

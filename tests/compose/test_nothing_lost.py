"""For every article of every test issue, each character of its copy is either on a
page (in reading order across its parts) or in the overset report."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.compose import compose_issue
from layout.compose.items import TextRun
from layout.model import load_issue
from layout.model.schema import BlockKind
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

ROOT = Path(__file__).resolve().parents[2]
ISSUES = sorted(p.parent for p in (ROOT / "issues").glob("*/issue.yaml"))


def accounted(issue) -> list[tuple[str, str, str]]:
    """(article, copy, printed + overset) for every article of the issue."""
    results = compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig.of(issue.typesetting), draft=True)
    out = []
    for article in issue.articles:
        printed = "".join(r.text for res in results for r in res.page.items
                          if isinstance(r, TextRun) and r.article == article.id and r.kind == "body")
        over = "".join(m.overset.text for res in results for m in res.modules if m.article.id == article.id)
        copy = "".join(b.text for b in article.blocks if b.kind is not BlockKind.SUBHEAD)
        copy = (article.byline + copy) if article.blocks else ""
        runin = "".join(b.runin + "\u3000" for b in article.blocks if b.runin)
        out.append((article.id, "".join(copy.split()), "".join((printed + over).replace(runin, "").split())))
    return out


@pytest.mark.parametrize("folder", ISSUES, ids=[p.name for p in ISSUES])
def test_every_character_is_on_a_page_or_overset(folder):
    issue, _ = normalize_issue(load_issue(folder))
    for article, copy, found in accounted(issue):
        assert found == copy, article


def test_with_an_overset_article_too(make_issue):
    long = "\n\n".join(["解放区商务局围绕保障商品供应提振消费信心开展节庆促销活动。" * 6] * 8) + "\n"
    from conftest import BASE_YAML
    folder = make_issue(BASE_YAML.replace("place: {page: 1, column: 1, span: 2}",
                                          "place: {page: 1, column: 1, span: 2, rows: 12}"),
                        {"articles/alpha.md": long})
    issue, _ = normalize_issue(load_issue(folder))
    rows = accounted(issue)
    assert all(found == copy for _, copy, found in rows)
    results = compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig(), draft=True)
    assert any(m.overset.units for r in results for m in r.modules)  # it really is overset

"""For every article of every issue in issues/: each paragraph of its copy is printed in
reading order across its parts (or is in the overset or unplaced report), and every
other text of it — kicker, headline, subhead, byline, run-in headings, captions,
credits, licences — is printed once."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from layout.compose import compose_issue
from layout.compose.grid import Grid
from layout.compose.items import SourceField, TextRun
from layout.compose.measure import text_columns as measure_columns
from layout.model import load_issue
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

ROOT = Path(__file__).resolve().parents[2]
ISSUES = sorted(p.parent for p in (ROOT / "issues").glob("*/issue.yaml"))


def compose(issue):
    return compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig.of(issue.typesetting), draft=True)


def body_in_reading_order(issue, results, article) -> str:
    """The article's paragraphs as a reader meets them: parts in page order, in each
    module its text columns left to right and lines top to bottom; then its overset."""
    text = ""
    for result in results:
        grid = Grid(issue.page(result.page.number).template)
        for module in (m for m in result.modules if m.article.id == article.id):
            runs = [r for r in module.items if isinstance(r, TextRun) and r.source and r.source.field is SourceField.BODY]
            column = text_columns(module, grid)
            text += "".join(r.text for r in sorted(runs, key=lambda r: (column(r), r.baseline, r.glyphs[0][1])))
            text += "".join(g.char for u in module.overset.units for line, origins in zip(u.lines, u.origins)
                            for g, o in zip(line.glyphs, origins) if o[0] is SourceField.BODY)
    return "".join(text.split())


def text_columns(module, grid: Grid):
    """A function giving the index of the text column a run stands in, from the module's
    frame and its split measure (the geometry the format defines, clreq §7.1.1.3)."""
    f = module.frame
    place = module.article.parts[module.part]
    lefts = [x for x, _w in measure_columns(grid, f.column, f.span, place.measure if place.column else None)]
    size = grid.template.body_size

    def index(run) -> int:  # the last column starting at or before the run (a bracket may stand out)
        return max((i for i, x in enumerate(lefts) if x <= run.glyphs[0][1] + size / 2 + 0.5), default=0)

    return index


def other_texts(results, article) -> dict[tuple[SourceField, int], str]:
    """Every other text of the article found on the pages, by (field, index), in order."""
    found = defaultdict(list)
    for result in results:
        for r in result.page.items:
            if isinstance(r, TextRun) and r.source and r.source.article == article.id and r.source.field is not SourceField.BODY:
                found[(r.source.field, r.source.index)].append((r.source.start, r.text))
    return {k: "".join(t for _, t in sorted(v)) for k, v in found.items()}


def expected_others(article) -> dict[tuple[SourceField, int], str]:
    out = {}
    for field, text in ((SourceField.KICKER, article.kicker), (SourceField.HEADLINE, article.headline),
                        (SourceField.SUBHEAD, article.subhead)):
        if text:
            out[(field, 0)] = text
    if article.byline and article.blocks:
        out[(SourceField.BYLINE, 0)] = article.byline
    for i, block in enumerate(article.blocks):
        if block.runin:
            out[(SourceField.RUNIN, i)] = block.runin
    for i, photo in enumerate(article.photos):
        for field, text in ((SourceField.CAPTION, photo.caption), (SourceField.CREDIT, photo.credit),
                            (SourceField.LICENCE, photo.licence)):
            if text:
                out[(field, i)] = text
    return {k: "".join(v.split()) for k, v in out.items()}


@pytest.mark.parametrize("folder", ISSUES, ids=[p.name for p in ISSUES])
def test_every_character_is_on_a_page_or_reported(folder):
    issue, _ = normalize_issue(load_issue(folder))
    results = compose(issue)
    unplaced = {u.article for r in results for u in r.unplaced}
    for article in issue.articles:
        if article.id in unplaced:
            continue  # reported whole (an error unless --draft)
        copy = "".join("".join(b.text for b in article.blocks).split())
        assert body_in_reading_order(issue, results, article) == copy, article.id
        found = {k: "".join(v.split()) for k, v in other_texts(results, article).items()}
        for key, text in expected_others(article).items():
            got = found.get(key, "")
            if key[0] is SourceField.HEADLINE and article.headline_vertical:
                continue  # vertical forms replace some marks (checked in tests/compose/test_vertical*)
            assert got == text, (article.id, key)


def test_with_an_overset_article_too(make_issue):
    long = "\n\n".join(["解放区商务局围绕保障商品供应提振消费信心开展节庆促销活动。" * 6] * 8) + "\n"
    from conftest import BASE_YAML
    folder = make_issue(BASE_YAML.replace("place: {page: 1, column: 1, span: 2}",
                                          "place: {page: 1, column: 1, span: 2, rows: 12}"),
                        {"articles/alpha.md": long})
    issue, _ = normalize_issue(load_issue(folder))
    results = compose(issue)
    assert any(m.overset.units for r in results for m in r.modules)  # it really is overset
    for article in issue.articles:
        assert body_in_reading_order(issue, results, article) == "".join("".join(b.text for b in article.blocks).split())


def test_negative_control_the_check_sees_a_line_out_of_order(make_issue):
    from conftest import BASE_YAML
    issue, _ = normalize_issue(load_issue(make_issue(BASE_YAML)))
    results = compose(issue)
    article = issue.articles[0]
    module = next(m for m in results[0].modules if m.article.id == article.id)
    body = [r for r in module.items if isinstance(r, TextRun) and r.source and r.source.field is SourceField.BODY]
    first, last = min(body, key=lambda r: r.baseline), max(body, key=lambda r: r.baseline)
    from dataclasses import replace
    swapped = tuple(replace(r, baseline=last.baseline) if r is first else replace(r, baseline=first.baseline)
                    if r is last else r for r in module.items)
    results = (replace(results[0], modules=(replace(module, items=swapped),) + results[0].modules[1:]),) + results[1:]
    assert body_in_reading_order(issue, results, article) != "".join("".join(b.text for b in article.blocks).split())

"""Automatic placement: articles without a column are packed on the grid in reading
order, without overlaps, filling the page; unfilled space is reported."""

from __future__ import annotations

from layout.compose import compose_issue
from layout.compose.furniture import FOOTER_ROWS, HEADER_ROWS
from layout.compose.grid import Grid
from layout.compose.items import TextRun
from layout.model import load_issue
from layout.model.schema import BlockKind
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

PARA = "解放区商务局围绕保障商品供应、提振消费信心、恢复接触性消费工作主线，积极组织辖区重点商贸企业开展节庆促销活动。"


def yaml(n: int, explicit: str = "") -> str:
    arts = "\n".join(f"""  - id: a{i}
    headline: 自动排版稿件{i}
    body: articles/a{i}.md
    place: {{page: 2}}""" for i in range(n))
    return f"""\
issue:
  paper: 测试日报
  code: TEST
  date: 2023-01-06
  number: 1
  running_number: 100
  holes: allow  # small test pages: the features, not a full page
  qr: {{payload: "https://example.com/t", lines: [扫一扫]}}
pages:
  - {{number: 2, section: 综合, template: tabloid}}
articles:
{explicit}{arts}
"""


def compose(make_issue, n=5, lengths=(8, 4, 6, 3, 4), explicit="", draft=False):
    files = {f"articles/a{i}.md": "\n\n".join([PARA * 2] * lengths[i % len(lengths)]) + "\n" for i in range(n)}
    folder = make_issue(yaml(n, explicit), files, name=f"p{n}{abs(hash(explicit))}")
    issue, _ = normalize_issue(load_issue(folder))
    return issue, compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig(), draft)[0]


def overlaps(modules) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(modules):
        for b in modules[i + 1:]:
            fa, fb = a.frame, b.frame
            if fa.row < fb.row + fb.rows and fb.row < fa.row + fa.rows and \
                    fa.column < fb.column + fb.span and fb.column < fa.column + fa.span:
                out.append((a.article.id, b.article.id))
    return out


def test_every_article_is_placed_without_overlaps(make_issue):
    issue, result = compose(make_issue)
    assert {m.article.id for m in result.modules} == {a.id for a in issue.articles}
    assert not overlaps(list(result.modules))
    grid = Grid(issue.pages[0].template)
    assert all(HEADER_ROWS <= m.frame.row and m.frame.row + m.frame.rows <= grid.rows - FOOTER_ROWS
               for m in result.modules)


def test_nothing_is_lost(make_issue):
    issue, result = compose(make_issue)
    for article in issue.articles:
        printed = "".join(r.text for r in result.page.items
                          if isinstance(r, TextRun) and r.article == article.id and r.kind == "body")
        over = "".join(m.overset.text for m in result.modules if m.article.id == article.id)
        copy = "".join(b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH)
        assert printed + over == copy


def test_reading_order_runs_top_to_bottom_left_to_right(make_issue):
    _issue, result = compose(make_issue)
    first = result.modules[0].frame
    assert first.row == min(m.frame.row for m in result.modules)  # the first article leads


def test_the_page_is_filled_and_the_rest_reported(make_issue):
    issue, result = compose(make_issue)
    grid = Grid(issue.pages[0].template)
    area = (grid.rows - FOOTER_ROWS - HEADER_ROWS) * grid.template.columns
    assert 0 <= result.unfilled < 0.15 * area  # what the copy cannot fill is reported, not hidden


def test_explicit_modules_stay_where_they_are(make_issue):
    explicit = """  - id: fixed
    headline: 固定位置
    body: articles/a0.md
    place: {page: 2, column: 1, span: 2, row: 1, rows: 20}
"""
    _issue, result = compose(make_issue, n=3, explicit=explicit, draft=True)
    fixed = next(m for m in result.modules if m.article.id == "fixed")
    assert fixed.frame.column == 0 and fixed.frame.span == 2 and fixed.frame.rows == 20
    assert not overlaps(list(result.modules))

"""Jumps (转第X版 / 上接第X版), 紧排 tightening and overset on small synthetic issues,
composed with layout.compose.compose_issue and read from the composed items."""

from __future__ import annotations

import pytest

from helpers import issue_yaml
from layout.compose import compose_issue
from layout.compose.items import TextRun
from layout.compose.module import OVERSET_RED
from layout.model import load_issue
from layout.model.schema import BlockKind
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

PARAGRAPH = "解放区商务局围绕保障商品供应提振消费信心恢复接触性消费工作主线积极组织辖区重点商贸企业开展节庆促销活动。"
LONG = "\n\n".join((PARAGRAPH[i:] + PARAGRAPH[:i]) * 5 for i in range(0, 40, 10)) + "\n"

YAML = issue_yaml("""\
  - {number: 1, section: 要闻, template: tabloid}
  - {number: 2, section: 综合, template: tabloid}
  - {number: 3, section: 副刊, template: tabloid}
""", """\
  - id: long
    headline: 一篇很长的稿件
    body: articles/alpha.md
PLACE
  - id: beta
    headline: 第二篇
    body: articles/beta.md
    place: {page: 3, column: 4, span: 2}
""")


def issue_with(make_issue, place: str, extra: str = ""):
    yaml = YAML.replace("PLACE", f"    place: {place}\n{extra}")
    name = f"issue-{abs(hash((place, extra)))}"
    return normalize_issue(load_issue(make_issue(yaml, {"articles/alpha.md": LONG}, name=name)))[0]


def composed(issue, draft=False):
    return compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig(), draft)


def article_text(results, article: str) -> str:
    return "".join(run.text for r in results for run in r.page.items
                   if isinstance(run, TextRun) and run.article == article and run.kind in ("body", "overset"))


def copy_of(issue, article: str) -> str:
    a = next(a for a in issue.articles if a.id == article)
    return "".join(b.text for b in a.blocks if b.kind is BlockKind.PARAGRAPH)


def texts_on(result) -> str:
    return "".join(run.text for run in result.page.items if isinstance(run, TextRun))


JUMP = "[{page: 1, column: 1, span: 2, rows: 12}, {page: 2, column: 1, span: 3}]"


def test_a_jump_carries_the_text_to_the_next_part(make_issue):
    issue = issue_with(make_issue, JUMP)
    results = composed(issue)
    assert "（转第2版）" in texts_on(results[0]) and "（上接第1版）" in texts_on(results[1])
    assert article_text(results, "long") == "本报讯" * 0 + copy_of(issue, "long")  # every character, in order
    assert not any(m.overset.units for r in results for m in r.modules)


def test_jump_numbers_come_from_where_the_parts_land(make_issue):
    issue = issue_with(make_issue, JUMP.replace("page: 2", "page: 3").replace("column: 1, span: 3", "column: 1, span: 3"))
    results = composed(issue)
    assert "（转第3版）" in texts_on(results[0]) and "（上接第1版）" in texts_on(results[2])
    assert "上接" not in texts_on(results[1])


def test_negative_control_without_a_continuation_the_text_is_overset(make_issue):
    issue = issue_with(make_issue, "{page: 1, column: 1, span: 2, rows: 12}")
    results = composed(issue, draft=True)
    over = [m for r in results for m in r.modules if m.overset.units]
    assert over and "转第" not in texts_on(results[0])


def test_a_continuation_must_come_later(make_issue, tmp_path):
    from layout.errors import IssueError
    with pytest.raises(IssueError, match=r"issue\.yaml:\d+: articles\[0\]\.place\[1\]\.page: a continuation"):
        issue_with(make_issue, "[{page: 2, column: 1, span: 2, rows: 12}, {page: 1, column: 1, span: 3}]")


def test_draft_shows_overset_in_red_and_loses_nothing(make_issue):
    issue = issue_with(make_issue, "{page: 1, column: 1, span: 2, rows: 12}")
    results = composed(issue, draft=True)
    red = [run for r in results for run in r.page.items if isinstance(run, TextRun) and run.colour == OVERSET_RED]
    assert red and all(run.kind in ("overset", "overset-note") for run in red)
    assert red[0].text.startswith("超版")  # the label on the row under the module
    module = next(m for r in results for m in r.modules if m.article.id == "long")
    shown = "".join(run.text for run in red if run.kind == "overset")
    assert shown and module.overset.text.startswith(shown)  # red lines are the overset, in order
    printed = "".join(run.text for r in results for run in r.page.items
                      if isinstance(run, TextRun) and run.article == "long" and run.kind == "body")
    assert printed + module.overset.text == copy_of(issue, "long")  # the rest is in the report


def test_tighten_makes_a_slightly_overset_article_fit(make_issue):
    rows = "{page: 1, column: 1, span: 2, rows: %d}"
    loose = issue_with(make_issue, "{page: 1, column: 1, span: 2}")  # auto height: what it needs
    lines_needed = sum(m.frame.rows for r in composed(loose) for m in r.modules if m.article.id == "long")
    tight = issue_with(make_issue, rows % (lines_needed - 1), "    tighten: 0.1\n")
    results = composed(tight)
    module = next(m for r in results for m in r.modules if m.article.id == "long")
    assert not module.overset.units and module.tightened > 0


def test_negative_control_without_tighten_it_is_overset(make_issue):
    rows = "{page: 1, column: 1, span: 2, rows: %d}"
    auto = issue_with(make_issue, "{page: 1, column: 1, span: 2}")
    lines_needed = sum(m.frame.rows for r in composed(auto) for m in r.modules if m.article.id == "long")
    results = composed(issue_with(make_issue, rows % (lines_needed - 1)), draft=True)
    module = next(m for r in results for m in r.modules if m.article.id == "long")
    assert module.overset.units and module.tightened == 0

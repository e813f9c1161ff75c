"""An explicit module whose copy is stopped by another explicit module placed below it in
its columns: the problem names that module and where it stands (not only "overset" and a
request for rows the user never gave), in a refused build and in a draft."""

from __future__ import annotations

import pytest

from layout.errors import IssueError
from conftest import write_issue
from helpers import compose_folder, issue_yaml

PARA = "城南新区今年启动老旧小区改造三十个，涉及居民一万二千户，工程预计年底前全部完工。"


def yaml(below_row: int) -> str:
    """Page 2 of a tabloid: `top` across columns 1–3 with no rows given, `under` in
    columns 2–3 from grid line `below_row`."""
    return issue_yaml("  - {number: 2, section: 综合, template: tabloid}\n", f"""\
  - id: top
    headline: 老旧小区改造全面铺开
    body: articles/top.md
    place: {{page: 2, column: 1, span: 3}}
  - id: under
    headline: 社区食堂开张
    body: articles/under.md
    place: {{page: 2, column: 2, span: 2, row: {below_row}}}
""")


def compose(tmp_path, below_row: int, paragraphs: int, draft: bool):
    files = {"articles/top.md": "\n\n".join([PARA * 2] * paragraphs) + "\n",
             "articles/under.md": PARA + "\n"}
    folder = write_issue(tmp_path / f"b{below_row}_{paragraphs}_{draft}", yaml(below_row), files)
    return compose_folder(folder, draft=draft)


def blocking(problems) -> list[str]:
    return [p.message for p in problems if "'under' is placed at line" in p.message]


def test_a_module_stopped_by_the_one_below_names_it_when_the_build_refuses(tmp_path):
    with pytest.raises(IssueError) as refused:
        compose(tmp_path, 8, 12, draft=False)
    named = blocking(refused.value.problems)
    assert len(named) == 1 and "article 'top'" in named[0] and "line 8" in named[0] and "columns 2–3" in named[0]
    assert not any("give it rows" in p.message for p in refused.value.problems)  # rows were never given


def test_a_draft_lists_what_stops_the_module(tmp_path):
    result = compose(tmp_path, 8, 12, draft=True)[1][0]
    named = blocking(result.problems)
    assert len(named) == 1 and "move 'under' down to line" in named[0]
    top = next(m for m in result.modules if m.article.id == "top")
    assert top.overset.units and top.frame.rows == 6  # grid lines 1–6, the rule on 7, `under` from 8


def test_the_line_it_names_is_enough(tmp_path):
    """Moving `under` to the line the message gives lets `top` set all its copy."""
    message = blocking(compose(tmp_path, 8, 12, draft=True)[1][0].problems)[0]
    down = int(message.split("down to line ")[1].split()[0])
    result = compose(tmp_path, down, 12, draft=True)[1][0]
    assert not blocking(result.problems)
    assert not next(m for m in result.modules if m.article.id == "top").overset.units


def test_negative_control_a_module_that_fits_above_is_not_named(tmp_path):
    result = compose(tmp_path, 40, 2, draft=True)[1][0]
    assert not blocking(result.problems) and not any(m.overset.units for m in result.modules)


def label_and_rules(result):
    """The draft's 超版 label runs of `top` and the horizontal rules on the page."""
    from layout.compose.items import Rule, TextRun
    labels = [r for r in result.page.items if isinstance(r, TextRun) and r.kind == "overset-note" and r.article == "top"]
    rules = [i for i in result.page.items if isinstance(i, Rule) and i.y0 == i.y1]
    return labels, rules


def crosses(rule, run) -> bool:
    x0, x1 = run.glyphs[0][1], run.glyphs[-1][1] + run.size
    return run.baseline - 0.88 * run.size <= rule.y0 <= run.baseline + 0.12 * run.size and rule.x0 < x1 and rule.x1 > x0


def test_the_draft_overset_label_is_not_crossed_by_the_rule_to_the_module_below(tmp_path):
    """`top`'s 超版 label stands on the row under it, where the rule over `under` runs: the
    rule is cut round the label, and still runs beside it (the control)."""
    labels, rules = label_and_rules(compose(tmp_path, 8, 12, draft=True)[1][0])
    assert labels
    assert not [(r, lab) for r in rules for lab in labels if crosses(r, lab)]
    y = labels[0].baseline
    assert any(abs(r.y0 - y) < labels[0].size and r.x1 < labels[0].glyphs[0][1] for r in rules)  # the rule goes on


def photo_module_problems(tmp_path, place: str) -> list[str]:
    """The messages refusing a tabloid page holding one photo module placed at `place`
    (the rest of `{page: 2, column: 1, span: 5, …}`)."""
    yaml = issue_yaml("  - {number: 2, section: 综合, template: tabloid}\n", f"""\
  - id: pic
    photos:
      - {{file: assets/photo.jpg, caption: 图为测试照片。, credit: 本报记者 张三 摄}}
    place: {{page: 2, column: 1, span: 5, {place}}}
""")
    with pytest.raises(IssueError) as refused:
        compose_folder(write_issue(tmp_path / place.replace(": ", ""), yaml, {}))
    return [p.message for p in refused.value.problems]


def test_a_photo_module_with_too_few_free_lines_left_is_not_told_to_take_rows(tmp_path):
    """An explicit photo module with no `rows`, placed where fewer lines are free than its
    photo needs: the problem says how many it needs and how many are free (it was told
    to set `rows:` to a number the page does not have)."""
    messages = photo_module_problems(tmp_path, "row: 55")
    assert any("needs at least" in m and "are free below line 55" in m for m in messages), messages
    assert not any("give it rows" in m for m in messages)


def test_negative_control_rows_given_too_few_are_still_asked_for(tmp_path):
    assert any("give it rows" in m for m in photo_module_problems(tmp_path, "rows: 3"))


def test_a_cramped_photo_module_in_a_draft_stays_inside_its_module(tmp_path, monkeypatch):
    """The photo module refused above, in a draft: its photo is cut to the rows the module
    has, so the photo and its caption stand inside the module and on the page (it drew
    its caption below the page foot); the draft still lists the problem. The control:
    with the photo left at its own height, both stand below the module."""
    from layout.compose import module as module_stage
    from layout.compose.account import outside
    from layout.compose.grid import Grid
    from layout.compose.items import Picture, TextRun
    from layout.text.metrics import MetricsSet

    yaml = issue_yaml("  - {number: 2, section: 综合, template: tabloid}\n", """\
  - id: pic
    photos:
      - {file: assets/photo.jpg, caption: 图为测试照片。, credit: 本报记者 张三 摄}
    place: {page: 2, column: 1, span: 5, row: 55}
""")

    def drafted(name):
        issue, (result,) = compose_folder(write_issue(tmp_path / name, yaml, {}), draft=True)
        grid, metrics = Grid(issue.pages[0].template), MetricsSet.for_fonts(issue.fonts)
        (module,) = result.modules
        foot = max(i.y + i.height if isinstance(i, Picture) else i.baseline for i in module.items
                   if isinstance(i, (Picture, TextRun)))
        return result, outside((module,), grid, metrics, False), foot

    result, problems, foot = drafted("cut")
    assert problems == [] and foot <= result.page.height
    assert any("needs at least" in p.message for p in result.problems)
    monkeypatch.setattr(module_stage, "_within", lambda c, a: a)
    _result, problems, foot = drafted("control")
    assert problems and foot > result.page.height

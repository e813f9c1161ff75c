"""A draft loses nothing it does not show: report.json gives the copy of every part that
found no room (未排入), a whole article's texts and a continuation's carried text, as it
gives the overset's in full."""

from __future__ import annotations

import json

from conftest import BASE_YAML, edit
from layout.build import OutputOptions, build
from layout.preflight import TacMethod

LONG = "\n\n".join(f"第{n}段长稿正文，用来检查没有排入的稿件是否在报告里给出全文。城区街道照明改造第{n}期工程进展顺利。"
                   for n in range(1, 80)) + "\n"
TWO_PAGES = edit(BASE_YAML, "articles:\n", """  - number: 2
    section: 综合
    template: tabloid
articles:
  - id: fill2
    headline: 第二版占满全版的稿件
    body: articles/long.md
    place: {page: 2, column: 1, span: 5, rows: fill}
""")


def report_of(make_issue, tmp_path, yaml: str) -> dict:
    folder = make_issue(yaml, files={"articles/long.md": LONG})
    build(folder, tmp_path / "out", draft=True, options=OutputOptions(workers=1, tac=TacMethod.PYTHON))
    return json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))


def test_an_unplaced_article_is_reported_with_its_copy(make_issue, tmp_path):
    yaml = edit(BASE_YAML, "    place: {page: 1, column: 3, span: 3}\n", """    place: {page: 1, column: 3, span: 3}
  - id: huge
    headline: 放不下的长稿
    body: articles/long.md
    place: {page: 1}
""")
    unplaced = report_of(make_issue, tmp_path, yaml)["layout"]["unplaced"]
    huge = [u for u in unplaced if u["article"] == "huge"]
    assert huge and huge[0]["part"] == 0
    copy = "".join(huge[0]["copy"].split())
    assert copy.startswith("放不下的长稿") and "第79段长稿正文" in copy and "第1期工程" in copy


def test_an_unplaced_continuation_is_reported_with_the_text_carried_to_it(make_issue, tmp_path):
    yaml = edit(TWO_PAGES, "    place: {page: 1, column: 3, span: 3}\n", """    place: {page: 1, column: 3, span: 3}
  - id: jumper
    headline: 转版的长稿
    body: articles/long.md
    place:
      - {page: 1, column: 1, span: 5, rows: 12, row: 30}
      - {page: 2}
""")
    unplaced = report_of(make_issue, tmp_path, yaml)["layout"]["unplaced"]
    part = [u for u in unplaced if u["article"] == "jumper"]
    assert part and part[0]["part"] == 1 and part[0]["page"] == 2
    copy = "".join(part[0]["copy"].split())
    assert "第79段长稿正文" in copy and "第1段长稿" not in copy  # what page 1 printed is not repeated


def test_negative_control_nothing_unplaced_no_copy(make_issue, tmp_path):
    assert report_of(make_issue, tmp_path, BASE_YAML)["layout"]["unplaced"] == []

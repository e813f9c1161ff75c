"""`ads:` in issue.yaml and a template's `ads:` settings (layout/model/ads.py): what is
read, and every mistake reported with its file, line and field, nothing loaded."""

from __future__ import annotations

import pytest

from layout.errors import IssueError
from layout.model import load_issue
from layout.model.ads import AdSpot, LabelPosition, Separator

from .conftest import TWO_PAGES, issue_with_ads
from .makeads import image_ad, vector_ad
from conftest import edit, line_of

AD = {"id": "gg", "file": "ads/a.pdf", "size": "通栏"}

BAD = {  # name: (ads, the line's needle, field, what the message says)
    "unknown field": ([{**AD, "colour": "red"}], "colour: red", "ads[0].colour", "unknown field 'colour'"),
    "unknown size": ([{**AD, "size": "大半版"}], "size: 大半版", "ads[0].size", "unknown ad size '大半版'"),
    "no such page": ([{**AD, "place": "{page: 7}"}], "place: {page: 7}", "ads[0].place.page", "page 7 does not exist"),
    "报眼 without masthead": ([{**AD, "size": "报眼", "place": "{page: 2}"}], "size: 报眼", "ads[0].size",
                              "beside the masthead"),
    "中缝 without strip": ([{**AD, "size": "中缝"}], "size: 中缝", "ads[0].size", "needs a 中缝 strip"),
    "duplicate id": ([AD, {**AD, "size": "半通栏", "place": "{page: 2}"}], "- id: gg", "ads[1].id",
                     "duplicate ad id 'gg'"),
    "outside the folder": ([{**AD, "file": "../a.pdf"}], "file: ../a.pdf", "ads[0].file", "outside the issue folder"),
    "missing file": ([{**AD, "file": "ads/none.pdf"}], "file: ads/none.pdf", "ads[0].file", "not found"),
    "not an ad file": ([{**AD, "file": "articles/alpha.md"}], "file: articles/alpha.md", "ads[0].file",
                       "neither a PDF nor an image"),
    "size both ways": ([{**AD, "size": "{span: 2, width: 80mm}"}], "size: {span", "ads[0].size",
                       "span and rows"),
    "empty booking": ([{**AD, "booking": '""'}], 'booking: ""', "ads[0].booking", "this field is empty"),
    "column off the page": ([{**AD, "size": "{span: 4, rows: 10}", "place": "{page: 1, column: 9}"}],
                            "column: 9", "ads[0].place.column", "expected 1 to 8"),
    "row not a number": ([{**AD, "size": "{span: 4, rows: 10}", "place": "{page: 1, row: top}"}], "row: top",
                         "ads[0].place.row", "whole number"),
    "missing booking": ([{**AD, "booking": None}], "- id: gg", "ads[0]",
                        "booking"),
}


def make(folder, ads, base: str = TWO_PAGES):
    ads = [{k: v for k, v in ad.items() if v is not None} for ad in ads]
    issue_with_ads(folder, ads, base)
    vector_ad(folder / "ads/a.pdf", 100, 50)
    return folder


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_mistake_in_ads_is_reported_with_file_line_and_field(tmp_path, name):
    ads, needle, field, message = BAD[name]
    if name == "missing booking":
        folder = make(tmp_path / "issue", ads)
        text = (folder / "issue.yaml").read_text(encoding="utf-8")
        text = edit(text, "    booking: GG-gg\n", "")
        (folder / "issue.yaml").write_text(text, encoding="utf-8")
    else:
        folder = make(tmp_path / "issue", ads)
        text = (folder / "issue.yaml").read_text(encoding="utf-8")
    with pytest.raises(IssueError) as caught:
        load_issue(folder)
    problems = caught.value.problems
    hits = [p for p in problems if p.field == field and message in p.message]
    assert hits, [str(p) for p in problems]
    assert hits[0].line == line_of(text, needle, 2 if name == "duplicate id" else 1)
    assert hits[0].file.name == "issue.yaml"


def test_a_good_ads_list_loads_with_sizes_places_and_the_template_style(tmp_path):
    base = edit(TWO_PAGES, "pages:\n", """templates:
  paper:
    preset: broadsheet
    ads:
      separator: box
      rule_width: 1pt
      label: {text: 广告, position: below-left, size: 7pt}
      zhongfeng: {width: 12mm, side: outer}
      sizes:
        通栏: {span: 8, rows: 12}
        小方块: {width: 60mm, height: 40mm}
pages:
""")
    base = base.replace("template: broadsheet", "template: paper")
    ads = [{"id": "t", "file": "ads/a.pdf", "size": "通栏", "place": "{page: 1, row: foot}"},
           {"id": "s", "file": "ads/b.tif", "size": "小方块", "place": "{page: 2, column: 1, row: 3}", "scale": "true"},
           {"id": "z", "file": "ads/a.pdf", "size": "中缝", "place": "{page: 2}"},
           {"id": "e", "file": "ads/a.pdf", "size": "报眼"}]
    folder = issue_with_ads(tmp_path / "issue", ads, base)
    vector_ad(folder / "ads/a.pdf", 100, 50)
    image_ad(folder / "ads/b.tif", 60, 40)
    issue = load_issue(folder)
    by_id = {ad.id: ad for ad in issue.ads}
    assert (by_id["t"].size.span, by_id["t"].size.rows) == (8, 12)           # the template's own 通栏
    assert by_id["t"].place.foot and by_id["t"].place.automatic is False
    s = by_id["s"]
    assert s.size.width == pytest.approx(60 * 72 / 25.4) and s.scale and (s.place.column, s.place.row) == (1, 3)
    assert s.file.kind.value == "tiff" and s.file.size == pytest.approx((60 * 72 / 25.4, 40 * 72 / 25.4), abs=0.2)
    assert by_id["z"].size.spot is AdSpot.GUTTER and by_id["e"].size.spot is AdSpot.EAR
    assert by_id["e"].place.automatic
    style = by_id["t"].style
    assert style.separator is Separator.BOX and style.rule_width == 1.0 and style.gutter is not None
    assert style.label.position is LabelPosition.BELOW_LEFT and style.label.size == 7.0
    assert by_id["t"].file is by_id["z"].file                                 # one file read once
    assert len(by_id["t"].file.digest) == 64


@pytest.mark.parametrize(("settings", "field", "message"), [
    ("zhongfeng: {width: 40mm}", "templates.paper.ads.zhongfeng.width", "does not fit"),
    ("label: {text: 这是一个很长的广告标识}", "templates.paper.ads.label.text", "1 to 8 characters"),
    ("label: {position: middle}", "templates.paper.ads.label.position", "middle"),
    ("rule_width: 0.1pt", "templates.paper.ads.rule_width", "expected 0.25 to 3 pt"),
    ("separator: wave", "templates.paper.ads.separator", "wave"),
])
def test_a_mistake_in_a_templates_ads_settings_is_reported(tmp_path, settings, field, message):
    base = edit(TWO_PAGES, "pages:\n", f"templates:\n  paper:\n    preset: broadsheet\n    ads:\n      {settings}\n"
                "pages:\n").replace("template: broadsheet", "template: paper")
    folder = make(tmp_path / "issue", [AD], base)
    with pytest.raises(IssueError) as caught:
        load_issue(folder)
    text = (folder / "issue.yaml").read_text(encoding="utf-8")
    hits = [p for p in caught.value.problems if p.field == field and message in p.message]
    assert hits, [str(p) for p in caught.value.problems]
    assert hits[0].line == line_of(text, settings.split(":")[0] + ":")

"""Booked ads on the composed page (layout/compose/ads.py): fixed modules placed before
the editorial ones, from the foot up and the rightmost first when not placed; the copy
keeps clear of them; the trade's standard sizes from the template's grid; 报眼 beside
the masthead, 中缝 in the inner margin; the separator as the template asks."""

from __future__ import annotations

import pytest

from layout.compose import compose_page
from layout.compose.ads import _clash
from layout.compose.grid import Grid
from layout.compose.items import Advert, Rule, TextRun
from layout.errors import IssueError
from layout.model import load_issue
from layout.model.schema import RunKind
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

from .conftest import TWO_PAGES, issue_with_ads
from .makeads import vector_ad
from conftest import edit

AUTO = edit(edit(TWO_PAGES, "{page: 1, column: 1, span: 2}", "{page: 1}"),
            "{page: 1, column: 3, span: 3}", "{page: 1}")  # both articles placed automatically


def composed(folder, number: int = 1):
    issue, _ = normalize_issue(load_issue(folder))
    page = issue.page(number)
    return issue, compose_page(issue, page, MetricsSet.for_fonts(issue.fonts), TextConfig(), draft=True)


def with_ads(tmp_path, ads, base: str = TWO_PAGES):
    folder = issue_with_ads(tmp_path / "issue", [{"file": "ads/a.pdf", **ad} for ad in ads], base)
    vector_ad(folder / "ads/a.pdf", 80, 40, marks=False)
    return folder


def frames(result):
    return {p.ad.id: p.frame for p in result.ads}


def test_unplaced_ads_stack_from_the_foot_rightmost_first(tmp_path):
    folder = with_ads(tmp_path, [{"id": "one", "size": "{span: 2, rows: 10}"},
                                 {"id": "two", "size": "{span: 2, rows: 10}"},
                                 {"id": "three", "size": "{span: 8, rows: 5}"}])
    _issue, result = composed(folder)
    f = frames(result)
    bottom = result.area[1]
    assert (f["one"].column, f["one"].row + f["one"].rows) == (6, bottom)
    assert (f["two"].column, f["two"].row + f["two"].rows) == (4, bottom)
    assert f["three"].row + f["three"].rows == f["one"].row - 1      # above them, one grid line between


def test_automatic_copy_flows_around_the_ads_and_never_onto_them(tmp_path):
    folder = with_ads(tmp_path, [{"id": "foot", "size": "{span: 5, rows: 30}", "place": "{page: 1, column: 4, row: foot}"},
                                 {"id": "top", "size": "{span: 3, rows: 12}", "place": "{page: 1, column: 1, row: 1}"}],
                      AUTO)
    _issue, result = composed(folder)
    assert result.modules
    for module in result.modules:
        for ad in result.ads:
            assert not _clash(module.frame, ad.frame), (module.article.id, ad.ad.id)
    # negative control: _clash sees a module that stands on an ad
    ad = result.ads[0].frame
    assert _clash(type(ad)(ad.column, 1, ad.row + 1, 2), ad)


def test_a_stacked_article_starts_under_an_ad_at_the_top(tmp_path):
    folder = with_ads(tmp_path, [{"id": "top", "size": "{span: 8, rows: 8}", "place": "{page: 1, column: 1, row: 1}"}])
    _issue, result = composed(folder)
    ad = frames(result)["top"]
    for module in result.modules:
        assert module.frame.row >= ad.row + ad.rows + 1


def test_an_article_placed_on_an_ad_is_an_error_naming_the_booking(tmp_path):
    base = edit(TWO_PAGES, "{page: 1, column: 1, span: 2}", "{page: 1, column: 1, span: 2, row: 80}")
    folder = with_ads(tmp_path, [{"id": "foot", "size": "{span: 4, rows: 30}",
                                  "place": "{page: 1, column: 1, row: foot}"}], base)
    with pytest.raises(IssueError) as caught:
        composed(folder)
    assert any("overlaps ad 'foot'" in p.message and "GG-foot" in p.message and p.field == "articles[alpha].place"
               for p in caught.value.problems)


def test_overlapping_ads_and_an_ad_with_no_room_are_errors(tmp_path):
    folder = with_ads(tmp_path, [{"id": "a", "size": "{span: 4, rows: 10}", "place": "{page: 1, column: 1, row: 10}"},
                                 {"id": "b", "size": "{span: 4, rows: 10}", "place": "{page: 1, column: 3, row: 15}"},
                                 {"id": "c", "size": "{span: 8, rows: 90}"}])
    with pytest.raises(IssueError) as caught:
        composed(folder)
    messages = {p.field: p.message for p in caught.value.problems}
    assert "overlaps ad 'a'" in messages["ads[1].place"]
    assert "no room left on page 1" in messages["ads[2].place"], messages


def test_standard_sizes_come_from_the_grid(tmp_path):
    folder = with_ads(tmp_path, [{"id": "full", "size": "整版", "place": "{page: 2}"},
                                 {"id": "band", "size": "通栏", "place": "{page: 1, row: foot}"},
                                 {"id": "half", "size": "半通栏", "place": "{page: 1}"}])
    issue, result = composed(folder, 2)
    full = frames(result)["full"]
    assert (full.column, full.span, full.row, full.row + full.rows) == (0, 8, *result.area)
    _issue, one = composed(folder, 1)
    band, half = frames(one)["band"], frames(one)["half"]
    assert band.span == half.span == 8 and band.rows == 2 * half.rows or band.rows == 2 * half.rows + 1


def test_an_ear_ad_stands_beside_the_masthead_and_narrows_its_text(tmp_path):
    folder = with_ads(tmp_path, [{"id": "ear", "size": "报眼"}])
    issue, result = composed(folder)
    (ear,) = result.ads
    x0, y0, w, h = ear.box
    grid = Grid(issue.pages[0].template)
    assert x0 + w <= grid.column_x(8) and ear.frame.column + ear.frame.span == 8
    masthead = [r for r in result.page.items if isinstance(r, TextRun) and r.kind is RunKind.MASTHEAD]
    assert masthead and all(max(x for _c, x in r.glyphs) < x0 for r in masthead)
    # negative control: without the ear the page label stands at the type area's right edge
    plain = with_ads(tmp_path / "plain", [{"id": "x", "size": "通栏", "place": "{page: 2}"}])
    _i, other = composed(plain)
    right = max(x for r in other.page.items if isinstance(r, TextRun) and r.kind is RunKind.MASTHEAD
                for _c, x in r.glyphs)
    assert right > x0


@pytest.mark.parametrize(("number", "left"), [(1, True), (2, False)])
def test_a_zhongfeng_ad_stands_in_the_inner_margin(tmp_path, number, left):
    base = edit(TWO_PAGES, "pages:\n", "templates:\n  paper:\n    preset: broadsheet\n    ads:\n"
                "      zhongfeng: {width: 12mm}\npages:\n").replace("template: broadsheet", "template: paper")
    folder = with_ads(tmp_path, [{"id": "zf", "size": "中缝", "place": f"{{page: {number}}}"}], base)
    issue, result = composed(folder, number)
    (zf,) = result.ads
    t = issue.pages[0].template
    x0, _y, w, _h = zf.box
    if left:
        assert x0 + w <= t.area_left
    else:
        assert x0 >= t.area_left + t.area_width
    assert result.modules or number == 2  # the copy keeps its columns (page 2 has none)


def rules_of(result, ad):
    """The ad's separating rules (not the white panel under its label)."""
    return [i for i in ad.items if isinstance(i, Rule) and i.colour != (0.0, 0.0, 0.0, 0.0)]


@pytest.mark.parametrize(("separator", "sides"), [("rule", 2), ("box", 4), ("space", 0)])
def test_the_separator_is_what_the_template_asks(tmp_path, separator, sides):
    """An ad at the foot of columns 5–8: a rule above and at its left (the sides facing
    copy); a box all round; only space."""
    base = edit(TWO_PAGES, "pages:\n", f"templates:\n  paper:\n    preset: broadsheet\n    ads:\n"
                f"      separator: {separator}\npages:\n").replace("template: broadsheet", "template: paper")
    folder = with_ads(tmp_path, [{"id": "f", "size": "{span: 4, rows: 20}", "place": "{page: 1, column: 5, row: foot}"}],
                      base)
    _issue, result = composed(folder)
    (ad,) = result.ads
    assert len(rules_of(result, ad)) == sides
    assert any(isinstance(i, Advert) for i in ad.items)


def test_the_label_is_inside_on_a_white_panel_or_in_the_row_outside(tmp_path):
    for position, inside in (("top-right", True), ("above-left", False)):
        base = edit(TWO_PAGES, "pages:\n", f"templates:\n  paper:\n    preset: broadsheet\n    ads:\n"
                    f"      label: {{position: {position}}}\npages:\n").replace("template: broadsheet", "template: paper")
        folder = with_ads(tmp_path / position, [{"id": "f", "size": "{span: 4, rows: 20}",
                                                 "place": "{page: 1, column: 5, row: foot}"}], base)
        _issue, result = composed(folder)
        (ad,) = result.ads
        x0, y0, w, h = ad.box
        labels = [i for i in ad.items if isinstance(i, TextRun) and i.kind is RunKind.AD_LABEL]
        assert "".join(c for r in labels for c, _x in r.glyphs) == "广告"
        baseline = labels[0].baseline
        panels = [i for i in ad.items if isinstance(i, Rule) and i.colour == (0.0, 0.0, 0.0, 0.0)]
        if inside:
            assert y0 < baseline < y0 + 20 and labels[0].glyphs[-1][1] > x0 + w - 20 and panels
        else:
            assert baseline < y0 and abs(labels[0].glyphs[0][1] - x0) < 1 and not panels


def test_a_label_above_a_baoyan_ad_goes_below_it_not_into_the_top_margin(tmp_path):
    base = edit(TWO_PAGES, "pages:\n", "templates:\n  paper:\n    preset: broadsheet\n    ads:\n"
                "      label: {position: above-right}\npages:\n").replace("template: broadsheet", "template: paper")
    folder = with_ads(tmp_path, [{"id": "ear", "size": "报眼"}, {"id": "foot", "size": "通栏", "place": "{page: 1}"}],
                      base)
    issue, result = composed(folder)
    top = issue.pages[0].template.area_top
    for placed in result.ads:
        (label,) = [i for i in placed.items if isinstance(i, TextRun) and i.kind is RunKind.AD_LABEL]
        x0, y0, w, h = placed.box
        if placed.ad.id == "ear":
            assert label.baseline > y0 + h and label.baseline - label.size > top
        else:                                    # negative control: elsewhere it stays above
            assert label.baseline < y0


def test_a_label_the_font_cannot_set_is_an_error(tmp_path):
    base = edit(TWO_PAGES, "pages:\n", "templates:\n  paper:\n    preset: broadsheet\n    ads:\n"
                "      label: {text: 𠀀告}\npages:\n").replace("template: broadsheet", "template: paper")
    folder = with_ads(tmp_path, [{"id": "f", "size": "通栏", "place": "{page: 1}"}], base)
    with pytest.raises(IssueError) as caught:
        composed(folder)
    assert any(p.field == "ads[0].label" and "𠀀" in p.message for p in caught.value.problems)


def zhongfeng_template(strip: str, label: str) -> str:
    return edit(TWO_PAGES, "pages:\n", "templates:\n  paper:\n    preset: broadsheet\n    ads:\n"
                f"      zhongfeng: {{width: {strip}}}\n      label: {label}\npages:\n").replace(
                    "template: broadsheet", "template: paper")


@pytest.mark.parametrize("position", ["above-right", "below-left"])
def test_a_label_outside_a_zhongfeng_ad_goes_inside_the_strip(tmp_path, position):
    """Above and below the 中缝 strip stand the page's header and footer: the label goes
    into the strip's corner; an ad in the type area (the control) keeps it outside."""
    folder = with_ads(tmp_path, [{"id": "zf", "size": "中缝", "place": "{page: 1}"},
                                 {"id": "foot", "size": "通栏", "place": "{page: 1}"}],
                      zhongfeng_template("12mm", f"{{position: {position}, size: 7pt}}"))
    _issue, result = composed(folder)
    for placed in result.ads:
        (label,) = [i for i in placed.items if isinstance(i, TextRun) and i.kind is RunKind.AD_LABEL]
        x0, y0, w, h = placed.box
        inside = y0 < label.baseline - label.size and label.baseline < y0 + h
        if placed.ad.id == "zf":
            assert inside and x0 <= label.glyphs[0][1] and label.glyphs[-1][1] + label.size <= x0 + w + 0.01
        else:
            assert not inside


def test_a_label_wider_than_the_zhongfeng_strip_is_an_error(tmp_path):
    folder = with_ads(tmp_path, [{"id": "zf", "size": "中缝", "place": "{page: 1}"}],
                      zhongfeng_template("5mm", "{size: 9pt}"))
    with pytest.raises(IssueError) as caught:
        composed(folder)
    (problem,) = caught.value.problems
    assert problem.field == "ads[0].size" and "wider than the 中缝 strip (5.0 mm)" in problem.message
    # the control: the same label in a strip wide enough
    composed(with_ads(tmp_path / "wide", [{"id": "zf", "size": "中缝", "place": "{page: 1}"}],
                      zhongfeng_template("12mm", "{size: 9pt}")))

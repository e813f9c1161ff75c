"""A box's rules stand half a gutter outside its columns, except at the type area's
edge, where the rule stands on the edge, not in the margin; the text inside is inset
half an em each side so it keeps clear of the rule. Measured from the composed page."""

from __future__ import annotations

import pytest

from helpers import issue_yaml
from layout.compose import compose_issue
from layout.compose.grid import Grid
from layout.compose.items import Picture, Rule, TextRun
from layout.model import load_issue
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

BODY = "小城的早市天不亮就开张，卖菜的老人把青菜码得整整齐齐，买早点的学生排起了长队。" * 6 + "\n"

YAML = issue_yaml("""\
  - {number: 2, section: 综合, template: broadsheet}
""", """\
  - id: boxed
    headline: 早市见闻
    body: articles/boxed.md
    box: true
    place: {page: 2, column: COLUMN, span: 3}
""")

CLEAR = 2.0  # pt: the least room between a box rule and the text inside it


def compose(make_issue, column: int):
    folder = make_issue(YAML.replace("COLUMN", str(column)), {"articles/boxed.md": BODY}, name=f"b{column}")
    issue, _ = normalize_issue(load_issue(folder))
    result = compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig())[0]
    return result, Grid(issue.pages[0].template)


def sides(result, grid):
    """(left rule x, right rule x, leftmost glyph x, rightmost glyph right edge) of the box."""
    module = next(m for m in result.modules if m.article.id == "boxed")
    upright = [i for i in module.items if isinstance(i, Rule) and i.x0 == i.x1]
    text = [r for r in module.items if isinstance(r, TextRun)]
    lefts = [r.glyphs[0][1] for r in text]
    rights = [r.glyphs[-1][1] + r.size for r in text]
    return min(r.x0 for r in upright), max(r.x0 for r in upright), min(lefts), max(rights)


@pytest.mark.parametrize("column", [1, 6])  # at the type area's left edge, at its right edge
def test_box_rules_stay_inside_the_type_area_clear_of_the_text(make_issue, column):
    result, grid = compose(make_issue, column)
    t = grid.template
    left, right, text_left, text_right = sides(result, grid)
    assert left >= t.area_left - 0.01 and right <= t.area_left + t.area_width + 0.01
    assert text_left - left >= CLEAR and right - text_right >= CLEAR


def test_negative_control_a_box_inside_the_page_keeps_half_a_gutter_outside(make_issue):
    result, grid = compose(make_issue, 3)
    left, right, text_left, text_right = sides(result, grid)
    assert left == pytest.approx(grid.column_x(2) - grid.template.gutter / 2)
    assert right == pytest.approx(grid.column_x(4) + grid.template.column_width + grid.template.gutter / 2)
    assert text_left - left >= CLEAR and right - text_right >= CLEAR


def boxed_at(make_issue, rows: str, box: bool = True):
    yaml = YAML.replace("COLUMN", "3").replace("span: 3}", f"span: 3, rows: {rows}}}")
    if not box:
        yaml = yaml.replace("    box: true\n", "")
    folder = make_issue(yaml, {"articles/boxed.md": BODY}, name=f"r{rows}{box}")
    issue, _ = normalize_issue(load_issue(folder))
    result = compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig())[0]
    return next(m for m in result.modules if m.article.id == "boxed"), Grid(issue.pages[0].template)


def test_a_box_taller_than_its_copy_closes_under_the_copy(make_issue):
    module, grid = boxed_at(make_issue, "30")
    last = max(r.baseline for r in module.items if isinstance(r, TextRun) and r.kind == "body")
    bottom = max(r.y0 for r in module.items if isinstance(r, Rule) and r.y0 == r.y1)
    assert module.blank > 0  # the case: rows left blank at the module's foot
    assert bottom - last < 1.5 * grid.pitch  # no empty lines boxed in under the copy


@pytest.mark.parametrize("rows", ["30", "fill"])
def test_negative_control_the_box_still_closes_below_all_its_copy(make_issue, rows):
    module, grid = boxed_at(make_issue, rows)
    text = [r for r in module.items if isinstance(r, TextRun)]
    bottom = max(r.y0 for r in module.items if isinstance(r, Rule) and r.y0 == r.y1)
    assert all(bottom - r.baseline >= 0.2 * r.size for r in text)  # under the descenders, never across a line


def headline_room(make_issue, box: bool) -> tuple[float, float, float]:
    """(space from the module's top — the box's top rule, or the frame's top without a
    box — to the headline's glyph tops, space from the headline's foot to the first body
    line's top, grid pitch), pt, for a module of natural height with a 小三 (15 pt)
    headline, the size of a boxed brief's."""
    yaml = YAML.replace("COLUMN", "3").replace("headline: 早市见闻\n", "headline: 早市见闻\n    headline_size: 小三\n")
    yaml = yaml if box else yaml.replace("    box: true\n", "")
    folder = make_issue(yaml, {"articles/boxed.md": BODY}, name=f"h{box}")
    issue, _ = normalize_issue(load_issue(folder))
    result = compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig())[0]
    module = next(m for m in result.modules if m.article.id == "boxed")
    grid = Grid(issue.pages[0].template)
    top = min((r.y0 for r in module.items if isinstance(r, Rule) and r.y0 == r.y1),
              default=grid.row_top(module.frame.row) - grid.pitch / 2)
    head = next(r for r in module.items if isinstance(r, TextRun) and r.kind == "headline")
    body = min(r.baseline for r in module.items if isinstance(r, TextRun) and r.kind == "body")
    head_top, head_foot = head.baseline - 0.88 * head.size, head.baseline + 0.12 * head.size
    return head_top - top, (body - 0.88 * grid.template.body_size) - head_foot, grid.pitch


def test_a_boxed_headline_keeps_about_half_a_line_round_it(make_issue):
    above, below, pitch = headline_room(make_issue, box=True)
    assert 0 < above <= pitch and 0 < below <= pitch


def test_negative_control_an_open_headline_keeps_its_wider_space(make_issue):
    above, below, pitch = headline_room(make_issue, box=False)
    assert above > pitch and below > pitch


def boxed_photo(make_issue, column: int, caption: str, box: bool = True):
    """The module `boxed` with a photo, at `column`, its caption `below` or `beside`:
    (module, left rule x or None, right rule x or None)."""
    yaml = YAML.replace("COLUMN", str(column)).replace("    box: true\n", """    box: true
    photos:
      - {file: assets/photo.jpg, caption: 早市上的菜摊，青菜码得整整齐齐。, credit: 本报记者 张三 摄, caption_position: CAP}
""".replace("CAP", caption))
    yaml = yaml if box else yaml.replace("    box: true\n", "")
    folder = make_issue(yaml, {"articles/boxed.md": BODY}, name=f"p{column}{caption}{box}")
    issue, _ = normalize_issue(load_issue(folder))
    result = compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig())[0]
    module = next(m for m in result.modules if m.article.id == "boxed")
    upright = [i.x0 for i in module.items if isinstance(i, Rule) and i.x0 == i.x1]
    return module, (min(upright) if upright else None), (max(upright) if upright else None)


@pytest.mark.parametrize("column", [1, 3, 6])
@pytest.mark.parametrize("caption", ["below", "beside"])
def test_a_photo_in_a_box_and_its_caption_stand_clear_of_the_rules(make_issue, column, caption):
    module, left, right = boxed_photo(make_issue, column, caption)
    picture = next(i for i in module.items if isinstance(i, Picture))
    words = [r for r in module.items if isinstance(r, TextRun) and r.kind in ("caption", "credit", "licence")]
    assert picture.x - left >= CLEAR and right - (picture.x + picture.width) >= CLEAR
    assert all(right - (r.glyphs[-1][1] + r.size) >= CLEAR for r in words)


def test_negative_control_an_open_photo_fills_its_columns(make_issue):
    module, _, _ = boxed_photo(make_issue, 6, "below", box=False)
    picture = next(i for i in module.items if isinstance(i, Picture))
    grid_right = max(r.glyphs[-1][1] + r.size for r in module.items if isinstance(r, TextRun) and r.kind == "body")
    assert picture.x + picture.width >= grid_right - 0.5  # flush with the text's right edge

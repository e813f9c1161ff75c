"""Module features on small synthetic issues: split measures (破栏) keep whole characters
per line, boxes, headline faces, captions beside photos. Read from composed items."""

from __future__ import annotations

from helpers import issue_yaml
from layout.compose import compose_issue
from layout.compose.grid import Grid
from layout.compose.items import Picture, Rule, TextRun
from layout.model import load_issue
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

BODY = ("解放区商务局围绕保障商品供应、提振消费信心、恢复接触性消费工作主线，积极组织辖区重点商贸企业，"
        "采取线上线下相结合的方式，开展丰富多彩的节庆促销和年货节活动。") * 4 + "\n"

YAML = issue_yaml("""\
  - {number: 2, section: 综合, template: broadsheet}
""", """\
  - id: alpha
    headline: 破栏排版的测试稿件
    body: articles/alpha.md
EXTRA    place: PLACE
  - id: beta
    headline: 第二篇
    body: articles/beta.md
    photos:
      - {file: assets/photo.jpg, caption: 图片说明文字放在照片旁边的一栏里。, credit: 本报记者 张三 摄, caption_position: CAPTION}
    place: {page: 2, column: 6, span: 3}
""")


def compose(make_issue, place="{page: 2, column: 1, span: 5}", extra="", caption="below"):
    yaml = YAML.replace("PLACE", place).replace("EXTRA", extra).replace("CAPTION", caption)
    folder = make_issue(yaml, {"articles/alpha.md": BODY}, name=f"i{abs(hash((place, extra, caption)))}")
    issue, _ = normalize_issue(load_issue(folder))
    result = compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig())[0]
    return result, Grid(issue.pages[0].template)


def body_runs(result, article="alpha"):
    return [r for r in result.page.items if isinstance(r, TextRun) and r.article == article and r.kind == "body"]


def test_split_measure_sets_whole_characters_in_fewer_wider_columns(make_issue):
    result, grid = compose(make_issue, "{page: 2, column: 1, span: 5, measure: 3}")
    lefts = sorted({round(r.glyphs[0][1], 1) for r in body_runs(result) if r.glyphs[0][0] != "本"})
    starts = [x for x in lefts if all(abs(x - y) > 20 for y in lefts if y < x)]
    assert len(starts) == 3  # three text columns across five base columns
    width = (grid.span_width(5) - 2 * grid.template.gutter) // 9 * 9  # whole 9-pt characters
    full = [r for r in body_runs(result) if len(r.glyphs) > 5]
    ends = {round(r.glyphs[-1][1] + 9 - min(starts, key=lambda s: abs(s - r.glyphs[0][1])), 1) for r in full}
    assert max(ends) <= width + 0.1 and width in {round(e) for e in ends} | {width}
    assert width % 9 == 0 and width > grid.template.column_width


def test_negative_control_without_measure_text_keeps_the_base_columns(make_issue):
    result, grid = compose(make_issue)
    lefts = {round(r.glyphs[0][1], 1) for r in body_runs(result)}
    assert any(abs(x - grid.column_x(4)) < 0.1 for x in lefts)


def test_box_draws_a_frame_round_the_module(make_issue):
    result, grid = compose(make_issue, extra="    box: true\n")
    frame = next(m for m in result.modules if m.article.id == "alpha").frame
    left = max(grid.column_x(frame.column) - grid.template.gutter / 2, grid.template.area_left + 0.25)  # on the edge
    verticals = [r for r in result.page.items if isinstance(r, Rule) and r.x0 == r.x1 and abs(r.x0 - left) < 0.01]
    assert verticals


def test_negative_control_no_box_by_default(make_issue):
    result, grid = compose(make_issue)
    frame = next(m for m in result.modules if m.article.id == "alpha").frame
    left = grid.column_x(frame.column) - grid.template.gutter / 2
    assert not [r for r in result.page.items if isinstance(r, Rule) and r.x0 == r.x1 and abs(r.x0 - left) < 0.01]


def test_a_box_set_to_fill_hugs_its_copy(make_issue):
    """A box is never 60 % empty: with rows: fill it shrinks to its copy (the box rules
    close round the text) and the room under it is reported as a hole to fill."""
    result, grid = compose(make_issue, place="{page: 2, column: 1, span: 5, rows: fill}", extra="    box: true\n")
    module = next(m for m in result.modules if m.article.id == "alpha")
    body = [r for r in module.items if isinstance(r, TextRun) and r.kind == "body"]
    last = max(r.baseline for r in body)
    assert grid.row_top(module.frame.row + module.frame.rows) - last < 2 * grid.pitch  # nothing empty inside
    assert any(h.above == "alpha" for h in result.holes)  # the space below is named, for another module


def test_negative_control_a_plain_module_set_to_fill_takes_the_room(make_issue):
    result, grid = compose(make_issue, place="{page: 2, column: 1, span: 5, rows: fill}")
    module = next(m for m in result.modules if m.article.id == "alpha")
    assert module.frame.row + module.frame.rows == grid.rows - 6  # down to the footer


def test_headline_font_can_be_bold_song(make_issue):
    result, _ = compose(make_issue, extra="    headline_font: song_bold\n")
    headline = next(r for r in result.page.items if isinstance(r, TextRun) and r.kind == "headline" and r.article == "alpha")
    assert headline.role.value == "song_bold"


def test_caption_beside_the_photo(make_issue):
    result, grid = compose(make_issue, caption="beside")
    picture = next(i for i in result.page.items if isinstance(i, Picture))
    caption = [r for r in result.page.items if isinstance(r, TextRun) and r.kind == "caption"]
    assert caption and min(r.glyphs[0][1] for r in caption) >= picture.x + picture.width
    assert min(r.baseline for r in caption) < picture.y + picture.height  # beside, not under


def test_a_caption_beside_takes_a_column_of_its_own_and_the_photo_keeps_its_width(make_issue):
    """In a 3-column module the photo stands 2 columns wide with its caption under it; with
    the caption beside, the caption takes the third column and the photo stays 2 wide."""
    beside, grid = compose(make_issue, caption="beside")
    below, _ = compose(make_issue)
    wide = next(i for i in below.page.items if isinstance(i, Picture))
    picture = next(i for i in beside.page.items if isinstance(i, Picture))
    assert abs(wide.width - grid.span_width(2)) < 0.5  # control: two columns, caption below
    assert abs(picture.width - wide.width) < 0.5
    caption = [r for r in beside.page.items if isinstance(r, TextRun) and r.kind == "caption"]
    assert max(r.glyphs[-1][1] for r in caption) < grid.column_x(5 + 2) + grid.template.column_width


def test_negative_control_caption_below_by_default(make_issue):
    result, _ = compose(make_issue)
    picture = next(i for i in result.page.items if isinstance(i, Picture))
    caption = [r for r in result.page.items if isinstance(r, TextRun) and r.kind == "caption"]
    assert min(r.baseline for r in caption) > picture.y + picture.height


def test_vertical_headline_stands_in_the_first_column(make_issue):
    extra = "    headline_vertical: true\n    headline_size: 小一\n"
    result, grid = compose(make_issue, extra=extra)
    head = [r for r in result.page.items if isinstance(r, TextRun) and r.kind == "headline" and r.article == "alpha"]
    upright = [r for r in head if not r.rotation]
    assert len(head) == len("破栏排版的测试稿件") and len({round(r.glyphs[0][1], 1) for r in upright}) == 1
    baselines = [r.baseline for r in upright]
    assert baselines == sorted(baselines) and baselines[1] - baselines[0] == upright[0].size  # one em apart
    body_left = min(r.glyphs[0][1] for r in body_runs(result))
    assert body_left >= grid.column_x(1) - 0.01 and upright[0].glyphs[0][1] < grid.column_x(1)


def test_vertical_brackets_and_dashes_turn(make_issue):
    extra = "    headline_vertical: true\n"
    yaml_headline = "“解放元素”——报告"
    result, _ = compose(make_issue, extra=extra.replace("true", "true\n    kicker: 引题"))
    # the plain headline has no turned marks; a headline with brackets has
    assert not [r for r in result.page.items if isinstance(r, TextRun) and r.rotation and r.article == "alpha"]
    from layout.compose.vertical import VerticalLine, vertical_runs
    from layout.model.schema import FontRole
    runs = vertical_runs((VerticalLine(yaml_headline, 24.0, FontRole.HEI_BOLD, "headline"),), 0, 60, 0, "x")
    turned = {r.text for r in runs if r.rotation == 90}
    assert turned == {"“", "”", "—"}


def test_negative_control_headlines_are_horizontal_by_default(make_issue):
    result, _ = compose(make_issue)
    head = [r for r in result.page.items if isinstance(r, TextRun) and r.kind == "headline" and r.article == "alpha"]
    assert len(head) == 1 and len(head[0].glyphs) == len("破栏排版的测试稿件")


def test_kicker_and_subhead_faces(make_issue):
    extra = "    kicker: 引题\n    subhead: ——副题\n    kicker_font: song\n    subhead_font: hei\n"
    result, _ = compose(make_issue, extra=extra)
    roles = {r.kind: r.role.value for r in result.page.items if isinstance(r, TextRun) and r.article == "alpha"}
    assert roles["kicker"] == "song" and roles["subhead"] == "hei" and roles["headline"] == "hei_bold"


def test_a_module_too_short_for_its_headline_and_photo_says_so(make_issue):
    """Not "an unbreakable run too long": the module itself is too short."""
    import pytest as _pytest

    from layout.compose import compose_issue as compose_all
    from layout.errors import IssueError

    yaml = YAML.replace("PLACE", "{page: 2, column: 1, span: 5}").replace("EXTRA", "").replace("CAPTION", "below")
    yaml = yaml.replace("place: {page: 2, column: 6, span: 3}", "place: {page: 2, column: 6, span: 3, rows: 3}")
    folder = make_issue(yaml, {"articles/alpha.md": BODY}, name="cramped")
    issue, _ = normalize_issue(load_issue(folder))
    with _pytest.raises(IssueError) as info:
        compose_all(issue, MetricsSet.for_fonts(issue.fonts), TextConfig())
    message = str(info.value)
    assert "module 'beta' is 3 grid lines tall, too short for its headline and photos" in message
    assert "unbreakable" not in message

"""A vertical headline (直排标题) stands at the top of its column(s) in the module, read
from the top (clreq §3.3), and the body text flows on in its column(s) under it — not
a headline floated to the middle of a column with blank above and below that nobody is
told of. Measured from the composed page."""

from __future__ import annotations

from helpers import issue_yaml
from layout.compose import compose_issue
from layout.compose.grid import Grid
from layout.compose.items import TextRun
from layout.model import load_issue
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

PARAGRAPH = "河畔的老灯塔每晚准时亮起，守灯人沿着石阶一级一级走上去，擦净玻璃，添好灯油，再记下风向与潮汐。"

YAML = issue_yaml("""\
  - {number: 3, section: 副刊, template: tabloid}
""", """\
  - id: v
    headline: 冬夜里的守灯人
    headline_vertical: true
    body: articles/v.md
    place: {page: 3, column: 1, span: 3}
""")


def compose(make_issue, paragraphs: int):
    body = "\n\n".join([PARAGRAPH] * paragraphs) + "\n"
    folder = make_issue(YAML, {"articles/v.md": body}, name=f"v{paragraphs}")
    issue, _ = normalize_issue(load_issue(folder))
    result = compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig())[0]
    return result, Grid(issue.pages[0].template)


def headline(result):
    return [r for r in result.page.items if isinstance(r, TextRun) and r.kind == "headline"]


def test_a_vertical_headline_stands_at_the_top_of_a_tall_module(make_issue):
    result, grid = compose(make_issue, 28)  # about 1,500 characters: a module far taller than the headline
    module = next(m for m in result.modules if m.article.id == "v")
    top = grid.row_top(module.frame.row)
    first = min(headline(result), key=lambda r: r.baseline)
    assert module.frame.rows * grid.pitch > 3 * len("冬夜里的守灯人") * first.size  # the case: a tall module
    assert first.baseline - first.size < top + grid.pitch  # the first character within a line of the top


def test_body_text_fills_the_headline_column_under_it(make_issue):
    result, grid = compose(make_issue, 28)
    module = next(m for m in result.modules if m.article.id == "v")
    bottom = max(r.baseline for r in headline(result))
    x0, x1 = grid.column_x(module.frame.column), grid.column_x(module.frame.column + 1)
    under = [r for r in result.page.items if isinstance(r, TextRun) and r.kind in ("body", "byline")
             and x0 - 0.01 <= r.glyphs[0][1] < x1 and r.baseline > bottom]
    assert len(under) > 20  # the column under the headline is set, not left blank
    assert not [h for h in result.holes if h.column == module.frame.column and h.inside == "v"]


def test_negative_control_a_short_module_has_no_hole_under_its_vertical_headline(make_issue):
    result, grid = compose(make_issue, 3)  # a module about as tall as its headline
    module = next(m for m in result.modules if m.article.id == "v")
    assert not [h for h in result.holes if h.column == module.frame.column and h.inside == "v"]
    first = min(headline(result), key=lambda r: r.baseline)
    assert first.baseline - first.size < grid.row_top(module.frame.row) + grid.pitch


def test_with_a_photo_in_the_module_no_text_runs_into_the_vertical_headline(make_issue):
    """The photo's rows must not replace the rows the headline takes in its own columns
    (the repository's xinan page 2: the byline and body ran over 时光). Control: the
    body does fill the headline's column under it."""
    yaml = YAML.replace("    body: articles/v.md\n", "    body: articles/v.md\n    photos:\n"
                        "      - {file: assets/photo.jpg, caption: 图为守灯人。}\n")
    yaml = yaml.replace("headline: 冬夜里的守灯人", "headline: 冬夜里守望过往航船的老灯塔守灯人").replace("span: 3}", "span: 5}")
    body = "\n\n".join([PARAGRAPH] * 28) + "\n"
    folder = make_issue(yaml, {"articles/v.md": body}, name="vphoto")
    issue, _ = normalize_issue(load_issue(folder))
    result = compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig())[0]
    module = next(m for m in result.modules if m.article.id == "v")
    assert any(type(i).__name__ == "Picture" for i in module.items)  # the case: a photo in the module
    heads = [r for r in module.items if isinstance(r, TextRun) and r.kind in ("headline", "subhead", "kicker")]
    left = min(r.glyphs[0][1] for r in heads) - 1
    right = max(r.glyphs[0][1] + r.size for r in heads) + 1
    bottom = max(r.baseline for r in heads)  # the last headline glyph's baseline
    text = [r for r in module.items if isinstance(r, TextRun) and r.kind in ("body", "byline")]
    beside = [r for r in text if any(left < x + r.size and x < right for _c, x in r.glyphs)]
    assert beside and all(r.baseline - r.size >= bottom for r in beside), \
        [(r.text[:8], r.baseline) for r in beside if r.baseline - r.size < bottom][:3]

"""Reading order and the furniture of a story, read from the composed items: bylines run in
with the conventional separator or on a line of their own, columns end level (齐栏),
no column segment under three lines, a continuation carries its text and its page
numbers, explicit headline breaks, and the seed page has no hole."""

from __future__ import annotations

from collections import defaultdict

from helpers import issue_yaml
from layout.compose import compose_issue
from layout.compose.grid import Grid
from layout.compose.items import Picture, TextRun
from layout.model import load_issue
from layout.model.schema import RunKind
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

PARA = "解放区商务局围绕保障商品供应、提振消费信心、恢复接触性消费工作主线，积极组织辖区重点商贸企业开展节庆促销活动。"

YAML = issue_yaml("""\
  - {number: 1, section: 要闻, template: tabloid}
  - {number: 2, section: 综合, template: tabloid}
""", """\
  - id: story
    headline: HEADLINE
    byline: BYLINE
EXTRA    body: articles/story.md
    place: PLACE
""")


def compose(make_issue, byline="本报讯（记者 张三）", place="{page: 1, column: 1, span: 3}", extra="",
            paragraphs=6, headline="测试标题", photo=False):
    yaml = YAML.replace("HEADLINE", headline).replace("BYLINE", byline).replace("PLACE", place).replace("EXTRA", extra)
    if photo:
        yaml = yaml.replace("    body:", "    photos:\n      - {file: assets/photo.jpg, caption: 图为测试照片。}\n    body:")
    body = "\n\n".join([PARA * 2] * paragraphs) + "\n"
    folder = make_issue(yaml, {"articles/story.md": body}, name=f"r{abs(hash((byline, place, extra, paragraphs, headline, photo)))}")
    issue, _ = normalize_issue(load_issue(folder))
    return issue, compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig.of(issue.typesetting), draft=True)


def runs(results, kind=None, page=0):
    return [r for r in results[page].page.items if isinstance(r, TextRun) and r.article == "story"
            and (kind is None or r.kind is kind)]


def first_column(rs):
    """The runs of the first text column (the leftmost ones)."""
    left = min(r.glyphs[0][1] for r in rs)
    return [r for r in rs if r.glyphs[0][1] < left + 120]  # a base column is 126 pt wide


def first_line(results):
    body = first_column(runs(results, RunKind.BODY))
    top = min(r.baseline for r in body)
    return "".join(r.text for r in sorted((r for r in body if r.baseline == top), key=lambda r: r.glyphs[0][1]))


def test_a_bracketed_byline_runs_in_with_no_space(make_issue):
    _issue, results = compose(make_issue)
    assert first_line(results).startswith("本报讯（记者张三）解放区")


def test_a_byline_without_brackets_is_followed_by_a_full_width_space(make_issue):
    _issue, results = compose(make_issue, byline="本报评论员")
    assert first_line(results).startswith("本报评论员\u3000解放区")  # never 本报评论员解放区


def test_a_dateline_runs_in_with_a_space(make_issue):
    _issue, results = compose(make_issue, byline="本报北京2月11日电")
    assert first_line(results).startswith("本报北京2月11日电\u3000解")  # the line breaks after 解


def test_a_byline_on_its_own_line(make_issue):
    _issue, results = compose(make_issue, byline="本报记者 张三", extra="    byline_style: line\n")
    byline = runs(results, RunKind.BYLINE)
    body = first_column(runs(results, RunKind.BODY))
    assert byline and "".join(r.text for r in byline) == "本报记者张三"
    assert max(r.baseline for r in byline) < min(r.baseline for r in body)  # above the body, on its own line
    assert not any("本报记者" in r.text for r in body)


def column_lines(results, grid: Grid, kinds=(RunKind.BODY,)) -> dict[int, list[float]]:
    """Baselines of the story's body lines, by base column."""
    t = grid.template
    step = t.column_width + t.gutter
    out = defaultdict(set)
    for r in runs(results):
        if r.kind in kinds:
            out[int((r.glyphs[0][1] + t.body_size - t.area_left) // step)].add(r.baseline)
    return {c: sorted(v) for c, v in sorted(out.items())}


def spreads(make_issue, place: str) -> list[float]:
    """For copy of 5 to 9 paragraphs in a 3-column module: how far apart the columns'
    last lines are, pt (a column without text ends at the top of the body)."""
    out = []
    for paragraphs in range(5, 10):
        issue, results = compose(make_issue, paragraphs=paragraphs, place=place)
        lines = column_lines(results, Grid(issue.pages[0].template))
        top = min(v[0] for v in lines.values())
        ends = [lines[c][-1] if c in lines else top for c in range(3)]
        out.append(max(ends) - min(ends))
    return out


def test_columns_end_level(make_issue):
    assert max(spreads(make_issue, "{page: 1, column: 1, span: 3, rows: 40}")) <= 13.5 + 0.01  # 齐栏: within one line


def test_negative_control_balance_false_lets_the_last_column_run_short(make_issue):
    assert max(spreads(make_issue, "{page: 1, column: 1, span: 3, rows: 40, balance: false}")) > 13.5 + 0.01


def test_no_column_segment_under_three_lines_below_a_photo(make_issue):
    """A photo that leaves one or two lines under it in its columns: the text skips them."""
    for paragraphs in range(2, 9):
        issue, results = compose(make_issue, paragraphs=paragraphs, photo=True,
                                 place=f"{{page: 1, column: 1, span: 3, rows: {12 + paragraphs * 3}}}")
        grid = Grid(issue.pages[0].template)
        for column, lines in column_lines(results, grid).items():
            segments, run = [], 1
            for a, b in zip(lines, lines[1:]):
                if b - a > grid.pitch + 0.01:
                    segments.append(run)
                    run = 0
                run += 1
            segments.append(run)
            assert min(segments) >= 3, (paragraphs, column, segments)


def test_negative_control_the_segment_check_sees_short_runs():
    lines = [0.0, 14.5, 100.0, 114.5, 129.0]
    pitch = 14.5
    runs_, run = [], 1
    for a, b in zip(lines, lines[1:]):
        if b - a > pitch + 0.01:
            runs_.append(run)
            run = 0
        run += 1
    runs_.append(run)
    assert min(runs_) == 2


def test_an_automatic_continuation_carries_its_text_and_page_numbers(make_issue):
    issue, results = compose(make_issue, paragraphs=30, place="[{page: 1, column: 1, span: 2, rows: 20}, {page: 2}]")
    texts = ["".join(r.text for r in res.page.items if isinstance(r, TextRun)) for res in results]
    assert "（转第2版）" in texts[0] and "（上接第1版）" in texts[1] and "None" not in texts[1]
    printed = "".join(r.text for res in results for m in res.modules for r in m.items
                      if isinstance(r, TextRun) and r.source and r.source.field.value == "body")
    over = "".join(m.overset.text for res in results for m in res.modules)
    assert len(printed) + len(over.replace("\u3000", "")) >= len(PARA * 2 * 30)


def test_an_explicit_line_break_in_a_headline_is_kept(make_issue):
    _issue, results = compose(make_issue, headline='"解放区扎实推进\\n社会信用体系建设"')
    lines = {}
    for r in runs(results, RunKind.HEADLINE):
        lines.setdefault(r.baseline, "")
        lines[r.baseline] += r.text
    assert list(lines.values()) == ["解放区扎实推进", "社会信用体系建设"]


def test_the_seed_page_has_no_hole(seed_issue):
    results = compose_issue(seed_issue, MetricsSet.for_fonts(seed_issue.fonts), TextConfig.of(seed_issue.typesetting))
    assert all(not r.holes and not r.unplaced for r in results)
    assert any(isinstance(i, Picture) for r in results for i in r.page.items)

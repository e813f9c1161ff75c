"""Interlinear marks (clreq §5.3.1, §5.6.1, §5.2 type A) and block layout features
composed on a page: emphasis dots under characters but not punctuation, separate lines
for adjacent proper nouns, a wavy line for book titles, block quotations indented 2 em
(§6.2.1.2), run-in headings (§7.1.3.5). Read from the composed page's items."""

from __future__ import annotations

from layout.compose import compose_page
from layout.compose.grid import Grid
from layout.compose.items import Rule, TextRun
from layout.model import load_issue
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

MARKED = "他强调*必须落实*，__李亦博____詹长松__同读~~红楼梦~~。\n\n> 引文段落应当整体缩进两个字，以便与正文区分开来，读者一眼可辨。\n\n### 小标题\n随后的正文紧接着小标题排出。\n"


def compose(make_issue, alpha: str, grid: bool = False):
    issue, _ = normalize_issue(load_issue(make_issue(files={"articles/alpha.md": alpha})))
    page = compose_page(issue, issue.pages[0], MetricsSet.for_fonts(issue.fonts), TextConfig()).page
    runs = [i for i in page.items if isinstance(i, TextRun) and i.article == "alpha"]
    rules = [i for i in page.items if isinstance(i, Rule)]
    return (runs, rules, Grid(issue.pages[0].template)) if grid else (runs, rules)


def glyph(runs, char):
    for run in runs:
        for ch, x in run.glyphs:
            if ch == char:
                return x, run.baseline, run.size
    raise AssertionError(char)


def rules_under(rules, x0, x1, baseline):
    return [r for r in rules if x0 - 0.5 <= min(r.x0, r.x1) and max(r.x0, r.x1) <= x1 + 0.5
            and baseline < r.y0 < baseline + 5 and baseline < r.y1 < baseline + 5]


def test_emphasis_dots_under_each_character_not_punctuation(make_issue):
    runs, rules = compose(make_issue, MARKED)
    x, base, size = glyph(runs, "必")
    assert len(rules_under(rules, x, x + size, base)) == 1
    xc, bc, _ = glyph(runs, "，")
    assert not rules_under(rules, xc, xc + size, bc)


def test_adjacent_proper_nouns_have_separate_lines(make_issue):
    runs, rules = compose(make_issue, MARKED)
    x1, base, size = glyph(runs, "李")
    x2, _, _ = glyph(runs, "松")
    lines = rules_under(rules, x1, x2 + size, base)
    assert len(lines) == 2 and min(ln.x1 for ln in lines) < max(ln.x0 for ln in lines)


def test_book_title_gets_a_wavy_line(make_issue):
    runs, rules = compose(make_issue, MARKED)
    x1, base, size = glyph(runs, "红")  # 红 | 楼梦 fall on two lines here: look under 红
    wave = rules_under(rules, x1, x1 + size, base)
    assert len(wave) > 4 and len({round(r.y0, 2) for r in wave}) > 1


def test_name_of_the_deceased_is_framed(make_issue):
    runs, rules = compose(make_issue, "沉痛悼念[[王五]]同志。\n")
    x1, base, size = glyph(runs, "王")
    x2, _, _ = glyph(runs, "五")
    frame = [r for r in rules if x1 - size / 2 < min(r.x0, r.x1) and max(r.x0, r.x1) < x2 + 1.5 * size
             and base - 1.2 * size < min(r.y0, r.y1) and max(r.y0, r.y1) < base + size / 2]
    assert len(frame) == 4  # top, bottom, left, right
    assert min(min(r.y0, r.y1) for r in frame) < base - 0.8 * size  # it encloses the glyphs


def test_negative_control_plain_text_has_no_marks(make_issue):
    runs, rules = compose(make_issue, "他强调必须落实，李亦博同读红楼梦。\n")
    x, base, size = glyph(runs, "必")
    assert not rules_under(rules, x, x + 8 * size, base)


def test_block_quotation_is_indented_two_em(make_issue):
    runs, _, grid = compose(make_issue, MARKED, grid=True)
    lefts = [grid.column_x(c) for c in range(grid.template.columns)]
    quote = [run for run in runs if run.role.value == "kai"]
    starts = sorted({round((x - max(left for left in lefts if left <= x + 0.01)) / run.size, 3)
                     for run in quote for x in (run.glyphs[0][1],)})
    assert quote and set(starts) <= {2.0, 4.0} and 2.0 in starts  # 2 em; 4 em on its first line


def test_runin_heading_is_bold_and_starts_its_paragraph(make_issue):
    runs, _ = compose(make_issue, MARKED)
    heading = next(run for run in runs if run.text.startswith("小标题"))
    assert heading.role.value == "hei_bold"
    after = next(run for run in runs if run.text.startswith("随后"))
    assert after.baseline == heading.baseline and after.glyphs[0][1] > heading.glyphs[-1][1]


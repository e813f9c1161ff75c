"""A run-in heading (`### …`, clreq §7.1.3.5) is not broken inside: when it fits the
first line it stays whole; when it is wider than the line it breaks between its words,
never inside a word and never with its last character alone on the next line. Read
from the composed page's runs (the heading is set in bold Hei)."""

from __future__ import annotations

import pytest

from layout.compose.items import TextRun
from layout.model.schema import FontRole
from layout.text.segment import phrase_breaks
from conftest import write_issue
from helpers import compose_folder, issue_yaml

WORDS = ["解放区", "老旧小区", "改造工程", "全面启动", "民生实事", "加快推进", "惠及居民"]
BODY = "今年全区计划完成改造项目三十个，涉及居民一万二千户，工程预计年底前全部完工。"


def heading(chars: int) -> str:
    """A heading of `chars` characters made of WORDS, ending at a word's end or one
    character past it (a one-character word last)."""
    return "".join(WORDS * 3)[:chars]


def heading_lines(tmp_path, chars: int) -> list[str]:
    """The run-in heading's text on each line it is set on, in a one-column module."""
    text = "### " + heading(chars) + "\n" + BODY * 2 + "\n"
    yaml = issue_yaml("  - {number: 2, section: 综合, template: tabloid}\n", """\
  - id: runin
    headline: 小标题测试
    body: articles/runin.md
    place: {page: 2, column: 1, span: 1}
""")
    folder = write_issue(tmp_path / f"h{chars}", yaml, {"articles/runin.md": text})
    result = compose_folder(folder)[1][0]
    runs = [r for r in result.page.items if isinstance(r, TextRun) and r.article == "runin" and r.kind == "body"
            and r.role is FontRole.HEI_BOLD]
    by_line: dict[float, str] = {}
    for r in runs:
        by_line[r.baseline] = by_line.get(r.baseline, "") + "".join(g[0] for g in r.glyphs)
    return [by_line[b].replace("\u3000", "") for b in sorted(by_line)]


@pytest.mark.parametrize("chars", [7, 11])  # a line holds 14 characters, 2 of them the indent, then the 1-em space
def test_a_heading_that_fits_the_first_line_stays_whole(tmp_path, chars):
    assert heading_lines(tmp_path, chars) == [heading(chars)]


@pytest.mark.parametrize("chars", [13, 15, 16, 19, 23])
def test_a_wider_heading_breaks_between_its_words(tmp_path, chars):
    lines = heading_lines(tmp_path, chars)
    text = heading(chars)
    assert "".join(lines) == text and len(lines) >= 2
    ends = [sum(len(x) for x in lines[:i + 1]) for i in range(len(lines) - 1)]
    assert all(k in phrase_breaks(text) for k in ends), lines  # at a word's end (the segmenter's words)
    assert len(lines[0]) >= 2 and len(lines[-1]) >= 2, lines  # no character alone


def test_negative_control_a_paragraph_without_a_heading_breaks_anywhere(tmp_path):
    """The same text set as body (no heading) fills the first line to the character, inside
    a word: the rule is the heading's, not the measure's."""
    text = heading(23) + BODY
    assert 12 not in phrase_breaks(text)  # the first line's end (14 less the indent) falls inside 全面
    yaml = issue_yaml("  - {number: 2, section: 综合, template: tabloid}\n", """\
  - id: runin
    headline: 小标题测试
    body: articles/runin.md
    place: {page: 2, column: 1, span: 1}
""")
    folder = write_issue(tmp_path / "plain", yaml, {"articles/runin.md": text + "\n"})
    result = compose_folder(folder)[1][0]
    runs = sorted((r for r in result.page.items if isinstance(r, TextRun) and r.article == "runin" and r.kind == "body"),
                  key=lambda r: (r.baseline, r.glyphs[0][1]))
    first = "".join(g[0] for r in runs if r.baseline == runs[0].baseline for g in r.glyphs)
    assert first == text[:12]


def test_after_a_run_in_byline_the_heading_starts_its_own_line_whole(tmp_path):
    """本报讯（记者…）then `### 问题导向`: the byline stands alone on its line and the
    heading starts the next, whole (it was split 问题 / 导向 to fill the byline's line)."""
    yaml = issue_yaml("  - {number: 2, section: 综合, template: tabloid}\n", """\
  - id: runin
    headline: 小标题测试
    byline: 本报讯（记者 王思远）
    body: articles/runin.md
    place: {page: 2, column: 1, span: 1}
""")
    folder = write_issue(tmp_path / "byline", yaml, {"articles/runin.md": "### 问题导向\n" + BODY * 2 + "\n"})
    result = compose_folder(folder)[1][0]
    runs = [r for r in result.page.items if isinstance(r, TextRun) and r.article == "runin" and r.kind == "body"]
    heading = [r for r in runs if r.role is FontRole.HEI_BOLD and r.text.strip("\u3000")]
    assert len({r.baseline for r in heading}) == 1 and "".join(r.text for r in heading) == "问题导向"
    byline = [r for r in runs if r.role is FontRole.HEI]
    assert byline and {r.baseline for r in byline}.isdisjoint({r.baseline for r in heading})
    assert min(r.glyphs[0][1] for r in heading) < min(r.glyphs[0][1] for r in byline) + 1  # at the line's start

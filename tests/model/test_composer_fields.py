"""Fields the composer reads: byline style, explicit headline line breaks, the fewest lines
in a column segment, column balancing. Defaults, valid values, and errors naming file,
line and field."""

from __future__ import annotations

import pytest

from conftest import BASE_YAML, edit, line_of
from layout.errors import IssueError
from layout.model import load_issue
from layout.model.schema import BylineStyle, Typesetting


def problem_on(folder, text: str, needle: str, field: str):
    with pytest.raises(IssueError) as info:
        load_issue(folder)
    line = line_of(text, needle)
    found = [p for p in info.value.problems if p.line == line and p.field == field]
    assert found, f"expected issue.yaml:{line}: {field}: in {[str(p) for p in info.value.problems]}"
    return found[0]


def test_defaults(make_issue):
    issue = load_issue(make_issue())
    alpha = issue.articles[0]
    assert alpha.byline_style is BylineStyle.RUNIN
    assert alpha.placement.balance is True
    assert issue.typesetting.min_segment_lines == Typesetting().min_segment_lines == 3


def test_set_values(make_issue):
    text = edit(BASE_YAML, "    byline: 本报讯(记者张三)\n", "    byline: 本报讯(记者张三)\n    byline_style: line\n")
    text = edit(text, "{page: 1, column: 1, span: 2}", "{page: 1, column: 1, span: 2, balance: false}")
    text = edit(text, "pages:\n", "typesetting:\n  min_segment_lines: 5\npages:\n")
    issue = load_issue(make_issue(text))
    alpha = issue.articles[0]
    assert alpha.byline_style is BylineStyle.LINE and alpha.placement.balance is False
    assert issue.articles[1].placement.balance is True
    assert issue.typesetting.min_segment_lines == 5


def test_balance_on_a_continuation(make_issue):
    text = edit(BASE_YAML, "    place: {page: 1, column: 3, span: 3}\n",
                "    place:\n      - {page: 1, column: 3, span: 3}\n      - {page: 2, balance: false}\n")
    text = edit(text, "articles:\n", "  - number: 2\n    section: 二版\n    template: tabloid\narticles:\n")
    beta = load_issue(make_issue(text)).articles[1]
    assert beta.placement.balance is True and beta.continued[0].balance is False


@pytest.mark.parametrize("change, needle, field, word", [
    (("    byline: 本报讯(记者张三)\n", "    byline: 本报讯(记者张三)\n    byline_style: below\n"),
     "byline_style", "articles[0].byline_style", "runin, line"),
    (("{page: 1, column: 1, span: 2}", "{page: 1, column: 1, span: 2, balance: maybe}"),
     "balance: maybe", "articles[0].place.balance", "true or false"),
    (("pages:\n", "typesetting:\n  min_segment_lines: 0\npages:\n"),
     "min_segment_lines", "typesetting.min_segment_lines", "1 to 10"),
    (("pages:\n", "typesetting:\n  min_segment_lines: 11\npages:\n"),
     "min_segment_lines", "typesetting.min_segment_lines", "1 to 10"),
    (("pages:\n", "typesetting:\n  min_segment_lines: 2.5\npages:\n"),
     "min_segment_lines", "typesetting.min_segment_lines", "whole number"),
])
def test_errors(make_issue, change, needle, field, word):
    text = edit(BASE_YAML, *change)
    assert word in problem_on(make_issue(text), text, needle, field).message


def test_headline_line_breaks(make_issue):
    text = edit(BASE_YAML, "    headline: 测试标题一\n",
                '    kicker: |\n      引题第一行\n      引题第二行\n    headline: "测试\\n标题一"\n'
                "    subhead: |-\n      副题\n")
    alpha = load_issue(make_issue(text)).articles[0]
    assert alpha.headline == "测试\n标题一"
    assert alpha.kicker == "引题第一行\n引题第二行"  # the block's final line feed dropped
    assert alpha.subhead == "副题"

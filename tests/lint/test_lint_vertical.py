"""Lint's fit check on vertical headlines (直排标题): one vertical line is not a headline
"taking N lines" (issue 9 item 7); a vertical headline longer than its module is."""

from __future__ import annotations

from conftest import BASE_YAML, edit
from layout.lint import lint_path

VERTICAL = edit(BASE_YAML, "    place: {page: 1, column: 1, span: 2}",
                "    place: {page: 1, column: 1, span: 2}\n    headline_vertical: true\n    headline_size: 小一")


def codes(folder) -> list[str]:
    return [f.code for f in lint_path(folder).findings]


def test_a_vertical_headline_that_fits_is_not_e105(make_issue):
    assert "E105" not in codes(make_issue(VERTICAL))


def test_a_vertical_headline_longer_than_its_module_is_e105(make_issue):
    """Negative control: a vertical headline of 40 characters in a module of 10 rows."""
    text = edit(VERTICAL, "headline: 测试标题一", "headline: " + "解放区扎实推进社会信用体系建设" * 3)
    text = edit(text, "place: {page: 1, column: 1, span: 2}", "place: {page: 1, column: 1, span: 2, rows: 10}")
    findings = [f for f in lint_path(make_issue(text)).findings if f.code == "E105"]
    assert len(findings) == 1 and "vertical headline" in findings[0].message, lint_path(make_issue(text, name="x")).findings

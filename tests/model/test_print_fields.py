"""issue.yaml print settings: `print:` (PDF/X level, ink limit, resolution thresholds,
screen ruling), page `colour`, `section_code`, `version`, template `bleed`. Defaults, valid
values, and errors naming file, line and field."""

from __future__ import annotations

import pytest

from conftest import BASE_YAML, edit, line_of
from layout.errors import IssueError
from layout.model import load_issue
from layout.model.schema import PageColour, PdfxVersion, PrintSettings
from layout.model.units import MM


def problems_of(folder) -> list:
    with pytest.raises(IssueError) as info:
        load_issue(folder)
    return list(info.value.problems)


def assert_problem(folder, text: str, needle: str, field: str, *words: str) -> None:
    """The issue fails with a problem on the line of `needle`, naming `field` and `words`."""
    found = problems_of(folder)
    line = line_of(text, needle)
    match = [p for p in found if p.line == line and p.field == field]
    assert match, f"expected issue.yaml:{line}: {field}: in {[str(p) for p in found]}"
    assert match[0].file.name == "issue.yaml"
    for word in words:
        assert word in match[0].message, match[0].message


def test_defaults(make_issue):
    issue = load_issue(make_issue())
    assert issue.print_settings == PrintSettings()
    assert issue.print_settings.pdfx is PdfxVersion.X1A and issue.print_settings.ink_limit == 240
    page = issue.pages[0]
    assert (page.colour, page.section_code, page.version) == (PageColour.CMYK, "A", 1)
    assert page.template.bleed == 0


def test_valid_settings(make_issue):
    text = BASE_YAML.replace("pages:\n", "print:\n  pdfx: x-4\n  ink_limit: 260\n  ppi_warning: 200\n"
                                         "  ppi_error: 120\n  screen_ruling: 85\n"
                                         "templates:\n  bled:\n    preset: tabloid\n    bleed: 3mm\npages:\n", 1)
    text = edit(text, "    template: tabloid\n", "    template: bled\n    colour: gray\n    section_code: B2\n"
                                                  "    version: 3\n")
    issue = load_issue(make_issue(text))
    assert issue.print_settings == PrintSettings(PdfxVersion.X4, 260.0, 200.0, 120.0, 85.0)
    page = issue.pages[0]
    assert (page.colour, page.section_code, page.version) == (PageColour.GRAY, "B2", 3)
    assert abs(page.template.bleed - 3 * MM) < 1e-9


@pytest.mark.parametrize("setting, needle, field, words", [
    ("  pdfx: x-3\n", "pdfx:", "print.pdfx", ("x-1a, x-4", "'x-3'")),
    ("  ink_limit: 500\n", "ink_limit:", "print.ink_limit", ("100 to 400",)),
    ("  ink_limit: lots\n", "ink_limit:", "print.ink_limit", ("expected a number",)),
    ("  ppi_error: 200\n", "ppi_error:", "print.ppi_error", ("above ppi_warning",)),
    ("  screen_ruling: 5\n", "screen_ruling:", "print.screen_ruling", ("20 to 300",)),
    ("  colour: gray\n", "colour: gray", "print.colour", ("unknown field", "ink_limit")),
])
def test_print_section_errors(make_issue, setting, needle, field, words):
    text = BASE_YAML.replace("pages:\n", "print:\n" + setting + "pages:\n", 1)
    assert_problem(make_issue(text), text, needle, field, *words)


@pytest.mark.parametrize("setting, needle, field, words", [
    ("    colour: purple\n", "colour:", "pages[0].colour", ("cmyk, gray",)),
    ("    section_code: 甲\n", "section_code:", "pages[0].section_code", ("ASCII",)),
    ("    section_code: ABCDE\n", "section_code:", "pages[0].section_code", ("1 to 4",)),
    ("    version: 0\n", "version:", "pages[0].version", ("1 to 99",)),
    ("    version: v2\n", "version:", "pages[0].version", ("whole number",)),
])
def test_page_setting_errors(make_issue, setting, needle, field, words):
    text = edit(BASE_YAML, "    template: tabloid\n", "    template: tabloid\n" + setting)
    assert_problem(make_issue(text), text, needle, field, *words)


@pytest.mark.parametrize("bleed, words", [("30mm", ("0 to 20 mm", "30.0 mm")), ("wide", ("expected a length",))])
def test_bleed_errors(make_issue, bleed, words):
    text = BASE_YAML.replace("pages:\n", f"templates:\n  bled:\n    preset: tabloid\n    bleed: {bleed}\npages:\n", 1)
    assert_problem(make_issue(text), text, "bleed:", "templates.bled.bleed", *words)

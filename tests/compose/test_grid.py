"""One baseline grid per page (clreq §7.1.1): every 9 pt body line of every column sits
on the page grid, because headline stacks, subheads, photos, captions and rules all take
whole grid lines. Measured on the built seed page with pdfplumber."""

from __future__ import annotations

import json

import pdfplumber
import pytest

from layout.compose.furniture import FOOTER_ROWS, HEADER_ROWS
from layout.compose.grid import Grid

BODY = 9.0


def off_grid(baselines: list[float], grid: Grid, size: float = BODY) -> list[float]:
    """Baselines (pt from the page top) that are not on a grid row's baseline."""
    origin = grid.baseline(0, size)
    bad = []
    for b in baselines:
        steps = (b - origin) / grid.pitch
        if abs(steps - round(steps)) * grid.pitch > 0.05:
            bad.append(b)
    return bad


@pytest.fixture(scope="module")
def seed_page(seed_out, seed_issue):
    manifest = json.loads((seed_out / "manifest.json").read_text(encoding="utf-8"))
    page = manifest["pages"][0]
    with pdfplumber.open(seed_out / page["file"]) as pdf:
        chars = pdf.pages[0].chars
    return chars, Grid(seed_issue.page(page["number"]).template)


def baselines(chars, keep) -> list[float]:
    return sorted({round(c["top"] + c["size"] * 0.88, 3) for c in chars if keep(c)})


def in_module_area(c, grid: Grid) -> bool:
    """Between the page header and the footer (whose QR lines are centred on the code)."""
    return grid.row_top(HEADER_ROWS) <= c["top"] < grid.row_top(grid.rows - FOOTER_ROWS)


def test_every_body_line_is_on_the_page_grid(seed_page):
    chars, grid = seed_page
    body = baselines(chars, lambda c: abs(c["size"] - BODY) < 0.05 and in_module_area(c, grid))
    assert len(body) > 60  # many rows, across all columns
    assert not off_grid(body, grid), off_grid(body, grid)


def test_body_rows_line_up_across_columns(seed_page):
    """The same grid rows are used in different columns (not one grid per column)."""
    chars, grid = seed_page
    columns = {}
    step = grid.template.column_width + grid.template.gutter
    for c in chars:
        if abs(c["size"] - BODY) < 0.05 and in_module_area(c, grid):
            centre = (c["x0"] + c["x1"]) / 2
            columns.setdefault(int((centre - grid.column_x(0)) // step), set()).add(round(c["top"], 2))
    shared = set.intersection(*[rows for rows in columns.values() if len(rows) > 10])
    assert len(columns) == grid.template.columns and len(shared) > 10


def test_negative_control_the_check_sees_lines_off_the_grid(seed_page):
    chars, grid = seed_page
    headlines = baselines(chars, lambda c: c["size"] > 14)
    assert off_grid(headlines, grid, BODY)  # display sizes are centred in their rows
    assert off_grid([grid.baseline(10) + 1.0], grid)

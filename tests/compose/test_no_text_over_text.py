"""No text is set over other text: on every page of every issue in issues/, the ink
boxes of the glyphs (a character's em square, less a margin for punctuation set half
width and for hanging marks) of different lines never meet — headlines, vertical
headlines, bylines, body, captions, furniture. Measured from the composed pages; the
negative control moves one line onto another and must be caught."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest
import unicodedata

from helpers import compose_folder as compose
from layout.compose.items import TextRun

ROOT = Path(__file__).resolve().parents[2]
ISSUES = sorted(p.parent for p in (ROOT / "issues").glob("*/issue.yaml"))
INSET = 0.2  # em off each side of a glyph's square: compressed punctuation, side bearings
CELL = 24.0  # pt: the buckets glyphs are sorted into


def boxes(runs):
    """(run index, x0, y0, x1, y1) of every glyph of `runs`, pt from the top left: a
    wide character's em square less INSET each side; a narrow one (Latin, digits) only
    the first 0.15 em of its advance, whatever its width; punctuation, set half width or
    hanging, not at all (the letters round it are what would meet)."""
    out = []
    for n, run in enumerate(runs):
        s, inset = run.size, INSET * run.size
        for ch, x in run.glyphs:
            if ch.isspace() or unicodedata.category(ch)[0] in "PS":
                continue
            right = x + s - inset if unicodedata.east_asian_width(ch) in "WF" else x + 0.15 * s
            left = x + inset if right > x + 0.5 * s else x + 0.05 * s
            if run.rotation:  # a vertical headline's glyph stands in its own em square below its baseline's top
                out.append((n, left, run.baseline - s + inset, right, run.baseline - inset))
            else:
                out.append((n, left, run.baseline - 0.88 * s + inset, right, run.baseline + 0.12 * s - inset))
    return out


def clashes(runs) -> list[tuple[str, str]]:
    """Pairs of texts (first characters) whose glyph boxes meet, from different runs."""
    grid: dict[tuple[int, int], list] = defaultdict(list)
    found = []
    for box in boxes(runs):
        n, x0, y0, x1, y1 = box
        cells = [(i, j) for i in range(int(x0 // CELL), int(x1 // CELL) + 1)
                 for j in range(int(y0 // CELL), int(y1 // CELL) + 1)]
        for cell in cells:
            for m, a0, b0, a1, b1 in grid[cell]:
                if m != n and x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1:
                    found.append((runs[m].text[:8], runs[n].text[:8]))
        for cell in cells:
            grid[cell].append(box)
    return found


def text_runs(result):
    return [r for r in result.page.items if isinstance(r, TextRun) and r.glyphs and str(r.kind) != "overset"]


@pytest.mark.parametrize("folder", ISSUES, ids=[p.name for p in ISSUES])
def test_no_text_over_text_on_any_page(folder):
    _issue, results = compose(folder)
    for result in results:
        assert not clashes(text_runs(result)), (result.page.number, clashes(text_runs(result))[:3])


def test_negative_control_a_line_moved_onto_another_is_caught():
    _issue, results = compose(ISSUES[0])
    runs = text_runs(results[0])
    body = [r for r in runs if str(r.kind) == "body"]
    moved = replace(body[1], baseline=body[0].baseline, glyphs=tuple((c, x) for c, x in body[0].glyphs[:len(body[1].glyphs)]))
    assert clashes(runs + [moved])

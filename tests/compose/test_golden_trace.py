"""Golden text traces of every seed page (layout.render.trace): positions rounded to
0.1 pt, one item a line, so a layout change shows as a readable diff.

After an intended change, rewrite the goldens and review the diff:

    PAIBAN_UPDATE_GOLDEN=1 python -m pytest tests/compose/test_golden_trace.py
    git diff tests/golden/
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from layout.compose import compose_page
from layout.model import load_issue
from layout.render.trace import trace_page
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
ISSUES = ["jiefang-2023-01-06"]


def traces(name: str) -> dict[str, str]:
    issue, _ = normalize_issue(load_issue(ROOT / "issues" / name))
    metrics = MetricsSet.for_fonts(issue.fonts)
    return {f"{name}.p{page.number:02d}.trace":
            trace_page(compose_page(issue, page, metrics, TextConfig.of(issue.typesetting)).page)
            for page in issue.pages}


@pytest.mark.parametrize("name", ISSUES)
def test_pages_match_their_golden_trace(name):
    update = os.environ.get("PAIBAN_UPDATE_GOLDEN") == "1"
    for file, text in traces(name).items():
        golden = GOLDEN / file
        if update:
            golden.write_text(text, encoding="utf-8")
            continue
        assert golden.is_file(), f"no golden {golden}; run with PAIBAN_UPDATE_GOLDEN=1"
        expected = golden.read_text(encoding="utf-8")
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                            f"golden/{file}", "now", n=1))
        assert text == expected, "layout changed (PAIBAN_UPDATE_GOLDEN=1 to accept):\n" + diff[:6000]


def test_negative_control_a_moved_line_shows_in_the_diff():
    text = next(iter(traces(ISSUES[0]).values()))
    lines = text.splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith("text") and "body:" in line)
    moved = lines[:i] + [lines[i].replace(lines[i].split()[2], f"{float(lines[i].split()[2]) + 0.3:.1f}", 1)] + lines[i + 1:]
    assert "\n".join(moved) != text.rstrip("\n")

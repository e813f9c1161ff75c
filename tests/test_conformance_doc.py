"""docs/clreq-conformance.md cites real tests and states the coverage its rows give."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "clreq-conformance.md").read_text(encoding="utf-8")
WEIGHT = {"done": 1.0, "partial": 0.5, "deliberate deviation": 0.5, "not done": 0.0}


def rows() -> list[tuple[str, str, str]]:
    """(clause, status, how/test) of every matrix row."""
    out = []
    for line in DOC.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.match(r"^(\d+(\.\d+)*|A\.\d)", cells[0]) and cells[2] in (*WEIGHT, "n.a."):
            out.append((cells[0], cells[2], cells[3]))
    return out


def test_every_cited_test_exists():
    cited = re.findall(r"`((?:[a-z_]+/)?test_[a-z_]+\.py)((?:::[A-Za-z_]+)*)`", DOC)
    assert len(cited) > 40
    for path, names in cited:
        text = (ROOT / "tests" / path).read_text(encoding="utf-8")
        for name in filter(None, names.split("::")):
            assert re.search(rf"(def|class) {name}\b", text), f"{path}::{name} not found"


def test_every_counted_row_cites_a_test_or_says_why_not():
    for clause, status, how in rows():
        if status in ("done", "partial"):
            assert "test_" in how or "tests" in how, f"{clause} is {status} without a test"


def test_the_stated_coverage_is_what_the_rows_give():
    counted = [(c, s) for c, s, _ in rows() if s != "n.a."]
    score = sum(WEIGHT[s] for _, s in counted) / len(counted)
    stated = re.search(r"\*\*\(([\d.]+) \+ ([\d.]+)\) / (\d+) = ([\d.]+) %\*\*", DOC)
    done, half, total, percent = stated.groups()
    assert len(counted) == int(total)
    assert sum(1 for _, s in counted if s == "done") == int(done)
    assert abs(score * 100 - float(percent)) < 0.05 and score >= 0.90

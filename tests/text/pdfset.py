"""Set a paragraph through the whole pipeline and read its glyphs back from the PDF.

`set_in_pdf(text, ...)` writes a one-article issue (a single column `chars` characters
wide, 9 pt body on a 13.5 pt grid), builds it with `layout.build.build`, and returns the
body lines as pdfplumber saw them: glyphs with x0/x1 in pt, grouped by baseline.
Builds are cached per argument set, so a rule test and its negative control share work.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pdfplumber
import yaml

from layout.build import build
from layout.compose.grid import Grid
from layout.model import load_issue

SIZE = 9.0
PITCH = 13.5
WORK = Path(tempfile.mkdtemp(prefix="paiban-rules-"))


@dataclass(frozen=True)
class Glyph:
    char: str
    x0: float
    x1: float
    baseline: float


@dataclass(frozen=True)
class Setting:
    """Body lines (top to bottom) and the column's edges, pt from the page's left."""

    lines: tuple[tuple[Glyph, ...], ...]
    left: float
    right: float

    def text(self) -> list[str]:
        return ["".join(g.char for g in line) for line in self.lines]


def issue_yaml(chars: int, typesetting: dict) -> str:
    data = {
        "issue": {"paper": "测试日报", "code": "RULE", "date": "2023-01-06", "number": 1,
                  "running_number": 1, "holes": "allow",
                  "qr": {"payload": "https://example.com/r", "lines": ["扫一扫"]}},
        "typesetting": typesetting,
        "templates": {"narrow": {"preset": "tabloid", "columns": 2, "column_chars": chars}},
        "pages": [{"number": 1, "section": "测试", "template": "narrow"}],
        "articles": [{"id": "rule", "headline": "规则", "body": "body.md",
                      "place": {"page": 1, "column": 1, "span": 1}}],
    }
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return text.replace("date: '2023-01-06'", "date: 2023-01-06")


@cache
def set_in_pdf(text: str, chars: int = 13, **typesetting) -> Setting:
    """Build `text` as the only paragraph of a one-column article; read it back."""
    folder = WORK / f"issue-{abs(hash((text, chars, tuple(sorted(typesetting.items())))))}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "issue.yaml").write_text(issue_yaml(chars, dict(typesetting)), encoding="utf-8")
    (folder / "body.md").write_text(text + "\n", encoding="utf-8")
    out = folder / "out"
    build(folder, out)
    page = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["pages"][0]["file"]
    grid = Grid(load_issue(folder).page(1).template)
    left = grid.column_x(0)
    return Setting(_body_lines(out / page), left, left + grid.span_width(1))


def _body_lines(pdf: Path) -> tuple[tuple[Glyph, ...], ...]:
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        chars = [c for c in page.chars if abs(c["size"] - SIZE) < 0.05 and "Serif" in c["fontname"]]
    rows: dict[float, list[Glyph]] = {}
    for c in chars:
        baseline = round(c["matrix"][5], 2)  # the text matrix: baseline y in PDF space
        rows.setdefault(baseline, []).append(Glyph(c["text"], c["x0"], c["x1"], baseline))
    return tuple(tuple(sorted(glyphs, key=lambda g: g.x0)) for _, glyphs in
                 sorted(rows.items(), key=lambda kv: -kv[0]))

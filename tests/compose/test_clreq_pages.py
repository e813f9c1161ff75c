"""clreq line rules measured on whole composed pages: every page of every issue in issues/
is drawn to PDF and read back with pdfplumber; its text is cut into line segments (glyphs
on one baseline, a new segment where the gap exceeds 3/4 em — a column gutter is 1 em),
and each segment is checked against the prohibition rules a reader sees:

- no segment starts with a closing mark, a pause or stop mark, an interpunct, a connector
  or an ideographic space (clreq §6.1.1 at the GB level, GB/T 15834);
- no segment ends with an opening mark;
- no segment starts with a lone — or … (the second half of a two-em dash or ellipsis split
  between lines, clreq §6.1.2.1, or a range connector 一字线, GB/T 15834 §4.13); a line may
  end with a range connector (2023—).

The negative control builds one issue with `kinsoku: none`: the same checker must find
line starts the rules forbid.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
import yaml

from helpers import compose_folder
from layout.compose.items import Picture
from layout.model.schema import PageColour
from layout.render.boxes import page_boxes
from layout.render.pdf import RenderJob, render_pdf

ROOT = Path(__file__).resolve().parents[2]
ISSUES = sorted(p.parent for p in (ROOT / "issues").glob("*/issue.yaml"))
NO_START = set("”’）》〉」』】〕〗］｝" "，、；：" "。！？" "·～\u3000")
NO_END = set("“‘（《〈「『【〔〖［｛")
SPLIT_PAIR = "—…"
GAP_EM = 0.75


def segments(pdf: Path) -> list[str]:
    """Every line segment of the page's horizontal text, as read back from the PDF (the
    baseline from each glyph's text matrix; characters stacked one per baseline at one x,
    a vertical headline, left out)."""
    with pdfplumber.open(pdf) as doc:
        height = doc.pages[0].height
        chars = [(round(height - c["matrix"][5], 1), c) for c in doc.pages[0].chars]
    chars.sort(key=lambda bc: (bc[0], bc[1]["x0"]))
    lines: list[list[dict]] = []
    for baseline, c in chars:
        last = lines[-1][-1] if lines else None
        if last is None or baseline != round(height - last["matrix"][5], 1) or c["x0"] - last["x1"] > GAP_EM * last["size"]:
            lines.append([])
        lines[-1].append(c)
    singles = Counter((round(ln[0]["x0"]), round(ln[0]["size"])) for ln in lines if len(ln) == 1)
    stacked = {key for key, n in singles.items() if n > 2}
    return ["".join(ch["text"] for ch in ln) for ln in lines
            if len(ln) > 1 or (round(ln[0]["x0"]), round(ln[0]["size"])) not in stacked]


def violations(lines: list[str]) -> list[str]:
    found = [f"starts with {s[0]!r}: {s}" for s in lines if s[0] in NO_START]
    found += [f"ends with {s[-1]!r}: {s}" for s in lines if s[-1] in NO_END]
    found += [f"starts with half of {ch * 2} or a connector: {s}" for s in lines for ch in SPLIT_PAIR
              if s.startswith(ch) and not s.startswith(ch * 2)]
    return found


def page_pdfs(folder: Path, out: Path) -> list[Path]:
    """Each composed page of the issue drawn to a PDF (text only: photos are not needed)."""
    issue, results = compose_folder(folder, draft=True)
    files = []
    for result in results:
        page = replace(result.page, items=tuple(i for i in result.page.items if not isinstance(i, Picture)))
        job = RenderJob(issue.fonts, {}, PageColour.CMYK, page_boxes(page.width, page.height, 0.0, False),
                        "clreq", dt.date(2023, 1, 6))
        files.append(out / f"page{page.number}.pdf")
        files[-1].write_bytes(render_pdf(page, job))
    return files


@pytest.mark.parametrize("folder", ISSUES, ids=[p.name for p in ISSUES])
def test_no_line_breaks_a_prohibition_rule(folder, tmp_path):
    found = {pdf.stem: v for pdf in page_pdfs(folder, tmp_path) if (v := violations(segments(pdf)))}
    assert not found, found


def test_negative_control_with_prohibitions_off_the_checker_finds_line_starts(tmp_path):
    folder = tmp_path / "off"
    shutil.copytree(ROOT / "issues" / "chengbei-2023-03-15", folder)
    definition = folder / "issue.yaml"
    data = yaml.safe_load(definition.read_text(encoding="utf-8"))
    data["typesetting"] = {**data.get("typesetting", {}), "kinsoku": "none"}
    definition.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = [v for pdf in page_pdfs(folder, tmp_path) for v in violations(segments(pdf))]
    assert any(v.startswith("starts with") for v in found), found

"""The seed issue carries every word of the raw extraction, edited only as a copy desk
would: the paragraph the extraction repeated appears once, and paragraphs broken where
the print jumped columns are rejoined (shared/README.md, "The seed copy's known defects")."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.model import load_issue
from layout.model.schema import BlockKind

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "tests" / "fixtures" / "jiefang-pages.raw.txt"
SEED = ROOT / "issues" / "jiefang-2023-01-06"
# Paragraphs that continue the one before them (the print jumped columns mid-sentence).
CONTINUATIONS = ("元实施", "约兑现", "采取差异化监管", "消费券发放活动推出", "活动,礼品", "化。监测数据")


def copy_desk(raw: str) -> list[str]:
    """The raw extraction's paragraphs after the two documented copy-desk edits."""
    paragraphs, seen = [], set()
    for line in (x.strip() for x in raw.splitlines()):
        if not line or line in seen:
            continue
        seen.add(line)
        if line.startswith(CONTINUATIONS):
            paragraphs[-1] += line
        else:
            paragraphs.append(line.lstrip("#").strip())
    return paragraphs


def issue_pieces(folder: Path) -> list[str]:
    """Every piece of copy in the issue as written (before normalization)."""
    issue = load_issue(folder)
    pieces = []
    for article in issue.articles:
        pieces += [t for t in (article.kicker, article.headline, article.subhead) if t]
        for i, block in enumerate(article.blocks):
            first = i == 0 and block.kind is BlockKind.PARAGRAPH
            pieces.append(article.byline + block.text if first else block.text)
        pieces += [f"{p.caption} {p.credit}".strip() for p in article.photos]
    return pieces + list(issue.footer.lines)


def unmatched(expected: list[str], found: list[str]) -> tuple[list[str], list[str]]:
    """Paragraphs missing from `found`, and pieces of `found` that are not in `expected`."""
    left = list(found)
    missing = []
    for paragraph in expected:
        if paragraph in left:
            left.remove(paragraph)
        else:
            missing.append(paragraph)
    return missing, left


def test_every_raw_paragraph_is_in_the_issue_once_and_nothing_else_is():
    missing, extra = unmatched(copy_desk(RAW.read_text(encoding="utf-8")), issue_pieces(SEED))
    assert not missing, missing
    assert not extra, extra


def test_the_repeated_paragraph_is_kept_once():
    paragraphs = copy_desk(RAW.read_text(encoding="utf-8"))
    assert sum("元实施的解放区教育信息化2.0提升工程" in p for p in paragraphs) == 1
    assert any("投资8000余万元实施的解放区教育信息化2.0提升工程" in p for p in paragraphs)


@pytest.mark.parametrize("start", CONTINUATIONS)
def test_broken_paragraphs_are_rejoined(start):
    assert not any(p.startswith(start) for p in copy_desk(RAW.read_text(encoding="utf-8")))


def test_the_check_sees_a_dropped_paragraph_and_an_invented_one():
    expected = copy_desk(RAW.read_text(encoding="utf-8"))
    found = issue_pieces(SEED)
    dropped = found[:5] + found[6:]
    assert unmatched(expected, dropped)[0] == [found[5]]
    assert unmatched(expected, found + ["编造的段落。"])[1] == ["编造的段落。"]

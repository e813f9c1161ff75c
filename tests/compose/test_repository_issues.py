"""Every issue in issues/ goes to press as it is: no overset, no unplaced article, no hole
(天窗) — `issue.holes` is the default (error) in each, so compose_issue would refuse them
otherwise. The negative control cuts copy from a story of the tabloid test issue: the
composer must then refuse the page and name the hole."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import compose_folder as compose
from layout.errors import IssueError
from layout.model.schema import HolePolicy

ROOT = Path(__file__).resolve().parents[2]
ISSUES = sorted(p.parent for p in (ROOT / "issues").glob("*/issue.yaml"))


@pytest.mark.parametrize("folder", ISSUES, ids=[p.name for p in ISSUES])
def test_each_issue_composes_for_press(folder):
    issue, results = compose(folder)      # raises IssueError on any overset, unplaced article or hole
    assert issue.holes is HolePolicy.ERROR
    assert not any(r.holes or r.unplaced for r in results)


def test_negative_control_a_story_cut_short_leaves_a_hole_the_composer_refuses(tmp_path):
    folder = tmp_path / "xinan"
    shutil.copytree(ROOT / "issues" / "xinan-weekend-2023-03-18", folder)
    story = folder / "articles" / "night-market.md"
    paragraphs = story.read_text(encoding="utf-8").split("\n\n")
    story.write_text("\n\n".join(paragraphs[:-3]) + "\n", encoding="utf-8")   # the last section cut
    with pytest.raises(IssueError) as refused:
        compose(folder)
    assert "天窗" in str(refused.value) and "page 3" in str(refused.value)


def test_the_hole_is_named_in_chinese_too(tmp_path):
    """The composer's messages exist in Simplified Chinese, in the trade's words (天窗)."""
    from layout.i18n import using

    folder = tmp_path / "xinan"
    shutil.copytree(ROOT / "issues" / "xinan-weekend-2023-03-18", folder)
    story = folder / "articles" / "night-market.md"
    paragraphs = story.read_text(encoding="utf-8").split("\n\n")
    story.write_text("\n\n".join(paragraphs[:-3]) + "\n", encoding="utf-8")
    with using("zh"), pytest.raises(IssueError) as refused:
        compose(folder)
    message = str(refused.value)
    assert "第3版" in message and "开了天窗" in message and "hole (天窗)" not in message

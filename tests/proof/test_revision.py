"""The revision on a proof depends only on the issue's content, never on how its
folder was named (issue 12: relative, `../` and absolute paths gave three revisions)."""

from __future__ import annotations

import os

from layout.model import load_issue
from layout.proof.revision import issue_files, revision
from tests.proof.conftest import SEED, edited_copy


def revision_of(folder) -> str:
    return revision(folder, issue_files(folder, load_issue(folder)))


def test_the_same_issue_named_four_ways_has_one_revision(tmp_path, monkeypatch):
    issue = edited_copy(tmp_path / "work" / "issue", {})
    (tmp_path / "link").symlink_to(issue)
    (tmp_path / "work" / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "work" / "sub")
    forms = ["../issue", str(issue), os.path.relpath(issue), str(tmp_path / "link"), "../sub/../issue"]
    assert len({revision_of(f) for f in forms}) == 1
    assert revision_of("../issue") == revision_of(SEED)  # a copy in another place: the same content


def test_a_change_of_content_changes_the_revision(tmp_path):
    """Negative control: one character more in one body file."""
    a = edited_copy(tmp_path / "a", {})
    b = edited_copy(tmp_path / "b", {"articles/credit-system.md": ("为进一步总结宣传", "为进一步总结和宣传")})
    assert revision_of(a) != revision_of(b)

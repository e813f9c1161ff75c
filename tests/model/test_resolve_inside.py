"""`resolve_inside` (layout/model/fields.py): a name the file system cannot look up is
refused when the file must exist, and resolved as given when it need not (as
`Path.resolve` would, before the one-stat lookup)."""

from __future__ import annotations

from pathlib import Path

from layout.model.fields import resolve_inside


def test_a_name_too_long_is_looked_up_only_when_the_file_must_exist(tmp_path):
    name = "长" * 200 + ".md"  # 600 bytes: longer than a file name may be
    found = resolve_inside(tmp_path, tmp_path, name, must_exist=False)
    assert isinstance(found, Path) and found.name == name
    refused = resolve_inside(tmp_path, tmp_path, name)  # the control
    assert isinstance(refused, str) and "cannot be looked up" in refused


def test_a_missing_file_and_a_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    assert "not found" in resolve_inside(tmp_path, tmp_path, "gone.md")
    assert "is a folder" in resolve_inside(tmp_path, tmp_path, "sub")
    assert resolve_inside(tmp_path, tmp_path, "gone.md", must_exist=False) == tmp_path.resolve() / "gone.md"
    assert "outside the issue folder" in resolve_inside(tmp_path / "sub", tmp_path / "sub", "../x.md", False)

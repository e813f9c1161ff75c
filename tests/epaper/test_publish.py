"""The site folder holds the old site or the new one, never a mix: the folder switch
(layout/epaper/publish.py) and the `paiban epaper` command around it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import BASE_YAML, edit
from layout.cli import main
from layout.epaper import publish as publish_module
from layout.epaper.publish import publish
from layout.errors import PaibanError

INDEX = json.dumps({"generator": "paiban epaper"}).encode()


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Messages in English here, whatever the machine's locale (Chinese: the last test)."""
    monkeypatch.setenv("PAIBAN_LANG", "en")


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if p.name.startswith(".")]


def test_a_new_site_replaces_the_old_one_whole(tmp_path):
    site = tmp_path / "site"
    publish(site, {"stories.json": INDEX, "a.html": b"old", "img/old.jpg": b"1"})
    publish(site, {"stories.json": INDEX, "b.html": b"new", "img/new.jpg": b"2"})
    assert tree(site) == {"stories.json": INDEX, "b.html": b"new", "img/new.jpg": b"2"}  # no stale a.html
    assert leftovers(tmp_path) == []
    assert (site.stat().st_mode & 0o777) == 0o755 and ((site / "img").stat().st_mode & 0o777) == 0o755


def test_the_switch_without_an_atomic_exchange(tmp_path, monkeypatch):
    monkeypatch.setattr(publish_module, "_exchange", lambda a, b: False)  # not Linux, or a file system without it
    site = tmp_path / "site"
    publish(site, {"stories.json": INDEX, "a.html": b"old"})
    publish(site, {"stories.json": INDEX, "b.html": b"new"})
    assert tree(site) == {"stories.json": INDEX, "b.html": b"new"} and leftovers(tmp_path) == []


def test_a_failure_while_writing_leaves_the_old_site(tmp_path, monkeypatch):
    site = tmp_path / "site"
    publish(site, {"stories.json": INDEX, "a.html": b"old"})
    written = []

    def failing(self, data):
        if len(written) == 2:
            raise OSError("disk full")
        written.append(self)
        return len(data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(OSError):
        publish(site, {"stories.json": INDEX, "b.html": b"new", "c.html": b"new"})
    monkeypatch.undo()
    assert tree(site) == {"stories.json": INDEX, "a.html": b"old"} and leftovers(tmp_path) == []


def test_a_folder_of_other_files_is_never_replaced(tmp_path):
    other = tmp_path / "notes"
    other.mkdir()
    (other / "mine.txt").write_text("keep me")
    with pytest.raises(PaibanError, match="holds other files"):
        publish(other, {"stories.json": INDEX})
    assert tree(other) == {"mine.txt": b"keep me"}
    (tmp_path / "file").write_text("x")
    with pytest.raises(PaibanError, match="is a file"):
        publish(tmp_path / "file", {"stories.json": INDEX})
    empty = tmp_path / "empty"
    empty.mkdir()
    publish(empty, {"stories.json": INDEX})  # an empty folder is fine
    assert tree(empty) == {"stories.json": INDEX}


def test_the_command_builds_the_site(make_issue, tmp_path, capsys):
    folder = make_issue()
    site = tmp_path / "site"
    assert main(["epaper", str(folder), "-o", str(site), "--width", "600"]) == 0
    out = capsys.readouterr().out
    assert "paiban epaper: 1 page, 2 stories" in out and str(site / "index.html") in out
    index = json.loads((site / "stories.json").read_text(encoding="utf-8"))
    assert index["pages"][0]["images"]["screen"]["width"] == 600
    assert index["pages"][0]["images"]["zoom"]["width"] == 1200


def test_a_bad_issue_writes_nothing_and_keeps_the_old_site(make_issue, tmp_path, capsys):
    good = make_issue()
    site = tmp_path / "site"
    assert main(["epaper", str(good), "-o", str(site)]) == 0
    before = tree(site)
    broken = make_issue(edit(BASE_YAML, "span: 3}", "span: 3, rows: 4}"), name="overset")
    assert main(["epaper", str(broken), "-o", str(site)]) == 1
    err = capsys.readouterr().err
    assert "nothing was written" in err and "issue.yaml" in err and "Traceback" not in err
    assert tree(site) == before and leftovers(tmp_path) == []


def test_a_folder_of_other_files_is_refused_by_the_command(make_issue, tmp_path, capsys):
    other = tmp_path / "notes"
    other.mkdir()
    (other / "mine.txt").write_text("keep me")
    assert main(["epaper", str(make_issue()), "-o", str(other)]) == 1
    assert "holds other files" in capsys.readouterr().err and os.listdir(other) == ["mine.txt"]


def test_a_base_url_must_be_an_absolute_address(make_issue, tmp_path, capsys):
    for bad in ("epaper.example.cn/x", "ftp://example.cn/", "https://example.cn/a b"):
        assert main(["epaper", str(make_issue(name=f"i{len(bad)}")), "-o", str(tmp_path / "site"),
                     "--base-url", bad]) == 1
        assert "--base-url" in capsys.readouterr().err and not (tmp_path / "site").exists()


def test_through_a_link_the_folder_it_names_is_replaced(tmp_path):
    real = tmp_path / "20240315"
    publish(real, {"stories.json": INDEX, "a.html": b"old"})
    link = tmp_path / "current"
    link.symlink_to(real)
    publish(link, {"stories.json": INDEX, "b.html": b"new"})
    assert link.is_symlink() and tree(link) == {"stories.json": INDEX, "b.html": b"new"}
    assert leftovers(tmp_path) == []


def test_messages_in_chinese(make_issue, tmp_path, capsys):
    other = tmp_path / "notes"
    other.mkdir()
    (other / "mine.txt").write_text("keep me")
    assert main(["epaper", str(make_issue()), "-o", str(other), "--lang", "zh"]) == 1
    assert "该文件夹内有其他文件" in capsys.readouterr().err
    assert main(["epaper", str(make_issue(name="again")), "-o", str(tmp_path / "site"), "--lang", "zh"]) == 0
    assert "paiban 数字报：1 版、2 篇稿件" in capsys.readouterr().out

"""Delivery to the plant's hot folder (layout/render/hotfolder.py): a new delivery
replaces the previous one and nothing else; a failed delivery puts the hot folder back
and leaves the output folder as it was; staging inside the hot folder only where its
parent cannot be written."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from layout.build import OutputOptions, build
from layout.cli import main
from layout.errors import PaibanError
from layout.preflight import TacMethod
from layout.render import hotfolder

from .conftest import listed_files_match, snapshot

ONE = OutputOptions(workers=1, tac=TacMethod.PYTHON)  # files are tested here, not ink


def _deliver(hot):
    return OutputOptions(workers=1, deliver=hot, tac=TacMethod.PYTHON, force="test delivery: pages not signed")


def test_a_delivery_replaces_the_previous_one_and_leaves_other_files_alone(two_issues, tmp_path):
    first, second = two_issues
    hot = tmp_path / "hot"
    build(first, tmp_path / "out", options=_deliver(hot))
    (hot / "OTHER_20230106_A01.pdf").write_bytes(b"another paper's page")      # not ours
    result = build(second, tmp_path / "out", options=_deliver(hot))
    files = snapshot(hot)
    assert sorted(files) == ["OTHER_20230106_A01.pdf", "TEST_20230107_A01.pdf", "TEST_20230107_A03.pdf",
                             "manifest.json"]
    assert listed_files_match(files)
    assert [p.name for p in result.delivered][-1] == "manifest.json"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hot", "out"]


def test_the_same_delivery_twice_touches_nothing(two_issues, tmp_path):
    hot = tmp_path / "hot"
    build(two_issues[0], tmp_path / "out", options=_deliver(hot))
    stamps = {p.name: p.stat().st_ino for p in hot.iterdir()}
    build(two_issues[0], tmp_path / "out", options=_deliver(hot))
    assert {p.name: p.stat().st_ino for p in hot.iterdir()} == stamps   # no file renamed in again


def test_a_page_failing_preflight_is_not_delivered_and_nothing_is_written(two_issues, tmp_path, monkeypatch,
                                                                        capsys):
    first, second = two_issues
    out, hot = tmp_path / "out", tmp_path / "hot"
    build(first, out, options=_deliver(hot))
    before = snapshot(out), snapshot(hot)
    import layout.build as module

    real = module._preflight_settings
    monkeypatch.setattr(module, "_preflight_settings",
                        lambda *a: real(*a).__class__(**{**_fields(real(*a)), "ink_limit": 10.0}))
    assert main(["build", str(second), "-o", str(out), "--draft", "--deliver", str(hot), "--force", "test", "--workers", "1"]) == 1
    err = capsys.readouterr().err
    assert "not delivered" in err and "failed preflight" in err and "nothing was written" in err
    assert (snapshot(out), snapshot(hot)) == before


def _fields(settings) -> dict:
    return {name: getattr(settings, name) for name in settings.__dataclass_fields__}


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "no space left on the device"),
                                         (errno.EROFS, "the file system is read-only")])
def test_a_full_or_read_only_hot_folder_rolls_back_and_leaves_the_output_folder(two_issues, tmp_path, monkeypatch,
                                                                              capsys, code, words):
    first, second = two_issues
    out, hot = tmp_path / "out", tmp_path / "hot"
    build(first, out, options=_deliver(hot))
    before = snapshot(out), snapshot(hot)
    real, calls = os.rename, [0]

    def failing(source, target):   # the old set goes aside, then the second new page cannot come in
        calls[0] += 1
        if str(target).startswith(str(hot)) and calls[0] > 4:
            raise OSError(code, os.strerror(code), str(target))
        real(source, target)

    monkeypatch.setattr(hotfolder.os, "rename", failing)
    assert main(["build", str(second), "-o", str(out), "--deliver", str(hot), "--force", "test", "--workers", "1"]) == 1
    err = capsys.readouterr().err
    assert words in err and "nothing was written" in err and "Traceback" not in err
    assert (snapshot(out), snapshot(hot)) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hot", "out"]


def test_without_a_writable_parent_staging_is_hidden_inside_the_hot_folder(two_issues, tmp_path, monkeypatch):
    hot = tmp_path / "share" / "hot"
    hot.mkdir(parents=True)
    share = tmp_path / "share"
    real = hotfolder._writable
    monkeypatch.setattr(hotfolder, "_writable", lambda folder: folder != share and real(folder))
    stagings = []
    real_mkdir = hotfolder.os.mkdir
    monkeypatch.setattr(hotfolder.os, "mkdir", lambda path, *a: stagings.append(path) or real_mkdir(path, *a))
    build(two_issues[0], tmp_path / "out", options=_deliver(hot))
    (staging,) = [Path(p) for p in stagings if Path(p).name.startswith((".paiban-deliver-", ".hot.paiban-deliver-"))]
    assert staging.parent == hot and staging.name.startswith(".paiban-deliver-")
    assert sorted(snapshot(hot)) == ["TEST_20230106_A01.pdf", "TEST_20230106_A02.pdf", "manifest.json"]
    assert sorted(p.name for p in hot.iterdir()) == sorted(snapshot(hot))   # nothing hidden left
    assert sorted(p.name for p in share.iterdir()) == ["hot"]


def test_a_hot_folder_that_is_the_output_folder_is_refused(two_issues, tmp_path):
    with pytest.raises(PaibanError, match="must be different folders"):
        build(two_issues[0], tmp_path / "out", options=_deliver(tmp_path / "out"))


def test_the_hot_manifest_lists_only_the_plant_files(two_issues, tmp_path):
    hot = tmp_path / "hot"
    build(two_issues[0], tmp_path / "out", png=True, options=_deliver(hot))
    manifest = json.loads((hot / "manifest.json").read_text(encoding="utf-8"))
    assert [p["file"] for p in manifest["pages"]] == ["TEST_20230106_A01.pdf", "TEST_20230106_A02.pdf"]
    assert "issue_pdf" not in manifest and not list(hot.glob("*.png"))

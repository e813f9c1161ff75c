"""The output folder holds the old set or the new one: switched whole, stale files
gone, one build at a time, bad targets refused before the build, write faults reported
with nothing changed (layout/render/outfolder.py, lock.py, swap.py)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time

import pytest

from layout.build import OutputOptions, build
from layout.cli import main
from layout.errors import PaibanError
from layout.preflight import TacMethod
from layout.render import outfolder, swap
from layout.render.lock import FolderLock
from layout.render.outfolder import OutputFolder

from .conftest import listed_files_match, snapshot
from conftest import ROOT

ONE = OutputOptions(workers=1, tac=TacMethod.PYTHON)  # files are tested here, not ink


def test_a_new_build_replaces_every_file_of_the_old_one(two_issues, tmp_path):
    first, second = two_issues
    out = tmp_path / "out"
    build(first, out, png=True, options=ONE)
    assert "TEST_20230106_A02.pdf" in snapshot(out)
    build(second, out, options=ONE)
    files = snapshot(out)
    # another date and page 2 → 3: nothing of the first set is left, PNGs included
    assert sorted(files) == ["TEST_20230107.pdf", "TEST_20230107_A01.pdf", "TEST_20230107_A03.pdf",
                             "manifest.json", "report.json"]
    assert listed_files_match(files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_without_an_atomic_exchange_two_renames_do_it(two_issues, tmp_path, monkeypatch):
    first, second = two_issues
    out = tmp_path / "out"
    build(first, out, options=ONE)
    monkeypatch.setattr(outfolder, "exchange", lambda a, b: False)
    build(second, out, options=ONE)
    assert sorted(snapshot(out))[0] == "TEST_20230107.pdf" and listed_files_match(snapshot(out))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_exchange_swaps_two_folders(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a")
    (b / "y").write_text("b")
    if not swap.exchange(a, b):
        pytest.skip("this file system has no atomic exchange")  # the fallback is tested above
    assert [p.name for p in a.iterdir()] == ["y"] and [p.name for p in b.iterdir()] == ["x"]


def test_the_next_build_cleans_up_and_restores_what_a_killed_one_left(two_issues, tmp_path):
    first, _ = two_issues
    out = tmp_path / "out"
    build(first, out, options=ONE)
    before = snapshot(out)
    stale = tmp_path / ".out.paiban-new-0badf00d"     # a staging folder of a killed build
    stale.mkdir()
    (stale / "TEST_20230106_A01.pdf").write_bytes(b"half a file")
    aside = tmp_path / ".out.paiban-old-0badf00d"      # killed between the fallback's two renames
    os.rename(out, aside)
    with OutputFolder(out) as target:
        assert snapshot(out) == before                 # the old set is back before anything else
        assert not stale.exists() and not aside.exists()
        assert target.staging.parent == tmp_path
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# ------------------------------------------------------------ refused targets

def _no_load(monkeypatch):
    """Fail the test if the build gets as far as reading the issue."""
    import layout.build as module

    monkeypatch.setattr(module, "load_issue", lambda folder: pytest.fail("the build started"))


def test_an_output_path_that_is_a_file_is_refused_before_the_build(two_issues, tmp_path, monkeypatch):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"%PDF-")
    _no_load(monkeypatch)
    with pytest.raises(PaibanError, match="is a file, not a folder"):
        build(two_issues[0], target)
    with pytest.raises(PaibanError, match="cannot make the output folder .*out.pdf is a file"):
        build(two_issues[0], target / "sub" / "out")
    assert target.read_bytes() == b"%PDF-" and sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_a_read_only_place_is_refused_before_the_build(two_issues, tmp_path, monkeypatch):
    _no_load(monkeypatch)
    read_only = tmp_path / "ro"
    read_only.mkdir()
    real = os.access
    monkeypatch.setattr(outfolder.os, "access", lambda path, mode: False if str(path) == str(read_only) else
                        real(path, mode))
    with pytest.raises(PaibanError, match=f"cannot write the output folder {read_only}/out: {read_only} is not"):
        build(two_issues[0], read_only / "out")
    with pytest.raises(PaibanError, match=f"cannot write the hot folder {read_only}/hot"):
        build(two_issues[0], tmp_path / "out", options=OutputOptions(deliver=read_only / "hot", force="test"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ro"] and not list(read_only.iterdir())


def test_a_folder_with_other_files_is_not_replaced(two_issues, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    with pytest.raises(PaibanError, match="holds files paiban did not write \\(notes.txt\\)"):
        build(two_issues[0], out)
    assert snapshot(out) == {"notes.txt": b"keep me"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


def test_missing_parent_folders_are_made_and_removed_again_on_failure(two_issues, tmp_path):
    out = tmp_path / "a" / "b" / "out"
    build(two_issues[0], out, options=ONE)
    assert listed_files_match(snapshot(out))
    with pytest.raises(PaibanError):
        build(two_issues[0] / "nowhere", tmp_path / "c" / "d" / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]


# ------------------------------------------------------------ one at a time

def test_a_second_build_into_the_same_folder_is_refused(two_issues, tmp_path):
    first, second = two_issues
    out = tmp_path / "out"
    build(first, out, options=ONE)
    before = snapshot(out)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        "from layout.render.lock import FolderLock; lock = FolderLock(Path(sys.argv[2])).acquire();"
        "print('locked', flush=True); time.sleep(60)"), str(ROOT), str(tmp_path / ".out.paiban-lock")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(PaibanError, match=f"another build \\(process {holder.pid}\\) is writing {out}"):
            build(second, out, options=ONE)
        assert snapshot(out) == before
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.05)
    build(second, out, options=ONE)              # the lock died with its holder
    assert "TEST_20230107_A03.pdf" in snapshot(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_the_lock_is_exclusive_in_one_process_too(tmp_path):
    with FolderLock(tmp_path / "lock"):
        with pytest.raises(Exception, match="held by process"):
            FolderLock(tmp_path / "lock").acquire()
    assert not (tmp_path / "lock").exists()


# ------------------------------------------------------------ write faults

def _fail_writes(monkeypatch, module, after: int, code: int) -> None:
    """`module.write_synced` raises OSError(`code`) from its `after`+1th call on."""
    real = module.write_synced
    calls = [0]

    def failing(path, data):
        calls[0] += 1
        if calls[0] > after:
            raise OSError(code, os.strerror(code), str(path))
        real(path, data)

    monkeypatch.setattr(module, "write_synced", failing)


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "no space left on the device"),
                                         (errno.EROFS, "the file system is read-only")])
def test_a_full_or_read_only_output_folder_is_a_clear_error_and_changes_nothing(two_issues, tmp_path,
                                                                               monkeypatch, capsys, code, words):
    first, second = two_issues
    out = tmp_path / "out"
    build(first, out, options=ONE)
    before = snapshot(out)
    _fail_writes(monkeypatch, outfolder, 1, code)     # the first page file lands, the next does not
    assert main(["build", str(second), "-o", str(out), "--workers", "1"]) == 1
    err = capsys.readouterr().err
    assert words in err and "nothing was written" in err and "Traceback" not in err
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_the_default_cache_folder_is_looked_up_when_the_build_runs(monkeypatch, tmp_path):
    options = OutputOptions()
    monkeypatch.setenv("PAIBAN_CACHE", str(tmp_path / "later"))
    assert options.cache_folder() == tmp_path / "later"          # not fixed when the options were made
    assert OutputOptions(cache=None).cache_folder() is None
    assert OutputOptions(cache=tmp_path / "mine").cache_folder() == tmp_path / "mine"

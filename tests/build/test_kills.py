"""Builds killed at every file-system step, and at random moments: the output folder and
the hot folder always hold the old set or the new one (a hot folder may briefly hold no
manifest, i.e. no set the plant would take), every SHA-256 matching its manifest; the
next build cleans up, and nothing is left in $TMPDIR.

Step kills run in forked children (tests/build/conftest.py: kill_at_step), each SIGKILLing
itself at its Nth rename, write, copy, mkdir, unlink, removal or exchange; pages are
copied from a reference build there (drawing is not what is tested, and this keeps a
child to a fraction of a second). Moment kills run `python -m layout build` for real
(two workers) and SIGKILL it after a delay drawn from a seeded generator.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from layout.build import OutputOptions, build
from layout import pipeline
from layout.render.hotfolder import HotFolder
from layout.render.outfolder import OutputFolder

from .conftest import kill_at_step, listed_files_match, snapshot
from conftest import ROOT

SEED = 20230106


@pytest.fixture(scope="module")
def sets(two_issues, tmp_path_factory):
    """Reference sets: the first issue's and the second's output and hot folders, and
    the second's page records and bytes (name → (record, files))."""
    first, second = two_issues
    root = tmp_path_factory.mktemp("reference")
    build(first, root / "out1", png=True, options=OutputOptions(workers=1, deliver=root / "hot1", force="test"))
    pages = {}
    real = pipeline.run_page

    def keep(task, folder):
        record = real(task, folder)
        pages[task.name] = (record, {n: (folder / n).read_bytes() for n in (record.name, record.png) if n})
        return record

    pipeline.run_page = keep
    try:
        build(second, root / "out2", png=True, options=OutputOptions(workers=1, deliver=root / "hot2", force="test"))
    finally:
        pipeline.run_page = real
    return {"out": (snapshot(root / "out1"), snapshot(root / "out2")),
            "hot": (snapshot(root / "hot1"), snapshot(root / "hot2")), "pages": pages}


def _restore(folder: Path, files: dict[str, bytes]) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)


def _check_out(out: Path, sets) -> str:
    files = snapshot(out)
    old, new = sets["out"]
    assert files in (old, new), f"a mixed output folder: {sorted(files)}"
    assert listed_files_match(files)
    return "old" if files == old else "new"


def _check_hot(hot: Path, sets, strict: bool) -> str:
    files = snapshot(hot)
    old, new = sets["hot"]
    if "manifest.json" not in files and not strict:
        return "none"   # mid-delivery: no manifest, nothing the plant takes
    assert files in (old, new), f"a mixed hot folder: {sorted(files)}"
    assert listed_files_match(files)
    return "old" if files == old else "new"


def _recover(out: Path, hot: Path) -> None:
    """What the next build does first."""
    with HotFolder(hot), OutputFolder(out):
        pass


def test_a_build_killed_at_any_file_system_step_leaves_the_old_set_or_the_new(two_issues, sets, tmp_path):
    _, second = two_issues
    out, hot = tmp_path / "out", tmp_path / "hot"
    pages = sets["pages"]

    def copy_page(task, folder):
        from layout.render.outfolder import write_synced

        record, files = pages[task.name]
        for name, data in files.items():
            write_synced(folder / name, data)
        return record

    def action():
        pipeline.run_page = copy_page
        build(second, out, png=True, options=OutputOptions(workers=1, deliver=hot, force="test"))

    seen = {"out": set(), "hot": set()}
    step = 0
    while True:
        step += 1
        _restore(out, sets["out"][0])
        _restore(hot, sets["hot"][0])
        killed = kill_at_step(step, action)
        seen["out"].add(_check_out(out, sets))
        seen["hot"].add(_check_hot(hot, sets, strict=False))
        _recover(out, hot)
        after = (_check_out(out, sets), _check_hot(hot, sets, strict=True))
        assert sorted(p.name for p in tmp_path.iterdir()) == ["hot", "out"], f"left after step {step}"
        if not killed:
            assert after == ("new", "new")
            break
        assert step < 200, "the build never finished"
    assert step > 20   # the build has that many steps: every one was a kill point
    assert seen == {"out": {"old", "new"}, "hot": {"old", "none", "new"}}


def test_a_build_killed_at_random_moments_leaves_no_mix_and_no_temporary_files(two_issues, sets, tmp_path):
    _, second = two_issues
    out, hot, temp, cache = tmp_path / "out", tmp_path / "hot", tmp_path / "tmp", tmp_path / "cache"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "PAIBAN_CACHE": str(cache),
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    command = [sys.executable, "-m", "layout", "build", str(second), "-o", str(out), "--png", "--deliver", str(hot),
               "--force", "test", "--workers", "2"]
    generator = random.Random(SEED)
    for delay in sorted(generator.uniform(0.3, 2.5) for _ in range(4)):
        _restore(out, sets["out"][0])
        _restore(hot, sets["hot"][0])
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        time.sleep(0.2)  # workers die with their parent
        _check_out(out, sets)
        _check_hot(hot, sets, strict=False)
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    assert snapshot(out) == sets["out"][1] and snapshot(hot) == sets["hot"][1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "hot", "out", "tmp"]
    assert not list(temp.iterdir()), "temporary files left in $TMPDIR"
    assert not [p for p in cache.rglob("*") if p.name.startswith(".")], "temporary files left in the cache"

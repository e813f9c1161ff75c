"""The cache folder's files (layout/cachefiles.py): written whole, and a temporary file a
killed process left is removed by the next process, never one a running process writes."""

from __future__ import annotations

import os
import subprocess
import sys

from layout import cachefiles
from layout.text import metrics as m
from layout.text.metrics import load_font_metrics

from conftest import ROOT


def dead_pid() -> int:
    """The number of a process that has finished."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_killed_writers_temporary_file_is_swept_a_running_ones_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(cachefiles, "_SWEPT", set())
    stale = tmp_path / f".entry.bin.{dead_pid()}.tmp"
    live = tmp_path / f".other.bin.{os.getpid()}.tmp"      # the control: this process is running
    plain = tmp_path / "entry.bin"
    for path in (stale, live, plain):
        path.write_bytes(b"x")
    cachefiles.sweep(tmp_path)
    assert not stale.exists() and live.exists() and plain.exists()


def test_write_atomic_leaves_only_the_file(tmp_path):
    target = tmp_path / "sub" / "entry.bin"
    assert cachefiles.write_atomic(target, b"data")
    assert target.read_bytes() == b"data" and [p.name for p in target.parent.iterdir()] == ["entry.bin"]


def test_reading_font_metrics_from_the_cache_sweeps_it(tmp_path, monkeypatch):
    monkeypatch.setattr(cachefiles, "_SWEPT", set())
    monkeypatch.setattr(m, "_PARSED", {})
    stale = tmp_path / f".metrics-v1-x.bin.{dead_pid()}.tmp"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"half")
    load_font_metrics(ROOT / "fonts" / "NotoSansSC-Regular.ttf", tmp_path)
    assert not stale.exists() and len(list(tmp_path.glob("metrics-v1-*.bin"))) == 1

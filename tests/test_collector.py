"""layout/collector.py: the collector is quiet inside a build and as it was after it;
the cycles builds leave are collected every EVERY builds or when idle."""

from __future__ import annotations

import gc

from layout import collector
from layout.collector import Collections, quiet_collector


def test_quiet_inside_and_as_it_was_after():
    before = gc.get_threshold()
    with quiet_collector():
        assert gc.get_threshold() == collector.QUIET
        assert gc.get_freeze_count() > 0  # what was alive before the build is set aside
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_as_it_was_after_an_error_too():
    before = gc.get_threshold()
    try:
        with quiet_collector():
            raise ValueError("a build that fails")
    except ValueError:
        pass
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_cycles_are_collected_every_so_many_builds(monkeypatch):
    calls = []
    monkeypatch.setattr(collector.gc, "collect", lambda *a: calls.append(1) or 0)
    c = Collections()
    for _ in range(collector.EVERY - 1):
        c.built()
    assert calls == []  # control: not before
    c.built()
    assert calls == [1]
    c.idle()
    assert calls == [1]  # nothing built since: nothing to collect
    c.built()
    c.idle()
    assert calls == [1, 1]

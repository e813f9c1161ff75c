"""Python's cyclic garbage collector kept quiet while an issue is built.

A build makes many small frozen records and the collector would otherwise run every 700
of them, and, in a long-lived process (the warm `Builder`, `paiban watch`) that holds
every page composed so far, a full collection scans all of it (≈ 40 ms for 32 pages,
every other rebuild). While a build runs, what was alive before it is set aside
(`gc.freeze`) and collections are rare; afterwards everything is as it was. The cycles
a build leaves (≈ 1,400 objects for a 32-page rebuild) are collected when the process
has nothing else to do (the watcher, once its page is back) or, in the Builder, every
`EVERY` builds (`Collections`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

QUIET = (50_000, 50, 50)  # gc thresholds while building (the default is 700, 10, 10)
EVERY = 16  # builds between full collections when no idle moment came


@contextmanager
def quiet_collector() -> Iterator[None]:
    """Fewer garbage collections inside the block, none of what was alive before it."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*QUIET)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


class Collections:
    """Counts builds made under `quiet_collector` and collects in full every `EVERY`
    of them, unless `idle()` did meanwhile."""

    def __init__(self) -> None:
        self.since = 0

    def built(self) -> None:
        self.since += 1
        if self.since >= EVERY:
            self.idle()

    def idle(self) -> None:
        """A full collection now (the process is waiting for the next edit)."""
        if self.since:
            gc.collect()
            self.since = 0

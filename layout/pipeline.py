"""The page line: each page composed, drawn, finished as PDF/X and checked as soon as
what it needs is known, in worker processes on every core (layout/workers.py).

A page needs only the text its jumping articles carry from earlier pages
(`layout.compose.issue.IssueComposition` says which pages may start), so most pages
start at once: a worker composes one and goes straight on to draw and check it, and
sends back the composed page (for the issue's checks, report and manifest) with the
record of its file. Pages composed before with the same inputs (the composer's memo)
are only drawn, or written from the warm builder's `PageCache`.

Whatever the number of workers and whichever page finishes first, the result is the
same: pages are composed from the same inputs, handled in page order where order
matters, and the issue's checks run on the whole once every page is in. When a page
alone already stops the build (an overset, a hole — not in a draft), no further page
is drawn, only composed, so that the error still names every problem of the issue; an
error raised composing a page is reported for the first such page in page order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from layout.compose import PageResult
from layout.compose.issue import Carried, Composer, IssueComposition, Runner
from layout.model.schema import Page
from layout.render.jobs import PageCache, PageRecord, PageTask, run_page
from layout.render.outfolder import TEMP
from layout.workers import default_workers, worker_pool


@dataclass(frozen=True)
class Line:
    """What every worker is given (through the fork, never pickled): how to compose a
    page, how to turn a composed page into its `PageTask`, and the staging folder."""

    composer: Composer
    make_task: Callable[[PageResult], PageTask]
    folder: Path


def compose_and_make_one(line: Line, number: int, carried: Carried, make: bool) -> tuple[PageResult, PageRecord | None]:
    """Page `number` composed with `carried`, and its file made when `make` (a worker's call)."""
    result = line.composer.page(line.composer.issue.page(number), carried)
    return result, (run_page(line.make_task(result), line.folder) if make else None)


def make_one(line: Line, task: PageTask) -> PageRecord:
    """A page composed before: its file made (a worker's call)."""
    return run_page(task, line.folder)


def compose_and_make(work: IssueComposition, make_task: Callable[[PageResult], PageTask], folder: Path,
                     workers: int | None = None, done: Callable[[PageRecord], None] | None = None,
                     reuse: PageCache | None = None, meanwhile: Callable[[], None] | None = None
                     ) -> tuple[tuple[PageResult, ...], list[PageRecord]]:
    """Every page of `work` composed and its file made in `folder`: the composed pages
    (after `work.finish()`, which raises what the issue's checks find) and the files'
    records, in the issue's page order. `done` is told of each record as it arrives;
    `reuse` writes pages made before and keeps the new ones; `meanwhile` runs in this
    process while the workers start (what it raises stops the build). When `work` keeps
    nothing for a rebuild (not `work.remember`), each page, once drawn and added, is kept
    only as the issue's checks and reports need it (`IssueComposition.release`)."""
    count = min(workers or default_workers(), len(work.issue.pages))
    line = Line(work.composer, make_task, folder)
    with worker_pool(count, line, folder / TEMP) as pool:
        return _Run(work, line, pool, done, reuse).made(meanwhile)


class _Run(Runner):
    """The composer's runner, drawing each page as it is composed (see the module's
    docstring)."""

    def __init__(self, work: IssueComposition, line: Line, pool: Any, done: Callable[[PageRecord], None] | None,
                 reuse: PageCache | None):
        super().__init__(work, pool)
        self.line, self.done, self.reuse = line, done, reuse
        self.slim = not work.remember  # pages released once drawn and added
        self.records: dict[int, PageRecord] = {}
        self.drawing = True

    def made(self, meanwhile: Callable[[], None] | None = None) -> tuple[tuple[PageResult, ...], list[PageRecord]]:
        results = self.run(meanwhile)
        for index, result in enumerate(results):  # pages composed while drawing had stopped
            if index not in self.records:
                self._draw(index, result)
        self.drain()
        self.raise_failed()
        return results, [self.records[i] for i in range(len(results))]

    def submit(self, page: Page, alone: bool = False) -> Any:
        return self.pool.submit(compose_and_make_one, page.number, self.work.carried_to(page), self.drawing,
                                alone=alone)

    def composed(self, index: int, out: Any) -> PageResult:
        result, record = out
        if record is not None:
            self._keep(self.line.make_task(result), record)
            self._finished(index, record)
        if self.drawing and self.work.fails(result):
            self.drawing = False  # the build will stop: compose the rest only, for the error
        return result

    def remembered(self, index: int, result: PageResult) -> None:
        if self.drawing:
            self._draw(index, result)

    def added(self, index: int) -> None:
        if self.slim and index in self.records:
            self.work.release(self.work.issue.pages[index])

    def other(self, index: int, call: Any, out: Any) -> None:  # a remembered page drawn
        self._keep(call, out)
        self._finished(index, out)

    def _draw(self, index: int, result: PageResult) -> None:
        task = self.line.make_task(result)
        record = self.reuse.write(task, self.line.folder) if self.reuse is not None else None
        if record is not None:
            self._finished(index, record)
        else:
            self.pending[self.pool.submit(make_one, task)] = (index, task)

    def _keep(self, task: PageTask, record: PageRecord) -> None:
        if self.reuse is not None:
            self.reuse.put(task, record, self.line.folder)

    def _finished(self, index: int, record: PageRecord) -> None:
        self.records[index] = record
        if self.slim:  # (a page composed here is added after its record: released then, by `added`)
            self.work.release(self.work.issue.pages[index])
        if self.done is not None:
            self.done(record)

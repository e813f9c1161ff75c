"""The page line: each page composed, drawn, finished as PDF/X and checked as soon as
what it needs is known, in worker processes on every core.

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
from layout.compose.issue import Carried, Composer, IssueComposition
from layout.render.jobs import PageCache, PageRecord, PageTask, run_page
from layout.render.pool import default_workers, worker_pool


@dataclass(frozen=True)
class Line:
    """What every worker is given (through the fork, never pickled): how to compose a
    page, how to turn a composed page into its `PageTask`, and the staging folder."""

    composer: Composer
    make_task: Callable[[PageResult], PageTask]
    folder: Path


_LINE: list[Line] = []  # in a worker: the line it was forked with (set by `_join`)


def _join(line: Line) -> None:
    _LINE[:] = [line]


def _in_worker(fn: Callable[..., Any], *args: Any) -> Any:
    return fn(_LINE[0], *args)


def _compose_and_make(line: Line, number: int, carried: Carried, make: bool) -> tuple[PageResult, PageRecord | None]:
    """Page `number` composed with `carried`, and its file made when `make`."""
    result = line.composer.page(line.composer.issue.page(number), carried)
    return result, (run_page(line.make_task(result), line.folder) if make else None)


def _make(line: Line, task: PageTask) -> PageRecord:
    return run_page(task, line.folder)


def compose_and_make(work: IssueComposition, make_task: Callable[[PageResult], PageTask], folder: Path,
                     workers: int | None = None, done: Callable[[PageRecord], None] | None = None,
                     reuse: PageCache | None = None) -> tuple[tuple[PageResult, ...], list[PageRecord]]:
    """Every page of `work` composed and its file made in `folder`: the composed pages
    (after `work.finish()`, which raises what the issue's checks find) and the files'
    records, in page order. `done` is told of each record as it arrives; `reuse` writes
    pages made before and keeps the new ones."""
    count = min(workers or default_workers(), len(work.issue.pages))
    line = Line(work.composer, make_task, folder)
    with worker_pool(count, folder, _join, (line,)) as pool:
        return _Run(work, line, pool, done, reuse).run()


class _Run:
    """One run of the page line (see the module's docstring)."""

    def __init__(self, work: IssueComposition, line: Line, pool: Any, done: Callable[[PageRecord], None] | None,
                 reuse: PageCache | None):
        self.work, self.line, self.pool, self.done, self.reuse = work, line, pool, done, reuse
        self.pending: dict[Any, tuple[int, PageTask | None]] = {}  # future → (page index, task when only drawing)
        self.records: dict[int, PageRecord] = {}
        self.failed: dict[int, BaseException] = {}
        self.drawing = True

    def run(self) -> tuple[tuple[PageResult, ...], list[PageRecord]]:
        self._start()
        self._drain()
        if self.failed:
            raise self.failed[min(self.failed)]
        results = self.work.finish()
        for index, result in enumerate(results):  # pages composed while drawing had stopped
            if index not in self.records:
                self._draw(index, result)
        self._drain()
        if self.failed:
            raise self.failed[min(self.failed)]
        return results, [self.records[i] for i in range(len(results))]

    def _start(self) -> None:
        """Hand out every page that may start: remembered ones drawn (or written from
        `reuse`), the others composed (and drawn) by a worker."""
        started = True
        while started:
            started = False
            for page in self.work.ready(before=min(self.failed) if self.failed else None):
                index = self.work.index(page)
                known = self.work.remembered(page)
                if known is None:
                    future = self.pool.submit(_in_worker, _compose_and_make, page.number,
                                              self.work.carried_to(page), self.drawing)
                    self.pending[future] = (index, None)
                    if future.done():  # composed here (one worker): taken at once, as drawing may stop
                        self._take(future)
                        started = True
                    continue
                self.work.add(page, known)
                started = True  # its text carried on may let later pages start
                if self.drawing:
                    self._draw(index, known)

    def _draw(self, index: int, result: PageResult) -> None:
        task = self.line.make_task(result)
        record = self.reuse.write(task, self.line.folder) if self.reuse is not None else None
        if record is not None:
            self._finished(index, record)
        else:
            self.pending[self.pool.submit(_in_worker, _make, task)] = (index, task)

    def _drain(self) -> None:
        """Take results as they come (those done at once in page order) until none is
        pending, starting the pages each makes ready."""
        from concurrent.futures import FIRST_COMPLETED, wait

        while self.pending:
            finished, _ = wait(list(self.pending), return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=lambda f: self.pending[f][0]):
                self._take(future)
            self._start()

    def _take(self, future: Any) -> None:
        """One finished call: a drawn page's record, or a composed page (and its record)
        added to the composition."""
        index, task = self.pending.pop(future)
        try:
            out = future.result()
        except Exception as exc:  # a worker's error: reported for the first page in page order
            self.failed[index] = exc
            return
        if task is not None:
            self._keep(task, out)
            self._finished(index, out)
            return
        result, record = out
        self.work.add(self.work.issue.pages[index], result)
        if record is not None:
            self._keep(self.line.make_task(result), record)
            self._finished(index, record)
        if self.drawing and self.work.fails(result):
            self.drawing = False  # the build will stop: compose the rest only, for the error

    def _keep(self, task: PageTask, record: PageRecord) -> None:
        if self.reuse is not None:
            self.reuse.put(task, record, self.line.folder)

    def _finished(self, index: int, record: PageRecord) -> None:
        self.records[index] = record
        if self.done is not None:
            self.done(record)

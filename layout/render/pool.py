"""Pages made in parallel: a pool of worker processes, one per core.

Each page's file depends only on its `PageTask`, so the files are byte-identical
whatever the number of workers (tests/build/test_parallel.py). Workers are forked from
the building process (Linux, macOS with fork), so they start with every module, font
and table already loaded; a process with other threads running (a server embedding
the builder) works in-process instead, as fork would copy their locks mid-use.

Workers die with their parent (Linux `PR_SET_PDEATHSIG`): a killed build leaves no
process writing on. Their temporary files (Ghostscript's rasters) go into the staging
folder, which the next build removes, never into $TMPDIR.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from pathlib import Path

from layout.errors import PaibanError
from layout.i18n import _
from layout.render.jobs import PageCache, PageRecord, PageTask, run_page
from layout.render.outfolder import TEMP

PR_SET_PDEATHSIG = 1


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def run_pages(tasks: Sequence[PageTask], folder: Path, workers: int | None = None,
              done: Callable[[PageRecord], None] | None = None, reuse: PageCache | None = None) -> list[PageRecord]:
    """Make every task's page file in `folder`; records in task order. `done` is told
    of each record as it arrives (in the calling process). Tasks `reuse` made before
    are written from it, not drawn again; the others are added to it."""
    if reuse is None:
        return _make(tasks, folder, workers, done)
    known: dict[str, PageRecord] = {}
    for task in tasks:
        record = reuse.write(task, folder)
        if record is not None:
            known[task.name] = record
            if done:
                done(record)
    fresh = [task for task in tasks if task.name not in known]
    for task, record in zip(fresh, _make(fresh, folder, workers, done)):
        reuse.put(task, record, folder)
        known[task.name] = record
    return [known[task.name] for task in tasks]


def _make(tasks: Sequence[PageTask], folder: Path, workers: int | None,
          done: Callable[[PageRecord], None] | None) -> list[PageRecord]:
    if not tasks:
        return []
    count = min(workers or default_workers(), len(tasks))
    if count <= 1 or not can_fork():
        with temp_in(folder):
            made = []
            for task in tasks:
                made.append(run_page(task, folder))
                if done:
                    done(made[-1])
            return made
    # imported here: multiprocessing's connections and the executor cost a one-page build ~0.1 s of imports
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork")
    records: dict[str, PageRecord] = {}
    pool = ProcessPoolExecutor(count, mp_context=context, initializer=_start_worker,
                               initargs=(str(folder), os.getpid()))
    try:
        for future in as_completed([pool.submit(run_page, task, folder) for task in tasks]):
            record = future.result()
            records[record.name] = record
            if done:
                done(record)
    except BrokenProcessPool:
        raise PaibanError(_("a worker process drawing pages died (killed, or out of memory?); nothing was written: "
                            "build again, or with --workers 1")) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # on an error, pages not yet begun are dropped
    return [records[task.name] for task in tasks]


WORKER_GC = (50_000, 50, 50)  # a worker's collector thresholds: its many small objects rarely form cycles


def _start_worker(folder: str, parent: int) -> None:
    """In each worker: die with the parent, temporary files into the staging folder,
    Ctrl-C handled by the parent alone. What the worker was forked with (modules, fonts,
    the composed issue) is frozen out of its garbage collector: never traversed again,
    so its memory pages stay shared with the parent instead of being copied."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    tempfile.tempdir = _temp_folder(Path(folder))
    gc.freeze()
    gc.set_threshold(*WORKER_GC)


def _die_with_parent(parent: int) -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _temp_folder(folder: Path) -> str:
    path = folder / TEMP
    path.mkdir(exist_ok=True)
    return str(path)


@contextmanager
def temp_in(folder: Path):
    """Temporary files of this process into `folder`/.tmp for the duration."""
    saved = tempfile.tempdir
    tempfile.tempdir = _temp_folder(folder)
    try:
        yield
    finally:
        tempfile.tempdir = saved

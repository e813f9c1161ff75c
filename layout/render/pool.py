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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.errors import PaibanError
from layout.i18n import _
from layout.render.outfolder import TEMP

if TYPE_CHECKING:
    from concurrent.futures import Future

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


class Inline:
    """An executor that runs each call at once, in this process (one worker, or no fork)."""

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        from concurrent.futures import Future

        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # handed to the caller through the future, like a pool's
            future.set_exception(exc)
        return future


@contextmanager
def worker_pool(count: int, folder: Path, initializer: Callable[..., None] | None = None,
                initargs: tuple = ()) -> Iterator[Any]:
    """An executor of `count` worker processes forked from this one (each first runs
    `initializer(*initargs)`, handed over by the fork, never pickled), or `Inline` when
    one is asked for or this process cannot fork (then the initializer runs here).
    Temporary files go into `folder`; a worker that dies is an error for people; on an
    error, calls not yet begun are dropped."""
    if count <= 1 or not can_fork():
        if initializer is not None:
            initializer(*initargs)
        with temp_in(folder):
            yield Inline()
        return
    # imported here: multiprocessing's connections and the executor cost a one-page build ~0.1 s of imports
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(count, mp_context=context, initializer=_start_worker,
                               initargs=(str(folder), os.getpid(), initializer, initargs))
    try:
        yield pool
    except BrokenProcessPool:
        raise PaibanError(_("a worker process drawing pages died (killed, or out of memory?); nothing was written: "
                            "build again, or with --workers 1")) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


WORKER_GC = (50_000, 50, 50)  # a worker's collector thresholds: its many small objects rarely form cycles


def _start_worker(folder: str, parent: int, initializer: Callable[..., None] | None = None,
                  initargs: tuple = ()) -> None:
    """In each worker: die with the parent, temporary files into the staging folder,
    Ctrl-C handled by the parent alone. What the worker was forked with (modules, fonts,
    the composed issue) is frozen out of its garbage collector: never traversed again,
    so its memory pages stay shared with the parent instead of being copied."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    tempfile.tempdir = _temp_folder(Path(folder))
    if initializer is not None:
        initializer(*initargs)
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

"""Worker processes, one per core, for work that splits by page: composing pages
(layout.compose.issue) and making their files (layout/pipeline.py).

Workers are forked from the calling process (Linux, macOS with fork), so they start
with every module, font, table and the issue already loaded, and with a `state` the
caller hands over through the fork, never pickled: each call `pool.submit(fn, *args)`
runs `fn(state, *args)` in a worker. A process with other threads running (a server
embedding the builder) works in-process instead (`Inline`), as fork would copy their
locks mid-use; so does a pool of one. The results are the same either way: what a call
returns depends only on the state and its arguments.

Workers die with their parent (Linux `PR_SET_PDEATHSIG`): a killed build leaves no
process writing on. Their temporary files (Ghostscript's rasters) go into the folder
the caller names (the build's staging folder, which the next build removes), never
into $TMPDIR.
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

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

PR_SET_PDEATHSIG = 1
WORKER_GC = (50_000, 50, 50)  # a worker's collector thresholds: its many small objects rarely form cycles

_STATE: list[Any] = []  # in a worker: the state it was forked with


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
    """Runs each call at once, in this process, with `state`."""

    inline = True  # what a caller may overlap with the calls runs before them (layout.compose.issue.Runner)

    def __init__(self, state: Any):
        self.state = state

    def submit(self, fn: Callable[..., Any], *args: Any, alone: bool = False) -> Future:
        from concurrent.futures import Future

        future: Future = Future()
        try:
            future.set_result(fn(self.state, *args))
        except BaseException as exc:  # handed to the caller through the future, like a pool's
            future.set_exception(exc)
        return future


class Forked:
    """Runs each call in one of `count` workers, forked at the first call that is not
    `alone`: a call the caller knows to be the only work there is (a warm rebuild's one
    changed page) runs in this process while no worker exists, sparing the fork."""

    inline = False

    def __init__(self, count: int, state: Any, temp: Path | None):
        self.count, self.state, self.temp = count, state, temp
        self.executor: ProcessPoolExecutor | None = None

    def submit(self, fn: Callable[..., Any], *args: Any, alone: bool = False) -> Future:
        if alone and self.executor is None:
            with temp_in(self.temp):
                return Inline(self.state).submit(fn, *args)
        if self.executor is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self.executor = ProcessPoolExecutor(self.count, mp_context=multiprocessing.get_context("fork"),
                                                initializer=_start_worker,
                                                initargs=(str(self.temp) if self.temp else "", os.getpid(), self.state))
        return self.executor.submit(_call, fn, *args)

    def shutdown(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)


def _call(fn: Callable[..., Any], *args: Any) -> Any:
    return fn(_STATE[0], *args)


@contextmanager
def worker_pool(count: int, state: Any, temp: Path | None = None) -> Iterator[Inline | Forked]:
    """`count` workers forked from this process (at the first call that needs them),
    each holding `state` (or `Inline` when one is asked for or this process cannot fork). Temporary files go into `temp` (made
    when needed); a worker that dies is an error for people; on an error, calls not yet
    begun are dropped."""
    if count <= 1 or not can_fork():
        with temp_in(temp):
            yield Inline(state)
        return
    # imported here: multiprocessing's connections and the executor cost a one-page build ~0.1 s of imports
    from concurrent.futures.process import BrokenProcessPool

    pool = Forked(count, state, temp)
    try:
        yield pool
    except BrokenProcessPool:
        raise PaibanError(_("a worker process composing or drawing pages died (killed, or out of memory?); "
                            "nothing was written: run the command again (a build can also run with --workers 1)")
                          ) from None
    finally:
        pool.shutdown()


def _start_worker(temp: str, parent: int, state: Any) -> None:
    """In each worker: die with the parent, temporary files into `temp`, Ctrl-C handled
    by the parent alone. What the worker was forked with (modules, fonts, the issue) is
    frozen out of its garbage collector: never traversed again, so its memory pages stay
    shared with the parent instead of being copied."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if temp:
        tempfile.tempdir = _temp_folder(Path(temp))
    _STATE[:] = [state]
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


def _temp_folder(path: Path) -> str:
    path.mkdir(exist_ok=True)
    return str(path)


@contextmanager
def temp_in(temp: Path | None) -> Iterator[None]:
    """Temporary files of this process into `temp` for the duration (if given)."""
    if temp is None:
        yield
        return
    saved = tempfile.tempdir
    tempfile.tempdir = _temp_folder(temp)
    try:
        yield
    finally:
        tempfile.tempdir = saved

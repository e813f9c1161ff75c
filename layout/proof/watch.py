"""Re-proof an issue whenever one of its files changes.

Polls the modification time and size of issue.yaml and every file the issue uses
(body files, photos, fonts of its own) every `interval` seconds: no extra dependency,
and it works on network drives where change notification does not. A change rebuilds
the proof with the state of the last run, so only pages whose type or notes changed
are drawn and rasterized again (layout/proof/build.py); their zoom tiles (the slowest
part: a 200 dpi image of the sheet) are written once the edits pause for `TILE_IDLE`.
An issue that stops loading mid-edit (a YAML slip) is reported and watched until it
loads again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from layout.errors import PaibanError
from layout.model.loader import ISSUE_FILE
from layout.proof.build import Progress, ProofOptions, ProofResult, ProofState, proof
from layout.proof.sheets import remove_stale_tiles, write_tiles

Stamp = dict[Path, tuple[int, int]]
EMPTY_WAIT = 1.0  # s a watched file may stay empty mid-save before it is proofed as empty
TILE_IDLE = 0.5   # s without a change before the zoom tiles of the pages drawn anew are written


@dataclass(frozen=True, slots=True)
class WatchEvent:
    """One run: the files that changed (none for the first run), the proof made (None
    when the issue did not load: then `error` says why) and the seconds from seeing
    the change to the proof written."""

    changed: tuple[Path, ...]
    result: ProofResult | None
    error: str
    seconds: float


def stamps(files) -> Stamp:
    """(mtime in ns, size) of each file; missing files are left out."""
    out = {}
    for file in files:
        try:
            info = Path(file).stat()
        except OSError:
            continue
        out[Path(file)] = (info.st_mtime_ns, info.st_size)
    return out


def changed_files(before: Stamp, after: Stamp) -> tuple[Path, ...]:
    """Files added, removed or modified between two stamps."""
    return tuple(sorted(f for f in set(before) | set(after) if before.get(f) != after.get(f)))


def watch(folder: Path, out: Path, options: ProofOptions, report: Callable[[WatchEvent], None],
          stop: Callable[[], bool] = lambda: False, interval: float = 0.05,
          progress: Progress | None = None) -> None:
    """Proof `folder` into `out`, then again after every change, calling `report` after
    each run, until `stop()` is true (checked every `interval` seconds)."""
    import gc

    from layout.collector import quiet_collector

    state = ProofState()
    watched: tuple[Path, ...] = (Path(folder) / ISSUE_FILE,)
    now = stamps(watched)
    changed: tuple[Path, ...] = ()
    while True:
        with quiet_collector():  # no full scan of the proofs kept while one is made (layout/collector.py)
            event, watched, seen = _run(folder, out, options, state, changed, watched, now, progress)
        report(event)
        gc.collect()  # the page is back: the cycles the run left are collected while the editor reads it
        waiting, idle = event.result, time.monotonic() + TILE_IDLE  # the zoom tiles wait for a pause in the edits
        changed = ()
        while not changed:
            if stop():
                if waiting is not None:
                    tiles(waiting, lambda: False)
                return
            time.sleep(interval)
            now = stamps(watched)
            changed = changed_files(seen, now)
            if not changed and waiting is not None and time.monotonic() >= idle:
                tiles(waiting, partial(_changed_since, seen, watched))
                waiting = None
        now = settled(watched, now, interval, known=seen)
        changed = changed_files(seen, now)


def _changed_since(seen, watched) -> bool:
    """True when a watched file changed since `seen` (its stamps)."""
    return bool(changed_files(seen, stamps(watched)))


def tiles(result: ProofResult, pending: Callable[[], bool]) -> None:
    """The zoom tiles of the result's pages drawn anew, page by page, until `pending()`
    says a file changed meanwhile: the next run comes first, and writes the tiles still
    missing (a page's tiles are named by its content, so none are lost or mixed up)."""
    for page in result.pages:
        if pending():
            return
        write_tiles(result.out, page)
    remove_stale_tiles(result.out, result.pages)


def settled(files, now: Stamp, interval: float, most: int = 20, empty: float = EMPTY_WAIT,
            known: Stamp | None = None) -> Stamp:
    """The files' stamps once they stop changing: an editor's save truncates, then
    writes (or writes a temporary file, then renames it), and a look in between would
    proof an empty or half-written file. Waits `interval` between looks, at most
    `most` looks; while a watched file is empty (size 0) or missing (one that was in
    `known`, the stamps before the change), the files are not
    taken as settled for up to `empty` seconds (an editor may pause between truncating
    and writing, or between removing and renaming: proofing then would report a false
    "the file is empty"); a file still empty or missing after that is proofed, and
    reported, as it is."""
    deadline = time.monotonic() + empty
    looks = 0
    while True:
        time.sleep(interval)
        again = stamps(files)
        looks += 1
        gap = any(f not in again for f in (known or {})) or any(size == 0 for _m, size in again.values())  # mid-save
        waiting = gap and time.monotonic() < deadline
        if again == now and not waiting:
            return now
        if looks >= most and not waiting:
            return again
        now = again


def show_error(out: Path, error: str) -> None:
    """Tell an open proof page (through live.js) that the issue does not load: it shows
    `error` in a red bar over the last good proof until a proof is written again."""
    import json

    from layout.render import write_set

    if Path(out).is_dir():
        write_set(Path(out), {"live.js": f"window.paibanLive && window.paibanLive(null, {json.dumps(error)});\n"
                  .encode()})


def _run(folder, out, options, state, changed, watched, before: Stamp,
         progress) -> tuple[WatchEvent, tuple[Path, ...], Stamp]:
    """One proof run, `before` holding the watched files' stamps just before it: its
    event, the files to watch next and their stamps as the run saw them. A file saved while the run was reading keeps its stamp from before the
    run (or, if it is new to the watch, a blank one), so the next look sees it changed."""
    start, wall = time.perf_counter(), time.time_ns()
    try:
        result = proof(folder, out, options, state, progress, tiles=False)  # tiles after the report
        files, error = result.files, ""
    except PaibanError as exc:
        result, files, error = None, watched, str(exc)
        if options.live:
            show_error(out, error)
    after = stamps(files)
    for file, stamp in after.items():
        if file in before and before[file] != stamp:
            after[file] = before[file]      # changed during the run
        elif file not in before and stamp[0] >= wall:
            after[file] = (0, 0)            # new to the watch and written during the run
    return WatchEvent(changed, result, error, time.perf_counter() - start), files, after

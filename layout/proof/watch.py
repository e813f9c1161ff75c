"""Re-proof an issue whenever one of its files changes.

Polls the modification time and size of issue.yaml and every file the issue uses
(body files, photos, fonts of its own) every `interval` seconds: no extra dependency,
and it works on network drives where change notification does not. A change rebuilds
the proof with the state of the last run, so only pages whose type or notes changed
are drawn and rasterized again (layout/proof/build.py). An issue that stops loading
mid-edit (a YAML slip) is reported and watched until it loads again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from layout.errors import PaibanError
from layout.model.loader import ISSUE_FILE
from layout.proof.build import ProofOptions, ProofResult, ProofState, Progress, proof

Stamp = dict[Path, tuple[int, int]]


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
    state = ProofState()
    watched = (Path(folder) / ISSUE_FILE,)
    event, watched = _run(folder, out, options, state, (), watched, progress)
    report(event)
    seen = stamps(watched)
    while not stop():
        time.sleep(interval)
        now = stamps(watched)
        if now == seen:
            continue
        event, watched = _run(folder, out, options, state, changed_files(seen, now), watched, progress)
        report(event)
        seen = stamps(watched) if event.result is not None else now


def _run(folder, out, options, state, changed, watched, progress) -> tuple[WatchEvent, tuple[Path, ...]]:
    """One proof run; returns its event and the files to watch next."""
    start = time.perf_counter()
    try:
        result = proof(folder, out, options, state, progress)
    except PaibanError as exc:
        return WatchEvent(changed, None, str(exc), time.perf_counter() - start), watched
    return WatchEvent(changed, result, "", time.perf_counter() - start), result.files

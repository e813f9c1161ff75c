"""Files of the cache folder (parsed fonts, font metrics, converted photos' neighbours):
written whole or not at all, and no temporary file left behind by a killed process.

A file is written as `.NAME.PID.tmp` beside its place and renamed over it; a process
killed between the two leaves its temporary file, which the next process to use that
folder removes (`sweep`: temporaries of processes that no longer run).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

TEMP_RE = re.compile(r"^\..+\.(\d+)\.tmp$")
_SWEPT: set[Path] = set()  # folders this process has swept already


def write_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` whole (a temporary beside it, renamed); False when the
    cache cannot be written (that is no error: the cache is an optimisation)."""
    temp = path.parent / f".{path.name}.{os.getpid()}.tmp"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(data)
        os.replace(temp, path)
        return True
    except OSError:
        return False
    finally:
        if temp.exists():
            temp.unlink(missing_ok=True)


def sweep(folder: Path) -> None:
    """Remove the temporary files in `folder` that processes no longer running left
    (once per process and folder)."""
    if folder in _SWEPT:
        return
    _SWEPT.add(folder)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        found = TEMP_RE.match(name)
        if found and not _running(int(found.group(1))):
            (folder / name).unlink(missing_ok=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # another user's process, or a number no process can have: leave it
    return True

"""Files of the cache folder (parsed fonts, font metrics, converted photos): written
whole or not at all, no temporary file left behind by a killed process, and the
content hash they are keyed by, worked out once per file and process.

A file is written as `.NAME.PID.tmp` beside its place and renamed over it; a process
killed between the two leaves its temporary file, which the next process to use that
folder removes (`sweep`: temporaries of processes that no longer run).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

TEMP_RE = re.compile(r"^\..+\.(\d+)\.tmp$")
_SWEPT: set[Path] = set()  # folders this process has swept already
_DIGESTS: dict[Path, tuple[tuple[int, int, int, int], str]] = {}  # path → (stat signature, SHA-256): this process


def file_digest(path: Path) -> str:
    """SHA-256 of the file at `path`, hashed again whenever its size, time, inode or
    device changes (what caches of a file's parse are keyed by: fonts, their metrics)."""
    stat = os.stat(path)
    signature = (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_dev)
    known = _DIGESTS.get(path)
    if known is not None and known[0] == signature:
        return known[1]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    _DIGESTS[path] = (signature, digest)
    return digest


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
        if found and not process_alive(int(found.group(1))):
            (folder / name).unlink(missing_ok=True)


def process_alive(pid: int) -> bool:
    """True when a process `pid` exists (it may be another one reusing the number), or
    when that cannot be told (another user's process, a number out of range)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True

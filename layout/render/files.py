"""Files land whole or not at all: for the output folder and for the plant's hot folder.

Every file is written under a temporary name in a hidden staging folder on the same file
system, flushed, and renamed into place (rename is atomic), so a watcher never sees a
partial file; the manifest comes last, so a complete manifest means a complete set.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

MANIFEST = "manifest.json"


def write_set(folder: Path, files: Mapping[str, bytes], sync: bool = False) -> tuple[Path, ...]:
    """Write `files` (name → bytes) into `folder`, manifest last; with `sync`, each file
    (and the folder) is flushed to disk before it is renamed into place."""
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".paiban-", dir=folder))
    try:
        for name, data in files.items():
            _write(staging / name, data, sync)
        written = []
        for name in sorted(files, key=lambda n: n == MANIFEST):  # manifest last
            os.replace(staging / name, folder / name)
            written.append(folder / name)
            if sync:
                _sync_folder(folder)
        return tuple(written)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write(path: Path, data: bytes, sync: bool) -> None:
    with open(path, "wb") as out:
        out.write(data)
        if sync:
            out.flush()
            os.fsync(out.fileno())


def _sync_folder(folder: Path) -> None:
    """Make the renames durable (POSIX); a no-op where folders cannot be opened."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)

"""Files land whole: `write_set` for folders that are updated file by file (proofs,
diffs). The build's own output folder is switched whole instead (outfolder.py).

Every file is written under a temporary name in a hidden staging folder on the same file
system, flushed, and renamed into place (rename is atomic), so a watcher never sees a
partial file; the manifest comes last, so a complete manifest means a complete set.
A staging folder left by a killed process (its pid is in the name) is removed by the
next `write_set` into the same folder.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Mapping
from pathlib import Path

from layout.cachefiles import process_alive
from layout.render.outfolder import MANIFEST, sync_folder, write_synced

PREFIX = ".paiban-"


def write_set(folder: Path, files: Mapping[str, bytes], sync: bool = False) -> tuple[Path, ...]:
    """Write `files` (name → bytes) into `folder`, manifest last; with `sync`, the
    folder is flushed after each rename (files are always flushed before theirs)."""
    folder.mkdir(parents=True, exist_ok=True)
    _remove_stale(folder)
    staging = folder / f"{PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
    os.mkdir(staging)
    try:
        for name, data in files.items():
            write_synced(staging / name, data)
        written = []
        for name in sorted(files, key=lambda n: n == MANIFEST):  # manifest last
            os.replace(staging / name, folder / name)
            written.append(folder / name)
            if sync:
                sync_folder(folder)
        return tuple(written)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _remove_stale(folder: Path) -> None:
    """Remove staging folders whose process is gone."""
    for entry in folder.glob(f"{PREFIX}*"):
        pid = entry.name[len(PREFIX):].split("-", 1)[0]
        if entry.is_dir() and pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(entry, ignore_errors=True)

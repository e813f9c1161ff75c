"""The site folder is replaced whole: the old site or the new one, never a mix.

The new site is written into a hidden staging folder beside the target (same file
system), then switched in: on Linux both folders are exchanged in one atomic rename
(renameat2 RENAME_EXCHANGE), so readers never find the folder missing; elsewhere the old
folder is renamed away and the new one renamed into place, a moment apart. The old
site is then deleted. If anything fails before the switch, the target is untouched.

(layout/render/files.py writes flat sets of files by rename; a site is a tree that
must also lose the files the new issue no longer has, hence this folder switch.)

A folder that holds something other than a paiban e-paper is never replaced.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from layout.errors import PaibanError
from layout.i18n import _

INDEX = "stories.json"
GENERATOR = "paiban epaper"
AT_FDCWD = -100
RENAME_EXCHANGE = 2
FOLDER_MODE = 0o755  # the site is for a web server to read


def publish(target: Path, files: Mapping[str, bytes]) -> tuple[Path, ...]:
    """Make `target` a folder holding exactly `files` (relative path → bytes), whole
    or not at all. Raises PaibanError when `target` is a file or a folder with other
    content than an e-paper."""
    target = Path(target).resolve()  # through a link (current → 20240315): the folder it names is replaced
    check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.paiban-", dir=target.parent))
    try:
        for name, data in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        for folder in [staging, *(p for p in staging.rglob("*") if p.is_dir())]:
            folder.chmod(FOLDER_MODE)
        old = _switch(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return tuple(target / name for name in files)


def check_target(target: Path) -> None:
    """Refuse a target that is a file, or a non-empty folder without an e-paper index."""
    if target.exists() and not target.is_dir():
        raise PaibanError(_("{target}: is a file; give a folder for the e-paper (nothing was written)")
                          .format(target=target))
    if target.is_dir() and any(target.iterdir()) and not is_epaper(target):
        raise PaibanError(_("{target}: the folder holds other files and no e-paper made by paiban ({index} from "
                            "`paiban epaper`); it would be replaced whole, so give a new or empty folder (nothing "
                            "was written)").format(target=target, index=INDEX))


def is_epaper(folder: Path) -> bool:
    try:
        index = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(index, dict) and index.get("generator") == GENERATOR


def _switch(staging: Path, target: Path) -> Path | None:
    """Put `staging` where `target` is; returns where the old target now is (to delete),
    or None when there was none."""
    if not target.exists():
        os.rename(staging, target)
        return None
    if _exchange(staging, target):
        return staging
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rmdir(old)
    os.rename(target, old)
    os.rename(staging, target)
    return old


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux renameat2); False where that is not possible."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    done = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return done == 0

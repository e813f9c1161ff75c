"""Switch a whole folder at once: exchange two paths in one atomic step.

On Linux, `renameat2(…, RENAME_EXCHANGE)` (kernel 3.15+, ext4, xfs, btrfs, tmpfs, …)
swaps two directory entries atomically: a reader sees the old folder or the new one,
never neither and never a mix. On macOS, `renamex_np(…, RENAME_SWAP)` does the same
on APFS. Where neither exists or the file system refuses (EINVAL, ENOTSUP, ENOSYS:
some network and FUSE file systems), `exchange` returns False and the caller falls
back to two renames (see layout/render/outfolder.py: briefly no folder, never a mix).
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import sys
from functools import lru_cache
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2        # linux/fs.h
RENAME_SWAP = 0x2          # macOS sys/stdio.h
SYS_RENAMEAT2 = {"x86_64": 316, "aarch64": 276, "armv7l": 382, "i686": 353, "ppc64le": 357, "s390x": 347,
                 "riscv64": 276}
UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}


@lru_cache(maxsize=1)
def _libc():
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _call(a: Path, b: Path) -> int | None:
    """Errno of the system's exchange call (0 on success), None when there is none."""
    libc = _libc()
    if libc is None:
        return None
    paths = (os.fsencode(a), os.fsencode(b))
    if sys.platform.startswith("linux"):
        if hasattr(libc, "renameat2"):
            result = libc.renameat2(AT_FDCWD, paths[0], AT_FDCWD, paths[1], RENAME_EXCHANGE)
        elif platform.machine() in SYS_RENAMEAT2:  # glibc < 2.28, musl: the raw system call
            result = libc.syscall(SYS_RENAMEAT2[platform.machine()], AT_FDCWD, paths[0], AT_FDCWD,
                                  paths[1], RENAME_EXCHANGE)
        else:
            return None
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        result = libc.renamex_np(paths[0], paths[1], RENAME_SWAP)
    else:
        return None
    return 0 if result == 0 else ctypes.get_errno()


def exchange(a: Path, b: Path) -> bool:
    """Swap the entries `a` and `b` (both must exist) atomically. True when done; False
    when this system or file system cannot (nothing changed then); OSError otherwise."""
    code = _call(a, b)
    if code is None or code in UNSUPPORTED:
        return False
    if code:
        raise OSError(code, os.strerror(code), str(a), None, str(b))
    return True

"""One build at a time per folder: an exclusive lock on a small file beside it.

`flock` locks belong to the open file, so the kernel drops them when the process ends,
however it ends (a kill included): a lock file left behind by a killed build is free
again and the next build takes it over and removes it. The lock file holds the pid of
its holder, for the message the second build prints. Where `fcntl` is missing
(Windows) the file is created exclusively instead and a file whose process is gone is
taken over.
"""

from __future__ import annotations

import os
from pathlib import Path

from layout.cachefiles import process_alive

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class LockBusy(Exception):
    """Another process holds the lock; `holder` is its pid when known (else 0)."""

    def __init__(self, path: Path, holder: int):
        self.path, self.holder = path, holder
        super().__init__(f"{path} is held by process {holder or '?'}")


class FolderLock:
    """An exclusive, non-blocking lock on `path` (a file beside the folder it guards)."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> FolderLock:
        """Take the lock or raise LockBusy at once (never waits)."""
        self._fd = _flock(self.path) if fcntl is not None else _exclusive(self.path)
        os.ftruncate(self._fd, 0)
        os.write(self._fd, f"{os.getpid()}\n".encode())
        return self

    def release(self) -> None:
        """Remove the lock file, then let the lock go (in that order: a process waiting
        for this file finds it gone and makes its own)."""
        if self._fd is None:
            return
        try:
            os.unlink(self.path)
        except OSError:
            pass
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> FolderLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _flock(path: Path) -> int:
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise LockBusy(path, holder) from None
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)  # the holder removed the file as we opened it: lock the new one


def _exclusive(path: Path) -> int:  # pragma: no cover - Windows
    for _ in range(2):
        try:
            return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            holder = _read_holder(path)
            if holder and process_alive(holder):
                raise LockBusy(path, holder) from None
            os.unlink(path)  # left by a process that is gone
    raise LockBusy(path, 0)


def _holder(fd: int) -> int:
    try:
        return int(os.pread(fd, 32, 0).split()[0])
    except (OSError, ValueError, IndexError):
        return 0


def _read_holder(path: Path) -> int:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0

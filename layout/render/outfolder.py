"""The output folder holds the old set or the new one, never a mix: the new set is built
in a staging folder beside it and switched in whole.

Beside `OUT`, in its parent folder (so on the same file system):

    .OUT.paiban-lock         held while a build writes OUT (layout/render/lock.py)
    .OUT.paiban-new-XXXXXXXX the staging folder the new set is written into
    .OUT.paiban-old-XXXXXXXX the previous set, only in the two-rename fallback

`commit()` flushes every file and the staging folder, then exchanges staging and OUT in
one atomic step (layout/render/swap.py) and removes the old set, now at the staging
path. Without an atomic exchange it renames OUT aside, then staging to OUT: for that
moment there is no OUT at all, never a mix. A build killed at any point leaves these
hidden entries, never a changed OUT; the next build into OUT, holding the lock, removes
them (and puts a set renamed aside back if OUT is missing).

OUT is paiban's: a build replaces it whole, so files of older builds (another date, a
page no longer in the issue) never stay beside a new set. To keep a user's other files
safe, a folder that is not empty and holds no paiban manifest is refused.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from layout.errors import PaibanError
from layout.i18n import N_, _
from layout.render.lock import FolderLock, LockBusy
from layout.render.swap import exchange

OUTPUT = N_("the output folder")  # what the messages call it, translated where shown
MANIFEST = "manifest.json"
TEMP = ".tmp"  # temporary files of the build's processes, inside the staging folder


def hidden_tag(folder: Path) -> str:
    """The name part of the hidden entries beside `folder` (short enough for any
    file system: long names are cut and made unique by a hash)."""
    name = folder.name
    if len(name.encode()) <= 80:
        return name
    return name[:40] + "-" + hashlib.sha256(name.encode()).hexdigest()[:12]


def target_path(out: Path) -> Path:
    """`out` made absolute, with symlinks followed (the real folder is switched; a link
    to it keeps pointing at the new set)."""
    return Path(os.path.realpath(os.path.abspath(out)))


def check_creatable(folder: Path, what: str) -> None:
    """Refuse, before any work, a `folder` that is a file or cannot be made: the nearest
    existing ancestor must be a writable folder."""
    if folder.exists() and not folder.is_dir():
        raise PaibanError(_("{what} {folder} is a file, not a folder: name a folder (it is made if missing)").format(
            what=_(what), folder=folder))
    probe = folder if folder.exists() else folder.parent
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir():
        raise PaibanError(_("cannot make {what} {folder}: {probe} is a file, not a folder").format(
            what=_(what), folder=folder, probe=probe))
    if not os.access(probe, os.W_OK | os.X_OK):
        reason = _("is on a read-only file system") if _read_only(probe) else _("is not writable")
        raise PaibanError(_("cannot write {what} {folder}: {probe} {reason}; choose another folder").format(
            what=_(what), folder=folder, probe=probe, reason=reason))


def _read_only(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def os_problem(exc: OSError, what: str, folder: Path) -> PaibanError:
    """An OSError while writing `what` as a message for people."""
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        advice = _("no space left on the device: free some space or choose another folder")
    elif exc.errno == errno.EROFS:
        advice = _("the file system is read-only: choose another folder")
    elif exc.errno in (errno.EACCES, errno.EPERM):
        advice = _("permission denied: make it writable or choose another folder")
    else:
        advice = f"{exc.strerror or exc}"
    return PaibanError(_("cannot write {what} in {folder}: {advice}").format(what=_(what), folder=folder, advice=advice))


class OutputFolder:
    """One build's output: `open()` before any file is written, `write()` into the
    staging folder, `commit()` to switch, `close()` always (removes what a failed build
    left). Use as a context manager: leaving it without commit leaves OUT as it was."""

    def __init__(self, out: Path):
        self.out = target_path(out)
        self.parent = self.out.parent
        self.tag = hidden_tag(self.out)
        self.lock = FolderLock(self.parent / f".{self.tag}.paiban-lock")
        self.staging: Path | None = None
        self.committed = False
        self._made: list[Path] = []

    # ---------------------------------------------------------------- opening

    def open(self) -> OutputFolder:
        """Check OUT, make its parent folders, take the lock, clean up after killed
        builds and make the staging folder."""
        check_creatable(self.out, OUTPUT)
        self._refuse_foreign()
        try:
            self._made = _make_parents(self.parent)
            self.lock.acquire()
        except LockBusy as busy:
            self._unmake()
            raise PaibanError(_("another build (process {pid}) is writing {folder}; wait for it to finish or choose "
                                "another output folder").format(pid=busy.holder or "?", folder=self.out)) from None
        except OSError as exc:
            self._unmake()
            raise os_problem(exc, OUTPUT, self.parent) from None
        try:
            self.recover()
            self.staging = self.parent / f".{self.tag}.paiban-new-{secrets.token_hex(4)}"
            os.mkdir(self.staging)  # mode from the umask, like a folder the user makes
        except OSError as exc:
            self.close()
            raise os_problem(exc, OUTPUT, self.parent) from None
        return self

    def _refuse_foreign(self) -> None:
        """A folder that is a mount point, or holds files and no paiban manifest, is
        not ours to replace."""
        if not self.out.is_dir():
            return
        if os.path.ismount(self.out):
            raise PaibanError(_("the output folder {folder} is a mount point; paiban switches its output folder "
                                "whole, so name a folder inside it").format(folder=self.out))
        names = sorted(p.name for p in self.out.iterdir())
        if names and not is_paiban_output(self.out):
            shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
            raise PaibanError(_("the output folder {folder} holds files paiban did not write ({shown}); a build "
                                "replaces its output folder whole, so name a new or empty folder, or an earlier "
                                "paiban output folder").format(folder=self.out, shown=shown))

    def recover(self) -> None:
        """Remove what killed builds left beside OUT; put back a set renamed aside by the
        two-rename fallback when OUT itself is missing. Call with the lock held."""
        for entry in sorted(self.parent.glob(f".{self.tag}.paiban-old-*")):
            if not self.out.exists():
                os.rename(entry, self.out)
            else:
                shutil.rmtree(entry, ignore_errors=True)
        for entry in self.parent.glob(f".{self.tag}.paiban-new-*"):
            shutil.rmtree(entry, ignore_errors=True)

    # ---------------------------------------------------------------- writing

    @property
    def folder(self) -> Path:
        """The staging folder the new set is written into (while open)."""
        assert self.staging is not None, "OutputFolder not open"
        return self.staging

    def path(self, name: str) -> Path:
        """Where file `name` of the new set is written (in the staging folder)."""
        return self.folder / name

    def write(self, name: str, data: bytes | Callable[[BinaryIO], None]) -> Path:
        """Write file `name` of the new set, flushed to disk: `data`, or what `data`
        writes to the open file (a large file written as it is made)."""
        path = self.path(name)
        try:
            write_synced(path, data)
        except OSError as exc:
            raise os_problem(exc, name, self.out) from None
        return path

    def names(self) -> list[str]:
        return sorted(p.name for p in self.staging.iterdir()) if self.staging else []

    # ---------------------------------------------------------------- switching

    def commit(self) -> tuple[Path, ...]:
        """Switch the new set in whole; returns the paths of its files in OUT."""
        assert self.staging is not None, "OutputFolder not open"
        shutil.rmtree(self.staging / TEMP, ignore_errors=True)
        names = self.names()
        try:
            sync_folder(self.staging)
            if self.out.exists():
                self._replace()
            else:
                os.rename(self.staging, self.out)
            sync_folder(self.parent)
        except OSError as exc:
            raise os_problem(exc, OUTPUT, self.parent) from None
        self.committed = True
        shutil.rmtree(self.staging, ignore_errors=True)  # the old set, after an exchange
        self.staging = None
        return tuple(self.out / name for name in names)

    def _replace(self) -> None:
        """New set in, old set out: one atomic exchange, or two renames."""
        staging = self.folder
        if exchange(staging, self.out):
            return
        aside = self.parent / f".{self.tag}.paiban-old-{secrets.token_hex(4)}"
        os.rename(self.out, aside)
        os.rename(staging, self.out)
        sync_folder(self.parent)
        self.staging = aside  # removed by commit()

    def close(self) -> None:
        """Remove the staging folder (a failed build's files), release the lock, remove
        the parent folders `open()` made if nothing was committed."""
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        self.lock.release()
        if not self.committed:
            self._unmake()

    def _unmake(self) -> None:
        for folder in reversed(self._made):
            try:
                folder.rmdir()
            except OSError:
                break
        self._made = []

    def __enter__(self) -> OutputFolder:
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()


def is_paiban_output(folder: Path) -> bool:
    """True when `folder` holds a manifest written by paiban."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and "naming" in manifest and isinstance(manifest.get("pages"), list)


def _make_parents(folder: Path) -> list[Path]:
    """Make `folder` and its missing ancestors; return those made, outermost first."""
    missing = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for path in reversed(missing):
        os.mkdir(path)
    return list(reversed(missing))


def write_synced(path: Path, data: bytes | Callable[[BinaryIO], None]) -> None:
    """Write `data` (bytes, or a function writing to the open file) to `path` and flush
    it to disk."""
    with open(path, "wb") as out:
        if callable(data):
            data(out)
        else:
            out.write(data)
        out.flush()
        os.fsync(out.fileno())


def sync_file(path: Path) -> None:
    """Flush a file written by someone else (pikepdf) to disk."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def sync_folder(folder: Path) -> None:
    """Make renames in `folder` durable (POSIX); a no-op where folders cannot be opened."""
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

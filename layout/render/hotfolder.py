"""Delivery to the plant's hot folder: the manifest is the commit mark.

A hot folder is watched by the plant's software, so it is never switched whole (that
would move the watched folder away); files are renamed into it one by one, each
complete, and `manifest.json` last. The files come from a staging folder *outside* the
hot folder, beside it on the same file system (`.HOT.paiban-deliver-XXXXXXXX`), so the
plant never sees a staging folder or a partial file:

1. the new files and a plan (what comes in, what goes aside) are written to staging;
2. the previous delivery's manifest is moved aside into staging, then its files that
   the new set does not bring identical; from here the hot folder holds no manifest
   (a watcher that waits for it takes nothing);
3. the new files are renamed in, the folder flushed, then the manifest: the commit.

A delivery that fails (a read-only or full hot folder) is rolled back at once; one
killed at any point is rolled back (before its manifest arrived) or finished (after) by
the next delivery to the same folder, which holds a lock meanwhile. So the hot folder
holds, whenever it has a manifest, exactly the set that manifest lists, every SHA-256
matching, and after any delivery the old set or the new one.

When the folder beside the hot folder cannot be written (a share whose parent is not
ours) or is another file system (the hot folder is a mount point), staging is a hidden
folder inside the hot folder instead: still atomic per file and manifest last, but a
kill leaves that hidden folder there until the next delivery.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Mapping
from pathlib import Path

from layout.errors import PaibanError
from layout.i18n import N_, _
from layout.render.lock import FolderLock, LockBusy
from layout.render.outfolder import (
    MANIFEST,
    check_creatable,
    hidden_tag,
    os_problem,
    sync_file,
    sync_folder,
    target_path,
    write_synced,
)

HOT = N_("the hot folder")  # what the messages call it, translated where shown
PLAN = "plan.json"
ASIDE = "aside"


def sha256_file(path: Path) -> str | None:
    """SHA-256 of the file at `path`, None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


class HotFolder:
    """Deliveries into one hot folder; `open()` checks it and takes its lock (before
    the build), `deliver()` places a set, `close()` releases."""

    def __init__(self, hot: Path):
        self.hot = target_path(hot)
        self.tag = hidden_tag(self.hot)
        self.lock: FolderLock | None = None

    def open(self) -> HotFolder:
        check_creatable(self.hot, HOT)
        beside = self.hot.parent
        place = beside if _writable(beside) else self.hot
        if place is self.hot and not self.hot.is_dir():
            raise PaibanError(_("cannot deliver to {folder}: neither it nor {beside} can be written").format(
                folder=self.hot, beside=beside))
        self.lock = FolderLock(place / f".{self.tag}.paiban-lock")
        try:
            self.lock.acquire()
        except LockBusy as busy:
            self.lock = None
            raise PaibanError(_("another build (process {pid}) is delivering to {folder}; wait for it to "
                                "finish").format(pid=busy.holder or "?", folder=self.hot)) from None
        except OSError as exc:
            self.lock = None
            raise os_problem(exc, HOT, self.hot) from None
        try:
            self.recover()
        except OSError as exc:
            self.close()
            raise os_problem(exc, HOT, self.hot) from None
        return self

    def close(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def __enter__(self) -> HotFolder:
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------- staging

    def _stagings(self) -> list[Path]:
        """Staging folders of earlier deliveries (beside the hot folder or inside it)."""
        found = list(self.hot.parent.glob(f".{self.tag}.paiban-deliver-*")) if self.hot.parent.is_dir() else []
        if self.hot.is_dir():
            found += list(self.hot.glob(".paiban-deliver-*"))
        return sorted(found)

    def _new_staging(self) -> Path:
        """A fresh staging folder: beside the hot folder when that is the same file
        system and writable, else hidden inside it."""
        token = secrets.token_hex(4)
        beside = self.hot.parent / f".{self.tag}.paiban-deliver-{token}"
        if _writable(self.hot.parent) and os.stat(self.hot.parent).st_dev == os.stat(self.hot).st_dev:
            os.mkdir(beside)
            return beside
        inside = self.hot / f".paiban-deliver-{token}"
        os.mkdir(inside)
        return inside

    # ------------------------------------------------------------- delivering

    def deliver(self, files: Mapping[str, Path], manifest: bytes) -> tuple[Path, ...]:
        """Place `files` (name → a finished file to copy) and `manifest` in the hot
        folder; returns the delivered paths, manifest last. On failure the hot folder
        is put back as it was and PaibanError raised."""
        staging = None
        try:
            self.hot.mkdir(parents=True, exist_ok=True)
            staging = self._new_staging()
            plan = self._stage(staging, files, manifest)
            self._swap_in(staging, plan)
        except OSError as exc:
            problem = os_problem(exc, "the delivery", self.hot)
            if staging is not None:
                try:
                    _roll_back(self.hot, staging)
                except OSError:  # keep staging: the next delivery's recover() finishes the job
                    raise PaibanError(_("{problem}; the hot folder could not be put back as it was, and holds no "
                                        "manifest: deliver again once it can be written").format(
                                            problem=problem)) from None
                shutil.rmtree(staging, ignore_errors=True)
            raise problem from None
        shutil.rmtree(staging, ignore_errors=True)
        return tuple(self.hot / name for name in plan["incoming"] + plan["kept"] + [MANIFEST])

    def _stage(self, staging: Path, files: Mapping[str, Path], manifest: bytes) -> dict:
        """Copy the new files into `staging` and write the plan (step 1)."""
        new = {}
        for name, source in files.items():
            shutil.copyfile(source, staging / name)
            sync_file(staging / name)
            new[name] = sha256_file(staging / name)
        write_synced(staging / MANIFEST, manifest)
        kept = sorted(n for n, sha in new.items() if sha256_file(self.hot / n) == sha)  # already there, identical
        if len(kept) == len(new) and sha256_file(self.hot / MANIFEST) == hashlib.sha256(manifest).hexdigest():
            return {"incoming": [], "kept": kept, "aside": [], "manifest": "", "new": new, "same": True}
        old = _listed(self.hot / MANIFEST)
        aside = [n for n in old if n not in kept and (self.hot / n).exists() and sha256_file(self.hot / n) == old[n]]
        aside += [n for n in new if n not in kept and n not in aside and (self.hot / n).exists()]
        plan = {"incoming": sorted(n for n in new if n not in kept), "kept": kept, "aside": sorted(aside),
                "manifest": hashlib.sha256(manifest).hexdigest(), "new": new}
        os.mkdir(staging / ASIDE)
        write_synced(staging / PLAN, json.dumps(plan, indent=1).encode())
        sync_folder(staging)
        return plan

    def _swap_in(self, staging: Path, plan: dict) -> None:
        """Steps 2 and 3: the old manifest and files aside, the new files in, the
        manifest last (nothing at all when the same set is already there)."""
        if plan.get("same"):
            return
        if (self.hot / MANIFEST).exists():
            os.rename(self.hot / MANIFEST, staging / ASIDE / MANIFEST)
            sync_folder(self.hot)
        for name in plan["aside"]:
            os.rename(self.hot / name, staging / ASIDE / name)
        for name in plan["incoming"]:
            os.rename(staging / name, self.hot / name)
        sync_folder(self.hot)
        os.rename(staging / MANIFEST, self.hot / MANIFEST)
        sync_folder(self.hot)

    def recover(self) -> None:
        """Finish or roll back what killed deliveries left (call with the lock held)."""
        for staging in self._stagings():
            plan = _read_plan(staging)
            committed = plan is not None and sha256_file(self.hot / MANIFEST) == plan["manifest"]
            if plan is not None and not committed:
                _roll_back(self.hot, staging, plan)
            shutil.rmtree(staging, ignore_errors=True)


def _roll_back(hot: Path, staging: Path, plan: dict | None = None) -> None:
    """Undo an uncommitted delivery: remove the files it renamed in (those still as it
    brought them), put back what it moved aside, the old manifest last."""
    plan = plan or _read_plan(staging)
    if plan is None:
        return  # killed before the plan: nothing in the hot folder was touched
    if sha256_file(hot / MANIFEST) == plan["manifest"]:
        return  # committed after all
    for name in plan["incoming"]:
        if not (staging / name).exists() and sha256_file(hot / name) == plan["new"][name]:
            os.rename(hot / name, staging / name)
    aside = staging / ASIDE
    for name in plan["aside"]:
        if (aside / name).exists():
            os.replace(aside / name, hot / name)
    sync_folder(hot)
    if (aside / MANIFEST).exists():
        os.replace(aside / MANIFEST, hot / MANIFEST)
        sync_folder(hot)


def _read_plan(staging: Path) -> dict | None:
    try:
        plan = json.loads((staging / PLAN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return plan if isinstance(plan, dict) and {"incoming", "aside", "manifest", "new"} <= plan.keys() else None


def _listed(manifest: Path) -> dict[str, str]:
    """File name → SHA-256 of every page a paiban manifest lists ({} if none)."""
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        return {p["file"]: p["sha256"] for p in data["pages"]
                if isinstance(p.get("file"), str) and "/" not in p["file"] and p["file"] not in ("", ".", "..")}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _writable(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)

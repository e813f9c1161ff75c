"""Fixtures of the build tests: two versions of a small two-page issue (the second moves
an article, drops page 2 for page 3 and changes the date, so old and new file names
partly differ and partly agree), snapshots of folders, and a harness that kills a
forked process at its Nth file-system step.

tests/build is a package, so this conftest does not shadow tests/conftest.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import BASE_YAML, edit, write_issue

TWO_PAGES = edit(BASE_YAML, "articles:\n", "  - number: 2\n    section: 本地\n    template: tabloid\n"
                 "    credits:\n      editor: 李四\narticles:\n")
TWO_PAGES = edit(TWO_PAGES, "    place: {page: 1, column: 3, span: 3}", "    place: {page: 2, column: 1, span: 3}")
SECOND = edit(edit(TWO_PAGES, "  - number: 2\n", "  - number: 3\n"), "{page: 2,", "{page: 3,")
SECOND = edit(SECOND, "date: 2023-01-06", "date: 2023-01-07")


@pytest.fixture(scope="session")
def two_issues(tmp_path_factory) -> tuple[Path, Path]:
    """(first, second) issue folders."""
    root = tmp_path_factory.mktemp("issues")
    second = write_issue(root / "second", SECOND)
    (second / "articles" / "alpha.md").write_text("第二版的正文,改过了。今天天气很好。\n", encoding="utf-8")
    return write_issue(root / "first", TWO_PAGES), second


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in `folder` (hidden ones included), name → bytes; {} when missing."""
    if not folder.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def listed_files_match(files: dict[str, bytes]) -> bool:
    """The manifest in `files` lists exactly the page files there, every SHA-256 right
    (the issue PDF too, when listed)."""
    manifest = json.loads(files["manifest.json"])
    listed = {p["file"]: p["sha256"] for p in manifest["pages"]}
    if "issue_pdf" in manifest:
        listed[manifest["issue_pdf"]["file"]] = manifest["issue_pdf"]["sha256"]
    return all(name in files and hashlib.sha256(files[name]).hexdigest() == sha for name, sha in listed.items())


STEPS = ("rename", "replace", "mkdir", "unlink", "rmdir")


def kill_at_step(n: int, action: Callable[[], None], partial_writes: bool = True) -> bool:
    """Run `action` in a forked child that SIGKILLs itself at its `n`th file-system step
    (a rename, mkdir, unlink, folder removal, copy, file write or folder exchange; with
    `partial_writes`, a write is killed half-way). True when the child was killed,
    False when it finished first (then `n` is past its last step)."""
    pid = os.fork()
    if pid == 0:  # the child: count steps, die at the nth
        try:
            _arm(n, partial_writes)
            action()
            os._exit(0)
        except BaseException:  # noqa: BLE001 - the child must never return into pytest
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return True
    assert os.WEXITSTATUS(status) == 0, f"the action failed in the child (exit {os.WEXITSTATUS(status)})"
    return False


def _arm(n: int, partial_writes: bool) -> None:
    from layout.render import hotfolder, outfolder

    count = [0]

    def step() -> None:
        count[0] += 1
        if count[0] >= n:
            os.kill(os.getpid(), signal.SIGKILL)

    def counted(real):
        def wrapper(*args, **kwargs):
            step()
            return real(*args, **kwargs)
        return wrapper

    def write(path, data):
        count[0] += 1
        if count[0] >= n:
            if partial_writes:
                with open(path, "wb") as out:
                    out.write(data[: len(data) // 2])
            os.kill(os.getpid(), signal.SIGKILL)
        real_write(path, data)

    for name in STEPS:
        setattr(os, name, counted(getattr(os, name)))
    shutil.rmtree = counted(shutil.rmtree)
    shutil.copyfile = counted(shutil.copyfile)
    outfolder.exchange = counted(outfolder.exchange)
    real_write = outfolder.write_synced
    outfolder.write_synced = hotfolder.write_synced = write

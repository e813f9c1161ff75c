"""An issue's revision: a short hash of the files it is made of, so a proof says which
state of the copy it shows, and the watcher knows which files to look at."""

from __future__ import annotations

import hashlib
from pathlib import Path

from layout.model.loader import ISSUE_FILE
from layout.model.schema import Issue


def issue_files(folder: Path, issue: Issue | None = None) -> tuple[Path, ...]:
    """issue.yaml and, when the issue loaded, every body file, photo and font of the
    issue folder it uses: absolute, resolved, sorted (the same set however the folder
    was named: relative, with `..`, absolute or through a symlink)."""
    files = {Path(folder) / ISSUE_FILE}
    if issue is not None:
        for article in issue.articles:
            files.update(block.source.file for block in article.blocks)
            files.update(photo.file for photo in article.photos)
        files.update(path for _role, path in issue.fonts.files if _inside(path, folder))
    return tuple(sorted({Path(f).resolve() for f in files}))


def _inside(path: Path, folder: Path) -> bool:
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
        return True
    except ValueError:
        return False


def content_name(folder: Path, file: Path) -> str:
    """The name a file goes into a revision under: its path inside `folder` (POSIX
    form), or its bare name when it is outside (a bundled font)."""
    try:
        return Path(file).resolve().relative_to(Path(folder).resolve()).as_posix()
    except ValueError:
        return Path(file).name


def digest_of(named: dict[str, bytes]) -> str:
    """The first 10 hex digits of SHA-256 over (name, content) pairs in name order."""
    digest = hashlib.sha256()
    for name in sorted(named):
        digest.update(name.encode("utf-8") + b"\0" + named[name] + b"\0")
    return digest.hexdigest()[:10]


def revision(folder: Path, files: tuple[Path, ...]) -> str:
    """The issue's revision: a hash over the files' names inside `folder` and their
    contents, in name order, so it depends only on what the files hold and where they
    are in the issue folder, never on how a path was typed; a missing file counts as
    empty."""
    named = {}
    for file in files:
        try:
            named[content_name(folder, file)] = Path(file).read_bytes()
        except OSError:
            named[content_name(folder, file)] = b""
    return digest_of(named)

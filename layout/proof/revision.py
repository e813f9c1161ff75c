"""An issue's revision: a short hash of the files it is made of, so a proof says which
state of the copy it shows, and the watcher knows which files to look at."""

from __future__ import annotations

import hashlib
from pathlib import Path

from layout.model.loader import ISSUE_FILE
from layout.model.schema import Issue


def issue_files(folder: Path, issue: Issue | None = None) -> tuple[Path, ...]:
    """issue.yaml and, when the issue loaded, every body file, photo and font of the
    issue folder it uses, sorted."""
    files = {Path(folder) / ISSUE_FILE}
    if issue is not None:
        for article in issue.articles:
            files.update(block.source.file for block in article.blocks)
            files.update(photo.file for photo in article.photos)
        files.update(path for _role, path in issue.fonts.files if _inside(path, folder))
    return tuple(sorted(files))


def _inside(path: Path, folder: Path) -> bool:
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
        return True
    except ValueError:
        return False


def revision(folder: Path, files: tuple[Path, ...]) -> str:
    """The first 10 hex digits of SHA-256 over the files' paths (relative to `folder`)
    and contents; a missing file counts as empty."""
    digest = hashlib.sha256()
    for file in files:
        try:
            name = Path(file).resolve().relative_to(Path(folder).resolve()).as_posix()
        except ValueError:
            name = Path(file).name
        digest.update(name.encode("utf-8") + b"\0")
        try:
            digest.update(Path(file).read_bytes())
        except OSError:
            pass
        digest.update(b"\0")
    return digest.hexdigest()[:10]

"""The warm builder's pages, kept from the set it switched in last: a page whose task is
the same as when it was made is not drawn again (layout/render/jobs.py `PageCache`), and
when its file in the output folder is still the very file this process wrote (same
file system, inode, size and modification time) it is hard-linked into the new set
instead of written again. The old set stays whole until the switch: a link adds a name
to the same bytes, it changes none. Anything else (another output folder, a file
touched since, a file system without hard links) falls back to writing the kept bytes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from layout.render.jobs import PageCache, PageRecord, PageTask


@dataclass(frozen=True, slots=True)
class FileStamp:
    """Which file a name pointed at when written: device, inode, size (bytes), mtime (ns)."""

    device: int
    inode: int
    size: int
    mtime: int

    @classmethod
    def of(cls, path: Path) -> FileStamp | None:
        try:
            info = os.stat(path)
        except OSError:
            return None
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


class KeptPages(PageCache):
    """A `PageCache` that links unchanged page files from the last set in `out` (set by
    the builder before each build; None: write them from memory)."""

    def __init__(self) -> None:
        super().__init__()
        self.out: Path | None = None
        self._kept: dict[str, tuple[PageTask, PageRecord, dict[str, FileStamp | None]]] = {}
        self.linked: list[str] = []  # file names linked in the last build

    def put(self, task: PageTask, record: PageRecord, folder: Path) -> None:
        super().put(task, record, folder)
        self._remember(task, record, folder)

    def write(self, task: PageTask, folder: Path) -> PageRecord | None:
        """The files of `task`, if it was made before, into `folder` (linked from the last
        set when they are still the files written then); its record, or None."""
        entry = self._kept.get(task.name)
        if entry is not None and entry[0] == task and self._link(entry[2], folder):
            self.linked += list(entry[2])
            return entry[1]
        record = super().write(task, folder)
        if record is not None:
            self._remember(task, record, folder)
        return record

    def _remember(self, task: PageTask, record: PageRecord, folder: Path) -> None:
        names = (record.name, record.png) if record.png else (record.name,)
        self._kept[task.name] = (task, record, {name: FileStamp.of(folder / name) for name in names})

    def _link(self, files: dict[str, FileStamp | None], folder: Path) -> bool:
        """Link every one of `files` from `out` into `folder`; False (none left behind)
        when one is not the file written then or cannot be linked."""
        if self.out is None:
            return False
        sources = {name: self.out / name for name in files}
        if any(stamp is None or FileStamp.of(sources[name]) != stamp for name, stamp in files.items()):
            return False
        made: list[Path] = []
        try:
            for name, source in sources.items():
                os.link(source, folder / name)
                made.append(folder / name)
        except OSError:
            for path in made:
                path.unlink(missing_ok=True)
            return False
        return True

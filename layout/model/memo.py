"""What the model and text stages made before in this process, remembered by content, so
that a rebuild (the warm `Builder`, `paiban watch`) reads and normalizes again only the
copy that changed: a body file or issue.yaml by the SHA-256 of its bytes (with how it is
read and the name it is shown by) → its parsed copy or data; a QR payload → whether it
fits a QR code; an article, and a piece of its copy → its normalized copy and the edits
made (layout/text/copyedit.py); a font and a piece of copy → the characters it lacks.

A key holds the content and every setting the result depends on (the file's bytes'
hash, its encoding and format, the language messages are written in), never a name
alone: an edited file has other bytes, so another key, and is read again. Nothing is
configured at import; each memo is bounded (least recently used dropped).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from layout.model.copyfile import CopyRead
    from layout.model.schema import Article
    from layout.model.yamlsrc import LineMap
    from layout.text.copyedit import CopyChange
    from layout.text.normalize import Edit

T = TypeVar("T")

BODY_FILES = 1024   # body files kept: a 32-page issue's and earlier versions of each
TEXTS = 32_768      # pieces of copy kept (paragraphs, headlines, captions)
MAX_HASHED = 8 * 1024 * 1024  # larger files are not remembered (their reader refuses them anyway)


class ContentMemo(Generic[T]):
    """Values (never None) by content key, the least recently used dropped beyond `size`."""

    def __init__(self, size: int):
        self.size = size
        self._values: OrderedDict[Hashable, T] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def find(self, key: Hashable) -> T | None:
        """The value remembered under `key`, or None (counted as a hit or a miss)."""
        found = self._values.get(key)
        if found is None:
            self.misses += 1
            return None
        self._values.move_to_end(key)
        self.hits += 1
        return found

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The value of `key`, made by `make()` (and kept) when not remembered."""
        found = self.find(key)
        if found is None:
            found = make()
            self.put(key, found)
        return found

    def put(self, key: Hashable, value: T) -> None:
        self._values[key] = value
        self._values.move_to_end(key)
        if len(self._values) > self.size:
            self._values.popitem(last=False)

    def clear(self) -> None:
        self._values.clear()
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._values)



def file_digest(file: Path) -> str | None:
    """SHA-256 of `file`'s bytes, or None when it cannot be read or is too large to be
    worth remembering (the reader then reads it, and reports it, as usual)."""
    try:
        if Path(file).stat().st_size > MAX_HASHED:
            return None
        return hashlib.sha256(Path(file).read_bytes()).hexdigest()
    except OSError:
        return None


def read_by_content(memo: ContentMemo[T], file: Path, settings: Hashable, read: Callable[[], T]) -> T:
    """`read()` of `file`, remembered under its bytes' hash and `settings` (everything
    else the result depends on). A file that changes while it is read is not
    remembered: its hash after the read must be the one before."""
    before = file_digest(file)
    if before is None:
        return read()
    key = (before, settings)
    found = memo.find(key)
    if found is not None:
        return found
    value = read()
    if file_digest(file) == before:
        memo.put(key, value)
    return value


# body file → its CopyRead (layout/model/copyfile.py)
COPY: ContentMemo[CopyRead] = ContentMemo(BODY_FILES)
# issue.yaml → its data and line map (layout/model/yamlsrc.py)
YAML: ContentMemo[tuple[Any, LineMap]] = ContentMemo(16)
# QR payload → why it cannot be a QR code, or "" (layout/model/loader.py)
QR: ContentMemo[str] = ContentMemo(64)
# article → its normalized article and the changes made (layout/text/copyedit.py)
ARTICLES: ContentMemo[tuple[Article, tuple[CopyChange, ...]]] = ContentMemo(BODY_FILES)
# piece of copy → its normalized text and the edits made
NORMALIZED: ContentMemo[tuple[str, tuple[Edit, ...]]] = ContentMemo(TEXTS)
# (font SHA-256, piece of copy) → the characters the font lacks
COVERED: ContentMemo[tuple[str, ...]] = ContentMemo(TEXTS)

def clear() -> None:
    """Forget everything remembered (tests; a newsroom service after a font update)."""
    for memo in (COPY, YAML, QR, ARTICLES, NORMALIZED, COVERED):
        memo.clear()

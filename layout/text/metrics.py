"""Font metrics as the layout stages see them: advance widths in em and coverage.

Layout never touches ReportLab; it measures through `Metrics`, so tests can use
`FixedMetrics` (every wide character 1 em, everything else 1/2 em) with no font file.

Metrics of a font file are immutable and cached by the file's content (SHA-256), never
by its name: two issues with a `fonts/Body.ttf` each get their own metrics, and one font
is parsed once per process however many paths lead to it. `MetricsSet.for_fonts` reads
nothing; a role's font is read the first time that role is measured. (A disk cache was
measured and does not pay: parsing cmap + hmtx takes about 15 ms a font, about what
reading a cached table back would cost.)
"""

from __future__ import annotations

import hashlib
import struct
import sys
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Protocol

from layout.cachefiles import file_digest, sweep, write_atomic
from layout.i18n import _
from layout.model.schema import FontRole, FontSet
from layout.text.classes import is_fullwidth
from layout.text.sfnt import read_advances


class Metrics(Protocol):
    """What layout asks of a font; implementations are immutable and hashable (caches
    of set atoms are keyed by them)."""

    def __hash__(self) -> int: ...

    def advance(self, ch: str) -> float:
        """Advance width of `ch` in em (1.0 = the font size)."""

    def covers(self, ch: str) -> bool:
        """True when the font has a glyph for `ch`."""


@dataclass(frozen=True, slots=True)
class FontMetrics:
    """Metrics read from a TrueType/OpenType file (layout.text.sfnt): equal, and hashed,
    by the SHA-256 of the file's bytes."""

    digest: str
    _widths: dict[str, float] = field(repr=False, compare=False)  # character -> advance, em

    @property
    def widths(self) -> Mapping[str, float]:
        """Character → advance in em, read-only."""
        return MappingProxyType(self._widths)

    def advance(self, ch: str) -> float:
        return self._widths.get(ch, 1.0)

    def covers(self, ch: str) -> bool:
        return ch in self._widths


class FontFileError(ValueError):
    """A font file that cannot be read as a TrueType/OpenType font."""


def load_font_metrics(path: Path | str, cache: Path | None = None) -> FontMetrics:
    """Metrics of the font at `path`: read and parsed once per process for each distinct
    file content (an edited or replaced file is read again), the parse kept in the
    `cache` folder by the file's SHA-256 for later processes. Raises FontFileError when
    the file is not a usable font."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError as err:
        raise FontFileError(f"{path}: " + _("cannot read the font ({reason})").format(reason=err.strerror)) from err
    return _load(str(path), st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev, cache)


@lru_cache(maxsize=256)  # keyed by path *and* file identity: it only saves looking the digest up
def _load(path: str, _size: int, _mtime: int, _inode: int, _device: int, cache: Path | None = None) -> FontMetrics:
    digest = file_digest(Path(path))
    found = _PARSED.get(digest)
    if found is not None:
        return found
    widths = _stored(cache, digest)
    if widths is not None:
        return _PARSED.setdefault(digest, FontMetrics(digest, widths))
    data = Path(path).read_bytes()
    return _by_content(hashlib.sha256(data).hexdigest(), data, path, cache)  # the bytes parsed name the parse


_PARSED: dict[str, FontMetrics] = {}  # content hash -> metrics: the one cache by content
# a parse in the cache folder: code points (uint32), then advances (float64, em), in this machine's byte order
STORED = "metrics-v1-" + sys.byteorder + "-{digest}.bin"


def _by_content(digest: str, data: bytes, path: str, cache: Path | None = None) -> FontMetrics:
    found = _PARSED.get(digest)
    if found is None:
        widths = _stored(cache, digest)
        if widths is None:
            try:
                advances = read_advances(data)
            except (ValueError, IndexError, KeyError, OverflowError, struct.error) as err:
                raise FontFileError(f"{path}: " + _("not a usable TrueType/OpenType font ({reason})").format(
                    reason=err)) from err
            widths = {chr(cp): w for cp, w in advances.items()}
            _store(cache, digest, advances)
        found = _PARSED.setdefault(digest, FontMetrics(digest, widths))
    return found


def _stored(cache: Path | None, digest: str) -> dict[str, float] | None:
    """The advances stored for the font of `digest`, or None (none, or unreadable)."""
    if cache is None:
        return None
    sweep(cache)  # what a killed process left half written
    try:
        raw = (cache / STORED.format(digest=digest)).read_bytes()
    except OSError:
        return None
    count, extra = divmod(len(raw), 12)
    if extra or not count:
        return None
    points, widths = array("I"), array("d")
    points.frombytes(raw[:4 * count])
    widths.frombytes(raw[4 * count:])
    return dict(zip(map(chr, points), widths))


def _store(cache: Path | None, digest: str, advances: Mapping[int, float]) -> None:
    """Keep the parse for later processes (written whole, then renamed; a cache that
    cannot be written is no error)."""
    if cache is None:
        return
    points = array("I", sorted(advances))
    widths = array("d", (advances[p] for p in points))
    write_atomic(cache / STORED.format(digest=digest), points.tobytes() + widths.tobytes())


@dataclass(frozen=True, slots=True)
class FixedMetrics:
    """A test font: wide characters 1 em, others 0.5 em, space 0.25 em; covers all."""

    def advance(self, ch: str) -> float:
        if ch == " ":
            return 0.25
        return 1.0 if is_fullwidth(ch) else 0.5

    def covers(self, ch: str) -> bool:
        return True


@dataclass(frozen=True, slots=True)
class FontFile:
    """A role's font, named by path; its metrics are read when first asked for."""

    path: Path
    cache: Path | None = field(default=None, compare=False)  # the folder parses are kept in (by content)

    def metrics(self) -> FontMetrics:
        return load_font_metrics(self.path, self.cache)


@dataclass(frozen=True, slots=True)
class MetricsSet:
    """Metrics for every font role of an issue: given directly (`Metrics`) or as font
    files read on first use."""

    by_role: tuple[tuple[FontRole, Metrics | FontFile], ...]
    # A role's metrics once looked up: one file check per role and set, not per measurement
    # (a set lives for one build; an edited font file is read by the next build's set).
    _found: dict[FontRole, Metrics] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def get(self, role: FontRole) -> Metrics:
        found = self._found.get(role)
        if found is not None:
            return found
        for r, m in self.by_role:
            if r is role:
                found = m.metrics() if isinstance(m, FontFile) else m
                self._found[role] = found
                return found
        raise KeyError(role)

    @classmethod
    def for_fonts(cls, fonts: FontSet, cache: Path | None = None) -> MetricsSet:
        """The issue's fonts by role; no file is read until its role is measured (then
        from `cache`, the folder of parses kept by the fonts' content, when there)."""
        return cls(tuple((role, FontFile(Path(path), cache)) for role, path in fonts.files))

    @classmethod
    def fixed(cls) -> MetricsSet:
        return cls(tuple((role, FixedMetrics()) for role in FontRole))

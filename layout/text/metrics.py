"""Font metrics as the layout stages see them: advance widths in em and coverage.

Layout never touches ReportLab; it measures through `Metrics`, so tests can use
`FixedMetrics` (every wide character 1 em, everything else 1/2 em) with no font file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from layout.model.schema import FontRole, FontSet
from layout.text.classes import is_fullwidth
from layout.text.sfnt import read_advances


class Metrics(Protocol):
    def advance(self, ch: str) -> float:
        """Advance width of `ch` in em (1.0 = the font size)."""

    def covers(self, ch: str) -> bool:
        """True when the font has a glyph for `ch`."""


@dataclass(frozen=True, slots=True)
class FontMetrics:
    """Metrics read from a TrueType/OpenType file (layout.text.sfnt)."""

    path: Path
    widths: dict  # code point -> advance in em

    def advance(self, ch: str) -> float:
        return self.widths.get(ord(ch), 1.0)

    def covers(self, ch: str) -> bool:
        return ord(ch) in self.widths


@lru_cache(maxsize=None)
def load_font_metrics(path: Path) -> FontMetrics:
    """Read cmap and hmtx of the font at `path` (cached per path; fonts are immutable)."""
    return FontMetrics(Path(path), read_advances(path))


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
class MetricsSet:
    """Metrics for every font role of an issue."""

    by_role: tuple[tuple[FontRole, Metrics], ...]

    def get(self, role: FontRole) -> Metrics:
        for r, m in self.by_role:
            if r is role:
                return m
        raise KeyError(role)

    @classmethod
    def for_fonts(cls, fonts: FontSet) -> "MetricsSet":
        return cls(tuple((role, load_font_metrics(path)) for role, path in fonts.files))

    @classmethod
    def fixed(cls) -> "MetricsSet":
        return cls(tuple((role, FixedMetrics()) for role in FontRole))

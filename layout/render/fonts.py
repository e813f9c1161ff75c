"""The issue's TrueType fonts for ReportLab (embedded, subset on output), by content.

A font is registered under a name made from the SHA-256 of its file (`paiban-1f3a…`),
never from its path or role: two issues that each have a `fonts/Body.ttf`, built in one
process, each get their own font, and one file serving two roles is parsed once. Only
the roles a page uses are registered, each font once per process (the build registers
what its pages need before forking the page workers, which share them).

ReportLab's parse of a font (its cmap, widths and glyph offsets: 50–100 ms for a CJK
face) is stored in the cache folder under the same hash and read back in a few
milliseconds by the next process (`fontcache.py`).
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterable
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from layout.cachefiles import file_digest
from layout.errors import PaibanError
from layout.render.cidfont import register
from layout.i18n import _
from layout.model.schema import FontRole, FontSet

def content_hash(path: Path) -> str:
    """SHA-256 of the file at `path` (layout.cachefiles.file_digest: shared with the
    text stage's metrics, so each font file is hashed once per process)."""
    return file_digest(Path(path))


def font_name(path: Path) -> str:
    """ReportLab name of the font in the file at `path`: from its content."""
    return f"paiban-{content_hash(path)[:20]}"


def register_fonts(fonts: FontSet, roles: Iterable[FontRole] | None = None,
                   cache: Path | None = None) -> dict[FontRole, str]:
    """Register the fonts of `roles` (default: every role) once per process; return
    role → ReportLab font name. `cache` holds parsed fonts for later processes."""
    wanted = set(roles) if roles is not None else None
    names = {}
    for role, path in fonts.files:
        if wanted is not None and role not in wanted:
            continue
        try:
            names[role] = _register(path, cache)
        except (TTFError, OSError, ValueError, IndexError, KeyError, struct.error) as exc:  # a damaged file
            raise PaibanError(f"{path}: " + _("cannot use this font for '{role}': {error}. ReportLab needs TrueType "
                                              "(glyf) outlines; convert CFF fonts as fonts/build.py does").format(
                                                  role=role.value, error=exc)) from None
    return names


def _register(path: Path, cache: Path | None) -> str:
    name = font_name(path)
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    from layout.render.fontcache import load_parsed

    font = load_parsed(name, path, content_hash(path), cache) if cache is not None else None
    if font is None:
        font = parse(name, path)
        if cache is not None:
            from layout.render.fontcache import store_parsed

            store_parsed(font, content_hash(path), cache)
    register(font)   # one Type 0 font per face and page (cidfont.py)
    return name


def parse(name: str, path: Path) -> TTFont:
    """ReportLab's parse of the font file at `path`, named `name`. The file is read
    through a stream named after the path and hash, so ReportLab's internal object
    names (which it shares between fonts of equal names) stay distinct per font."""
    stream = io.BytesIO(path.read_bytes())
    stream.name = f"{path}#{name}"
    return TTFont(name, stream)

"""ReportLab's parsed fonts, kept in the cache folder by the font file's SHA-256.

Parsing a CJK TrueType font (cmap, hmtx, loca into Python dicts and lists) takes
ReportLab 50–100 ms per face; reading the same tables back with `marshal` takes a few.
An entry holds the plain attributes of ReportLab's `TTFontFace` (marshal stores only
numbers, strings, bytes and containers: no code is run on reading it), keyed by the
font's hash, the ReportLab version and a format number. Anything wrong with an entry
(missing, truncated, another version) means the font is parsed again; a cache that
cannot be written is skipped.
"""

from __future__ import annotations

import marshal
from fnmatch import fnmatch
from pathlib import Path
from weakref import WeakKeyDictionary

import reportlab
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace, unShapedFontGlob

from layout.cachefiles import sweep, write_atomic

FORMAT = 1
SCALE = "_pdfScale"      # a lambda in ReportLab: rebuilt from unitsPerEm
NAME_FIELDS = ("name", "familyName", "styleName", "fullName", "uniqueFontID")  # TTFNameBytes in ReportLab


def _entry(cache: Path, digest: str) -> Path:
    return cache / "fonts" / f"{digest}.rl{reportlab.Version}.v{FORMAT}.marshal"


def store_parsed(font: TTFont, digest: str, cache: Path) -> None:
    """Keep `font`'s parsed face for later processes (atomically; errors ignored)."""
    state = {k: (bytes(v) if isinstance(v, bytes) else v) for k, v in font.face.__dict__.items() if k != SCALE}
    try:
        data = marshal.dumps(state)
    except ValueError:
        return
    write_atomic(_entry(cache, digest), data)


def load_parsed(name: str, path: Path, digest: str, cache: Path) -> TTFont | None:
    """The font parsed earlier from a file with this `digest`, named `name`, or None."""
    sweep(_entry(cache, digest).parent)  # what a killed process left half written
    try:
        state = marshal.loads(_entry(cache, digest).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(state, dict) or not isinstance(state.get("unitsPerEm"), int) or "_ttf_data" not in state:
        return None
    for key in NAME_FIELDS:
        if isinstance(state.get(key), bytes):
            state[key] = TTFNameBytes(state[key])
    state["filename"] = f"{path}#{name}"
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(state)
    units = state["unitsPerEm"]
    face._pdfScale = (lambda x: x) if units == 1000 else (lambda x, m=1000 / units: x * m)
    return _font(name, face)


def _font(name: str, face: TTFontFace) -> TTFont:
    """A TTFont around a parsed `face`, as TTFont.__init__ would make it."""
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = reportlab.rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in unShapedFontGlob)  # as TTFont.__init__ sets it
    return font

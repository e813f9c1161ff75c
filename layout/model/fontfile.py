"""Checking a font file an issue names (`fonts:`) before any stage reads it: a TrueType
(glyf outlines) font that fontTools can read, with a Unicode cmap and horizontal metrics.

The bundled fonts are ours and are not checked here.
"""

from __future__ import annotations

from pathlib import Path

from layout.i18n import N_, _

MAX_FONT_BYTES = 64 * 1024 * 1024
REQUIRED_TABLES = ("head", "hhea", "hmtx", "maxp", "cmap", "glyf", "loca")
CONVERT = N_("use a TrueType (.ttf) font; fonts/build.py shows how to convert an OpenType/CFF one")


class FontProblem(ValueError):
    """Why a font file cannot be used: a message, and what to do."""

    def __init__(self, message: str, hint: str = CONVERT):
        super().__init__(message)
        self.message, self.hint = message, _(hint)


def check_font(file: Path) -> None:
    """Raise FontProblem unless `file` is a usable TrueType font."""
    try:
        _check(file)
    except OSError as exc:
        raise FontProblem(_("cannot read the font file ({reason})").format(reason=exc.strerror or exc),
                          N_("check its permissions")) from None


def _check(file: Path) -> None:
    size = file.stat().st_size
    if size == 0:
        raise FontProblem(_("the font file is empty"))
    if size > MAX_FONT_BYTES:
        raise FontProblem(_("the font file is {size:.0f} MB; at most {most} MB").format(
            size=size / 1e6, most=MAX_FONT_BYTES // 2 ** 20))
    with file.open("rb") as stream:
        head = stream.read(4)
    if head == b"ttcf":
        raise FontProblem(_("this is a font collection (.ttc)"), N_("extract the one face you want as a .ttf"))
    if head not in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
        raise FontProblem(_("this is not a TrueType font file"), CONVERT)
    _tables(file)


def _tables(file: Path) -> None:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped, unused-ignore]

    try:
        with TTFont(file, lazy=True) as font:
            if "CFF " in font or "CFF2" in font:
                raise FontProblem(_("the font has PostScript (CFF) outlines, not TrueType ones"))
            missing = [tag for tag in REQUIRED_TABLES if tag not in font]
            if missing:
                raise FontProblem(_("the font lacks the {tables} table(s)").format(tables=", ".join(missing)))
            cmap = font.getBestCmap()
            if not cmap:
                raise FontProblem(_("the font has no Unicode character map"))
            glyphs = font["maxp"].numGlyphs
            metrics = font["hhea"].numberOfHMetrics
            if not 0 < metrics <= glyphs or not 16 <= font["head"].unitsPerEm <= 16384:
                raise FontProblem(_("the font's metrics tables are inconsistent (damaged font)"))
            font["hmtx"]  # decoded here, so a damaged table is found now
    except FontProblem:
        raise
    except Exception as exc:  # fontTools raises many kinds on damaged files
        raise FontProblem(_("the font file is damaged ({reason})").format(reason=f"{type(exc).__name__}: {exc}")) from None

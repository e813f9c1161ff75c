"""Register the issue's TrueType fonts with ReportLab (embedded, subset on output)."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from layout.errors import PaibanError
from layout.model.schema import FontRole, FontSet


def font_name(role: FontRole, path: Path) -> str:
    """ReportLab name of the font serving `role` from `path` (unique per file)."""
    return f"paiban-{role.value}-{path.stem}"


def register_fonts(fonts: FontSet) -> dict[FontRole, str]:
    """Register every role's font file once; return role → ReportLab font name."""
    names = {}
    for role, path in fonts.files:
        name = font_name(role, path)
        if name not in pdfmetrics.getRegisteredFontNames():
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except TTFError as exc:
                raise PaibanError(f"{path}: cannot use this font for '{role.value}': {exc}. "
                                  "ReportLab needs TrueType (glyf) outlines; convert CFF fonts "
                                  "as fonts/build.py does") from None
        names[role] = name
    return names

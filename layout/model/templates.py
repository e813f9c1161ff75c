"""Built-in page template presets (data, not code).

对开 broadsheet: 8 base columns of 13 characters at 小五 9 pt with a 1-character gutter,
a 111-character (352 mm) type area (clreq §7.1.1; shared/reference/clreq.md "Grid"), on a
545 × 390 mm trim; line pitch 13.5 pt (line gap 50 % of the body size) gives 103 grid
lines (≈ 490 mm). 四开 tabloid: half the sheet, 5 columns of 14 characters.
Lengths in mm for trim, margins and bleed, pt for sizes and pitch. Newspaper pages
print inside the trim with white margins, so the presets have no bleed.
"""

from __future__ import annotations

PRESETS: dict[str, dict[str, object]] = {
    "broadsheet": {
        "trim": ["390mm", "545mm"],
        "margins": {"top": "25mm", "bottom": "25mm", "left": "18mm", "right": "18mm"},
        "columns": 8,
        "column_chars": 13,
        "gutter_chars": 1,
        "body_size": "小五",
        "line_pitch": "13.5pt",
        "bleed": "0mm",
    },
    "tabloid": {
        "trim": ["272mm", "390mm"],
        "margins": {"top": "20mm", "bottom": "20mm", "left": "17mm", "right": "17mm"},
        "columns": 5,
        "column_chars": 14,
        "gutter_chars": 1,
        "body_size": "小五",
        "line_pitch": "13.5pt",
        "bleed": "0mm",
    },
}

# The fewest grid lines a template's type area may have: the masthead takes 11 and the
# footer 6 (layout/compose/furniture.py), and modules need room between them.
MIN_GRID_LINES = 24

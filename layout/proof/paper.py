"""Which paper a proof sheet is printed on, and how large the page is drawn on it.

- The **full-size proof (大样)** shows the page at 100 % on the smallest ISO A sheet
  that holds the trim with room for crop marks round it (a 对开 broadsheet page,
  390 × 545 mm, on A2; a 四开 tabloid, 272 × 390 mm, on A3), else on a sheet of its own
  size.
- The **reduced proof (缩样)** fits the page on A3 for an office printer. Reduced type
  must stay readable at 100 %: the body text is drawn at least `MIN_BODY` pt (6 pt, the
  rule of thumb for reading small print; a broadsheet's 9 pt 小五 body may be reduced
  to 67 %); within that, the page is made as large as still leaves `NOTE_ROOM` beside
  the type for notes, and never larger than the sheet or 100 %.

Notes are set at the same size on both (7 pt titles, 6.5 pt text: layout/render/proof.py),
so they are as legible on A3 as on the 大样. Coordinates are pt from the sheet's
top-left; the page's own are pt from its trim's top-left.
"""

from __future__ import annotations

from layout.model.units import MM
from layout.render.proof import Sheet, SheetKind, slug_height

PAPERS = (("A4", 210 * MM, 297 * MM), ("A3", 297 * MM, 420 * MM), ("A2", 420 * MM, 594 * MM),
          ("A1", 594 * MM, 841 * MM), ("A0", 841 * MM, 1189 * MM))  # ISO 216, portrait
REDUCED_PAPER = "A3"
FULL_MARGIN = 12 * MM     # pt round the trim on a full-size sheet: the crop marks (3 + 6 mm) and a little
OWN_MARGIN = 20 * MM      # pt round the trim when no ISO sheet is large enough
EDGE = 5 * MM             # pt: what office printers leave unprinted at a sheet's edges
MIN_BODY = 6.0            # pt: the least size body text may be reduced to
NOTE_ROOM = 30 * MM       # pt the reduced sheet leaves beside the type for notes, when it can
SLUG_LINES = 2


def paper(name: str, landscape: bool = False) -> tuple[float, float]:
    """Width and height of ISO paper `name` ("A3"), pt."""
    width, height = next((w, h) for n, w, h in PAPERS if n == name)
    return (height, width) if landscape else (width, height)


def full_sheet(width: float, height: float) -> Sheet:
    """The 大样 of a page `width` × `height` pt: the smallest ISO sheet in the page's
    orientation holding the trim and `FULL_MARGIN` round it, the page centred."""
    landscape = width > height
    for name, _w, _h in PAPERS:
        w, h = paper(name, landscape)
        if w >= width + 2 * FULL_MARGIN and h >= height + 2 * FULL_MARGIN:
            return Sheet(SheetKind.FULL, name, w, h, 1.0, (w - width) / 2, (h - height) / 2, width, height)
    w, h = width + 2 * OWN_MARGIN, height + 2 * OWN_MARGIN
    return Sheet(SheetKind.FULL, "", w, h, 1.0, OWN_MARGIN, OWN_MARGIN, width, height)


def reduced_sheet(width: float, height: float, body: float, content: tuple[float, float]) -> Sheet:
    """The page `width` × `height` pt reduced onto A3 (in the page's orientation).
    `body` is the page's body size, pt; `content` the left and right edge of what is
    drawn on the page, pt from the trim's left (the notes go beside it)."""
    w, h = paper(REDUCED_PAPER, width > height)
    top = EDGE + slug_height(SLUG_LINES) + 4.0
    fit = min((w - 2 * EDGE) / width, (h - top - EDGE) / height, 1.0)
    legible = MIN_BODY / body if body > 0 else 0.0
    scale = min(fit, max(legible, room_scale(w, width, content)))
    x = (w - width * scale) / 2
    return Sheet(SheetKind.REDUCED, REDUCED_PAPER, w, h, scale, x, top, width, height)


def room_scale(sheet_width: float, width: float, content: tuple[float, float]) -> float:
    """The largest scale (at most 1) at which a page `width` pt wide, centred on a sheet
    `sheet_width` pt wide, leaves `NOTE_ROOM` between the sheet's printable edge and
    the content on its narrower side."""
    inset = min(content[0], width - content[1])  # the page's own margin beside its content
    # room(s) = (sheet_width - width·s) / 2 + inset·s - EDGE  ≥  NOTE_ROOM
    slope = width / 2 - inset
    if slope <= 0:
        return 1.0
    return max(0.05, min(1.0, (sheet_width / 2 - EDGE - NOTE_ROOM) / slope))


def body_on_paper(sheet: Sheet, body: float) -> float:
    """The size the page's body text is printed at on `sheet`, pt."""
    return body * sheet.scale


def legible(sheet: Sheet, body: float) -> bool:
    """True when the body text on `sheet` is at least `MIN_BODY` pt."""
    return body_on_paper(sheet, body) >= MIN_BODY - 0.005

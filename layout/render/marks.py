"""Printer's marks for desktop proofs: crop marks, registration marks, a colour bar and a
slug line, all outside the bleed (the plant's imposition adds its own, so files for the
plant carry none). Black-and-white pages get K-only marks, so they stay K-only.

Coordinates are pt in PDF space (origin at the MediaBox's bottom-left, y up).
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from layout.model.schema import PageColour
from layout.model.units import MM
from layout.render.boxes import PageBoxes, Rect

CMYK = tuple[float, float, float, float]
MARK_WIDTH = 0.3          # pt, crop and registration mark strokes
CROP_GAP = 3 * MM         # crop marks start this far outside the bleed …
CROP_LENGTH = 6 * MM      # … and run this long
REG_DISTANCE = 7 * MM     # registration target centre, outside the bleed
REG_RADIUS = 2.5 * MM
PATCH = 5 * MM            # colour bar patch size
SLUG_SIZE = 6.0           # pt
SLUG_INDENT = 10 * MM     # slug starts this far right of the trim corner, clear of the crop mark
PROCESS_BAR: tuple[CMYK, ...] = (
    (1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1),
    (1, 1, 0, 0), (1, 0, 1, 0), (0, 1, 1, 0), (0.5, 0.4, 0.4, 0),
    (0.5, 0, 0, 0), (0, 0.5, 0, 0), (0, 0, 0.5, 0),
    (0, 0, 0, 0.25), (0, 0, 0, 0.5), (0, 0, 0, 0.75))
BLACK_BAR: tuple[CMYK, ...] = tuple((0, 0, 0, k / 10) for k in range(1, 11))


def registration(colour: PageColour) -> CMYK:
    """The colour marks are drawn in: every plate (all four inks), or K alone on a
    black-and-white page."""
    return (0, 0, 0, 1) if colour is PageColour.GRAY else (1, 1, 1, 1)


def draw_marks(canvas: Canvas, boxes: PageBoxes, colour: PageColour, slug: str, font: str) -> None:
    """Crop and registration marks, colour bar and `slug` (in `font`) around the page."""
    outer = boxes.bleed or boxes.trim
    canvas.saveState()
    canvas.setLineWidth(MARK_WIDTH)
    canvas.setStrokeColorCMYK(*registration(colour))
    canvas.setFillColorCMYK(*registration(colour))
    _crop_marks(canvas, boxes.trim, outer)
    for x, y in _registration_points(outer):
        _target(canvas, x, y)
    _colour_bar(canvas, outer, BLACK_BAR if colour is PageColour.GRAY else PROCESS_BAR)
    canvas.setFillColorCMYK(0, 0, 0, 1)
    canvas.setFont(font, SLUG_SIZE)
    canvas.drawString(boxes.trim.x0 + SLUG_INDENT, outer.y1 + REG_DISTANCE - SLUG_SIZE / 3, slug)
    canvas.restoreState()


def crop_marks(canvas: Canvas, trim: Rect) -> None:
    """Crop marks round `trim` (a page without bleed), in the canvas's current stroke
    colour: what a full-size proof (大样) carries."""
    canvas.setLineWidth(MARK_WIDTH)
    _crop_marks(canvas, trim, trim)


def _crop_marks(canvas: Canvas, trim: Rect, outer: Rect) -> None:
    """Two short lines per corner on the extension of the trim edges, outside the bleed."""
    gap = (trim.x0 - outer.x0) + CROP_GAP  # from the trim edge: the bleed, then the gap
    for x, sx in ((trim.x0, -1), (trim.x1, 1)):
        for y, sy in ((trim.y0, -1), (trim.y1, 1)):  # one path per mark: each stays outside the bleed
            canvas.line(x + sx * gap, y, x + sx * (gap + CROP_LENGTH), y)
            canvas.line(x, y + sy * gap, x, y + sy * (gap + CROP_LENGTH))


def _registration_points(outer: Rect) -> list[tuple[float, float]]:
    """Centres of the registration targets: the middle of the left, right and bottom sides
    and two thirds along the top (clear of the slug)."""
    mid_x, mid_y = (outer.x0 + outer.x1) / 2, (outer.y0 + outer.y1) / 2
    return [(outer.x0 - REG_DISTANCE, mid_y), (outer.x1 + REG_DISTANCE, mid_y),
            (mid_x, outer.y0 - REG_DISTANCE), (outer.x0 + outer.width * 2 / 3, outer.y1 + REG_DISTANCE)]


def _target(canvas: Canvas, x: float, y: float) -> None:
    """A circle with a cross through it, centred on (x, y)."""
    canvas.circle(x, y, REG_RADIUS, stroke=1, fill=0)
    arm = REG_RADIUS * 1.6
    canvas.lines([(x - arm, y, x + arm, y), (x, y - arm, x, y + arm)])


def _colour_bar(canvas: Canvas, outer: Rect, patches: tuple[CMYK, ...]) -> None:
    """Solid and tint patches in a row below the bleed, from 20 mm in on the left."""
    y = outer.y0 - REG_DISTANCE - PATCH / 2
    x = outer.x0 + 20 * MM
    for cmyk in patches:
        canvas.setFillColorCMYK(*cmyk)
        canvas.rect(x, y, PATCH, PATCH, stroke=0, fill=1)
        x += PATCH

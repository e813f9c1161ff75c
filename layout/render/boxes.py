"""Page boxes: where the trim, the bleed and (on desktop proofs) the marks go.

All values are pt in PDF coordinates: origin at the MediaBox's bottom-left, y upwards.
A file for the plant has MediaBox = BleedBox (when the template has bleed) or TrimBox;
a proof with marks has a MediaBox grown by `MARK_ZONE` around the bleed.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.model.units import MM

MARK_ZONE = 15 * MM   # pt beyond the bleed for crop marks, registration marks, colour bar, slug


@dataclass(frozen=True, slots=True)
class Rect:
    """A rectangle in pt: lower-left (x0, y0), upper-right (x1, y1)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def grown(self, by: float) -> Rect:
        return Rect(self.x0 - by, self.y0 - by, self.x1 + by, self.y1 + by)

    def as_list(self) -> list[float]:
        return [round(v, 4) for v in (self.x0, self.y0, self.x1, self.y1)]


@dataclass(frozen=True, slots=True)
class PageBoxes:
    """MediaBox, TrimBox and, when the page has bleed, BleedBox."""

    media: Rect
    trim: Rect
    bleed: Rect | None

    @property
    def has_marks(self) -> bool:
        """True when the MediaBox reaches beyond the bleed (a proof with marks)."""
        return self.media != (self.bleed or self.trim)


def page_boxes(width: float, height: float, bleed: float, marks: bool) -> PageBoxes:
    """Boxes for a trim of `width` × `height` pt with `bleed` pt on every side; with
    `marks`, room for them around the bleed."""
    margin = bleed + (MARK_ZONE if marks else 0.0)
    trim = Rect(margin, margin, margin + width, margin + height)
    media = trim.grown(margin)
    return PageBoxes(media, trim, trim.grown(bleed) if bleed > 0 else None)

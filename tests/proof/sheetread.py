"""Reading proof sheets back from their PDFs (pdfplumber) for the tests: the slug, the
page's lines of type, the leaders and their tips, the numbers beside the type area,
the notes' text. Coordinates are pt from the sheet's top-left, y down (pdfplumber's)."""

from __future__ import annotations

import math
import re

from layout.render.proof import COLOURS, TEXT_SIZE, TITLE_SIZE, label_size

Box = tuple[float, float, float, float]
MARK_COLOURS = set(COLOURS.values())


def chars_in(page, box: Box, size: float | None = None, pad: float = 0.5) -> list[dict]:
    """The page's characters inside `box` (of `size` pt, when given), in reading order."""
    x0, top, x1, bottom = box
    found = [c for c in page.chars if c["x0"] >= x0 - pad and c["x1"] <= x1 + pad and c["top"] >= top - pad
             and c["bottom"] <= bottom + pad and (size is None or abs(c["size"] - size) < 0.01)]
    return sorted(found, key=lambda c: (round(c["top"], 0), c["x0"]))


def text_in(page, box: Box, size: float | None = None) -> str:
    return "".join(c["text"] for c in chars_in(page, box, size))


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def leader_tips(page) -> list[tuple[float, float]]:
    """The last point of every stroked path drawn in a proof mark's colour (a leader
    from a note's number to its line ends there, at its arrowhead)."""
    return [c["pts"][-1] for c in page.curves
            if c["stroke"] and not c["fill"] and tuple(c.get("stroking_color") or ()) in MARK_COLOURS]


def distance(point: tuple[float, float], box: Box) -> float:
    """Distance in pt from `point` to `box` (0 inside it)."""
    x, y = point
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return math.hypot(dx, dy)


def glyph_box(chars: list[dict]) -> Box:
    return (min(c["x0"] for c in chars), min(c["top"] for c in chars), max(c["x1"] for c in chars),
            max(c["bottom"] for c in chars))


def leader_problems(tips: list[tuple[float, float]], boxes: list[Box], flagged: list[int],
                    near: float = 3.0) -> list[str]:
    """For each flagged line (an index into `boxes`, the boxes of the page's lines of
    type on the sheet), a leader tip must lie within `near` pt of it and nearer it than
    any other line; the problems found."""
    problems = []
    for index in flagged:
        hits = [t for t in tips if distance(t, boxes[index]) <= near
                and all(distance(t, boxes[index]) <= distance(t, b) for j, b in enumerate(boxes) if j != index)]
        if not hits:
            best = min((distance(t, boxes[index]) for t in tips), default=float("inf"))
            problems.append(f"line {index}: nearest leader tip {best:.1f} pt away")
    return problems


def overlaps(boxes: list[Box], gap: float = 0.0) -> list[tuple[int, int]]:
    """Pairs of boxes that overlap (by more than `gap` pt)."""
    out = []
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            a, b = boxes[i], boxes[j]
            if a[0] < b[2] - gap and b[0] < a[2] - gap and a[1] < b[3] - gap and b[1] < a[3] - gap:
                out.append((i, j))
    return out


def label_boxes(page, marks) -> dict[int, Box]:
    """Each callout's number as drawn: the box of the bold digits at its place."""
    out = {}
    for c in marks.callouts:
        width, height = label_size(c.number)
        box = (c.label[0], c.label[1], c.label[0] + width, c.label[1] + height)
        digits = chars_in(page, box, TITLE_SIZE, pad=1.0)
        assert "".join(d["text"] for d in digits) == str(c.number), (c.number, digits)
        out[c.number] = glyph_box(digits)
    return out


def note_text(page, note) -> str:
    """The message of a note as drawn (its TEXT_SIZE characters inside its box)."""
    box = (note.x - 0.5, note.top, note.x + note.width + TEXT_SIZE, note.top + note.height)
    return squeezed(text_in(page, box, TEXT_SIZE))


def slug_text(page, trim_top: float) -> str:
    """The text above the trim."""
    return "".join(c["text"] for c in sorted(page.chars, key=lambda c: (round(c["top"]), c["x0"]))
                   if c["bottom"] < trim_top)

"""Geometry for the content walker: matrices, boxes, and how thin a filled path is.

Coordinates are pt in default user space (PDF: origin bottom-left, y up); matrices are
PDF's (a, b, c, d, e, f), row-vector convention.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
LINE_ASPECT = 4.0   # a shape at least this many times longer than thick is a line (a rule)
MAX_FRAMES = 64     # rectangles per path compared pairwise for frames (a box drawn as two rectangles)


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned box in default user space, pt."""

    x0: float
    y0: float
    x1: float
    y1: float

    def meets(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def apply(m: Matrix, x: float, y: float) -> Point:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def scale(m: Matrix) -> float:
    """Mean linear scale of `m` (square root of its determinant's magnitude)."""
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


@dataclass(slots=True)
class Subpath:
    """One subpath as it lands on the page: its points (curve control points included),
    whether it came from `re` (then exactly its four corners, in order)."""

    points: list[Point]
    rect: bool = False


def bounds(subpaths: list[Subpath], grow: float = 0.0) -> Box | None:
    """The box around every point, grown by `grow` on each side (None: no points)."""
    xs = [p[0] for s in subpaths for p in s.points]
    ys = [p[1] for s in subpaths for p in s.points]
    if not xs:
        return None
    return Box(min(xs) - grow, min(ys) - grow, max(xs) + grow + 1e-6, max(ys) + grow + 1e-6)


def line_thickness(subpaths: list[Subpath], even_odd: bool) -> float:
    """How thick the thinnest line-shaped part of a filled path is, pt (inf: none is).

    Line-shaped: a rectangle (any rotation) or another subpath's box at least
    LINE_ASPECT times longer than thick, or with no area at all (which a RIP still
    paints one device pixel wide); and the band between two nested rectangles that cut
    a hole (a frame drawn as an outer and an inner rectangle)."""
    thinnest = math.inf
    rects = []
    for sub in subpaths:
        if sub.rect:
            thick, long, turn = _rect_sides(sub.points)
            rects.append((sub, turn))
        else:
            thick, long = _box_sides(sub.points)
        if long > 0 and (thick == 0 or long >= LINE_ASPECT * thick):
            thinnest = min(thinnest, thick)
    if 1 < len(rects) <= MAX_FRAMES:
        thinnest = min(thinnest, _frame_band(rects, even_odd))
    return thinnest


def _rect_sides(corners: list[Point]) -> tuple[float, float, float]:
    """(thickness, length, signed area) of a parallelogram from its four corners."""
    (x0, y0), (x1, y1), _, (x3, y3) = corners
    ax, ay, bx, by = x1 - x0, y1 - y0, x3 - x0, y3 - y0
    long = max(math.hypot(ax, ay), math.hypot(bx, by))
    cross = ax * by - ay * bx
    return (abs(cross) / long if long else 0.0), long, cross


def _box_sides(points: list[Point]) -> tuple[float, float]:
    if len(points) < 2:
        return 0.0, 0.0
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    w, h = max(xs) - min(xs), max(ys) - min(ys)
    return min(w, h), max(w, h)


def _frame_band(rects: list[tuple[Subpath, float]], even_odd: bool) -> float:
    """The narrowest band between a rectangle and one nested inside it that cuts a hole
    (even-odd fill, or the opposite winding under the nonzero rule)."""
    boxes = [(bounds([sub]), turn) for sub, turn in rects]
    thinnest = math.inf
    for outer, outer_turn in boxes:
        for inner, inner_turn in boxes:
            if inner is outer or outer is None or inner is None:
                continue
            hole = even_odd or (outer_turn > 0) != (inner_turn > 0)
            gaps = (inner.x0 - outer.x0, outer.x1 - inner.x1, inner.y0 - outer.y0, outer.y1 - inner.y1)
            if hole and min(gaps) >= 0 and max(gaps) > 0:
                thinnest = min(thinnest, min(g for g in gaps if g > 0))   # a zero gap paints nothing
    return thinnest

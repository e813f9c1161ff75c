"""Interlinear marks drawn in the line gap under the text (clreq §5.6.1): emphasis dots
(着重号, §5.3.1), the proper-noun line (专名号) and the wavy book-title line (书名号
type A, §5.2); and the black frame round a name of the deceased (§5.1.1.4). Each mark is a span of its own, so adjacent names' lines stay visibly
separate; dots sit under characters only, never under punctuation. Lengths in pt."""

from __future__ import annotations

from itertools import groupby

from layout.compose.items import Rule
from layout.model.schema import MarkKind
from layout.text.classes import PUNCT_CLASSES, classify
from layout.text.justify import SetLine

LINE_DROP = 0.2     # em below the baseline: proper-noun and book-title lines
DOT_DROP = 0.32     # em below the baseline: emphasis dot centres
DOT = 0.15          # em: dot size
LINE_WIDTH = 0.06   # em: stroke of the lines
INSET = 0.08        # em: each end of a line is pulled in, so neighbours stay apart
WAVE = 0.25         # em: wavelength of the book-title line
AMPLITUDE = 0.05    # em
FRAME_PAD = 0.1     # em between the name and its frame
FRAME_WIDTH = 0.06  # em: the frame's stroke


def interlinear_rules(line: SetLine, x: float, baseline: float, size: float) -> list[Rule]:
    """Rules for every mark on `line` placed at (x, baseline)."""
    rules: list[Rule] = []
    marked = [g for g in line.glyphs if g.mark is not None]
    for mark, group in groupby(marked, key=lambda g: g.mark):
        glyphs = list(group)
        if mark.kind is MarkKind.EMPHASIS:
            rules += _dots(glyphs, x, baseline, size)
        elif mark.kind is MarkKind.FRAME:
            rules += _frame(glyphs, x, baseline, size)
        else:
            left = x + glyphs[0].x + INSET * size
            right = x + glyphs[-1].x + glyphs[-1].advance - INSET * size
            y = baseline + LINE_DROP * size
            rules += [Rule(left, y, right, y, LINE_WIDTH * size)] if mark.kind is MarkKind.PROPER \
                else _wave(left, right, y, size)
    return rules


def _dots(glyphs, x: float, baseline: float, size: float) -> list[Rule]:
    y, half = baseline + DOT_DROP * size, DOT * size / 2
    return [Rule(x + g.x + g.advance / 2 - half, y, x + g.x + g.advance / 2 + half, y, DOT * size)
            for g in glyphs if classify(g.char) not in PUNCT_CLASSES and not g.char.isspace()]


def _frame(glyphs, x: float, baseline: float, size: float) -> list[Rule]:
    """A solid black frame round the name (clreq §5.1.1.4), inside the line gap."""
    left, right = x + glyphs[0].x - FRAME_PAD * size, x + glyphs[-1].x + glyphs[-1].advance + FRAME_PAD * size
    top, bottom = baseline - (0.88 + FRAME_PAD) * size, baseline + (0.12 + FRAME_PAD) * size
    w = FRAME_WIDTH * size
    return [Rule(left, top, right, top, w), Rule(left, bottom, right, bottom, w),
            Rule(left, top - w / 2, left, bottom + w / 2, w), Rule(right, top - w / 2, right, bottom + w / 2, w)]


def _wave(left: float, right: float, y: float, size: float) -> list[Rule]:
    """A zigzag from left to right: straight segments of a quarter wavelength."""
    step, amp = WAVE * size / 2, AMPLITUDE * size
    points, px, up = [], left, True
    while px < right:
        points.append((px, y - amp if up else y + amp))
        px, up = px + step, not up
    points.append((right, y))
    return [Rule(a[0], a[1], b[0], b[1], LINE_WIDTH * size) for a, b in zip(points, points[1:])]

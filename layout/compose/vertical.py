"""Vertical headlines (直排标题) at the side of a module.

Characters run top to bottom, one em each. Han and most characters stand upright;
brackets, quotes, dashes, ellipses and connectors turn 90° clockwise, as vertical
setting turns them (clreq Appendix A.5); 、，。 move to the top-right of their cell. Lines
read right to left: kicker, headline, subhead. Positions in pt, y down from the trim top.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.compose.grid import ASCENT, Grid
from layout.compose.items import TextRun
from layout.model.schema import Article, FontRole, RunKind
from layout.text.classes import CharClass, classify

TURNED = frozenset({CharClass.OPEN, CharClass.CLOSE, CharClass.DASH, CharClass.ELLIPSIS, CharClass.CONNECTOR})
CORNER = set("、，。．")   # set in the top-right quarter of the cell in vertical text
LINE_GAP = 0.3           # em between vertical lines


@dataclass(frozen=True, slots=True)
class VerticalLine:
    text: str
    size: float
    role: FontRole
    kind: str


def vertical_lines(article: Article, height: float) -> tuple[VerticalLine, ...]:
    """The stack as vertical lines, right to left; the headline shrinks toward its
    minimum size to fit `height` pt."""
    style = article.style
    size = style.headline_size
    while len(article.headline) * size > height and size > style.headline_min_size:
        size = max(style.headline_min_size, size - 1)
    lines = []
    if article.kicker:
        lines.append(VerticalLine(article.kicker, style.kicker_size, FontRole(article.kicker_font), "kicker"))
    lines.append(VerticalLine(article.headline, size, FontRole(article.headline_font), "headline"))
    if article.subhead:
        lines.append(VerticalLine(article.subhead, style.subhead_size, FontRole(article.subhead_font), "subhead"))
    return tuple(lines)


def block_width(lines: tuple[VerticalLine, ...]) -> float:
    """Width of the vertical stack, pt."""
    return sum(l.size for l in lines) + LINE_GAP * sum(l.size for l in lines[1:])


def block_height(lines: tuple[VerticalLine, ...]) -> float:
    return max(len(l.text) * l.size for l in lines)


def columns_for(lines: tuple[VerticalLine, ...], grid: Grid) -> int:
    """Base columns the vertical stack takes (with a gutter's room around it)."""
    t = grid.template
    need = block_width(lines) + t.gutter
    return max(1, -int(-(need - t.column_width) // (t.column_width + t.gutter)) + 1)


def vertical_runs(lines: tuple[VerticalLine, ...], x: float, width: float, top: float,
                  article: str) -> list[TextRun]:
    """Runs for the stack centred in [x, x + width], starting `top` pt from the trim top."""
    runs: list[TextRun] = []
    right = x + (width + block_width(lines)) / 2
    for line in lines:
        left = right - line.size
        for i, ch in enumerate(line.text):
            runs.append(_glyph(ch, left, top + i * line.size, line, article))
        right = left - LINE_GAP * line.size
    return runs


def _glyph(ch: str, left: float, cell_top: float, line: VerticalLine, article: str) -> TextRun:
    """One character in its em cell at (left, cell_top)."""
    size = line.size
    if classify(ch) in TURNED:  # turned clockwise: its baseline runs down the cell
        return TextRun(((ch, left + (1 - ASCENT) * size),), cell_top, size, line.role, article, RunKind(line.kind),
                       rotation=90)
    dx, dy = (0.5 * size, -0.5 * size) if ch in CORNER else (0.0, 0.0)
    return TextRun(((ch, left + dx),), cell_top + ASCENT * size + dy, size, line.role, article, RunKind(line.kind))

"""Vertical headlines (直排标题) at the side of a module.

Characters run top to bottom, one em each. Han and most characters stand upright.
Punctuation takes its vertical form (GB/T 15834-2011 §5.2, clreq Appendix A.5; the table
is layout.text.vertical): brackets, dashes and ellipses run down the line, 、，。 sit in the
upper right of the cell, quotation marks become corner brackets (“” as ﹃﹄, ‘’ as ﹁﹂).
With the fonts' metrics (`vertical_lines(..., metrics)`) the Unicode vertical
presentation forms are drawn, as the bundled fonts map them to their `vert` glyphs;
for a font without them, or without metrics, brackets, quotes, dashes, ellipses and
connectors are turned 90° clockwise and 、，。 moved to the top-right of their cell, the
quotation marks turned as the corner brackets when the font has those. Narrow glyphs
(digits, Latin letters, the interpunct) are centred in their cell. A line feed in the
text starts a new vertical line. Lines read right to left: kicker, headline, subhead.
Positions in pt, y down from the trim top.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.compose.grid import ASCENT, Grid
from layout.compose.items import TextRun
from layout.model.schema import Article, FontRole, RunKind
from layout.text.classes import CharClass, classify
from layout.text.metrics import MetricsSet
from layout.text.vertical import PRESENTATION_FORMS, vertical_char

TURNED = frozenset({CharClass.OPEN, CharClass.CLOSE, CharClass.DASH, CharClass.ELLIPSIS, CharClass.CONNECTOR})
CORNER = set("、，。．")   # set in the top-right quarter of the cell in vertical text
LINE_GAP = 0.3           # em between vertical lines


@dataclass(frozen=True, slots=True)
class VerticalLine:
    """One vertical line of the stack: its characters as drawn (vertical forms already
    substituted), size pt, face, kind, and where each glyph's origin sits from the
    cell's left edge, em (centring narrow glyphs; empty: all at 0)."""

    text: str
    size: float
    role: FontRole
    kind: str
    shifts: tuple[float, ...] = ()


def vertical_lines(article: Article, height: float, metrics: MetricsSet | None = None) -> tuple[VerticalLine, ...]:
    """The stack as vertical lines, right to left; the headline shrinks toward its
    minimum size to fit `height` pt. With `metrics`, punctuation takes the vertical
    forms the fonts have and narrow glyphs are centred (see the module)."""
    style = article.style
    size = style.headline_size
    longest = max((len(part) for part in article.headline.split("\n")), default=0)
    while longest * size > height and size > style.headline_min_size:
        size = max(style.headline_min_size, size - 1)
    lines: list[VerticalLine] = []
    if article.kicker:
        lines += _lines(article.kicker, style.kicker_size, FontRole(article.kicker_font), "kicker", metrics)
    lines += _lines(article.headline, size, FontRole(article.headline_font), "headline", metrics)
    if article.subhead:
        lines += _lines(article.subhead, style.subhead_size, FontRole(article.subhead_font), "subhead", metrics)
    return tuple(lines)


def _lines(text: str, size: float, role: FontRole, kind: str, metrics: MetricsSet | None) -> list[VerticalLine]:
    """The vertical lines of one element: one per line-feed-separated part."""
    font = metrics.get(role) if metrics is not None else None
    out = []
    for part in filter(None, text.split("\n")):
        chars = [vertical_char(ch, font) for ch in part]
        drawn = "".join(c.char for c in chars)
        shifts = tuple(_centring(c.char, font) for c in chars) if font is not None else ()
        out.append(VerticalLine(drawn, size, role, kind, shifts))
    return out


def _centring(ch: str, font) -> float:
    """Offset (em) that centres a narrow upright glyph in its 1-em cell; 0 for full-width
    glyphs, vertical forms and the marks that are turned or set in the corner."""
    if ch in PRESENTATION_FORMS or ch in CORNER or classify(ch) in TURNED:
        return 0.0
    return max(0.0, (1.0 - font.advance(ch)) / 2)


def block_width(lines: tuple[VerticalLine, ...]) -> float:
    """Width of the vertical stack, pt."""
    return sum(ln.size for ln in lines) + LINE_GAP * sum(ln.size for ln in lines[1:])


def block_height(lines: tuple[VerticalLine, ...]) -> float:
    return max(len(ln.text) * ln.size for ln in lines)


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
            shift = line.shifts[i] * line.size if line.shifts else 0.0
            runs.append(_glyph(ch, left + shift, top + i * line.size, line, article))
        right = left - LINE_GAP * line.size
    return runs


def _glyph(ch: str, left: float, cell_top: float, line: VerticalLine, article: str) -> TextRun:
    """One character in its em cell at (left, cell_top): a vertical presentation form
    upright as drawn; else turned, or in the corner, as vertical setting wants."""
    size = line.size
    if ch not in PRESENTATION_FORMS and classify(ch) in TURNED:  # turned clockwise: its baseline runs down the cell
        return TextRun(((ch, left + (1 - ASCENT) * size),), cell_top, size, line.role, article, RunKind(line.kind),
                       rotation=90)
    dx, dy = (0.5 * size, -0.5 * size) if ch in CORNER else (0.0, 0.0)
    return TextRun(((ch, left + dx),), cell_top + ASCENT * size + dy, size, line.role, article, RunKind(line.kind))

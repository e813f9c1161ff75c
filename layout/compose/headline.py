"""Headline stacks (引题 / 主题 / 副题): sized to fit, set on whole grid rows.

The main headline shrinks from its size toward its minimum until it fits the module in
at most `headline_lines` lines; multi-line headlines are balanced. The whole stack
takes a whole number of grid rows (clreq §7.1.1) with its lines centred in them.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.compose.grid import ASCENT, Grid
from layout.compose.items import TextRun
from layout.compose.textset import Align, aligned_offset, line_extent, runs, set_display
from layout.model.schema import Article, FontRole
from layout.text.atoms import Span
from layout.text.justify import SetLine
from layout.text.metrics import MetricsSet

LEADING = 1.2      # line advance inside a headline element, × size
ELEMENT_GAP = 0.3  # space between kicker, headline and subhead, × the smaller size


@dataclass(frozen=True, slots=True)
class StackElement:
    kind: str
    lines: tuple[SetLine, ...]
    size: float
    role: FontRole
    align: Align = Align.CENTRE

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LEADING


@dataclass(frozen=True, slots=True)
class HeadlineStack:
    elements: tuple[StackElement, ...]
    rows: int
    shrunk: bool  # the headline needed more lines than allowed even at its minimum size


def build_stack(article: Article, width: float, grid: Grid, metrics: MetricsSet) -> HeadlineStack:
    """Set the article's headline stack for a module `width` pt wide."""
    elements: list[StackElement] = []
    if article.kicker:
        elements.append(_element("kicker", article.kicker, article.style.kicker_size, FontRole(article.kicker_font),
                                 width, metrics))
    shrunk = False
    if article.headline:
        headline, shrunk = _fit_headline(article, width, metrics)
        elements.append(headline)
    if article.subhead:
        elements.append(_element("subhead", article.subhead, article.style.subhead_size,
                                 FontRole(article.subhead_font), width, metrics))
    if not elements:
        return HeadlineStack((), 0, False)
    total = sum(e.height for e in elements) + _gaps(elements)
    return HeadlineStack(tuple(elements), grid.rows_for(total + grid.pitch), shrunk)


def _gaps(elements: list[StackElement] | tuple[StackElement, ...]) -> float:
    return sum(ELEMENT_GAP * min(a.size, b.size) for a, b in zip(elements, elements[1:]))


def _element(kind: str, text: str, size: float, role: FontRole, width: float, metrics: MetricsSet) -> StackElement:
    return StackElement(kind, _balanced(text, size, role, width, metrics), size, role)


def _fit_headline(article: Article, width: float, metrics: MetricsSet) -> tuple[StackElement, bool]:
    style = article.style
    align = Align(style.align)
    role = FontRole(article.headline_font)  # Hei bold by default; Song, bold Song, Kai (clreq §7.1.3.2)
    size = style.headline_size
    while True:
        lines = _balanced(article.headline, size, role, width, metrics, style.tracking, align)
        if len(lines) <= style.headline_lines or size <= style.headline_min_size:
            element = StackElement("headline", lines, size, role, align)
            return element, len(lines) > style.headline_lines
        size = max(style.headline_min_size, size - 1)


def _balanced(text: str, size: float, role: FontRole, width: float, metrics: MetricsSet,
              tracking: float = 0.0, align: Align = Align.CENTRE) -> tuple[SetLine, ...]:
    """Lines of `text` at `width`, narrowed as far as the line count allows so that
    multi-line headlines come out even rather than one long line and a stub. Spread
    headlines fill the full width instead."""
    spans = (Span(text, role),)
    lines = set_display(spans, size, width, metrics, align, tracking)
    if len(lines) < 2 or align is Align.SPREAD:
        return lines
    narrow = width
    while narrow - size / 2 > size:
        trial = set_display(spans, size, narrow - size / 2, metrics, align, tracking)
        if len(trial) > len(lines):
            break
        narrow -= size / 2
    return set_display(spans, size, narrow, metrics, align, tracking)


def stack_runs(stack: HeadlineStack, x: float, width: float, top_row: int, grid: Grid,
               metrics: MetricsSet, article: str) -> list[TextRun]:
    """Text runs of the stack, centred in `width` and vertically in its rows."""
    total = sum(e.height for e in stack.elements) + _gaps(stack.elements)
    y = grid.row_top(top_row) + (stack.rows * grid.pitch - total) / 2
    out: list[TextRun] = []
    previous = None
    for element in stack.elements:
        if previous is not None:
            y += ELEMENT_GAP * min(previous.size, element.size)
        for line in element.lines:
            baseline = y + (LEADING - 1) / 2 * element.size + ASCENT * element.size
            dx = aligned_offset(line, element.size, width, metrics, element.align)
            out += runs(line, x, baseline, element.size, article, element.kind, dx)
            y += element.size * LEADING
        previous = element
    return out


__all__ = ["HeadlineStack", "build_stack", "stack_runs", "line_extent"]

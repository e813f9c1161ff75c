"""Set one paragraph: spans of text → justified lines (the text stage's entry point)."""

from __future__ import annotations

from dataclasses import dataclass

from layout.text.atoms import Span, line_end_trim, make_atoms
from layout.text.config import TextConfig
from layout.text.justify import SetLine, justify
from layout.text.linebreak import Measure, break_lines
from layout.text.metrics import MetricsSet


@dataclass(frozen=True, slots=True)
class ParagraphStyle:
    """Size and measure of a paragraph, pt; `indent` in em (2 for body text)."""

    size: float
    width: float
    indent: float = 2.0
    justify: bool = True


def set_paragraph(spans: tuple[Span, ...], style: ParagraphStyle, metrics: MetricsSet,
                  config: TextConfig = TextConfig()) -> tuple[SetLine, ...]:
    """Break and justify a paragraph. Every character of `spans` except spaces is in
    exactly one returned line, in order."""
    atoms, gaps = make_atoms(spans, style.size, metrics, config)
    if not atoms:
        return ()
    indent = style.indent * style.size
    breaks = break_lines(atoms, gaps, Measure(style.width - indent, style.width), style.size, config)
    lines = []
    for index, (a, b) in enumerate(zip(breaks, breaks[1:])):
        x0 = indent if index == 0 else 0.0
        last = b == len(atoms) or not (style.justify and config.justify)
        lines.append(justify(atoms, gaps, a, b, x0, style.width - x0, last, line_end_trim(atoms[b - 1], config)))
    return tuple(lines)

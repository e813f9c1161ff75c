"""Setting display text (headlines, captions, furniture) and turning set lines into
page text runs. Body paragraphs use the same engine (layout.text.set_paragraph)."""

from __future__ import annotations

from enum import Enum

from layout.compose.items import TextRun
from layout.model.schema import FontRole, RunKind
from layout.text.atoms import Span
from layout.text.justify import SetLine
from layout.text.metrics import MetricsSet
from layout.text.paragraph import ParagraphStyle, set_paragraph


class Align(Enum):
    LEFT = "left"
    CENTRE = "centre"
    RIGHT = "right"
    JUSTIFY = "justify"  # like body text: every line but the last flush at both edges
    SPREAD = "spread"    # every line spread evenly to the full width (clreq §6.2.1.3)


def set_display(spans: tuple[Span, ...], size: float, width: float, metrics: MetricsSet,
                align: Align = Align.CENTRE, tracking: float = 0.0) -> tuple[SetLine, ...]:
    """Break display text at `width` pt with no indent; `tracking` in em."""
    style = ParagraphStyle(size=size, width=width, indent=0.0, justify=align in (Align.JUSTIFY, Align.SPREAD),
                           tracking=tracking, justify_last=align is Align.SPREAD)
    return set_paragraph(spans, style, metrics)


def line_extent(line: SetLine, size: float, metrics: MetricsSet) -> float:
    """Inked width of a set line, pt: from its first glyph origin to its last glyph's end."""
    if not line.glyphs:
        return 0.0
    last = line.glyphs[-1]
    return last.x + metrics.get(last.role).advance(last.char) * size - min(0.0, line.glyphs[0].x)


def runs(line: SetLine, x: float, baseline: float, size: float, article: str, kind: RunKind | str,
         dx: float = 0.0) -> list[TextRun]:
    """Page text runs for `line` placed at (x + dx, baseline), one run per font role."""
    kind = RunKind(kind)
    out: list[TextRun] = []
    current: list[tuple[str, float]] = []
    role: FontRole | None = None
    for glyph in line.glyphs:
        if glyph.role is not role and current:
            out.append(TextRun(tuple(current), baseline, size, role, article, kind))
            current = []
        role = glyph.role
        current.append((glyph.char, x + dx + glyph.x))
    if current:
        out.append(TextRun(tuple(current), baseline, size, role, article, kind))
    return out


def aligned_offset(line: SetLine, size: float, width: float, metrics: MetricsSet, align: Align) -> float:
    """x offset that aligns `line` in a box `width` pt wide."""
    slack = width - line_extent(line, size, metrics)
    return {Align.CENTRE: slack / 2, Align.RIGHT: slack}.get(align, 0.0)

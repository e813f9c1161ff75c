"""Set one paragraph: spans of text → justified lines (the text stage's entry point)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from layout.text.atoms import Atom, Span, line_end_trim, make_atoms
from layout.text.config import TextConfig
from layout.text.justify import SetLine, justify
from layout.text.linebreak import Measure, break_lines
from layout.text.metrics import MetricsSet


@dataclass(frozen=True, slots=True)
class ParagraphStyle:
    """Size and measure of a paragraph, pt; `indent` in em (2 for body text);
    `tracking` is space added after every character, em (negative: tighter; clreq
    §6.3.1.1, §6.3.1.3); `justify_last` spreads the last line too (even spacing of a
    headline, §6.2.1.3)."""

    size: float
    width: float
    indent: float = 2.0
    justify: bool = True
    tracking: float = 0.0
    justify_last: bool = False


def set_paragraph(spans: tuple[Span, ...], style: ParagraphStyle, metrics: MetricsSet,
                  config: TextConfig = TextConfig()) -> tuple[SetLine, ...]:
    """Break and justify a paragraph. Every character of `spans` except spaces is in
    exactly one returned line, in order."""
    atoms, gaps = make_atoms(spans, style.size, metrics, config)
    if not atoms:
        return ()
    if style.tracking:
        atoms = tuple(_tracked(a, style.tracking * style.size) for a in atoms)
    indent = style.indent * style.size
    breaks = break_lines(atoms, gaps, Measure(style.width - indent, style.width), style.size, config)
    positions = breaks.positions
    lines = []
    for index, (a, b) in enumerate(zip(positions, positions[1:])):
        x0 = indent if index == 0 else 0.0
        justified = style.justify and config.justify
        last = not justified or (b == len(atoms) and not style.justify_last)
        end_trim = atoms[b - 1].width if b in breaks.hung else line_end_trim(atoms[b - 1], config)
        lines.append(justify(atoms, gaps, a, b, x0, style.width - x0, last, end_trim))
    return tuple(lines)


def _tracked(atom: Atom, extra: float) -> Atom:
    """The atom with `extra` pt after it (tracking between characters, not inside words)."""
    return replace(atom, width=atom.width + extra, advances=atom.advances[:-1] + (atom.advances[-1] + extra,))

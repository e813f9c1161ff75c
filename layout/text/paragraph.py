"""Set one paragraph: spans of text → justified lines (the text stage's entry point)."""

from __future__ import annotations

from dataclasses import dataclass

from layout.text.atoms import Atoms, Span, line_end_trim, make_atoms, split_wide, tracked
from layout.text.config import TextConfig
from layout.text.justify import SetLine, justify
from layout.text.linebreak import Measure, break_lines
from layout.text.metrics import MetricsSet

DEFAULT = TextConfig()  # immutable: the settings of an issue that sets none


@dataclass(frozen=True, slots=True)
class ParagraphStyle:
    """Size and measure of a paragraph, pt; `indent` in em (2 for body text);
    `tracking` is space added after every character, em (negative: tighter; clreq
    §6.3.1.1, §6.3.1.3); `justify_last` spreads the last line too (even spacing of a
    headline, §6.2.1.3).

    `breaks`, when given, are the character offsets (into the spans' text joined) where a
    line may start, e.g. layout.text.segment.phrase_breaks for a headline: other breaks
    are taken only where no line can be formed from the listed ones (a phrase wider than
    the measure), and then as few as possible. None: every break the rules allow."""

    size: float
    width: float
    indent: float = 2.0
    justify: bool = True
    tracking: float = 0.0
    justify_last: bool = False
    breaks: frozenset[int] | None = None


def set_paragraph(spans: tuple[Span, ...], style: ParagraphStyle, metrics: MetricsSet,
                  config: TextConfig = DEFAULT) -> tuple[SetLine, ...]:
    """Break and justify a paragraph. Every character of `spans` except spaces and line
    feeds is in exactly one returned line, in order; a line feed is a mandatory break.

    No line runs past its measure (`line.right <= line.left + line.width`), whatever the
    text: Latin runs break where UAX #14 and clreq allow, between letters as the last
    resort. The exceptions are a mark hanging by choice (`TextConfig.hanging`) and a
    measure narrower than a single character."""
    run = make_atoms(spans, style.size, metrics, config)
    if not run.atoms:
        return ()
    indent = style.indent * style.size
    extra = style.tracking * style.size
    run = split_wide(run, min(style.width - indent, style.width) - max(extra, 0.0))
    if extra:
        run = tracked(run, extra)
    lines: list[SetLine] = []
    for lo, hi in _parts(run):
        first = style.width - indent if lo == 0 else style.width
        lines += _set_part(run, lo, hi, Measure(first, style.width), style, config, indent if lo == 0 else 0.0,
                           hi == len(run.atoms))
    return tuple(lines)


def _parts(run: Atoms) -> list[tuple[int, int]]:
    """Atom ranges between mandatory breaks."""
    cuts = [0, *sorted(run.forced), len(run.atoms)]
    return [(lo, hi) for lo, hi in zip(cuts, cuts[1:]) if hi > lo]


def _set_part(run: Atoms, lo: int, hi: int, measure: Measure, style: ParagraphStyle, config: TextConfig,
              indent: float, final: bool) -> list[SetLine]:
    """Lines of atoms lo..hi-1: a paragraph, or the part of one up to a line feed (whose
    last line is set like a paragraph's last, but is not `last` unless `final`)."""
    atoms, gaps = run.atoms[lo:hi], run.gaps[lo:hi]
    breaks = break_lines(atoms, gaps, measure, style.size, config, style.breaks)
    positions = breaks.positions
    justified = style.justify and config.justify
    out = []
    for index, (a, b) in enumerate(zip(positions, positions[1:])):
        x0 = indent if index == 0 else 0.0
        end = b == len(atoms)
        natural = not justified or (end and not style.justify_last)
        end_trim = atoms[b - 1].width if b in breaks.hung else line_end_trim(atoms[b - 1], config)
        line = justify(atoms, gaps, a, b, x0, style.width - x0, natural, end_trim)
        if line.last != (end and final):
            line = SetLine(line.glyphs, line.width, end and final, line.left, line.right, line.offset)
        out.append(line)
    return out

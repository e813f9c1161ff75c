"""Setting display text (headlines, captions, furniture) and turning set lines into
page text runs. Body paragraphs use the same engine (layout.text.set_paragraph)."""

from __future__ import annotations

from enum import Enum

from layout.compose.items import SourceField, TextRun, TextSource
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


Origin = tuple[SourceField | None, int, int]  # (field, index, character offset) of one glyph
Origins = tuple[Origin, ...]                  # one line's glyphs, in order


def trace(lines: tuple[SetLine, ...], texts: tuple[tuple[SourceField | None, int, str], ...]) -> tuple[Origins, ...]:
    """Where each glyph of `lines` comes from, when the lines were set from the
    concatenation of `texts` ((field, index, text) in order; field None for text the
    composer added, such as the space after a run-in byline). The engine drops Western
    spaces and line feeds and nothing else; a glyph that follows no character of the
    copy is a bug, raised."""
    flat = [(field, index, pos, ch) for field, index, text in texts for pos, ch in enumerate(text)]
    whole = "".join(text for _, _, text in texts)
    k, out = 0, []
    for line in lines:
        n = len(line.glyphs)
        if whole.startswith(line.text, k):  # no space dropped inside the line: its glyphs are the next n characters
            out.append(tuple(origin[:3] for origin in flat[k:k + n]))
            k += n
            continue
        origins: list[Origin] = []
        for glyph in line.glyphs:
            while k < len(flat) and flat[k][3] != glyph.char and flat[k][3].isspace():
                k += 1
            if k >= len(flat) or flat[k][3] != glyph.char:
                raise AssertionError(f"set glyph {glyph.char!r} does not follow the copy (at {k} of {len(flat)})")
            origins.append(flat[k][:3])
            k += 1
        out.append(tuple(origins))
    return tuple(out)


def runs(line: SetLine, x: float, baseline: float, size: float, article: str, kind: RunKind | str,
         dx: float = 0.0, origins: Origins = ()) -> list[TextRun]:
    """Page text runs for `line` placed at (x + dx, baseline), one run per font role and
    per text the glyphs come from (`origins`, from `trace`; none for furniture)."""
    kind = RunKind(kind)
    glyphs = line.glyphs
    if glyphs:  # the common case, made in one go: one font and one source for the whole line
        first, at = glyphs[0].role, x + dx
        whole = origins[0][:2] if origins else None
        if all(g.role is first for g in glyphs) and (whole is None or all(o[:2] == whole for o in origins)):
            start = origins[0] if origins else None
            one = TextSource(article, start[0], start[1], start[2]) if start and start[0] else None
            return [TextRun(tuple([(g.char, at + g.x) for g in glyphs]), baseline, size, first, article, kind,
                            source=one)]
    out: list[TextRun] = []
    current: list[tuple[str, float]] = []
    role: FontRole = line.glyphs[0].role if line.glyphs else FontRole.SONG
    source: TextSource | None = None
    key: tuple[SourceField | None, int] | None = None
    for i, glyph in enumerate(line.glyphs):
        origin = origins[i] if origins else None
        new_key = origin[:2] if origin else None
        if current and (glyph.role is not role or new_key != key):
            out.append(TextRun(tuple(current), baseline, size, role, article, kind, source=source))
            current = []
        if not current:
            source = TextSource(article, origin[0], origin[1], origin[2]) if origin and origin[0] else None
        role, key = glyph.role, new_key
        current.append((glyph.char, x + dx + glyph.x))
    if current:
        out.append(TextRun(tuple(current), baseline, size, role, article, kind, source=source))
    return out


def aligned_offset(line: SetLine, size: float, width: float, metrics: MetricsSet, align: Align) -> float:
    """x offset that aligns `line` in a box `width` pt wide (never left of the box: a line
    that fills the box, its marks squeezed, stays where the engine set it)."""
    slack = max(0.0, width - line_extent(line, size, metrics))
    return {Align.CENTRE: slack / 2, Align.RIGHT: slack}.get(align, 0.0)

"""Lay out a proof sheet's margin notes: one per finding on the page, in the margin
nearer the line it concerns, as close to that line's height as the notes above allow.

Pure: text is measured through the text stage's metrics; drawing is
layout/render/proof.py's. Coordinates are pt from the trim's top-left, y downwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from layout.lint.findings import Finding, Severity
from layout.model.schema import FontRole
from layout.proof.locate import Spot
from layout.render.proof import (
    BOTTOM_ZONE, TEXT_SIZE, TITLE_SIZE, TOP_ZONE, Note, ProofMarks, note_height, note_width,
)
from layout.text.metrics import MetricsSet

NOTE_GAP = 2.0  # pt between stacked notes
MESSAGE_LINES = {Severity.ERROR: 3, Severity.WARNING: 3, Severity.INFO: 1}


@dataclass(frozen=True, slots=True)
class Numbered:
    """A finding with its number in the proof's list and its spot (None: not on a page)."""

    number: int
    finding: Finding
    spot: Spot | None
    id: str = ""  # stable across rounds (layout.proof.build.finding_id)


def tokens(text: str) -> list[str]:
    """Units a note may break between: each CJK character, each Latin word with the
    space after it."""
    return re.findall(r"[A-Za-z0-9'.,;:()\[\]\-_/%+×→]+ ?| |.", text)


def wrap(text: str, width: float, size: float, metrics: MetricsSet, most: int) -> tuple[str, ...]:
    """`text` broken into at most `most` lines of `width` pt at `size` (Hei metrics);
    the last line ends in … when text is left over."""
    font = metrics.get(FontRole.HEI)
    measure = lambda s: sum(font.advance(c) for c in s) * size  # noqa: E731
    lines, line = [], ""
    for token in tokens(text):
        if line and measure(line + token.rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
            if len(lines) == most:
                break
        line += token
    else:
        if line.strip():
            lines.append(line.rstrip())
        return tuple(_fit(l, width, measure) for l in lines)
    last = lines[-1]
    while last and measure(last + "…") > width:
        last = last[:-1]
    return tuple(_fit(l, width, measure) for l in lines[:-1]) + (last + "…",)


def _fit(line: str, width: float, measure) -> str:
    """A line cut (with …) where one long word alone is wider than `width`."""
    if measure(line) <= width:
        return line
    while line and measure(line + "…") > width:
        line = line[:-1]
    return line + "…"


def page_marks(slug: str, items: list[Numbered], size: tuple[float, float], area: tuple[float, float],
               metrics: MetricsSet) -> ProofMarks:
    """The proof marks of a page `size` (width, height) pt whose type area runs from
    `area`[0] to `area`[1] pt: `slug` and a note for every item with a spot."""
    width, height = size
    notes = [_note(n, width, metrics) for n in items if n.spot is not None]
    placed = []
    for side in ("left", "right"):
        placed += _stack([n for n in notes if n.side == side], height)
    return ProofMarks(slug, tuple(sorted(placed, key=lambda n: n.number)), area)


def _note(item: Numbered, width: float, metrics: MetricsSet) -> Note:
    f, spot = item.finding, item.spot
    side = "left" if (spot.x0 + spot.x1) / 2 < width / 2 else "right"
    title = wrap(f"{item.number}  {f.code} {f.name}", note_width() - 4, TITLE_SIZE, metrics, 1)[0]
    message = _short(f.message)
    lines = wrap(message, note_width(), TEXT_SIZE, metrics, MESSAGE_LINES[f.severity])
    top = (spot.top + spot.bottom) / 2 - TITLE_SIZE * 0.8
    return Note(item.number, f.severity.value, title, lines, side, top, (spot.x0, spot.top, spot.x1, spot.bottom))


def _short(message: str) -> str:
    """The message without its leading name (the title says it)."""
    head, sep, rest = message.partition(": ")
    return rest if sep and len(head) < 40 else message


def _stack(notes: list[Note], height: float) -> list[Note]:
    """Notes of one margin, each at its line's height or just below the note above,
    then pushed up from the bottom where the last ones run off the sheet."""
    out: list[Note] = []
    bottom = -TOP_ZONE + 2.0
    for note in sorted(notes, key=lambda n: (n.top, n.number)):
        top = max(note.top, bottom)
        out.append(_moved(note, top))
        bottom = top + note_height(len(note.lines)) + NOTE_GAP
    limit = height + BOTTOM_ZONE - 2.0
    for i in range(len(out) - 1, -1, -1):
        note = out[i]
        top = min(note.top, limit - note.height)
        out[i] = _moved(note, top)
        limit = top - NOTE_GAP
    return out


def _moved(note: Note, top: float) -> Note:
    return Note(note.number, note.severity, note.title, note.lines, note.side, top, note.target)

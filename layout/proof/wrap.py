"""Break a note's text into lines of a given width: whole, never cut.

CJK text breaks between any two characters, Latin words and numbers at their spaces
(a word wider than the line, such as a long URL, between its characters); the basic
line-start and line-end prohibitions of clreq §3.1.7 hold: a closing mark or a pause or
stop never starts a line (the character before it goes down with it), an opening mark
never ends one. Widths are measured with the text stage's metrics (no PDF needed).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from layout.model.schema import FontRole
from layout.text.metrics import MetricsSet

NO_START = set("，。、；：？！）》」』”’】〕〉…—·%‰,.;:?!)]}")  # clreq §3.1.7: not at a line's start
NO_END = set("（《「『“‘【〔〈([{")                              # nor these at its end
LATIN = re.compile(r"[A-Za-z0-9'.,;:()\[\]\-_/%+×→@#&=?!~*]+ ?| +|.", re.S)
Measure = Callable[[str], float]


def measurer(metrics: MetricsSet, role: FontRole, size: float) -> Measure:
    """A function giving the width in pt of a string set in `role` at `size` pt."""
    font = metrics.get(role)
    return lambda text: sum(font.advance(ch) for ch in text) * size


def tokens(text: str, width: float, measure: Measure) -> list[str]:
    """Units a line may break between: each CJK character, each Latin word with the
    space after it; a word wider than `width` as its characters."""
    out: list[str] = []
    for token in LATIN.findall(text.replace("\n", " ")):
        if len(token) > 1 and measure(token.rstrip()) > width:
            out += list(token)
        else:
            out.append(token)
    return out


def wrap(text: str, width: float, measure: Measure) -> tuple[str, ...]:
    """`text` in lines at most `width` pt wide (as `measure` measures), every character
    kept: joined again (spaces aside) the lines are the text."""
    lines: list[list[str]] = [[]]
    for token in tokens(text, width, measure):
        line = lines[-1]
        if line and measure("".join(line + [token]).rstrip()) > width:
            lines.append(_carried(line, token))
        lines[-1].append(token)
    return tuple(s for s in ("".join(line).strip() for line in lines) if s)


def _carried(line: list[str], token: str) -> list[str]:
    """What of the full `line` goes down to the next line before `token`: the characters
    before a mark that may not start a line (…公开。” moves 开 down with 。”) and an
    opening mark that may not end one — never the whole line; `line` loses them."""
    moved: list[str] = []
    while len(line) > 1 and _no_start((moved or [token])[0]):
        moved.insert(0, line.pop())
    while len(line) > 1 and line[-1].strip() and line[-1][-1] in NO_END:
        moved.insert(0, line.pop())
    return moved


def _no_start(token: str) -> bool:
    return bool(token.strip()) and token[0] in NO_START

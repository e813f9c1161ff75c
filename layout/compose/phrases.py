"""Where display lines (headlines, kickers, subheads) may break.

`legal_breaks` gives every break the prohibition rules allow (clreq §6.1.1, level GB):
never before a closing mark, pause or stop, never after an opening mark, never inside a
Latin word or number, a `——` / `……` pair, or between a number and its unit.
`display_breaks` keeps of those only the breaks between words and phrases, and none
inside a short quotation or bracketed phrase (“大锅饭” stays whole): headlines are
broken where a reader pauses, not where the measure happens to end.
"""

from __future__ import annotations

from functools import lru_cache

from layout.model.schema import Kinsoku
from layout.text.classes import ALWAYS_NO_START, NO_END, NO_START, classify, is_fullwidth
from layout.text.linebreak import UNITS
from layout.text.segment import break_ranks, phrase_breaks


@lru_cache(maxsize=4096)
def legal_breaks(text: str) -> frozenset[int]:
    """Offsets k (0 < k < len) where a line may break before text[k]."""
    no_start = NO_START[Kinsoku.GB] | ALWAYS_NO_START
    no_end = NO_END[Kinsoku.GB]
    out = set()
    for k in range(1, len(text)):
        before, after = text[k - 1], text[k]
        if classify(after) in no_start or classify(before) in no_end:
            continue
        if not is_fullwidth(before) and not is_fullwidth(after) and not before.isspace() and not after.isspace():
            continue  # inside a Latin word or number
        if before == after and before in "—…⋯":
            continue
        if before.isdigit() and after in UNITS:
            continue
        out.add(k)
    return frozenset(out)


def display_breaks(text: str) -> frozenset[int]:
    """The breaks between words and phrases, outside short quotations (the text stage's
    segmenter, layout.text.segment)."""
    return phrase_breaks(text)


def display_costs(text: str) -> dict[int, float]:
    """Each display break's penalty against uneven lines: after a pause mark least, next
    to a one-character word most (layout.text.segment.BreakRank)."""
    return {k: rank.cost for k, rank in break_ranks(text)}

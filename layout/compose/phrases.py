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
from layout.text.classes import ALWAYS_NO_START, NO_END, NO_START, CLOSING, OPENING, classify, is_fullwidth
from layout.text.linebreak import UNITS

SHORT_QUOTE = 8  # characters: a quotation or bracketed phrase up to this long is never broken


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


@lru_cache(maxsize=4096)
def display_breaks(text: str) -> frozenset[int]:
    """The legal breaks that fall between words, outside short quotations."""
    return legal_breaks(text) & _word_ends(text) - _inside_short_quotes(text)


def _word_ends(text: str) -> frozenset[int]:
    """Offsets between two words of `text` (a segmenter's word boundaries).
    INTEGRATION: every offset until layout.text.segment (jieba) lands on main."""
    return frozenset(range(len(text) + 1))


def _inside_short_quotes(text: str) -> frozenset[int]:
    """Offsets strictly inside a quotation or bracket pair of at most SHORT_QUOTE
    characters, and between the pair and its neighbours' edges."""
    out: set[int] = set()
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in OPENING:
            stack.append(i)
        elif ch in CLOSING and stack:
            start = stack.pop()
            if i - start - 1 <= SHORT_QUOTE:
                out.update(range(start + 1, i + 1))
    return frozenset(out)

"""Character classes and prohibition tables for Chinese line layout, as data.

Sources: W3C clreq (https://www.w3.org/TR/clreq/) §5.1 and Appendix A (punctuation), §6.1.1
line-start/line-end prohibition; GB/T 15834-2011 §4–§5 (punctuation), §5.1.9 (slash).
See also shared/reference/clreq.md.
"""

from __future__ import annotations

import unicodedata
from enum import IntEnum
from functools import lru_cache

from layout.model.schema import Kinsoku as Kinsoku  # the model owns them; re-exported
from layout.model.schema import PunctStyle as PunctStyle


class CharClass(IntEnum):
    """What a character is, as far as line layout cares (clreq §5.1, Appendix A).
    An IntEnum so sets of classes hash at C speed in the line breaker's loops."""

    IDEO = 1        # Han, kana, full-width letters: 1 em, breakable on both sides
    OPEN = 2        # opening brackets and quotes
    CLOSE = 3       # closing brackets and quotes
    PAUSE = 4       # ，、；： pause marks
    STOP = 5        # 。！？． stop marks (． in technical copy, clreq §5.1.1.1)
    MIDDOT = 6      # · interpunct 间隔号 (GB/T 15834 §4.14)
    CONNECTOR = 7   # ～ connector 连接号: never at a line start (clreq §6.1.1)
    DASH = 8        # —— (U+2014 ×2): one 2-em unit (clreq §6.1.2.1)
    ELLIPSIS = 9    # …… (U+2026 ×2): one 2-em unit (clreq §6.1.2.1)
    SLASH = 10      # ／ /: GB level forbids it at both line ends (GB/T 15834 §5.1.9)
    LATIN = 11      # letters, digits and Latin punctuation: proportional
    ANNOTATION = 12  # ¹ ² † ‡: note marks stay with the text before (clreq §6.1.2.3)
    SPACE = 13      # a Western word space


OPENING = "“‘（《〈「『【〔〖［｛"
CLOSING = "”’）》〉」』】〕〗］｝"
PAUSES = "，、；："
STOPS = "。！？．"
CONNECTORS = "～〜"
ANNOTATIONS = "¹²³⁴⁵⁶⁷⁸⁹⁰⁺⁻₀₁₂₃₄₅₆₇₈₉†‡"
MIDDOTS = "·・‧"

TABLE: dict[str, CharClass] = {
    **{c: CharClass.OPEN for c in OPENING},
    **{c: CharClass.CLOSE for c in CLOSING},
    **{c: CharClass.PAUSE for c in PAUSES},
    **{c: CharClass.STOP for c in STOPS},
    **{c: CharClass.MIDDOT for c in MIDDOTS},
    **{c: CharClass.CONNECTOR for c in CONNECTORS},
    "—": CharClass.DASH,
    "⸺": CharClass.DASH,
    "…": CharClass.ELLIPSIS,
    "⋯": CharClass.ELLIPSIS,
    **{c: CharClass.STOP for c in "‼⁇⁈⁉"},
    **{c: CharClass.ANNOTATION for c in ANNOTATIONS},
    "／": CharClass.SLASH,
    "/": CharClass.SLASH,
    " ": CharClass.SPACE,
}

# Where the ink sits in a full-width mark's em box in simplified-Chinese fonts, as the
# blank (em) on its (left, right) side that may be squeezed (clreq §6.3.2.1).
# Measured on Noto Serif/Sans CJK SC: ，。、；：！？ and closing marks have their ink in
# the left half, opening marks in the right half. (The interpunct is set half-width.)
BLANKS: dict[CharClass, tuple[float, float]] = {
    CharClass.OPEN: (0.5, 0.0),
    CharClass.CLOSE: (0.0, 0.5),
    CharClass.PAUSE: (0.0, 0.5),
    CharClass.STOP: (0.0, 0.5),
}

# clreq §6.1.1: classes that may not start / end a line, by level.
NO_START: dict[Kinsoku, frozenset[CharClass]] = {
    Kinsoku.NONE: frozenset(),
    Kinsoku.BASIC: frozenset({CharClass.CLOSE, CharClass.PAUSE, CharClass.STOP, CharClass.MIDDOT,
                              CharClass.CONNECTOR}),
    Kinsoku.GB: frozenset({CharClass.CLOSE, CharClass.PAUSE, CharClass.STOP, CharClass.MIDDOT,
                           CharClass.CONNECTOR, CharClass.SLASH}),
    Kinsoku.STRICT: frozenset({CharClass.CLOSE, CharClass.PAUSE, CharClass.STOP, CharClass.MIDDOT,
                               CharClass.CONNECTOR, CharClass.SLASH, CharClass.DASH, CharClass.ELLIPSIS}),
}
NO_END: dict[Kinsoku, frozenset[CharClass]] = {
    Kinsoku.NONE: frozenset(),
    Kinsoku.BASIC: frozenset({CharClass.OPEN}),
    Kinsoku.GB: frozenset({CharClass.OPEN, CharClass.SLASH}),
    Kinsoku.STRICT: frozenset({CharClass.OPEN, CharClass.SLASH}),
}
# The interpunct never starts a line, whatever the level (clreq §5.1; GB/T 15834 §4.14),
# nor does a note mark, which belongs to the text before it (clreq §6.1.2.3).
ALWAYS_NO_START = frozenset({CharClass.MIDDOT, CharClass.ANNOTATION})
# Characters that never start a line, whatever their class: the ideographic space U+3000,
# which paiban sets as the separator after a run-in byline or heading and before a photo
# credit; at a line start it would read as a paragraph indent (see w3c/clreq issue #411 on
# ideographic spaces at line ends: a separator space belongs with the line before).
NO_START_TEXT = frozenset({"\u3000"})

# Marks set at a fixed width, their glyph centred: the interpunct and the full-width
# solidus take half an em (clreq §6.3.2.1; GB/T 15834 §4.14, §4.17).
HALF_EM = frozenset({CharClass.MIDDOT, CharClass.SLASH})

# Marks set as one fixed unit of this many em, their glyph centred in it (clreq
# Appendix A.1, A.2): precomposed doubled marks take one em, the two-em dash two.
FIXED_EM: dict[str, int] = {"‼": 1, "⁇": 1, "⁈": 1, "⁉": 1, "⸺": 2}

# Signs that stay attached to a number (clreq §6.1.2.2): prefixes and suffixes.
NUMBER_PREFIX = "¥$€£＄￥+-−±#№"
NUMBER_SUFFIX = "%‰℃℉°′″％"

PUNCT_CLASSES = frozenset({CharClass.OPEN, CharClass.CLOSE, CharClass.PAUSE, CharClass.STOP,
                           CharClass.MIDDOT})


@lru_cache(maxsize=65536)  # pure function of one character; text repeats them
def classify(ch: str) -> CharClass:
    """The layout class of one character."""
    known = TABLE.get(ch)
    if known is not None:
        return known
    if is_wide(ch):
        return CharClass.IDEO
    return CharClass.LATIN


@lru_cache(maxsize=65536)  # pure function of one character; text repeats them
def is_wide(ch: str) -> bool:
    """True for characters set on the full-width (1 em) grid."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


@lru_cache(maxsize=65536)  # pure function of one character; text repeats them
def is_fullwidth(ch: str) -> bool:
    """Set as one CJK unit: wide characters and the ambiguous-width marks of the
    punctuation table (“” ‘’ —— …… ·), which Chinese sets full width (GB/T 15834)."""
    return (ch in TABLE and ch not in " /") or (is_wide(ch) and ch not in NUMBER_SUFFIX)


def is_space(ch: str) -> bool:
    """A Western space. The ideographic space U+3000 is a full-width character instead."""
    return ch.isspace() and ch != "\u3000"


def is_han(ch: str) -> bool:
    """True for CJK ideographs (any block)."""
    return unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH") or \
        unicodedata.name(ch, "").startswith("CJK COMPATIBILITY IDEOGRAPH")

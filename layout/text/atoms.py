"""Paragraph text → atoms (unbreakable units) and the gaps between them.

An atom is what the line breaker never splits: one CJK character or mark, a `——` or
`……` pair (clreq §6.1.2), or a Latin word / number with its signs (`100.13`, `30%`,
`¥100`). Widths are in pt at the paragraph's size. Squeezable blank space of full-width
marks (clreq §6.3.2) is carried on the atom; the mandatory 1.5-em squeeze of adjacent
marks is a negative PAIR gap, so it disappears when a line break separates the marks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from layout.model.schema import FontRole, Mark
from layout.text.classes import (
    BLANKS, FIXED_EM, HALF_EM, NUMBER_PREFIX, NUMBER_SUFFIX, PUNCT_CLASSES, CharClass, PunctStyle, classify, is_fullwidth, is_space,
)
from layout.text.config import TextConfig
from layout.text.metrics import MetricsSet


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text in one font role (e.g. a run-in byline in Hei, then body in Song),
    optionally under an interlinear mark (emphasis dots, proper-noun or book-title line)."""

    text: str
    role: FontRole
    mark: Mark | None = None


@dataclass(frozen=True, slots=True)
class Atom:
    """An unbreakable unit. `width` is its natural advance in pt after mandatory squeezes;
    `offset` places the first glyph's origin from the atom's start (the half-width
    interpunct is centred); `blank_left/right` is the blank a squeeze may remove, pt."""

    text: str
    cls: CharClass
    role: FontRole
    width: float
    blank_left: float
    blank_right: float
    offset: float                # x of the first glyph's origin from the atom's start, pt
    advances: tuple[float, ...]  # pen advance after each character, pt
    start: int                   # offset of the first character in the paragraph
    mark: Mark | None = None     # interlinear mark over the atom


class GapKind(Enum):
    """What sits between two atoms; decides how the gap may stretch or shrink."""

    PLAIN = "plain"            # CJK–CJK and around marks: 0, stretchable when justifying
    PAIR = "pair"              # two adjacent full-width marks: −1/2 em (clreq §6.3.2)
    CJK_LATIN = "cjk-latin"    # clreq §6.3.3: 1/4 em, squeeze to 1/8, stretch to 1/2
    SPACE = "space"            # a Western word space; consumed at a line break
    NOBREAK = "nobreak"        # inside a unit that must not break nor stretch


@dataclass(frozen=True, slots=True)
class Gap:
    """Space between two atoms, pt. A PAIR gap is negative: the 1.5-em squeeze of two
    adjacent marks, taking `took_left` from the right blank of the atom before and
    `took_right` from the left blank of the atom after. A gap at a line break vanishes,
    so the squeeze only applies when both marks share a line."""

    kind: GapKind
    natural: float
    shrink: float
    stretch: float
    took_left: float = 0.0
    took_right: float = 0.0


def make_atoms(spans: tuple[Span, ...], size: float, metrics: MetricsSet,
               config: TextConfig) -> tuple[tuple[Atom, ...], tuple[Gap, ...]]:
    """Atoms of the paragraph and gaps[i] = the gap *before* atoms[i] (gaps[0] unused)."""
    pieces = list(_pieces(spans))
    marks = _marks_by_offset(spans)
    atoms = [_atom(text, cls, role, start, size, metrics, config) for text, cls, role, start in pieces
             if cls is not CharClass.SPACE]
    if marks:
        atoms = [replace(a, mark=marks[a.start]) if a.start in marks else a for a in atoms]
    spaced = _space_before(pieces)
    gaps = [PLAIN_GAP]
    for i in range(1, len(atoms)):
        a, b = atoms[i - 1], atoms[i]
        plain = a.cls is CharClass.IDEO and b.cls is CharClass.IDEO and not spaced[i]
        gaps.append(PLAIN_GAP if plain else _gap(a, b, spaced[i], size, metrics, config))  # fast path
    return tuple(atoms), tuple(gaps)


PLAIN_GAP = Gap(GapKind.PLAIN, 0.0, 0.0, 0.0)


def _marks_by_offset(spans: tuple[Span, ...]) -> dict[int, Mark]:
    """Paragraph offset → mark, for every character under a mark."""
    out: dict[int, Mark] = {}
    offset = 0
    for span in spans:
        if span.mark is not None:
            out.update((offset + i, span.mark) for i in range(len(span.text)))
        offset += len(span.text)
    return out


def _pieces(spans: tuple[Span, ...]):
    """(text, class, role, offset) for each atom-to-be, spaces included as SPACE pieces."""
    offset = 0
    for span in spans:
        text, i = span.text, 0
        while i < len(text):
            j = _unit_end(text, i)
            yield text[i:j], _piece_class(text[i:j]), span.role, offset + i
            i = j
        offset += len(text)


def _piece_class(piece: str) -> CharClass:
    if is_space(piece[0]):
        return CharClass.SPACE
    if is_fullwidth(piece[0]):
        return classify(piece[0])
    return CharClass.LATIN


def _unit_end(text: str, i: int) -> int:
    """End of the unbreakable unit that starts at text[i]."""
    ch = text[i]
    if ch in "—…⋯":  # clreq §6.1.2.1: ——, …… and ⋯⋯ are one unit
        j = i
        while j < len(text) and text[j] == ch and j - i < 2:
            j += 1
        return j
    if ch in "？！":  # clreq §5.1.1.3: ？！ ！？ ？？ ！！ take one em, three marks two
        j = i
        while j < len(text) and text[j] in "？！" and j - i < 3:
            j += 1
        return j
    if is_space(ch):
        j = i
        while j < len(text) and is_space(text[j]):
            j += 1
        return j
    if is_fullwidth(ch) and not (ch in NUMBER_PREFIX and text[i + 1:i + 2].isdigit()):
        return i + 1
    j = i + 1  # a Latin word or number, with its signs (clreq §6.1.2: 30%, ¥100, 30％)
    while j < len(text) and not is_space(text[j]) and (not is_fullwidth(text[j]) or text[j] in NUMBER_SUFFIX):
        j += 1
    return j


def _space_before(pieces) -> list[bool]:
    """For each non-space atom, whether a space piece came right before it."""
    out, seen = [], False
    for _text, cls, _role, _start in pieces:
        if cls is CharClass.SPACE:
            seen = True
            continue
        out.append(seen)
        seen = False
    return out


def _atom(text, cls, role, start, size, metrics: MetricsSet, config: TextConfig) -> Atom:
    font = metrics.get(role)
    if cls is CharClass.IDEO and len(text) == 1:  # the common case, kept short
        width = font.advance(text) * size
        return Atom(text, cls, role, width, 0.0, 0.0, 0.0, (width,), start)
    if text in FIXED_EM:  # ‼ ⁇ ⁈ ⁉ one em, ⸺ two em, glyph centred
        width, advance = FIXED_EM[text] * size, font.advance(text) * size
        return Atom(text, cls, role, width, 0.0, 0.0, (width - advance) / 2, (width,), start)
    if cls in (CharClass.DASH, CharClass.ELLIPSIS):  # always full width, one em per mark
        advances = tuple(size for _ in text)
        return Atom(text, cls, role, size * len(text), 0.0, 0.0, 0.0, advances, start)
    if cls is CharClass.STOP and len(text) > 1:  # doubled or tripled ？！: a fixed unit
        width = size * (len(text) - 1)
        return Atom(text, cls, role, width, 0.0, 0.0, 0.0, tuple(width / len(text) for _ in text), start)
    advances = tuple(font.advance(c) * size for c in text)
    if cls in HALF_EM:  # ·／ half an em, centred (clreq §6.3.2.1)
        return Atom(text, cls, role, size / 2, 0.0, 0.0, (size / 2 - advances[0]) / 2, (size / 2,), start)
    left, right = BLANKS.get(cls, (0.0, 0.0)) if cls in PUNCT_CLASSES else (0.0, 0.0)
    if (left or right) and _set_half(cls, config.punct_style):
        # half-width by style: the blank is gone for good, nothing left to squeeze
        return Atom(text, cls, role, sum(advances) - (left + right) * size, 0.0, 0.0, -left * size, advances, start)
    return Atom(text, cls, role, sum(advances), left * size, right * size, 0.0, advances, start)


def _set_half(cls: CharClass, style: PunctStyle) -> bool:
    """clreq §6.3.2: banjiao 半角式 sets every mark half width; kaiming 开明式 all but the
    full stops 。？！."""
    return style is PunctStyle.BANJIAO or (style is PunctStyle.KAIMING and cls is not CharClass.STOP)


def line_end_trim(atom: Atom, config: TextConfig) -> float:
    """Blank a mark loses whenever it ends a line: hangmobanjiao 行末半角式 sets line-end
    marks half width (clreq §6.3.2); other styles only squeeze it when the line needs."""
    if config.punct_style is PunctStyle.HANGMOBANJIAO and atom.cls in (CharClass.CLOSE, CharClass.PAUSE, CharClass.STOP):
        return atom.blank_right
    return 0.0


def _gap(a: Atom, b: Atom, spaced: bool, size: float, metrics: MetricsSet, config: TextConfig) -> Gap:
    if (a.blank_left or a.blank_right) and (b.blank_left or b.blank_right):
        return _pair(a, b)
    latin_a, latin_b = a.cls is CharClass.LATIN, b.cls is CharClass.LATIN
    if latin_a and latin_b:
        if spaced:
            space = metrics.get(a.role).advance(" ") * size
            return Gap(GapKind.SPACE, space, space * 0.3, size * 0.5 - space)
        return Gap(GapKind.PLAIN, 0, 0, 0)
    if spaced and a.cls is CharClass.IDEO and b.cls is CharClass.IDEO:
        # a deliberate space between Chinese words (本报通讯员 马强 摄): half an em
        return Gap(GapKind.SPACE, size / 2, size / 4, size / 2)
    # clreq §6.3.3: between a Han character and a Latin letter or digit (not a symbol: 设计+制造)
    ideo = (a.cls is CharClass.IDEO and latin_b and b.text[0].isalnum()) or \
        (latin_a and a.text[-1].isalnum() and b.cls is CharClass.IDEO)
    if ideo and config.cjk_latin_space:  # clreq §6.3.3
        return Gap(GapKind.CJK_LATIN, size / 4, size / 8, size / 4)
    return Gap(GapKind.PLAIN, 0, 0, 0)


def _pair(a: Atom, b: Atom) -> Gap:
    """Two adjacent full-width marks take 1.5 em, not 2 (clreq §6.3.2 "always"): half an
    em comes out of the first mark's right blank, else the second's left blank."""
    need = a.advances[0] / 2
    took_left = min(a.blank_right, need)
    took_right = min(b.blank_left, need - took_left)
    return Gap(GapKind.PAIR, -(took_left + took_right), 0.0, 0.0, took_left, took_right)

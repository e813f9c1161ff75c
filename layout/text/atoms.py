"""Paragraph text → atoms (the units the line breaker places) and the gaps between them.

An atom is what the line breaker never splits: one CJK character or mark, a `——` or
`……` pair (clreq §6.1.2), or a piece of a Latin run (a word or number with its signs,
`100.13`, `30%`, `¥100`; a URL or hyphenated word is cut into pieces at its break
opportunities, layout.text.latin). Widths are in pt at the paragraph's size. Squeezable
blank space of full-width marks (clreq §6.3.2) is carried on the atom; the mandatory
1.5-em squeeze of adjacent marks is a negative PAIR gap, so it disappears when a line
break separates the marks. A line feed is a mandatory break, never drawn.

Atoms and gaps are named tuples: they are the text stage's private working data, made
by the ten thousand, and a tuple is several times cheaper to make than a frozen
dataclass.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from typing import NamedTuple

from layout.model.schema import FontRole, Mark
from layout.text.classes import (
    BLANKS,
    FIXED_EM,
    HALF_EM,
    NUMBER_PREFIX,
    PUNCT_CLASSES,
    CharClass,
    PunctStyle,
    classify,
    is_fullwidth,
    is_space,
)
from layout.text.config import TextConfig
from layout.text.latin import BreakKind, break_opportunities
from layout.text.metrics import Metrics, MetricsSet


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text in one font role (e.g. a run-in byline in Hei, then body in Song),
    optionally under an interlinear mark (emphasis dots, proper-noun or book-title line)."""

    text: str
    role: FontRole
    mark: Mark | None = None


class Atom(NamedTuple):
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


class GapKind(IntEnum):
    """What sits between two atoms; decides how the gap may stretch or shrink and what a
    break there costs. (An IntEnum: it is looked up in the breaker's hot loop.)"""

    PLAIN = 1       # CJK–CJK and around marks: 0, stretchable when justifying
    PAIR = 2        # two adjacent full-width marks: −1/2 em (clreq §6.3.2)
    CJK_LATIN = 3   # clreq §6.3.3: 1/4 em, squeeze to 1/8, stretch to 1/2
    SPACE = 4       # a Western word space; consumed at a line break
    LINK = 5        # inside a URL / e-mail / path after a separator: 0, never stretched
    HYPHEN = 6      # inside a word after a hyphen or solidus: 0, never stretched
    LETTER = 7      # inside a too-wide run: 0, never stretched; a break only as a last resort


# Gaps inside a Latin run: no letter-spacing inside Western words (clreq §6.2.3).
INSIDE_WORD = frozenset({GapKind.LINK, GapKind.HYPHEN, GapKind.LETTER})
_INSIDE = {BreakKind.LINK: GapKind.LINK, BreakKind.HYPHEN: GapKind.HYPHEN, BreakKind.LETTER: GapKind.LETTER}


class Gap(NamedTuple):
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


PLAIN_GAP = Gap(GapKind.PLAIN, 0.0, 0.0, 0.0)
INSIDE_GAPS = {kind: Gap(kind, 0.0, 0.0, 0.0) for kind in INSIDE_WORD}


@dataclass(frozen=True, slots=True)
class Atoms:
    """A paragraph as atoms: gaps[i] is the gap *before* atoms[i] (gaps[0] unused);
    `forced` holds the indices of atoms that must start a line (after a line feed)."""

    atoms: tuple[Atom, ...]
    gaps: tuple[Gap, ...]
    forced: frozenset[int] = frozenset()


# --------------------------------------------------------------------- tokenizing
# Each character gets a kind letter; one regular expression over the kind string cuts
# the text into pieces (C speed instead of a Python loop per character):
#   D —  E …  M ⋯  Q ？！  S space  B line feed  P a full-width number prefix (￥)
#   G a digit  L another Latin letter or sign  W any other full-width character
_PIECE_RE = re.compile(r"D{1,2}|E{1,2}|M{1,2}|Q{1,3}|S+|B+|P(?=G)[LG]+|[LG]+|W+|.", re.DOTALL)
_LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")


@lru_cache(maxsize=65536)  # a pure function of one character
def _kind(ch: str) -> str:
    """The kind letter of one character (see _PIECE_RE)."""
    if ch in _LINE_BREAKS:
        return "B"
    if is_space(ch):
        return "S"
    special = {"—": "D", "…": "E", "⋯": "M", "？": "Q", "！": "Q"}.get(ch)
    if special:
        return special
    if is_fullwidth(ch):
        return "P" if ch in NUMBER_PREFIX else "W"
    return "G" if ch.isdigit() else "L"  # clreq §6.1.2: a Latin word or number, with its signs (30%, ¥100, 30％)


# --------------------------------------------------------------------- atoms

def make_atoms(spans: tuple[Span, ...], size: float, metrics: MetricsSet, config: TextConfig) -> Atoms:
    """The paragraph's atoms and the gaps between them."""
    atoms: list[Atom] = []
    gaps: list[Gap] = []
    forced: set[int] = set()
    spaced = False
    ideo = CharClass.IDEO
    offset = 0
    for span in spans:
        shop = _shop(metrics.get(span.role), span.role, size, config.punct_style)
        text = span.text
        kinds = "".join([_kind(c) for c in text])
        for m in _PIECE_RE.finditer(kinds):
            i, j = m.span()
            kind = kinds[i]
            if kind == "S" or kind == "B":
                if kind == "B" and atoms:
                    forced.add(len(atoms))
                spaced = True
                continue
            if kind == "W":  # full-width characters, one atom each: the hot path, in comprehensions
                get = shop.get
                run = [_new(Atom, (get(ch) or _remember(shop, ch)) + (pos, None))
                       for pos, ch in enumerate(text[i:j], offset + i)]
                first = run[0]
                if atoms:
                    before = atoms[-1]
                    plain = before.cls is ideo and first.cls is ideo and not spaced
                    gaps.append(PLAIN_GAP if plain else _gap(before, first, spaced, size, metrics, config))
                else:
                    gaps.append(PLAIN_GAP)
                gaps += [PLAIN_GAP if a.cls is ideo and b.cls is ideo else _gap(a, b, False, size, metrics, config)
                         for a, b in zip(run, run[1:])]
                atoms += run
                spaced = False
                continue
            piece = text[i:j]
            if kind in "LG" or (kind == "P" and j - i > 1):
                pieces = _latin(piece, offset + i, shop)
            else:
                pieces = ((_new(Atom, (shop.get(piece) or _remember(shop, piece)) + (offset + i, None)), None),)
            for atom, inside in pieces:
                if not atoms:
                    gaps.append(PLAIN_GAP)
                elif inside is not None:
                    gaps.append(inside)
                else:
                    before = atoms[-1]
                    gaps.append(_gap(before, atom, spaced, size, metrics, config))
                atoms.append(atom)
                spaced = False
        offset += len(text)
    marked = _marks_by_offset(spans)
    if marked:
        atoms = [a._replace(mark=marked[a.start]) if a.start in marked else a for a in atoms]
    return Atoms(tuple(atoms), tuple(gaps), frozenset(forced))


_new = tuple.__new__  # Atom(*fields) without NamedTuple's argument handling: the hot path


# an Atom's first eight fields: everything but its offset and mark
_Proto = tuple[str, CharClass, FontRole, float, float, float, float, tuple[float, ...]]


class _Shop(dict[str, _Proto]):
    """Atoms by text for one font, role, size and punctuation style, as prototypes (the
    fields before `start`): a paragraph's characters are mostly ones set before."""

    def __init__(self, font: Metrics, role: FontRole, size: float, style: PunctStyle):
        super().__init__()
        self.font, self.role, self.size, self.style = font, role, size, style


@lru_cache(maxsize=64)  # keyed by content: font metrics compare by the font file's hash
def _shop(font: Metrics, role: FontRole, size: float, style: PunctStyle) -> _Shop:
    return _Shop(font, role, size, style)


def _remember(shop: _Shop, text: str) -> _Proto:
    a = _atom(text, _piece_class(text), shop)
    proto: _Proto = (a.text, a.cls, a.role, a.width, a.blank_left, a.blank_right, a.offset, a.advances)
    if len(shop) < 50_000:
        shop[text] = proto
    return proto


def _piece_class(piece: str) -> CharClass:
    return classify(piece[0]) if is_fullwidth(piece[0]) else CharClass.LATIN


def _latin(text: str, start: int, shop: _Shop) -> tuple[tuple[Atom, Gap | None], ...]:
    """A Latin run as one atom, or as pieces cut at its break opportunities, each with the
    gap before it (None for the first)."""
    cuts = break_opportunities(text)
    if not cuts:
        return ((_latin_atom(text, start, shop), None),)
    out: list[tuple[Atom, Gap | None]] = []
    previous, gap = 0, None
    for at, kind in (*cuts, (len(text), None)):
        out.append((_latin_atom(text[previous:at], start + previous, shop), gap))
        previous, gap = at, INSIDE_GAPS[_INSIDE[kind]] if kind is not None else None
    return tuple(out)


def _latin_atom(text: str, start: int, shop: _Shop) -> Atom:
    proto = shop.get(text)
    if proto is None:
        advances = tuple(shop.font.advance(c) * shop.size for c in text)
        proto = (text, CharClass.LATIN, shop.role, sum(advances), 0.0, 0.0, 0.0, advances)
        if len(shop) < 50_000:
            shop[text] = proto
    return _new(Atom, proto + (start, None))


def _marks_by_offset(spans: tuple[Span, ...]) -> dict[int, Mark]:
    """Paragraph offset → mark, for every character under a mark."""
    out: dict[int, Mark] = {}
    offset = 0
    for span in spans:
        if span.mark is not None:
            out.update((offset + i, span.mark) for i in range(len(span.text)))
        offset += len(span.text)
    return out


def _atom(text: str, cls: CharClass, shop: _Shop) -> Atom:
    """The atom for one full-width piece, at offset 0 (the caller sets it)."""
    font, role, size, style = shop.font, shop.role, shop.size, shop.style
    if cls is CharClass.IDEO and len(text) == 1:  # the common case, kept short
        width = font.advance(text) * size
        return Atom(text, cls, role, width, 0.0, 0.0, 0.0, (width,), 0)
    if text in FIXED_EM:  # ‼ ⁇ ⁈ ⁉ one em, ⸺ two em, glyph centred
        width, advance = FIXED_EM[text] * size, font.advance(text) * size
        return Atom(text, cls, role, width, 0.0, 0.0, (width - advance) / 2, (width,), 0)
    if cls in (CharClass.DASH, CharClass.ELLIPSIS):  # always full width, one em per mark
        return Atom(text, cls, role, size * len(text), 0.0, 0.0, 0.0, tuple(size for _ in text), 0)
    if cls is CharClass.STOP and len(text) > 1:  # doubled or tripled ？！: a fixed unit
        width = size * (len(text) - 1)
        return Atom(text, cls, role, width, 0.0, 0.0, 0.0, tuple(width / len(text) for _ in text), 0)
    advances = tuple(font.advance(c) * size for c in text)
    if cls in HALF_EM:  # ·／ half an em, centred (clreq §6.3.2.1)
        return Atom(text, cls, role, size / 2, 0.0, 0.0, (size / 2 - advances[0]) / 2, (size / 2,), 0)
    left, right = BLANKS.get(cls, (0.0, 0.0)) if cls in PUNCT_CLASSES else (0.0, 0.0)
    if (left or right) and _set_half(cls, style):
        # half-width by style: the blank is gone for good, nothing left to squeeze
        return Atom(text, cls, role, sum(advances) - (left + right) * size, 0.0, 0.0, -left * size, advances, 0)
    return Atom(text, cls, role, sum(advances), left * size, right * size, 0.0, advances, 0)


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
            return Gap(GapKind.SPACE, space, space * 0.3, max(0.0, size * 0.5 - space))
        return PLAIN_GAP
    if spaced and a.cls is CharClass.IDEO and b.cls is CharClass.IDEO:
        # a deliberate space between Chinese words (本报通讯员 马强 摄): half an em
        return Gap(GapKind.SPACE, size / 2, size / 4, size / 2)
    # clreq §6.3.3: between a Han character and a Latin letter or digit (not a symbol: 设计+制造)
    ideo = (a.cls is CharClass.IDEO and latin_b and b.text[0].isalnum()) or \
        (latin_a and a.text[-1].isalnum() and b.cls is CharClass.IDEO)
    if ideo and config.cjk_latin_space:  # clreq §6.3.3
        return Gap(GapKind.CJK_LATIN, size / 4, size / 8, size / 4)
    return PLAIN_GAP


def _pair(a: Atom, b: Atom) -> Gap:
    """Two adjacent full-width marks take 1.5 em, not 2 (clreq §6.3.2 "always"): half an
    em comes out of the first mark's right blank, else the second's left blank."""
    need = a.advances[0] / 2
    took_left = min(a.blank_right, need)
    took_right = min(b.blank_left, need - took_left)
    return Gap(GapKind.PAIR, -(took_left + took_right), 0.0, 0.0, took_left, took_right)


# ----------------------------------------------------------------- adjustments

def split_wide(run: Atoms, limit: float) -> Atoms:
    """The paragraph with every atom wider than `limit` pt cut between its characters
    (combining marks stay with their base), joined by LETTER gaps: the last resort that
    keeps a 300-letter word or a long number inside the measure."""
    if all(a.width <= limit or len(a.text) < 2 for a in run.atoms):
        return run
    atoms: list[Atom] = []
    gaps: list[Gap] = []
    forced: set[int] = set()
    for i, (atom, gap) in enumerate(zip(run.atoms, run.gaps)):
        if i in run.forced:
            forced.add(len(atoms))
        pieces = _characters(atom) if atom.width > limit and len(atom.text) > 1 else (atom,)
        gaps.append(gap)
        gaps.extend(INSIDE_GAPS[GapKind.LETTER] for _ in pieces[1:])
        atoms.extend(pieces)
    return Atoms(tuple(atoms), tuple(gaps), frozenset(forced))


def _characters(atom: Atom) -> tuple[Atom, ...]:
    """The atom as one atom per character (a base with its combining marks)."""
    out: list[Atom] = []
    for i, (ch, advance) in enumerate(zip(atom.text, atom.advances)):
        if out and (unicodedata.combining(ch) or ch in "\u200d\ufe0e\ufe0f"):
            last = out[-1]
            out[-1] = last._replace(text=last.text + ch, width=last.width + advance, advances=last.advances + (advance,))
            continue
        offset = atom.offset if i == 0 else 0.0
        out.append(Atom(ch, atom.cls, atom.role, advance, 0.0, 0.0, offset, (advance,), atom.start + i, atom.mark))
    return tuple(out)


def tracked(run: Atoms, extra: float) -> Atoms:
    """Every atom with `extra` pt after it (tracking between characters and units, not
    inside a Latin run: clreq §6.3.1, §6.2.3)."""
    atoms = []
    for i, atom in enumerate(run.atoms):
        if i + 1 < len(run.atoms) and run.gaps[i + 1].kind in INSIDE_WORD:
            atoms.append(atom)  # the next piece is the same word
            continue
        atoms.append(atom._replace(width=atom.width + extra, advances=atom.advances[:-1] + (atom.advances[-1] + extra,)))
    return Atoms(tuple(atoms), run.gaps, run.forced)

"""Which lines of a page changed between two proofs, line by line.

proof.json keeps every line of type on a page with the text it comes from (article,
field, block, first character: layout/proof/record.py). Per page and per story, the
lines are put in reading order and their text joined; the two texts are compared
character by character (difflib), and every character added or removed is traced back
to the line that holds it:

- a line holding an added, replaced or (in the old page) removed character is
  **changed**, and outlined on its page;
- a line whose characters are all unchanged but that no longer reads the same (the
  line breaks moved, or the line moved on the page) is **reflowed**, outlined lightly;
- each run of changes (one difflib opcode, with its old and new lines) is a **step**
  an editor can step through: where it is, what was there and what is there now.

Boxes are px on the page's trim image (proof.json `trim_px` cut away) at the
record's dpi; a page's line coordinates in proof.json are pt from the trim's
top-left, and the 大样 is drawn at 100 %, so px = pt × dpi / 72.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import Enum

Box = tuple[int, int, int, int]
FIELD_ORDER = {"kicker": 0, "headline": 1, "subhead": 2, "byline": 3, "runin": 4, "body": 4, "caption": 5,
               "credit": 6, "licence": 7}
UNIT_BREAK = "\u2029"  # between two texts of a story (paragraphs, headline and body …): owned by no line
CONTEXT = 10           # characters of unchanged text shown either side of a step's change


class LineState(Enum):
    """What happened to a line of type between two proofs."""

    CHANGED = "changed"
    REFLOWED = "reflowed"


@dataclass(frozen=True, slots=True)
class LineMark:
    """A line outlined on one of the two pages: its box (px of that page's trim
    image), what happened to it and the step it belongs to (None for reflowed lines)."""

    box: Box
    state: LineState
    step: int | None


@dataclass(frozen=True, slots=True)
class Step:
    """One change to step through: its number on the page (from 1), the story
    (article id, "" for the page's furniture), the text before and after with a little
    context on either side, and where it is in the story (`block`: the block index of
    its first new line, or of its first old one)."""

    number: int
    article: str
    field: str
    block: int
    before: str
    after: str
    context: tuple[str, str]


@dataclass(frozen=True, slots=True)
class LineDiff:
    """A page compared line by line: the marks on the old and the new page, the steps."""

    old: tuple[LineMark, ...]
    new: tuple[LineMark, ...]
    steps: tuple[Step, ...]

    @property
    def changed(self) -> bool:
        return bool(self.steps)


@dataclass(frozen=True, slots=True)
class _Text:
    """A story's lines on one page, in reading order, joined: `owner[i]` is the index
    of the line holding character i (None for a break between texts)."""

    lines: tuple[list, ...]
    text: str
    owner: tuple[int | None, ...]


def line_diff(old_lines: list[list], new_lines: list[list], scale: float) -> LineDiff:
    """Compare a page's lines of type (proof.json `lines` rows of the old and the new
    proof); `scale` is px per pt of the page images."""
    old_marks: list[LineMark] = []
    new_marks: list[LineMark] = []
    steps: list[Step] = []
    for article in _articles(old_lines, new_lines):
        before = _joined([line for line in old_lines if line[4] == article])
        after = _joined([line for line in new_lines if line[4] == article])
        _compare(article, before, after, scale, (old_marks, new_marks, steps))
    return LineDiff(tuple(old_marks), tuple(new_marks), tuple(steps))


def _articles(old_lines: list[list], new_lines: list[list]) -> list[str]:
    """The stories on either page, in the order the new page (then the old) names them."""
    seen: dict[str, None] = {}
    for line in list(new_lines) + list(old_lines):
        seen.setdefault(line[4], None)
    return list(seen)


def _reading_key(line: list) -> tuple:
    """A line's place in its story: by field (headline before body …), block, first
    character, then on the page (furniture lines have no text position)."""
    x0, top, _x1, _bottom, _article, field, index, start = line[:8]
    return (FIELD_ORDER.get(field, 8), index, start, round(top, 1), x0)


def _joined(lines: list[list]) -> _Text:
    ordered = tuple(sorted(lines, key=_reading_key))
    chars: list[str] = []
    owner: list[int | None] = []
    for i, line in enumerate(ordered):
        if i and _unit(ordered[i - 1]) != _unit(line):
            chars.append(UNIT_BREAK)
            owner.append(None)
        chars += line[8]
        owner += [i] * len(line[8])
    return _Text(ordered, "".join(chars), tuple(owner))


def _unit(line: list) -> tuple:
    """The text a line belongs to: field and block (a run-in heading and its paragraph
    are one text)."""
    field = "body" if line[5] == "runin" else line[5]
    return (field, line[6]) if field in FIELD_ORDER else (field, line[6], round(line[1], 1))


def _compare(article: str, before: _Text, after: _Text, scale: float, out) -> None:
    """Marks and steps of one story: characters traced to their lines."""
    old_marks, new_marks, steps = out
    matcher = difflib.SequenceMatcher(None, before.text, after.text, autojunk=False)
    old_changed: dict[int, int] = {}
    new_changed: dict[int, int] = {}
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        number = len(steps) + 1
        olds = _owners(before, a0, a1) or _near(before, a0)   # an insertion: the old line where it goes
        news = _owners(after, b0, b1) or _near(after, b0)     # a deletion: the new line where it was
        if not olds and not news:
            continue  # only a break between texts moved
        for i in olds:
            old_changed.setdefault(i, number)
        for i in news:
            new_changed.setdefault(i, number)
        line = after.lines[news[0]] if news else before.lines[olds[0]]
        steps.append(Step(number, article, str(line[5]), int(line[6]), _shown(before.text[a0:a1]),
                          _shown(after.text[b0:b1]), (_shown(after.text[max(0, b0 - CONTEXT):b0]),
                                                      _shown(after.text[b1:b1 + CONTEXT]))))
    same_old, same_new = _reflowed(before, after)
    old_marks += _marks(before, old_changed, same_old, scale)
    new_marks += _marks(after, new_changed, same_new, scale)


def _owners(text: _Text, start: int, end: int) -> list[int]:
    """The lines holding characters start…end of `text`, in order."""
    return sorted({o for o in text.owner[start:end] if o is not None})


def _near(text: _Text, at: int) -> list[int]:
    """The line holding the character before position `at` of `text`, else the one after."""
    for index in (at - 1, at):
        if 0 <= index < len(text.owner) and text.owner[index] is not None:
            return [text.owner[index]]  # type: ignore[list-item]
    return []


def _reflowed(before: _Text, after: _Text) -> tuple[set[int], set[int]]:
    """Old and new lines all of whose characters are unchanged but which do not read as
    any line of the other page does in the same place (their breaks or their place
    moved)."""
    old_places, new_places = {_place(line) for line in before.lines}, {_place(line) for line in after.lines}
    return ({i for i, line in enumerate(before.lines) if _place(line) not in new_places},
            {i for i, line in enumerate(after.lines) if _place(line) not in old_places})


def _place(line: list) -> tuple:
    """A line as a reader sees it: its text and where it stands (pt, rounded)."""
    return (line[8], round(line[0]), round(line[1]))


def _marks(text: _Text, changed: dict[int, int], moved: set[int], scale: float) -> list[LineMark]:
    out = [LineMark(box_px(text.lines[i], scale), LineState.CHANGED, step) for i, step in sorted(changed.items())]
    out += [LineMark(box_px(text.lines[i], scale), LineState.REFLOWED, None) for i in sorted(moved - set(changed))]
    return out


def box_px(line: list, scale: float) -> Box:
    """A line's box in px of the trim image, a point's margin round it."""
    x0, top, x1, bottom = line[:4]
    return (round((x0 - 1) * scale), round((top - 1) * scale), round((x1 + 1) * scale), round((bottom + 1) * scale))


def _shown(text: str) -> str:
    return text.replace(UNIT_BREAK, "¶")

"""Lay out a proof sheet's marks: for every finding on the page, its line outlined, its
number in a lane beside the type area and a note in the margin on the line's side,
as near the line's height as the notes above allow, with a leader from the note to
the number and on to the line itself.

- Notes are wrapped whole to their margin's width (layout/proof/wrap.py), never cut.
- Notes of one margin, and numbers of one lane, never overlap: each group is spread
  along its margin as little as it must (`spread`).
- A margin that has no room for all its notes passes the ones nearest the middle of
  the page to the other margin; what neither holds is listed, by number, below the
  page where there is room, else on a notes page (a further page of the PDF). Its line
  keeps its outline, number and leader.
- A leader runs from the number across the line gap just above the flagged line (not
  through type on the same grid) and ends, with an arrowhead, just before the line's
  first character (a note on the left) or after its last (on the right).

Pure: text is measured through the text stage's metrics; drawing is
layout/render/proof.py's. Coordinates are pt on the sheet from its top-left, y down;
boxes of the page are pt from its trim's top-left (layout.render.proof.Sheet maps them).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from layout.model.schema import FontRole
from layout.proof.paper import EDGE, FULL_MARGIN
from layout.proof.wrap import measurer, wrap
from layout.render.proof import (
    NOTE_LEADING, TEXT_SIZE, TITLE_SIZE, Box, Callout, NotesPage, NoteText, Point, ProofMarks, Sheet, SheetKind,
    label_size, note_height,
)
from layout.text.metrics import MetricsSet

NOTE_GAP = 2.5      # pt between stacked notes
LABEL_GAP = 0.6     # pt between stacked numbers
LANE_GAP = 4.0      # pt between the number lane and the content
ZONE_GAP = 3.0      # pt between a margin's notes and the number lane
BAR = 2.0           # pt left of a note's text: its coloured bar
MIN_NOTE_WIDTH = 42.0   # pt: a margin narrower than this holds no notes
LIST_COLUMN = 150.0     # pt: least width of a column of listed notes (below the page, notes page)
RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class Flag:
    """A finding to mark on a page: its number, severity, title (e.g. `3  W205 词语重复`),
    message, the `box` of the line(s) it concerns and of the first of them, `line`
    (pt from the trim's top-left): the leader points at that one."""

    number: int
    severity: str
    title: str
    message: str
    box: Box
    line: Box


@dataclass(frozen=True, slots=True)
class Zone:
    """A margin for notes: text from `x0` to `x1`, notes between `top` and `bottom`."""

    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class Side:
    """One side of the page: `left` or not, its notes margin and its number lane (the
    lane's x0 and x1), and the content edge next to it."""

    left: bool
    zone: Zone
    lane: tuple[float, float]
    edge: float


def sheet_marks(sheet: Sheet, flags: list[Flag], content: tuple[float, float], metrics: MetricsSet,
                slug: tuple[str, ...], heading: str) -> ProofMarks:
    """The marks of one proof sheet: a callout for every flag, its note in a margin,
    below the page or on a notes page headed `heading`. `content` is the left and right
    edge of what is drawn on the page, pt from the trim's left."""
    sides = _sides(sheet, content, max((label_size(f.number)[0] for f in flags), default=8.0))
    text = measurer(metrics, FontRole.HEI, TEXT_SIZE)
    title = measurer(metrics, FontRole.HEI_BOLD, TITLE_SIZE)
    near = {f.number: _nearer(sheet, f, content, sides) for f in flags}
    placed, listed = _assign(sheet, flags, near, sides, text, title)
    callouts = _callouts(sheet, flags, placed, near, sides)
    below, pages = _listed(sheet, listed, text, title, heading)
    notes = tuple(sorted([n for side in placed.values() for n in side] + below, key=lambda n: n.number))
    return ProofMarks(sheet, slug, callouts, notes, pages)


# ------------------------------------------------------------------ margins

def _sides(sheet: Sheet, content: tuple[float, float], label_width: float) -> tuple[Side, Side]:
    """The left and right side: from the sheet's printable edge to the number lane
    beside the content. On a full-size sheet notes stay within the trim's height (the
    crop marks stand at its corners); on a reduced one they may use the sheet's height."""
    left_edge, _ = sheet.point(content[0], 0.0)
    right_edge, _ = sheet.point(content[1], 0.0)
    x0, top, x1, bottom = sheet.trim
    if sheet.kind is SheetKind.FULL:
        top, bottom = top + 3.0, bottom - 3.0
    else:
        bottom = sheet.height - EDGE
    lane_l = (left_edge - LANE_GAP - label_width, left_edge - LANE_GAP)
    lane_r = (right_edge + LANE_GAP, right_edge + LANE_GAP + label_width)
    left = Side(True, Zone(EDGE + BAR, lane_l[0] - ZONE_GAP, top, bottom), lane_l, left_edge)
    right = Side(False, Zone(lane_r[1] + ZONE_GAP + BAR, sheet.width - EDGE, top, bottom), lane_r, right_edge)
    return left, right


def _nearer(sheet: Sheet, flag: Flag, content: tuple[float, float], sides: tuple[Side, Side]) -> int:
    """0 (left) or 1 (right): the side nearer the flagged line."""
    middle = (flag.line[0] + flag.line[2]) / 2
    return 0 if middle < (content[0] + content[1]) / 2 else 1


def _note(flag: Flag, width: float, text, title) -> NoteText:
    return NoteText(flag.number, flag.severity, wrap(flag.title, width, title), wrap(flag.message, width, text),
                    0.0, 0.0, width)


def _assign(sheet: Sheet, flags: list[Flag], near: dict[int, int], sides: tuple[Side, Side], text,
            title) -> tuple[dict[int, list[NoteText]], list[Flag]]:
    """Notes placed in each margin (0 left, 1 right), and the flags whose notes no margin
    has room for. A full margin gives its notes nearest the page's middle to the other
    one; then the least severe, last numbered go to the list."""
    usable = [s.zone.width >= MIN_NOTE_WIDTH for s in sides]
    by_side: dict[int, list[Flag]] = {0: [], 1: []}
    listed: list[Flag] = []
    for flag in flags:
        side = near[flag.number] if usable[near[flag.number]] else 1 - near[flag.number]
        (by_side[side] if usable[side] else listed).append(flag)
    heights = {i: {f.number: _note(f, sides[i].zone.width, text, title).height for f in flags} for i in (0, 1)
               if usable[i]}
    for i in (0, 1):
        other = 1 - i
        while usable[i] and _load(by_side[i], heights[i]) > sides[i].zone.height:
            movable = sorted(by_side[i], key=lambda f: -abs(_middle(sheet, f) - (0 if i == 0 else sheet.width)))
            if not (usable[other] and movable and
                    _load(by_side[other] + movable[:1], heights[other]) <= sides[other].zone.height):
                break
            by_side[i].remove(movable[0])
            by_side[other].append(movable[0])
    placed: dict[int, list[NoteText]] = {0: [], 1: []}
    for i in (0, 1):
        keep = sorted(by_side[i], key=lambda f: (RANK[f.severity], f.number))
        while keep and _load(keep, heights[i]) > sides[i].zone.height:
            listed.append(keep.pop())
        placed[i] = _stacked(sheet, keep, sides[i], text, title)
    return placed, sorted(listed, key=lambda f: f.number)


def _middle(sheet: Sheet, flag: Flag) -> float:
    return sheet.point((flag.line[0] + flag.line[2]) / 2, 0.0)[0]


def _load(flags: list[Flag], heights: dict[int, float]) -> float:
    """Height the notes of `flags` take stacked, pt."""
    return sum(heights[f.number] for f in flags) + NOTE_GAP * max(0, len(flags) - 1)


def _stacked(sheet: Sheet, flags: list[Flag], side: Side, text, title) -> list[NoteText]:
    """The notes of one margin, each as near its line's height as the others allow."""
    flags = sorted(flags, key=lambda f: (_line_middle(sheet, f), f.number))
    notes = [_note(f, side.zone.width, text, title) for f in flags]
    wanted = [_line_middle(sheet, f) - TITLE_SIZE * 0.65 for f in flags]
    tops = spread(wanted, [n.height for n in notes], side.zone.top, side.zone.bottom, NOTE_GAP)
    return [replace(n, x=side.zone.x0, top=t) for n, t in zip(notes, tops)]


def _line_middle(sheet: Sheet, flag: Flag) -> float:
    """The middle of the flag's first line on the sheet, pt from its top."""
    _x0, top, _x1, bottom = sheet.box(flag.line)
    return (top + bottom) / 2


def spread(wanted: list[float], heights: list[float], low: float, high: float, gap: float) -> list[float]:
    """Tops for boxes of `heights`, in order, as near the `wanted` tops as they can be
    without overlapping (`gap` between) inside [`low`, `high`]: touching boxes are moved
    as one group, centred on what its members want (the total move is least). The
    boxes must fit: sum(heights) + gaps ≤ high − low."""
    groups: list[list[int]] = []
    for i in range(len(wanted)):
        groups.append([i])
        while len(groups) > 1 and _group_top(groups[-2], wanted, heights, low, high, gap) + \
                _group_height(groups[-2], heights, gap) + gap > _group_top(groups[-1], wanted, heights, low, high, gap):
            last = groups.pop()
            groups[-1] += last
    tops = [0.0] * len(wanted)
    for group in groups:
        y = _group_top(group, wanted, heights, low, high, gap)
        for i in group:
            tops[i] = y
            y += heights[i] + gap
    return tops


def _group_height(group: list[int], heights: list[float], gap: float) -> float:
    return sum(heights[i] for i in group) + gap * (len(group) - 1)


def _group_top(group: list[int], wanted: list[float], heights: list[float], low: float, high: float,
               gap: float) -> float:
    """Where a group of touching boxes starts: the mean of where each member would put
    the group's top, kept inside [low, high]."""
    offsets, at = [], 0.0
    for i in group:
        offsets.append(wanted[i] - at)
        at += heights[i] + gap
    top = sum(offsets) / len(offsets)
    return max(low, min(top, high - _group_height(group, heights, gap)))


# ------------------------------------------------------------------ callouts

def _callouts(sheet: Sheet, flags: list[Flag], placed: dict[int, list[NoteText]], near: dict[int, int],
              sides: tuple[Side, Side]) -> tuple[Callout, ...]:
    """A callout per flag: its number in the lane of its note's side (or, for a listed
    note, the line's nearer side), leaders to the note and to the line."""
    notes = {n.number: (i, n) for i in (0, 1) for n in placed[i]}
    out = []
    for i in (0, 1):
        mine = sorted((f for f in flags if notes.get(f.number, (near[f.number], None))[0] == i),
                      key=lambda f: (_line_middle(sheet, f), f.number))
        heights = [label_size(f.number)[1] for f in mine]
        wanted = [_line_middle(sheet, f) - h / 2 for f, h in zip(mine, heights)]
        zone = sides[i].zone
        tops = spread(wanted, heights, zone.top, zone.bottom, LABEL_GAP) if _fits(heights, zone) else wanted
        for flag, top, h in zip(mine, tops, heights):
            out.append(_callout(sheet, flag, sides[i], top, h, notes.get(flag.number, (i, None))[1]))
    return tuple(sorted(out, key=lambda c: c.number))


def _fits(heights: list[float], zone: Zone) -> bool:
    return sum(heights) + LABEL_GAP * max(0, len(heights) - 1) <= zone.height


def _callout(sheet: Sheet, flag: Flag, side: Side, top: float, height: float, note: NoteText | None) -> Callout:
    """The flag's callout with its number at `top` in the side's lane."""
    box = sheet.box(flag.line)
    width = label_size(flag.number)[0]
    x = side.lane[1] - width if side.left else side.lane[0]
    middle = top + height / 2
    line = _line_middle(sheet, flag)
    above = box[1] - max(0.8, 1.4 * sheet.scale)  # the line gap just above the flagged line
    if side.left:
        bend = box[0] - 3.0
        start = [(x + width + 0.3, middle)]
        run = [(side.edge - 0.8, above)] if bend > side.edge - 0.8 else []
        to_line = tuple(start + run + [(bend, above), (bend, line), (box[0] - 0.5, line)])
    else:
        bend = box[2] + 3.0
        start = [(x - 0.3, middle)]
        run = [(side.edge + 0.8, above)] if bend < side.edge + 0.8 else []
        to_line = tuple(start + run + [(bend, above), (bend, line), (box[2] + 0.5, line)])
    to_note: tuple[Point, ...] = ()
    if note is not None:
        anchor = note.top + TITLE_SIZE * 0.6
        to_note = (((side.zone.x1 + 1.0, anchor), (x - 0.3, middle)) if side.left
                   else ((side.zone.x0 - BAR - 1.0, anchor), (x + width + 0.3, middle)))
    return Callout(flag.number, flag.severity, sheet.box(flag.box), (x, top), to_line, to_note)


# ------------------------------------------------------------------ listed notes

def _listed(sheet: Sheet, flags: list[Flag], text, title, heading: str) -> tuple[list[NoteText], tuple[NotesPage, ...]]:
    """The notes no margin holds: in columns below the page while there is room, the
    rest on notes pages."""
    if not flags:
        return [], ()
    _x0, _top, _x1, bottom = sheet.trim
    below_top = bottom + (FULL_MARGIN if sheet.kind is SheetKind.FULL else 4.0)
    below, rest = _columns(flags, Zone(EDGE + BAR, sheet.width - EDGE, below_top, sheet.height - EDGE), text, title)
    pages = []
    while rest:
        area = Zone(EDGE + 10.0 + BAR, sheet.width - EDGE - 10.0, EDGE + 34.0, sheet.height - EDGE)
        notes, after = _columns(rest, area, text, title)
        if not notes:  # a note taller than a whole page: cannot happen with real messages
            break
        pages.append(NotesPage(heading, area.x0, EDGE + 12.0, tuple(notes)))
        rest = after
    return below, tuple(pages)


def _columns(flags: list[Flag], area: Zone, text, title) -> tuple[list[NoteText], list[Flag]]:
    """Notes of `flags` flowed in order into columns of `area` (at least LIST_COLUMN
    wide); the flags that do not fit."""
    count = int((area.width + 3 * NOTE_GAP) // (LIST_COLUMN + 3 * NOTE_GAP))
    if count < 1 or area.height < note_height(1, 3):
        return [], list(flags)
    width = (area.width - 3 * NOTE_GAP * (count - 1)) / count - BAR
    out: list[NoteText] = []
    column, y = 0, area.top
    for index, flag in enumerate(flags):
        note = _note(flag, width, text, title)
        if y + note.height > area.bottom and y > area.top:
            column, y = column + 1, area.top
        if column >= count or y + note.height > area.bottom:
            return out, list(flags[index:])
        out.append(replace(note, x=area.x0 + column * (width + BAR + 3 * NOTE_GAP), top=y))
        y += note.height + NOTE_GAP
    return out, []


def line_height(size: float) -> float:
    """Leading of a note's message lines, pt."""
    return size * NOTE_LEADING

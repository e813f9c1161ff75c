"""What changed between two proofs: per page, the lines whose text changed, outlined
on images of the old and the new page side by side, with the changes as steps
(layout/proof/linediff.py); per article, the characters added and removed.

Lines are compared by their text (proof.json keeps every line of type). What is not
type (a photo, a rule) is found on the images, inside the trim, by *ink*: pixels
whose brightest channel is dark. The proof's own marks are coloured (red watermark
and highlights, orange and blue notes), never dark, so a finding that comes or goes
does not count as a change of the page. Changed pixels are gathered in cells of
`CELL` px; touching cells make one region; regions over type are left to the lines.
"""
from __future__ import annotations

import difflib
import io
import json
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

from layout.errors import PaibanError
from layout.i18n import _
from layout.proof.linediff import LineDiff, LineState, box_px, line_diff

CELL = 10           # px: changed pixels are gathered in cells this size
INK = 128           # a pixel is ink when its brightest channel is below this
PAD = 4             # px round each region's outline
OUTLINE = (230, 0, 120)   # a changed line
REFLOWED = (235, 170, 210)  # a line whose text did not change but whose breaks or place did
OTHER = (40, 110, 220)      # a change that is not type (a photo, a rule)
CONTEXT = 12        # characters of unchanged text shown either side of a change


@dataclass(frozen=True, slots=True)
class ProofSet:
    """A proof folder and its proof.json."""

    folder: Path
    record: dict

    def page(self, number: int) -> dict | None:
        return next((p for p in self.record["pages"] if p["number"] == number), None)


def load_proof(folder: Path) -> ProofSet:
    """The proof in `folder`; PaibanError when there is none."""
    file = Path(folder) / "proof.json"
    try:
        return ProofSet(Path(folder), json.loads(file.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise PaibanError(_("{folder}: no proof.json here; give a folder `paiban proof` wrote, "
                            "or an issue folder").format(folder=folder)) from None
    except json.JSONDecodeError as exc:
        raise PaibanError(_("{file}:{line}: not a proof record ({reason})").format(
            file=file, line=exc.lineno, reason=exc.msg)) from None


@dataclass(frozen=True, slots=True)
class PageChange:
    """A page compared: status changed / unchanged / added / removed; the changed
    regions (x0, y0, x1, y1) in px of `image` (the changed lines, then changes that
    are not type), an image of the new page's trim with them outlined and one of the
    old page with its changed lines outlined (paths relative to the comparison's
    folder; "" when unchanged); the line-by-line comparison (layout/proof/linediff.py)."""

    number: int
    status: str
    regions: tuple[tuple[int, int, int, int], ...]
    image: str
    width: int = 0
    height: int = 0
    old_image: str = ""                  # the old page with its changed lines outlined
    old_width: int = 0
    old_height: int = 0
    lines: LineDiff | None = None        # None: a proof too old to record its lines (regions only)
    other: tuple[tuple[int, int, int, int], ...] = ()  # changed regions that are not type


@dataclass(frozen=True, slots=True)
class TextChange:
    """An article compared: characters added and removed, and the changes in context
    as (op, text) pieces: "=" unchanged, "-" removed, "+" added, "…" text left out."""

    article: str
    headline: str
    added: int
    removed: int
    pieces: tuple[tuple[str, str], ...]

    def inline(self) -> str:
        """The changes as one line: `…context[-removed-]{+added+}context…`."""
        marks = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}", "…": "{}"}
        return "".join(marks[op].format(text) for op, text in self.pieces).replace("\n", "¶")


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two proofs compared; `folder` holds the page images."""

    old: ProofSet
    new: ProofSet
    folder: Path
    pages: tuple[PageChange, ...]
    articles: tuple[TextChange, ...]

    @property
    def changed(self) -> bool:
        return any(p.status != "unchanged" for p in self.pages) or bool(self.articles)


def compare(old: ProofSet, new: ProofSet, folder: Path, memo: dict | None = None) -> Comparison:
    """Compare two proofs; the page images go into `folder` (created). `memo` (a dict
    the caller keeps, as the watcher does) remembers decoded images and the pages
    already compared, by file and modification time."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    memo = {} if memo is None else memo
    numbers = sorted({p["number"] for p in old.record["pages"]} | {p["number"] for p in new.record["pages"]})
    pages = tuple(_page(old, new, n, folder, memo) for n in numbers)
    return Comparison(old, new, folder, pages, text_changes(old.record["articles"], new.record["articles"]))


# ------------------------------------------------------------------ pages

def _page(old: ProofSet, new: ProofSet, number: int, folder: Path, memo: dict) -> PageChange:
    before, after = old.page(number), new.page(number)
    if after is None:
        return PageChange(number, "removed", (), "")
    key = ("page", folder, _version(old.folder, before), _version(new.folder, after))
    if key in memo and (not memo[key].image or (folder / memo[key].image).is_file()):
        return memo[key]
    image = _trim(new.folder / after["png"], after, memo)
    stem = Path(after["png"]).stem
    if before is None:
        change = PageChange(number, "added", ((0, 0, image.width, image.height),), f"{stem}_diff.png",
                            image.width, image.height)
        (folder / change.image).write_bytes(outlined(image, change.regions))
        memo[key] = change
        return change
    old_image = _trim(old.folder / before["png"], before, memo)
    pixels = changed_regions(old_image, image)
    if "lines" not in before or "lines" not in after or old_image.size != image.size:  # a proof of before lines
        lines, other, regions = None, pixels, pixels
    else:
        lines = line_diff(before["lines"], after["lines"], new.record["dpi"] / 72.0)
        typed = [box_px(row, new.record["dpi"] / 72.0) for row in before["lines"] + after["lines"]]
        left = min((b[0] for b in typed), default=0) - 2 * PAD  # the type area: the notes lie outside it
        right = max((b[2] for b in typed), default=image.width) + 2 * PAD
        other = tuple(r for r in pixels if left <= r[0] and r[2] <= right  # photos, rules
                      and not any(_overlaps(r, b) for b in typed))
        regions = tuple(m.box for m in lines.new if m.state is LineState.CHANGED) + other
    moved = bool(lines and (lines.new or lines.old))
    if not regions and not moved:
        memo[key] = PageChange(number, "unchanged", (), "", image.width, image.height, lines=lines)
        return memo[key]
    name, old_name = f"{stem}_diff.png", f"{stem}_before_diff.png"
    (folder / name).write_bytes(marked(image, lines.new if lines else (), other))
    (folder / old_name).write_bytes(marked(old_image, lines.old if lines else (), other))
    memo[key] = PageChange(number, "changed", regions, name, image.width, image.height, old_name,
                           old_image.width, old_image.height, lines, other)
    return memo[key]


def _version(folder: Path, page: dict | None) -> tuple:
    """Which state of a page's image a comparison saw: file, time, size."""
    if page is None:
        return ()
    file = folder / page["png"]
    info = file.stat()
    return (file, info.st_mtime_ns, info.st_size)


def _trim(file: Path, page: dict, memo: dict) -> Image.Image:
    """The trim of a proof sheet's image (its margins and slug cut away)."""
    key = ("trim",) + _version(file.parent, {"png": file.name})
    if key not in memo:
        with Image.open(file) as image:
            x0, y0, x1, y1 = (round(v) for v in page["trim_px"])
            memo[key] = image.convert("RGB").crop((x0, y0, x1, y1))
    return memo[key]


def ink(image: Image.Image) -> Image.Image:
    """A mask (mode L, 255 = ink) of the pixels whose brightest channel is dark."""
    r, g, b = image.split()
    brightest = ImageChops.lighter(ImageChops.lighter(r, g), b)
    return brightest.point(lambda v: 255 if v < INK else 0)


def changed_regions(old: Image.Image, new: Image.Image) -> tuple[tuple[int, int, int, int], ...]:
    """Boxes (px of `new`) round the places where the ink of the two images differs."""
    if old.size != new.size:
        return ((0, 0, new.width, new.height),)
    difference = ImageChops.difference(ink(old), ink(new))
    if difference.getbbox() is None:
        return ()
    columns, rows = -(-new.width // CELL), -(-new.height // CELL)
    padded = Image.new("L", (columns * CELL, rows * CELL))
    padded.paste(difference, (0, 0))
    cells = padded.reduce(CELL).tobytes()  # mode L: one byte a cell
    hot = {(i % columns, i // columns) for i, v in enumerate(cells) if v}
    boxes = []
    for group in _groups(hot):
        xs, ys = [c for c, _ in group], [r for _, r in group]
        boxes.append((max(0, min(xs) * CELL - PAD), max(0, min(ys) * CELL - PAD),
                      min(new.width, (max(xs) + 1) * CELL + PAD), min(new.height, (max(ys) + 1) * CELL + PAD)))
    return tuple(sorted(boxes, key=lambda b: (b[1], b[0])))


def _groups(cells: set[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Cells that touch (or lie one cell apart) in groups."""
    left, groups = set(cells), []
    while left:
        seed = left.pop()
        group, todo = [seed], [seed]
        while todo:
            c, r = todo.pop()
            for dc in (-2, -1, 0, 1, 2):
                for dr in (-2, -1, 0, 1, 2):
                    near = (c + dc, r + dr)
                    if near in left:
                        left.remove(near)
                        group.append(near)
                        todo.append(near)
        groups.append(group)
    return groups


def outlined(image: Image.Image, regions) -> bytes:
    """PNG of `image`, faded outside `regions`, each region outlined."""
    faded = _faded(image, list(regions))
    draw = ImageDraw.Draw(faded)
    for box in regions:
        draw.rectangle(box, outline=OUTLINE, width=3)
    return _png(faded)


def marked(image: Image.Image, lines, other) -> bytes:
    """PNG of `image`, faded outside the marked lines and `other` regions: changed
    lines outlined strongly, reflowed ones lightly, other changes (photos, rules) in
    blue."""
    faded = _faded(image, [m.box for m in lines] + list(other))
    draw = ImageDraw.Draw(faded)
    for mark in sorted(lines, key=lambda m: m.state is LineState.CHANGED):  # changed ones drawn last, on top
        changed = mark.state is LineState.CHANGED
        draw.rectangle(mark.box, outline=OUTLINE if changed else REFLOWED, width=3 if changed else 1)
    for box in other:
        draw.rectangle(box, outline=OTHER, width=3)
    return _png(faded)


def _faded(image: Image.Image, boxes: list) -> Image.Image:
    """`image` faded but for `boxes`."""
    faded = Image.blend(image, Image.new("RGB", image.size, (255, 255, 255)), 0.45)
    for box in boxes:
        faded.paste(image.crop(box), box[:2])
    return faded


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()  # 256 colours, fastest zlib: as the proof's own page images
    image.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        out, format="PNG", compress_level=1)
    return out.getvalue()


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# ------------------------------------------------------------------ text

def text_changes(old: list[dict], new: list[dict]) -> tuple[TextChange, ...]:
    """Every article whose text changed (or that came or went), in the new order."""
    before = {a["id"]: a for a in old}
    after = {a["id"]: a for a in new}
    out = []
    for art_id in list(after) + [i for i in before if i not in after]:
        a, b = before.get(art_id), after.get(art_id)
        old_text, new_text = (a or {}).get("text", ""), (b or {}).get("text", "")
        if old_text != new_text:
            entry = b or a
            assert entry is not None  # the id came from one of them
            out.append(text_change(art_id, entry["headline"], old_text, new_text))
    return tuple(out)


def text_change(article: str, headline: str, old: str, new: str) -> TextChange:
    """The character changes from `old` to `new`, with a little context."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    pieces: list[tuple[str, str]] = []
    added = removed = 0
    codes = matcher.get_opcodes()
    for i, (op, a0, a1, b0, b1) in enumerate(codes):
        if op == "equal":
            pieces += _context(old[a0:a1], first=i == 0, last=i == len(codes) - 1)
            continue
        if a1 > a0:
            pieces.append(("-", old[a0:a1]))
            removed += a1 - a0
        if b1 > b0:
            pieces.append(("+", new[b0:b1]))
            added += b1 - b0
    return TextChange(article, headline, added, removed, tuple(pieces))


def _context(text: str, first: bool, last: bool) -> list[tuple[str, str]]:
    """Unchanged text shortened to CONTEXT characters next to the changes."""
    if len(text) <= 2 * CONTEXT + 1:
        return [("=", text)]
    head = [] if first else [("=", text[:CONTEXT])]
    tail = [] if last else [("=", text[-CONTEXT:])]
    return head + [("…", "…")] + tail

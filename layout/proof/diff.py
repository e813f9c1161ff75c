"""What changed between two proofs: per page, the regions whose type changed, outlined
on an image of the new page; per article, the characters added and removed.

Pages are compared on their images, inside the trim, by *ink*: pixels whose brightest
channel is dark (black type and rules, dark photo areas). The proof's own marks are
coloured (red watermark and highlights, orange and blue notes), never dark, so a
finding that comes or goes does not count as a change of the page. Changed pixels are
gathered in cells of `CELL` px; touching cells make one region.
"""

from __future__ import annotations

import difflib
import io
import json
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

from layout.errors import PaibanError

CELL = 10           # px: changed pixels are gathered in cells this size
INK = 128           # a pixel is ink when its brightest channel is below this
PAD = 4             # px round each region's outline
OUTLINE = (230, 0, 120)
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
        raise PaibanError(f"{folder}: no proof.json here; give a folder `paiban proof` wrote, "
                          "or an issue folder") from None
    except json.JSONDecodeError as exc:
        raise PaibanError(f"{file}:{exc.lineno}: not a proof record ({exc.msg})") from None


@dataclass(frozen=True, slots=True)
class PageChange:
    """A page compared: status changed / unchanged / added / removed; the changed
    regions (x0, y0, x1, y1) in px of `image`, an image of the new page's trim with
    them outlined (a path relative to the comparison's folder; "" when unchanged)."""

    number: int
    status: str
    regions: tuple[tuple[int, int, int, int], ...]
    image: str
    width: int = 0
    height: int = 0


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
    if before is None:
        regions = ((0, 0, image.width, image.height),)
        status = "added"
    else:
        regions = changed_regions(_trim(old.folder / before["png"], before, memo), image)
        status = "changed" if regions else "unchanged"
    name = ""
    if regions:
        name = f"{Path(after['png']).stem}_diff.png"
        (folder / name).write_bytes(outlined(image, regions))
    memo[key] = PageChange(number, status, regions, name, image.width, image.height)
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
    faded = Image.blend(image, Image.new("RGB", image.size, (255, 255, 255)), 0.45)
    for box in regions:
        faded.paste(image.crop(box), box[:2])
    draw = ImageDraw.Draw(faded)
    for box in regions:
        draw.rectangle(box, outline=OUTLINE, width=3)
    out = io.BytesIO()  # 256 colours, fastest zlib: as the proof's own page images
    faded.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        out, format="PNG", compress_level=1)
    return out.getvalue()


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
            out.append(text_change(art_id, (b or a)["headline"], old_text, new_text))
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

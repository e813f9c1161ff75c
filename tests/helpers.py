"""Shared test helpers: reading built PDFs (pdfplumber) and matching copy to their text layer.

Kept free of pytest fixtures so the matching logic itself can be tested on synthetic
input (see the negative controls in test_roundtrip.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import pdfplumber

from layout.model.schema import Article, BlockKind, PageTemplate

SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
OPENING = "“‘（《〈「『【〔〖［｛"
CLOSING = "”’）》〉」』】〕〗］｝"
LINE_START_FORBIDDEN = "，。、；：！？·" + CLOSING


# ---------------------------------------------------------------------------- PDF text

@dataclass(frozen=True, slots=True)
class PChar:
    """One glyph of a PDF page's text layer. Lengths in pt, y measured from the page top."""

    text: str
    x: float         # glyph origin (left edge of its advance box)
    x1: float        # origin + advance
    baseline: float
    top: float
    bottom: float
    size: float
    font: str        # BaseFont without its subset tag
    tag: str         # the subset tag ("AAAAAA+") or "" when the font is not subset


@dataclass(frozen=True, slots=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.top < other.bottom and other.top < self.bottom


@dataclass(frozen=True, slots=True)
class PageText:
    """What a test needs of one PDF page: its size, glyphs (in content-stream order) and
    the boxes of its graphics."""

    width: float
    height: float
    mediabox: tuple[float, float, float, float]
    chars: tuple[PChar, ...]
    images: tuple[Box, ...]
    rects: tuple[Box, ...]
    lines: tuple[Box, ...]
    curves: tuple[Box, ...]


def _box(obj: dict) -> Box:
    return Box(float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"]))


def read_pdf(path: Path) -> list[PageText]:
    """Every page of the PDF at `path`; chars keep the order of the content stream."""
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            height = float(page.height)
            chars = []
            for c in page.chars:
                name = c["fontname"]
                tag = name[:7] if SUBSET_TAG.match(name) else ""
                chars.append(PChar(text=c["text"], x=float(c["x0"]), x1=float(c["x1"]),
                                   baseline=height - float(c["matrix"][5]), top=float(c["top"]),
                                   bottom=float(c["bottom"]), size=float(c["size"]),
                                   font=name[len(tag):], tag=tag))
            pages.append(PageText(float(page.width), height, tuple(float(v) for v in page.mediabox),
                                  tuple(chars), tuple(_box(i) for i in page.images),
                                  tuple(_box(r) for r in page.rects), tuple(_box(ln) for ln in page.lines),
                                  tuple(_box(cv) for cv in page.curves)))
    return pages


def visible(text: str) -> str:
    """`text` without whitespace (U+3000 included): what must show up as glyphs."""
    return "".join(ch for ch in text if not ch.isspace())


def inked(chars) -> list[PChar]:
    return [c for c in chars if not c.text.isspace()]


# ------------------------------------------------------------------- reading order

def line_index(chars, tolerance: float = 0.5) -> dict[float, int]:
    """Baseline → line number, merging baselines closer than `tolerance` pt."""
    out: dict[float, int] = {}
    previous, number = None, -1
    for b in sorted({c.baseline for c in chars}):
        if previous is None or b - previous > tolerance:
            number += 1
        out[b] = number
        previous = b
    return out


def ink_centre(char: PChar) -> float:
    """x of the middle of a glyph's ink: full-width opening marks sit in the right half of
    their em box, closing marks and ，。、；：！？ in the left half (Chinese SC fonts), so
    two marks squeezed into one em share an origin yet read in order."""
    if char.text in OPENING:
        return char.x + 0.75 * (char.x1 - char.x)
    if char.text in CLOSING or char.text in "，。、；：！？":
        return char.x + 0.25 * (char.x1 - char.x)
    return (char.x + char.x1) / 2


def ink_box(char: PChar) -> Box:
    """The part of the glyph's em box its ink occupies (see ink_centre), as a Box."""
    width = char.x1 - char.x
    if char.text in OPENING:
        return Box(char.x + width / 2, char.top, char.x1, char.bottom)
    if char.text in CLOSING or char.text in "，。、；：！？":
        return Box(char.x, char.top, char.x + width / 2, char.bottom)
    return Box(char.x, char.top, char.x1, char.bottom)


def overprints(chars, slack: float = 0.1) -> list[tuple[PChar, PChar]]:
    """Pairs of glyphs whose ink boxes overlap by more than `slack` pt both ways."""
    cell = 40.0
    grid: dict[tuple[int, int], list[tuple[Box, PChar]]] = {}
    for c in inked(chars):
        box = ink_box(c)
        for gx in range(int(box.x0 // cell), int(box.x1 // cell) + 1):
            for gy in range(int(box.top // cell), int(box.bottom // cell) + 1):
                grid.setdefault((gx, gy), []).append((box, c))
    found = {}
    for members in grid.values():
        for i, (a, ca) in enumerate(members):
            for b, cb in members[i + 1:]:
                dx = min(a.x1, b.x1) - max(a.x0, b.x0)
                dy = min(a.bottom, b.bottom) - max(a.top, b.top)
                if dx > slack and dy > slack:
                    found[(id(ca), id(cb))] = (ca, cb)
    return list(found.values())


def column_of(char: PChar, template: PageTemplate) -> int:
    """0-based base column the ink of `char` falls in (each column widened by half a
    gutter on both sides)."""
    pitch = template.column_width + template.gutter
    return int((ink_centre(char) - template.area_left + template.gutter / 2) // pitch)


def column_left(column: int, template: PageTemplate) -> float:
    return template.area_left + column * (template.column_width + template.gutter)


def body_order(chars, template: PageTemplate) -> list[PChar]:
    """Column text read by position alone: column by column, then line by line, then left
    to right."""
    lines = line_index(chars)
    return sorted(chars, key=lambda c: (column_of(c, template), lines[c.baseline], ink_centre(c)))


def display_order(chars) -> list[PChar]:
    """Headlines and captions (lines across a module) read by position: line by line,
    left to right."""
    lines = line_index(chars)
    return sorted(chars, key=lambda c: (lines[c.baseline], ink_centre(c)))


def body_lines(chars, template: PageTemplate) -> list[list[PChar]]:
    """Column lines of `chars` (already in body order): one list per (column, baseline)."""
    lines = line_index(chars)
    out: list[list[PChar]] = []
    key = None
    for c in chars:
        k = (column_of(c, template), lines[c.baseline])
        if k != key:
            out.append([])
            key = k
        out[-1].append(c)
    return out


# ----------------------------------------------------------------------- matching

@dataclass(frozen=True, slots=True)
class Element:
    """One piece of an article's copy as it must appear on the page. `kind` is "body"
    (set in columns) or "display" (lines across the module: headline stack, caption)."""

    name: str
    text: str
    kind: str


def article_elements(article: Article) -> list[Element]:
    """The copy of `article` that is printed: headline stack, byline + body, captions,
    credits and licences. Empty fields are left out."""
    out = []
    for name in ("kicker", "headline", "subhead"):
        text = visible(getattr(article, name))
        if text:
            out.append(Element(name, text, "display"))
    body = visible(article.byline) + "".join(visible(b.text) for b in article.blocks)
    if article.blocks:
        out.append(Element("body", body, "body"))
    for i, photo in enumerate(article.photos):
        out.append(Element(f"photos[{i}].caption+credit", visible(photo.caption) + visible(photo.credit), "display"))
        if visible(photo.licence):
            out.append(Element(f"photos[{i}].licence", visible(photo.licence), "display"))
    return out


def paragraph_starts(article: Article) -> list[tuple[int, BlockKind]]:
    """(offset in the body element, kind) of each body block."""
    starts, offset = [], 0
    for i, block in enumerate(article.blocks):
        starts.append((offset, block.kind))
        offset += len(visible(block.text)) + (len(visible(article.byline)) if i == 0 else 0)
    return starts


class TextLayer:
    """A page's glyphs in content-stream order, from which each piece of copy is claimed
    exactly once as a contiguous run."""

    def __init__(self, chars):
        self.chars = inked(chars)
        self.text = "".join(c.text for c in self.chars)
        self.used = [False] * len(self.chars)

    def claim(self, expected: str, what: str) -> list[PChar]:
        """The glyphs of the first unclaimed contiguous occurrence of `expected`."""
        assert expected, f"{what}: nothing to look for"
        start = 0
        while True:
            i = self.text.find(expected, start)
            if i < 0:
                raise AssertionError(self._diagnose(expected, what))
            if not any(self.used[i:i + len(expected)]):
                self.used[i:i + len(expected)] = [True] * len(expected)
                return self.chars[i:i + len(expected)]
            start = i + 1

    def leftover(self) -> list[PChar]:
        return [c for c, used in zip(self.chars, self.used) if not used]

    def _diagnose(self, expected: str, what: str) -> str:
        lo, hi = 0, len(expected)  # longest prefix of `expected` present in the text layer
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if expected[:mid] in self.text:
                lo = mid
            else:
                hi = mid - 1
        return (f"{what}: its {len(expected)} characters are not a contiguous run of the PDF text layer; "
                f"the first {lo} match, then the copy reads …{expected[max(0, lo - 15):lo]}[{expected[lo:lo + 15]}]… "
                f"but the PDF continues differently")


def check_positions(chars, expected: str, kind: str, template: PageTemplate, what: str) -> None:
    """Read `chars` by position alone and compare with `expected`."""
    ordered = body_order(chars, template) if kind == "body" else display_order(chars)
    got = "".join(c.text for c in ordered)
    if got != expected:
        i = next((k for k, (a, b) in enumerate(zip(got, expected)) if a != b), min(len(got), len(expected)))
        raise AssertionError(f"{what}: read by position, the glyphs differ from the copy at character {i}: "
                             f"copy …{expected[max(0, i - 10):i + 10]}… page …{got[max(0, i - 10):i + 10]}…")


def match_page(chars, articles, template: PageTemplate) -> tuple[dict[str, dict[str, list[PChar]]], list[PChar]]:
    """Claim every element of every article from the page's text layer and check each is
    also in order when read by position. Returns {article id: {element: glyphs}} and the
    glyphs that belong to no article (the page furniture)."""
    layer = TextLayer(chars)
    found: dict[str, dict[str, list[PChar]]] = {}
    for article in articles:
        for element in article_elements(article):
            what = f"article '{article.id}' {element.name}"
            glyphs = layer.claim(element.text, what)
            check_positions(glyphs, element.text, element.kind, template, what)
            found.setdefault(article.id, {})[element.name] = glyphs
    return found, layer.leftover()


def moved(chars, index: int, **changes) -> tuple[PChar, ...]:
    """A copy of `chars` with the glyph at `index` changed (for negative controls)."""
    out = list(chars)
    out[index] = replace(out[index], **changes)
    return tuple(out)


def compose_folder(folder: Path, draft: bool = False, memo=None):
    """The issue in `folder` loaded, normalized and composed as a build does: (issue, pages).
    `memo` a layout.compose.memo.PageMemo (default: a fresh one, so every page is composed)."""
    from layout.compose import compose_issue
    from layout.compose.memo import PageMemo
    from layout.model import load_issue
    from layout.text.config import TextConfig
    from layout.text.copyedit import normalize_issue
    from layout.text.metrics import MetricsSet

    issue, _ = normalize_issue(load_issue(folder))
    return issue, compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig.of(issue.typesetting),
                                draft=draft, memo=memo if memo is not None else PageMemo())


def issue_yaml(pages: str, articles: str, holes: str = "allow") -> str:
    """A small issue definition: the test paper's `issue:` block, then `pages` and
    `articles` (YAML list items, indented two spaces) as given."""
    return f"""\
issue:
  paper: 测试日报
  code: TEST
  date: 2023-01-06
  number: 1
  running_number: 100
  holes: {holes}
  qr: {{payload: "https://example.com/t", lines: [扫一扫]}}
pages:
{pages}articles:
{articles}"""

"""What a composed page is made of: the one product every backend consumes.

Coordinates are pt from the trim's top-left corner, y downwards; `baseline` is the
y of a text line's baseline. Colours are CMYK tuples (0–1).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from layout.model.schema import FontRole, RunKind

BLACK = (0.0, 0.0, 0.0, 1.0)


class SourceField(Enum):
    """Which text of an article a run comes from (for proofs, lint and the nothing-lost
    check): `index` in `TextSource` is the body block for BODY and RUNIN, the photo for
    CAPTION, CREDIT and LICENCE, and 0 otherwise."""

    KICKER = "kicker"
    HEADLINE = "headline"
    SUBHEAD = "subhead"
    BYLINE = "byline"
    RUNIN = "runin"        # a run-in heading before a paragraph (### in the body file)
    BODY = "body"
    CAPTION = "caption"
    CREDIT = "credit"
    LICENCE = "licence"


@dataclass(frozen=True, slots=True)
class TextSource:
    """Where a run's first glyph comes from: character `start` (0-based, counting every
    character of the text, spaces included) of `field` / `index` of article `article`.
    The run's other glyphs follow in the text in order, spaces skipped."""

    article: str
    field: SourceField
    index: int
    start: int


@dataclass(frozen=True, slots=True)
class TextRun:
    """Glyphs of one line in one font and size: (char, x) pairs, x absolute.

    `article` names the article the text belongs to ("" for furniture); `kind` says what
    the text is (body, headline, caption, ...) for traces and tests."""

    glyphs: tuple[tuple[str, float], ...]
    baseline: float
    size: float
    role: FontRole
    article: str = ""
    kind: RunKind = RunKind.BODY
    colour: tuple[float, float, float, float] = BLACK
    rotation: int = 0  # degrees clockwise about each glyph's origin (sideways in vertical text)
    source: TextSource | None = None  # None: furniture, jump lines and notes (no article copy)

    @property
    def text(self) -> str:
        return "".join(ch for ch, _ in self.glyphs)


@dataclass(frozen=True, slots=True)
class Rule:
    """A straight line from (x0, y0) to (x1, y1), `width` pt thick."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    colour: tuple[float, float, float, float] = BLACK


@dataclass(frozen=True, slots=True)
class Picture:
    """A photo scaled to fill the box (x, y, width, height), cropped centrally to the
    box's aspect ratio; `crop` is (left, top, right, bottom) in source pixels."""

    file: Path
    x: float
    y: float
    width: float
    height: float
    crop: tuple[int, int, int, int]
    article: str = ""


@dataclass(frozen=True, slots=True)
class QrCode:
    """A QR code as modules: `rows` of booleans (True = dark), quiet zone included;
    drawn as vector squares of `module` pt from (x, y)."""

    payload: str
    x: float
    y: float
    module: float
    rows: tuple[tuple[bool, ...], ...]

    @property
    def size(self) -> float:
        return self.module * len(self.rows)


@dataclass(frozen=True, slots=True)
class Advert:
    """ads: a booked ad's artwork (layout/compose/ads.py, drawn by layout/render/adfile.py):
    `box` of the file `file` (pt in the file's own coordinates: a PDF page's TrimBox,
    turned by `rotate`, or an image's size) drawn into (x, y, width, height) — pt from
    the trim's top-left — at one scale for both sides; `kind` pdf, tiff or jpeg; `ad`
    the ad's id; `digest` the file's SHA-256."""

    file: Path
    kind: str
    box: tuple[float, float, float, float]
    rotate: int
    x: float
    y: float
    width: float
    height: float
    ad: str
    digest: str


Item = TextRun | Rule | Picture | QrCode | Advert  # ads: Advert


@dataclass(frozen=True, slots=True)
class ComposedPage:
    """A finished page: trim size in pt and everything on it, in drawing order."""

    number: int
    section: str
    width: float
    height: float
    items: tuple[Item, ...]
    qr_payload: str

"""The typed issue: what the model stage hands to the rest of the pipeline.

All lengths are in PostScript points (1 pt = 1/72 in) unless a name says otherwise.
Every record is frozen; collections are tuples. `Source` remembers where a value came
from so later stages can still name file and line in their errors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # ads: the records live in layout/model/ads.py (which imports this module)
    from layout.model.ads import Ad

from layout.errors import Diagnostic


@dataclass(frozen=True, slots=True)
class Source:
    """Where a value was written: file and 1-based line."""

    file: Path
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class FontRole(Enum):
    """The faces a page uses, by typographic role (宋 / 黑 / 楷)."""

    SONG = "song"            # body text (书宋)
    SONG_BOLD = "song_bold"  # bold Song: in-text subheads, bylines
    HEI = "hei"              # Hei: furniture, labels
    HEI_BOLD = "hei_bold"    # bold Hei: headlines
    KAI = "kai"              # Kai: captions, notes


class RunKind(StrEnum):
    """What a run of text on a page is (a StrEnum: it compares equal to its value)."""

    BODY = "body"
    HEADLINE = "headline"          # 主题
    KICKER = "kicker"              # 引题
    SUBHEAD = "subhead"            # 副题 in the stack, or an in-text subhead (小标题) in the body
    BYLINE = "byline"              # a byline on its own line
    CAPTION = "caption"
    LICENCE = "licence"            # a photo's licence line
    JUMP = "jump"                  # 转第X版 / 上接第X版
    OVERSET = "overset"            # overset copy shown in red on a draft
    OVERSET_NOTE = "overset-note"  # the 超版 label on a draft
    MASTHEAD = "masthead"
    HEADER = "header"              # 报眉
    FOOTER = "footer"
    CREDITS = "credits"
    AD_LABEL = "ad-label"          # ads: the 广告 label on a booked ad (layout/compose/ads.py)
    AD_NOTE = "ad-note"            # ads: a draft's note on an ad whose file failed its preflight


@dataclass(frozen=True, slots=True)
class FontSet:
    """Font files by role, absolute paths to TrueType (glyf) fonts."""

    files: tuple[tuple[FontRole, Path], ...]

    def path(self, role: FontRole) -> Path:
        return dict(self.files)[role]


@dataclass(frozen=True, slots=True)
class PageTemplate:
    """A page's geometry. Trim and margins in pt; the type area is derived.

    The measure is a whole number of body characters: `columns` columns of
    `column_chars` characters separated by `gutter_chars` characters (clreq §7.1.1).
    """

    name: str
    trim_width: float
    trim_height: float
    margin_top: float
    margin_bottom: float
    margin_left: float
    margin_right: float
    columns: int
    column_chars: int
    gutter_chars: int
    body_size: float
    line_pitch: float
    bleed: float = 0.0  # pt beyond the trim on every side that artwork may run into

    @property
    def column_width(self) -> float:
        """Width of one base column, pt."""
        return self.column_chars * self.body_size

    @property
    def gutter(self) -> float:
        """Gap between two columns, pt."""
        return self.gutter_chars * self.body_size

    @property
    def area_width(self) -> float:
        """Width of the type area (版心), pt."""
        return self.columns * self.column_width + (self.columns - 1) * self.gutter

    @property
    def area_height(self) -> float:
        """Height of the type area rounded down to whole grid lines, pt."""
        return self.grid_lines * self.line_pitch

    @property
    def grid_lines(self) -> int:
        """Number of body grid lines in the type area."""
        usable = self.trim_height - self.margin_top - self.margin_bottom
        return int(usable // self.line_pitch + 1e-9)

    @property
    def area_left(self) -> float:
        """Left edge of the type area from the trim's left edge, pt (area centred
        between the margins when whole characters leave some slack)."""
        slack = self.trim_width - self.margin_left - self.margin_right - self.area_width
        return self.margin_left + slack / 2

    @property
    def area_top(self) -> float:
        """Top edge of the type area from the trim's top edge, pt."""
        slack = self.trim_height - self.margin_top - self.margin_bottom - self.area_height
        return self.margin_top + slack / 2


@dataclass(frozen=True, slots=True)
class Credits:
    """Editor credits printed on the page (责任编辑 / 美编 / 校对)."""

    editor: str = ""
    designer: str = ""
    proofreader: str = ""


class PageColour(Enum):
    """How a page is printed: four process colours, or black only (黑白版)."""

    CMYK = "cmyk"   # C, M, Y and K plates
    GRAY = "gray"   # the K plate only: photos as DeviceGray, no C, M or Y anywhere


class PdfxVersion(Enum):
    """The PDF/X conformance level the page files are written to."""

    X1A = "x-1a"    # PDF/X-1a:2003 (ISO 15930-4): PDF 1.4, CMYK/Gray only, no transparency
    X4 = "x-4"      # PDF/X-4 (ISO 15930-7): PDF 1.6, XMP identification


@dataclass(frozen=True, slots=True)
class PrintSettings:
    """What the plant needs of the files (`print:` in issue.yaml).

    `ink_limit` is the most total area coverage (C+M+Y+K) allowed, in percent;
    `ppi_warning` / `ppi_error` the effective photo resolutions (pixels per inch where
    placed) below which the build warns / fails; `screen_ruling` the plant's halftone
    screen in lines per inch: photos above 3 × the ruling are downsampled to 2 × it.
    """

    pdfx: PdfxVersion = PdfxVersion.X1A
    ink_limit: float = 240.0
    ppi_warning: float = 150.0
    ppi_error: float = 100.0
    screen_ruling: float = 100.0


@dataclass(frozen=True, slots=True)
class Page:
    """One page (版). `section_code` (A, B, …) and `number` name the page's file for the
    plant; `version` > 1 marks a replacement page (file suffix `_v2`, …)."""

    number: int
    section: str
    credits: Credits
    template: PageTemplate
    source: Source
    colour: PageColour = PageColour.CMYK
    section_code: str = "A"
    version: int = 1
    masthead: bool = False  # the paper's masthead (报头) instead of the page header: page 1


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an article's module sits on its page, in grid units.

    `column` is the 1-based first base column and `span` the number of columns (both None:
    the page packs the module automatically; a span alone fixes its width). `row` is
    the 1-based first grid line of the page's module area, or None to stack the module
    under the modules above it in those columns. `rows` is the height in grid lines, or
    None to take what the content needs (columns balanced); `fill` extends the module
    down to the next module or the bottom of the area.
    """

    page: int
    column: int | None
    span: int | None
    row: int | None
    rows: int | None
    fill: bool
    source: Source
    measure: int | None = None  # text columns across the span (破栏), e.g. 5 across 8
    balance: bool = True  # the module's last column balanced with the others (齐栏) within one line


class BlockKind(Enum):
    """Kinds of block in an article body."""

    PARAGRAPH = "paragraph"
    SUBHEAD = "subhead"  # in-text subhead (小标题, e.g. 元素一 …)
    QUOTE = "quote"      # a block quotation, indented as a whole (clreq §6.2.1.2)


class MarkKind(Enum):
    """Interlinear marks on a span of body text (clreq §5.3.1, §5.6.1, §5.2)."""

    EMPHASIS = "emphasis"  # 着重号: a dot under each character
    PROPER = "proper"      # 专名号: a straight line under a proper noun
    BOOK = "book"          # 书名号 type A: a wavy line under a title
    FRAME = "frame"        # a black frame round the name of the deceased (clreq §5.1.1.4)


@dataclass(frozen=True, slots=True)
class Mark:
    """A mark over characters [start, end) of its block's text."""

    kind: MarkKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph or in-text subhead of a body file, with its source line; `marks`
    are interlinear marks on its text, `runin` a run-in heading set before it in bold
    (clreq §7.1.3.5)."""

    kind: BlockKind
    text: str
    source: Source
    marks: tuple[Mark, ...] = ()
    runin: str = ""


class BodyFormat(StrEnum):
    """How an article's body file is written (`body_format:`; docs/newsroom.md)."""

    MARKDOWN = "markdown"  # the strict Markdown subset of layout/model/bodytext.py
    PLAIN = "plain"        # plain text exported from an editorial system: headline first, labelled lines
    DOCX = "docx"          # a Word file (Office Open XML)
    NINJS = "ninjs"        # an IPTC ninjs 2.0 (or 1.x) JSON news item


class TextOrigin(StrEnum):
    """Where a piece of an article's or a photo's text came from."""

    ISSUE = "issue.yaml"   # written in issue.yaml (it always wins)
    BODY = "body file"     # the article's body file (a ninjs picture's caption, a Word or plain-text heading)
    XMP = "xmp"            # the photo's own XMP metadata (dc:description, photoshop:Credit, dc:creator, dc:rights)
    IPTC = "iptc"          # the photo's IPTC-IIM record (2:120 caption, 2:110 credit, 2:80 by-line, 2:116 copyright)
    EXIF = "exif"          # the photo's EXIF (ImageDescription, Artist, Copyright)
    NONE = "none"          # nowhere: the field is empty


@dataclass(frozen=True, slots=True)
class PhotoOrigins:
    """Where a photo's caption, credit and licence (copyright) line came from."""

    caption: TextOrigin = TextOrigin.ISSUE
    credit: TextOrigin = TextOrigin.ISSUE
    licence: TextOrigin = TextOrigin.ISSUE


class CaptionPosition(StrEnum):
    """Where a photo's caption goes (a StrEnum: it compares equal to its value)."""

    BELOW = "below"
    BESIDE = "beside"  # in the module's last column, to the right of the photo


@dataclass(frozen=True, slots=True)
class Photo:
    """A photo, checked by the model: `file` is a complete JPEG or PNG; `pixels` its
    width and height in pixels as printed, that is after its EXIF `orientation` (1–8,
    which the renderer applies); `digest` the SHA-256 of the file's bytes (hex);
    `origins` where the caption, credit and licence came from (issue.yaml wins over the
    body file, which wins over the photo's own XMP, IPTC and EXIF metadata)."""

    file: Path
    caption: str
    credit: str
    licence: str
    source: Source
    caption_position: CaptionPosition = CaptionPosition.BELOW
    pixels: tuple[int, int] = (0, 0)
    orientation: int = 1
    digest: str = ""
    origins: PhotoOrigins = PhotoOrigins()


class HeadlineAlign(StrEnum):
    """How headline lines sit across the module (a StrEnum: equal to its value)."""

    CENTRE = "centre"
    LEFT = "left"
    RIGHT = "right"
    SPREAD = "spread"  # every line spread evenly to the full width (均排, clreq §6.2.1.3)


@dataclass(frozen=True, slots=True)
class HeadlineStyle:
    """Sizes of the headline stack, pt; `headline_lines` is the most lines the main
    headline may take before it shrinks (down to `headline_min_size`); `tracking` is
    extra (or, negative, less) space between headline characters in em (clreq §6.3.1.1,
    §6.3.1.3); `align` is centre, left, right or spread (even spacing, §6.2.1.3)."""

    kicker_size: float
    headline_size: float
    headline_min_size: float
    headline_lines: int
    subhead_size: float
    tracking: float = 0.0
    align: HeadlineAlign = HeadlineAlign.CENTRE


class BylineStyle(Enum):
    """Where an article's byline is set."""

    RUNIN = "runin"  # run in at the start of the first paragraph, in Hei, with the conventional separator
    LINE = "line"    # on a line of its own above the body


@dataclass(frozen=True, slots=True)
class Article:
    """An article: its headline stack, body blocks and photos, where its module goes
    (`placement`) and where it continues when it jumps to later pages (`continued`);
    `tighten` is how much (em per character) its body may be set tighter to fit (紧排).
    `kicker`, `headline` and `subhead` may hold "\n": a line break the user chose."""

    id: str
    kicker: str
    headline: str
    subhead: str
    byline: str
    blocks: tuple[Block, ...]
    photos: tuple[Photo, ...]
    placement: Placement
    style: HeadlineStyle
    source: Source
    continued: tuple[Placement, ...] = ()
    tighten: float = 0.0
    box: bool = False
    headline_font: FontRole = FontRole.HEI_BOLD
    headline_vertical: bool = False
    kicker_font: FontRole = FontRole.HEI
    subhead_font: FontRole = FontRole.KAI
    byline_style: BylineStyle = BylineStyle.RUNIN

    @property
    def parts(self) -> tuple[Placement, ...]:
        """Every placement of the article: the first part, then its continuations."""
        return (self.placement,) + self.continued


@dataclass(frozen=True, slots=True)
class Footer:
    """The QR block: the payload the code carries and the lines printed beside it."""

    qr_payload: str
    lines: tuple[str, ...]


class Kinsoku(Enum):
    """Line-start / line-end prohibition levels (clreq §6.1.1)."""

    NONE = "none"
    BASIC = "basic"
    GB = "gb"
    STRICT = "strict"


class PunctStyle(Enum):
    """Punctuation width styles (clreq §6.3.2)."""

    QUANJIAO = "quanjiao"            # 全角式: every mark 1 em; adjacent marks squeezed
    KAIMING = "kaiming"              # 开明式: 。？！ full, other marks half
    BANJIAO = "banjiao"              # 半角式: every mark half
    HANGMOBANJIAO = "hangmobanjiao"  # 行末半角式: full, but half at line end


@dataclass(frozen=True, slots=True)
class Typesetting:
    """Text settings of the issue (layout.text.config maps them):
    prohibition level (none/basic/gb/strict), punctuation style (quanjiao/kaiming/
    banjiao/hangmobanjiao), whether a 1/4-em space separates CJK and Latin/digits,
    whether body text is justified, the fewest characters on a last line, and the fewest
    lines of a module's text in one column segment (reading order)."""

    kinsoku: Kinsoku = Kinsoku.GB
    punctuation: PunctStyle = PunctStyle.QUANJIAO
    cjk_latin_space: bool = True
    justify: bool = True
    last_line_min: int = 2
    hanging: bool = False
    min_segment_lines: int = 3


class HolePolicy(Enum):
    """What a hole (天窗: empty space nobody chose) does to a build."""

    ERROR = "error"  # the build stops, naming the page, the place and what could fill it
    ALLOW = "allow"  # holes are listed (report.json, proofs, a warning) but the build goes on


@dataclass(frozen=True, slots=True)
class Issue:
    """A whole issue as the model stage read and validated it. `notices` are warnings
    (severity WARNING) for the report: what a Word, ninjs or plain-text body file held
    that the body cannot carry (tables, comments, pictures, formatting), and which
    fields issue.yaml overrode (layout/model/report.py makes them JSON)."""

    folder: Path
    paper: str
    code: str
    date: dt.date
    issue_number: int
    running_number: int
    edition: str
    serial: str
    footer: Footer
    normalize: bool
    typesetting: Typesetting
    fonts: FontSet
    pages: tuple[Page, ...]
    articles: tuple[Article, ...]
    source: Source
    print_settings: PrintSettings = PrintSettings()
    holes: HolePolicy = HolePolicy.ERROR
    notices: tuple[Diagnostic, ...] = ()  # warnings of the model: what a body file could not carry over
    ads: tuple[Ad, ...] = ()  # ads: booked advertisements (layout/model/ads.py)

    def page(self, number: int) -> Page:
        return next(p for p in self.pages if p.number == number)

    def articles_on(self, number: int) -> tuple[Article, ...]:
        """Articles that start on page `number`."""
        return tuple(a for a in self.articles if a.placement.page == number)

    def parts_on(self, number: int) -> tuple[tuple[Article, int], ...]:
        """(article, part index) of every article part on page `number`, in issue order."""
        return tuple((a, i) for a in self.articles for i, p in enumerate(a.parts) if p.page == number)

"""`articles:` of issue.yaml → Article records: text fields, body files, photos and
placements, every value checked with its file, line and field named."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from layout.errors import Diagnostic
from layout.model.bodytext import read_body
from layout.model.encoding import ENCODING_NAMES, Encoding
from layout.model.fields import Checker
from layout.model.photos import PhotoFile, PhotoProblem, read_photo
from layout.model.schema import (
    Article, Block, BylineStyle, CaptionPosition, FontRole, HeadlineAlign, HeadlineStyle, Page, Photo, Placement, Source,
)
from layout.model.units import parse_size
from layout.model.yamlsrc import Path_

ARTICLE_KEYS = {"id", "kicker", "headline", "subhead", "byline", "body", "photos", "place",
                "headline_size", "headline_min_size", "headline_lines", "kicker_size", "headline_tracking",
                "headline_align", "tighten", "box", "headline_font", "headline_vertical", "kicker_font",
                "subhead_font", "subhead_size", "byline_style", "encoding"}
PLACE_KEYS = {"page", "column", "span", "row", "rows", "measure", "balance"}
PHOTO_KEYS = {"file", "caption", "credit", "licence", "caption_position"}


class ArticleReader:
    """Reads the article list; photo files are read once each, however often they are named."""

    def __init__(self, check: Checker, folder: Path, pages: tuple[Page, ...], encoding: Encoding):
        self.check, self.folder, self.pages, self.encoding = check, folder, pages, encoding
        self.body_problems: list[Diagnostic] = []
        self.photo_files: dict[Path, PhotoFile | PhotoProblem] = {}

    def articles(self, raw: object) -> tuple[Article, ...]:
        if not isinstance(raw, list) or not raw:
            self.check.error(("articles",), "expected a list of at least one article")
            return ()
        articles: list[Article] = []
        seen: dict[str, int] = {}
        for i, spec in enumerate(raw):
            article = self.article(("articles", i), spec, i)
            if article.id in seen:
                self.check.error(("articles", i, "id"),
                                 f"duplicate article id '{article.id}' (first at line {seen[article.id]})")
            seen.setdefault(article.id, self.check.line(("articles", i, "id")))
            articles.append(article)
        return tuple(articles)

    def article(self, path: Path_, spec: object, index: int) -> Article:
        check = self.check
        m = check.mapping(spec, path, ARTICLE_KEYS, {"id", "place"})
        blocks, _read = self.body(m, path)
        photos = self.photos(m.get("photos", []), path + ("photos",))
        listed = m.get("photos")
        if "body" not in m and not (isinstance(listed, list) and listed):
            check.error(path, "an article needs a body file or at least one photo")
        headline = check.text(m, path, "headline", breaks=True)
        if "body" in m and not headline:
            check.error(path, "an article with a body needs a headline")
        parts = self.parts(m.get("place", {}), path + ("place",))
        return Article(
            id=check.text(m, path, "id", f"#{index}"), kicker=check.text(m, path, "kicker", breaks=True),
            headline=headline, subhead=check.text(m, path, "subhead", breaks=True),
            byline=check.text(m, path, "byline"), blocks=blocks, photos=photos,
            placement=parts[0], continued=parts[1:],
            tighten=check.number(m, path, "tighten", 0.0, 0.0, 0.1, " em"),
            box=check.get(m, path, "box", bool, False),
            headline_font=check.choice(m, path, "headline_font", FontRole, FontRole.HEI_BOLD),
            headline_vertical=check.get(m, path, "headline_vertical", bool, False),
            kicker_font=check.choice(m, path, "kicker_font", FontRole, FontRole.HEI),
            subhead_font=check.choice(m, path, "subhead_font", FontRole, FontRole.KAI),
            byline_style=check.choice(m, path, "byline_style", BylineStyle, BylineStyle.RUNIN),
            style=self.headline_style(m, path), source=Source(check.file, check.line(path)))

    def body(self, m: dict[str, Any], path: Path_) -> tuple[tuple[Block, ...], bool]:
        """The body's blocks, and whether the file was read (its problems are kept)."""
        encoding = self.encoding
        if "encoding" in m:
            encoding = encoding_of(self.check, m, path, encoding)
        if "body" not in m:
            return (), False
        name = self.check.get(m, path, "body", str, None)
        found = self.check.inside(self.folder, name, path + ("body",)) if name else None
        if not found:
            return (), False
        blocks, problems = read_body(found, self.folder / str(name), encoding)
        self.body_problems += problems
        return blocks, True

    def headline_style(self, m: dict[str, Any], path: Path_) -> HeadlineStyle:
        check = self.check
        size = check.convert(m, path, "headline_size", parse_size, "二号") or 22.0
        return HeadlineStyle(
            kicker_size=check.convert(m, path, "kicker_size", parse_size, "四号") or 14.0,
            headline_size=size,
            headline_min_size=min(size, check.convert(m, path, "headline_min_size", parse_size, "小三") or 15.0),
            headline_lines=check.whole(m, path, "headline_lines", 2, 1, 10, "lines"),
            subhead_size=check.convert(m, path, "subhead_size", parse_size, "小四") or 12.0,
            tracking=check.number(m, path, "headline_tracking", 0.0, -0.25, 1.0, " em"),
            align=check.choice(m, path, "headline_align", HeadlineAlign, HeadlineAlign.CENTRE))

    def parts(self, raw: object, path: Path_) -> tuple[Placement, ...]:
        """`place:` is one placement, or a list: the first part and its continuations on
        later pages (the article jumps: 转第X版 / 上接第X版)."""
        if not isinstance(raw, list):
            return (self.placement(raw, path),)
        if not raw:
            self.check.error(path, "expected a placement or a list of placements")
            return (self.placement({}, path),)
        parts = tuple(self.placement(item, path + (i,)) for i, item in enumerate(raw))
        order = [p.number for p in self.pages]
        for i, (a, b) in enumerate(zip(parts, parts[1:]), start=1):
            if a.page in order and b.page in order and order.index(b.page) <= order.index(a.page):
                self.check.error(path + (i, "page"), f"a continuation must be on a later page than page {a.page}")
        return parts

    def placement(self, raw: object, path: Path_) -> Placement:
        check = self.check
        m = check.mapping(raw, path, PLACE_KEYS, {"page"})
        if "column" in m and "span" not in m:
            check.error(path, "a placement with a column needs a span (or give neither, for automatic placement)")
        page = check.get(m, path, "page", int, 0)
        target = next((p for p in self.pages if p.number == page), None)
        if "page" in m and target is None and isinstance(m["page"], int):
            check.error(path + ("page",), f"page {page} does not exist (pages: "
                                          f"{', '.join(str(p.number) for p in self.pages)})")
        rows = m.get("rows", "auto")
        if rows not in ("auto", "fill") and (isinstance(rows, bool) or not isinstance(rows, int)):
            check.error(path + ("rows",), f"expected a number of grid lines, 'auto' or 'fill', got {rows!r}")
            rows = "auto"
        placement = Placement(page=page, column=check.get(m, path, "column", int, None),
                              span=check.get(m, path, "span", int, None), row=check.get(m, path, "row", int, None),
                              rows=rows if isinstance(rows, int) else None, fill=rows == "fill",
                              source=Source(check.file, check.line(path)),
                              measure=check.get(m, path, "measure", int, None),
                              balance=check.get(m, path, "balance", bool, True))
        if target is not None and target.template is not None:
            self.fits(placement, path, target)
        return placement

    def fits(self, placement: Placement, path: Path_, page: Page) -> None:
        """The placement's columns and rows are on the page's grid."""
        check, columns, lines = self.check, page.template.columns, page.template.grid_lines
        if placement.span is not None and not 1 <= placement.span <= columns:
            check.error(path + ("span",), f"span {placement.span} does not fit the page's {columns} columns")
        if placement.measure is not None and not 1 <= placement.measure <= (placement.span or columns):
            check.error(path + ("measure",), f"{placement.measure} text columns do not fit a span of "
                                             f"{placement.span or columns} columns")
        if placement.column is not None and placement.span is not None and (
                placement.column < 1 or placement.span < 1 or placement.column + placement.span - 1 > columns):
            check.error(path, f"columns {placement.column}–{placement.column + placement.span - 1} "
                              f"do not fit the page's {columns} columns")
        if (placement.row is not None and placement.row < 1) or (placement.rows is not None and placement.rows < 1):
            check.error(path, "row and rows count from 1")
        for key, value in (("row", placement.row), ("rows", placement.rows)):
            if value is not None and value > lines:
                check.error(path + (key,), f"{key} {value} is beyond the page's {lines} grid lines")

    def photos(self, raw: object, path: Path_) -> tuple[Photo, ...]:
        if not isinstance(raw, list):
            self.check.error(path, "expected a list of photos")
            return ()
        return tuple(photo for i, spec in enumerate(raw) if (photo := self.photo(spec, path + (i,))))

    def photo(self, spec: object, path: Path_) -> Photo | None:
        check = self.check
        m = check.mapping(spec, path, PHOTO_KEYS, {"file", "caption"})
        name = check.get(m, path, "file", str, None)
        found = check.inside(self.folder, name, path + ("file",)) if name else None
        if not found:
            return None
        info = self.photo_file(found)
        if isinstance(info, PhotoProblem):
            check.error(path + ("file",), f"photo '{name}': {info.message}", info.hint)
            return None
        return Photo(file=found, caption=check.text(m, path, "caption"), credit=check.text(m, path, "credit"),
                     licence=check.text(m, path, "licence"),
                     caption_position=check.choice(m, path, "caption_position", CaptionPosition, CaptionPosition.BELOW),
                     source=Source(check.file, check.line(path)), pixels=info.pixels,
                     orientation=info.orientation, digest=info.digest)

    def photo_file(self, file: Path) -> PhotoFile | PhotoProblem:
        if file not in self.photo_files:
            try:
                self.photo_files[file] = read_photo(file)
            except PhotoProblem as problem:
                self.photo_files[file] = problem
        return self.photo_files[file]


def encoding_of(check: Checker, m: dict[str, Any], path: Path_, default: Encoding) -> Encoding:
    """m["encoding"]: utf-8 (the default) or gb18030 (also written gbk or gb2312)."""
    name = check.get(m, path, "encoding", str, default.value)
    found = ENCODING_NAMES.get(str(name).strip().lower())
    if found is None:
        check.error(path + ("encoding",), f"unknown encoding {name!r}; expected utf-8 or gb18030 (gbk)")
        return default
    return found

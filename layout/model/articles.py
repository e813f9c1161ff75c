"""`articles:` of issue.yaml → Article records: text fields, body files, photos and
placements, every value checked with its file, line and field named."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from layout.errors import Diagnostic
from layout.i18n import _
from layout.model.copyfile import Copy, CopyPhoto, format_of, read_copy, refused_format
from layout.model.encoding import ENCODING_NAMES, Encoding
from layout.model.fields import Checker
from layout.model.photos import PhotoFile, PhotoProblem, read_photo
from layout.model.photostext import photo_texts, unused_pictures
from layout.model.schema import (
    Article,
    BodyFormat,
    BylineStyle,
    CaptionPosition,
    FontRole,
    HeadlineAlign,
    HeadlineStyle,
    Page,
    Photo,
    Placement,
    Source,
)
from layout.model.stackfields import stack_fields
from layout.model.units import parse_size
from layout.model.yamlsrc import Path_, field_name

ARTICLE_KEYS = {"id", "kicker", "headline", "subhead", "byline", "body", "photos", "place",
                "headline_size", "headline_min_size", "headline_lines", "kicker_size", "headline_tracking",
                "headline_align", "tighten", "box", "headline_font", "headline_vertical", "kicker_font",
                "subhead_font", "subhead_size", "byline_style", "encoding", "body_format"}
PLACE_KEYS = {"page", "column", "span", "row", "rows", "measure", "balance"}
PHOTO_KEYS = {"file", "caption", "credit", "licence", "caption_position"}


class ArticleReader:
    """Reads the article list; photo files are read once each, however often they are
    named. `encoding` and `body_format` are the issue's defaults for body files."""

    def __init__(self, check: Checker, folder: Path, pages: tuple[Page, ...], encoding: Encoding,
                 body_format: BodyFormat = BodyFormat.MARKDOWN):
        self.check, self.folder, self.pages, self.encoding = check, folder, pages, encoding
        self.body_format = body_format
        self.body_problems: list[Diagnostic] = []
        self.notices: list[Diagnostic] = []
        self.photo_files: dict[Path, PhotoFile | PhotoProblem] = {}

    def articles(self, raw: object) -> tuple[Article, ...]:
        if not isinstance(raw, list) or not raw:
            self.check.error(("articles",), _("expected a list of at least one article"))
            return ()
        articles: list[Article] = []
        seen: dict[str, int] = {}
        for i, spec in enumerate(raw):
            article = self.article(("articles", i), spec, i)
            if article.id in seen:
                self.check.error(("articles", i, "id"),
                                 _("duplicate article id '{id}' (first at line {line})").format(
                                     id=article.id, line=seen[article.id]))
            seen.setdefault(article.id, self.check.line(("articles", i, "id")))
            articles.append(article)
        return tuple(articles)

    def article(self, path: Path_, spec: object, index: int) -> Article:
        check = self.check
        m = check.mapping(spec, path, ARTICLE_KEYS, {"id", "place"})
        copy, read = self.body(m, path)
        fields = stack_fields(check, m, path, copy, self.notices)
        photos = self.photos(m, path, copy)
        listed = m.get("photos")
        if "body" not in m and not (isinstance(listed, list) and listed):
            check.error(path, _("an article needs a body file or at least one photo"))
        if "body" in m and not fields.headline and copy.blocks:  # a body that could not be read may hold one
            check.error(path, _("an article with a body needs a headline"),
                        _("write `headline:` in issue.yaml, or give the body file one (docs/newsroom.md)"))
        parts = self.parts(m.get("place", {}), path + ("place",))
        return Article(
            id=check.text(m, path, "id", f"#{index}"), kicker=fields.kicker,
            headline=fields.headline, subhead=fields.subhead,
            byline=fields.byline, blocks=fields.blocks, photos=photos,
            placement=parts[0], continued=parts[1:],
            tighten=check.number(m, path, "tighten", 0.0, 0.0, 0.1, " em"),
            box=check.get(m, path, "box", bool, False),
            headline_font=check.choice(m, path, "headline_font", FontRole, FontRole.HEI_BOLD),
            headline_vertical=check.get(m, path, "headline_vertical", bool, False),
            kicker_font=check.choice(m, path, "kicker_font", FontRole, FontRole.HEI),
            subhead_font=check.choice(m, path, "subhead_font", FontRole, FontRole.KAI),
            byline_style=check.choice(m, path, "byline_style", BylineStyle, BylineStyle.RUNIN),
            style=self.headline_style(m, path), source=Source(check.file, check.line(path)))

    def body(self, m: dict[str, Any], path: Path_) -> tuple[Copy, bool]:
        """The body file's copy, and whether the file was read (its problems and notices
        are kept)."""
        check, encoding = self.check, self.encoding
        if "encoding" in m:
            encoding = encoding_of(check, m, path, encoding)
        given = check.choice(m, path, "body_format", BodyFormat, self.body_format) if "body_format" in m else None
        if "body" not in m:
            return Copy(()), False
        name = check.get(m, path, "body", str, None)
        found = check.inside(self.folder, name, path + ("body",)) if name else None
        if not found:
            return Copy(()), False
        refused = refused_format(str(name)) if given is None else ""
        if refused:
            check.error(path + ("body",), refused)
            return Copy(()), False
        read = read_copy(found, self.folder / str(name), encoding, format_of(str(name), given, self.body_format))
        self.body_problems += read.problems
        if not read.copy.blocks and not read.problems:  # said where the issue names the file, whatever its format
            check.error(path + ("body",), _("the body file '{file}' has no text: write the article's copy in it, "
                                            "or leave `body` out for a photo or headline alone").format(file=name))
        self.notices += read.notices
        return read.copy, not read.problems

    def headline_style(self, m: dict[str, Any], path: Path_) -> HeadlineStyle:
        check = self.check
        size = check.convert(m, path, "headline_size", parse_size, "二号") or 22.0
        return HeadlineStyle(
            kicker_size=check.convert(m, path, "kicker_size", parse_size, "四号") or 14.0,
            headline_size=size,
            headline_min_size=min(size, check.convert(m, path, "headline_min_size", parse_size, "小三") or 15.0),
            headline_lines=check.whole(m, path, "headline_lines", 2, 1, 10, _("lines")),
            subhead_size=check.convert(m, path, "subhead_size", parse_size, "小四") or 12.0,
            tracking=check.number(m, path, "headline_tracking", 0.0, -0.25, 1.0, " em"),
            align=check.choice(m, path, "headline_align", HeadlineAlign, HeadlineAlign.CENTRE))

    def parts(self, raw: object, path: Path_) -> tuple[Placement, ...]:
        """`place:` is one placement, or a list: the first part and its continuations on
        later pages (the article jumps: 转第X版 / 上接第X版)."""
        if not isinstance(raw, list):
            return (self.placement(raw, path),)
        if not raw:
            self.check.error(path, _("expected a placement or a list of placements"))
            return (self.placement({}, path),)
        parts = tuple(self.placement(item, path + (i,)) for i, item in enumerate(raw))
        order = [p.number for p in self.pages]
        for i, (a, b) in enumerate(zip(parts, parts[1:]), start=1):
            if a.page in order and b.page in order and order.index(b.page) <= order.index(a.page):
                self.check.error(path + (i, "page"), _("a continuation must be on a later page than page {page}").format(page=a.page))
        return parts

    def placement(self, raw: object, path: Path_) -> Placement:
        check = self.check
        m = check.mapping(raw, path, PLACE_KEYS, {"page"})
        if "column" in m and "span" not in m:
            check.error(path, _("a placement with a column needs a span (or give neither, for automatic placement)"))
        page = check.get(m, path, "page", int, 0)
        target = next((p for p in self.pages if p.number == page), None)
        if "page" in m and target is None and isinstance(m["page"], int):
            check.error(path + ("page",), _("page {page} does not exist (pages: {pages})").format(
                page=page, pages=", ".join(str(p.number) for p in self.pages)))
        rows = m.get("rows", "auto")
        if rows not in ("auto", "fill") and (isinstance(rows, bool) or not isinstance(rows, int)):
            check.error(path + ("rows",), _("expected a number of grid lines, 'auto' or 'fill', got {got}").format(got=repr(rows)))
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
            check.error(path + ("span",), _("span {span} does not fit the page's {columns} columns").format(
                span=placement.span, columns=columns))
        if placement.measure is not None and not 1 <= placement.measure <= (placement.span or columns):
            check.error(path + ("measure",), _("{measure} text columns do not fit a span of {span} columns").format(
                measure=placement.measure, span=placement.span or columns))
        if placement.column is not None and placement.span is not None and 1 <= placement.span <= columns and (
                placement.column < 1 or placement.column + placement.span - 1 > columns):
            check.error(path, _("columns {first}–{last} do not fit the page's {columns} columns").format(
                first=placement.column, last=placement.column + placement.span - 1, columns=columns))
        if (placement.row is not None and placement.row < 1) or (placement.rows is not None and placement.rows < 1):
            check.error(path, _("row and rows count from 1"))
        for key, value in (("row", placement.row), ("rows", placement.rows)):
            if value is not None and value > lines:
                check.error(path + (key,), _("`{key}: {value}` is more than the page's {lines} grid lines "
                                             "(row counts grid lines from the top of the module area, under the "
                                             "masthead or header)").format(key=key, value=value, lines=lines))

    def photos(self, m: dict[str, Any], path: Path_, copy: Copy) -> tuple[Photo, ...]:
        """The photos issue.yaml lists, else the pictures the body file names."""
        if "photos" not in m:
            return tuple(photo for cp in copy.photos if (photo := self.copy_photo(cp)))
        raw, path = m["photos"], path + ("photos",)
        if not isinstance(raw, list):
            self.check.error(path, _("expected a list of photos"))
            return ()
        self.notices += unused_pictures(copy.photos, self.check.file, self.check.line(path))
        return tuple(photo for i, spec in enumerate(raw) if (photo := self.photo(spec, path + (i,))))

    def photo(self, spec: object, path: Path_) -> Photo | None:
        check = self.check
        m = check.mapping(spec, path, PHOTO_KEYS, {"file"})
        name = check.get(m, path, "file", str, None)
        found = check.inside(self.folder, name, path + ("file",)) if name else None
        if not found:
            return None
        info = self.photo_file(found)
        if isinstance(info, PhotoProblem):
            check.error(path + ("file",), _("photo '{name}': {problem}").format(name=name, problem=info.message), info.hint)
            return None
        given: dict[str, str] = {key: check.text(m, path, key) for key in ("caption", "credit", "licence") if key in m}
        texts = photo_texts(given, info.text)
        where = Source(check.file, check.line(path))
        self.notices += texts.notices(found, where, field_name(path))
        if not texts.caption:
            check.error(path, _("photo '{name}' has no caption").format(name=name),
                        _("write `caption:` here, or give the photo a caption in its own metadata "
                          "(IPTC Caption/Abstract or XMP Description)"))
        return Photo(file=found, caption=texts.caption, credit=texts.credit, licence=texts.licence,
                     caption_position=check.choice(m, path, "caption_position", CaptionPosition, CaptionPosition.BELOW),
                     source=where, pixels=info.pixels, orientation=info.orientation, digest=info.digest,
                     origins=texts.origins)

    def copy_photo(self, cp: CopyPhoto) -> Photo | None:
        """A picture the body file names (a ninjs association), checked like a listed
        photo; its problems name the body file, line and field."""
        from layout.model.fields import resolve_inside

        found = resolve_inside(self.folder, cp.source.file.parent, cp.file)
        info = self.photo_file(found) if isinstance(found, Path) else None
        if isinstance(found, str) or isinstance(info, PhotoProblem):
            message = found if isinstance(found, str) else _("photo '{name}': {problem}").format(
                name=cp.file, problem=info.message if isinstance(info, PhotoProblem) else "")
            hint = info.hint if isinstance(info, PhotoProblem) else ""
            self.body_problems.append(Diagnostic(cp.source.file, cp.source.line, cp.field, message, hint))
            return None
        assert isinstance(found, Path) and isinstance(info, PhotoFile)
        given: dict[str, str] = {key: value for key, value in (("caption", cp.caption), ("credit", cp.credit),
                                               ("licence", cp.licence)) if value}
        texts = photo_texts(given, info.text, from_body=True)
        self.notices += texts.notices(found, cp.source, cp.field)
        if not texts.caption:
            self.body_problems.append(Diagnostic(cp.source.file, cp.source.line, cp.field,
                                                 _("photo '{name}' has no caption").format(name=cp.file),
                                                 _("give the picture a caption (a description with the role "
                                                   "“caption”), or write one into the photo's own metadata")))
        return Photo(file=found, caption=texts.caption, credit=texts.credit, licence=texts.licence, source=cp.source,
                     pixels=info.pixels, orientation=info.orientation, digest=info.digest, origins=texts.origins)

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
        check.error(path + ("encoding",), _("unknown encoding {name}; expected utf-8 or gb18030 (gbk)").format(name=repr(name)))
        return default
    return found

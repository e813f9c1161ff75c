"""issue.yaml → `Issue`. Every problem is collected and reported with file, line and
field; nothing is built from an invalid definition. The format is documented in
docs/issue-format.md."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from layout.errors import IssueError, Problem
from layout.model.bodytext import read_body
from layout.model.fields import Checker
from layout.model.fonts import DEFAULT_FONT_FILES, bundled_font_dir
from layout.model.schema import (
    Article, BylineStyle, Credits, FontRole, FontSet, Footer, HeadlineStyle, HolePolicy, Issue, Page, PageColour,
    PageTemplate,
    Kinsoku, PdfxVersion, Photo, Placement, PrintSettings, PunctStyle, Source, Typesetting,
)
from layout.model.templates import PRESETS
from layout.model.units import MM, parse_length, parse_size
from layout.model.yamlsrc import read_yaml

ISSUE_FILE = "issue.yaml"
TOP = {"issue", "typesetting", "print", "fonts", "templates", "pages", "articles"}
TYPESETTING_KEYS = {"kinsoku", "punctuation", "cjk_latin_space", "justify", "last_line_min", "hanging",
                    "min_segment_lines"}
HEADLINE_ALIGN = ("centre", "left", "right", "spread")
ISSUE_KEYS = {"paper", "code", "date", "number", "running_number", "edition", "serial",
              "qr", "normalize", "holes"}
TEMPLATE_KEYS = {"preset", "trim", "margins", "columns", "column_chars", "gutter_chars",
                 "body_size", "line_pitch", "bleed"}
TEMPLATE_OPTIONAL = {"preset", "bleed"}
PAGE_KEYS = {"number", "section", "template", "credits", "colour", "section_code", "version", "masthead"}
PRINT_KEYS = {"pdfx", "ink_limit", "ppi_warning", "ppi_error", "screen_ruling"}
MAX_BLEED = 20 * MM  # pt: more than any press needs; a bigger value is a typo
ARTICLE_KEYS = {"id", "kicker", "headline", "subhead", "byline", "body", "photos", "place",
                "headline_size", "headline_min_size", "headline_lines", "kicker_size", "headline_tracking",
                "headline_align", "tighten", "box", "headline_font", "headline_vertical", "kicker_font",
                "subhead_font", "subhead_size", "byline_style"}
PLACE_KEYS = {"page", "column", "span", "row", "rows", "measure", "balance"}
PHOTO_KEYS = {"file", "caption", "credit", "licence", "caption_position"}
HEADLINE_FONTS = ("hei_bold", "hei", "song_bold", "song", "kai")


def load_issue(folder: Path) -> Issue:
    """Read and validate `folder`/issue.yaml and every file it names.

    Raises IssueError listing every problem (file:line: field: message).
    """
    folder = Path(folder)
    file = folder / ISSUE_FILE
    if not file.is_file():
        raise IssueError([Problem(file, 0, "", f"no {ISSUE_FILE} in {folder}")])
    data, lines = read_yaml(file)
    check = Checker(lines)
    top = check.mapping(data, (), TOP, {"issue", "pages", "articles"})
    meta = _issue_meta(check, top.get("issue", {}))
    typesetting = _typesetting(check, top.get("typesetting", {}))
    print_settings = _print_settings(check, top.get("print", {}))
    fonts = _fonts(check, folder, top.get("fonts", {}))
    templates = _templates(check, top.get("templates", {}))
    pages = _pages(check, top.get("pages", []), templates)
    body_problems: list[Problem] = []
    articles = _articles(check, folder, top.get("articles", []), pages, body_problems)
    problems = check.problems + body_problems
    if problems:
        raise IssueError(problems)
    return Issue(folder=folder, typesetting=typesetting, fonts=fonts, pages=pages, articles=articles,
                 source=Source(file, 1), print_settings=print_settings, **meta)


def _issue_meta(check: Checker, raw: object) -> dict:
    path = ("issue",)
    m = check.mapping(raw, path, ISSUE_KEYS, {"paper", "code", "date", "number", "running_number", "qr"})
    qr = check.mapping(m.get("qr", {}), path + ("qr",), {"payload", "lines"}, {"payload", "lines"})
    qr_lines = check.get(qr, path + ("qr",), "lines", list, [])
    for i, line in enumerate(qr_lines):
        if not isinstance(line, str):
            check.error(path + ("qr", "lines", i), "expected text")
    code = check.get(m, path, "code", str, "")
    if code and not code.isascii() or code and not code.isalnum():
        check.error(path + ("code",), f"paper code must be ASCII letters and digits, got {code!r}")
    return {
        "paper": check.get(m, path, "paper", str, ""),
        "code": code,
        "date": check.get(m, path, "date", dt.date, dt.date(1970, 1, 1)),
        "issue_number": check.get(m, path, "number", int, 0),
        "running_number": check.get(m, path, "running_number", int, 0),
        "edition": check.get(m, path, "edition", str, ""),
        "serial": check.get(m, path, "serial", str, ""),
        "normalize": check.get(m, path, "normalize", bool, True),
        "holes": HolePolicy(_one_of(check, m, path, "holes", [h.value for h in HolePolicy], "error")),
        "footer": Footer(check.get(qr, path + ("qr",), "payload", str, ""),
                         tuple(str(x) for x in qr_lines)),
    }


def _typesetting(check: Checker, raw: object) -> Typesetting:
    path = ("typesetting",)
    m = check.mapping(raw, path, TYPESETTING_KEYS)
    default = Typesetting()
    choices = {"kinsoku": Kinsoku, "punctuation": PunctStyle}
    values = {key: kind(_one_of(check, m, path, key, [k.value for k in kind], getattr(default, key).value))
              for key, kind in choices.items()}
    last_line_min = check.get(m, path, "last_line_min", int, 2)
    if not 1 <= last_line_min <= 4:
        check.error(path + ("last_line_min",), f"expected 1 to 4 characters, got {last_line_min}")
        last_line_min = 2
    min_segment_lines = check.get(m, path, "min_segment_lines", int, default.min_segment_lines)
    if not 1 <= min_segment_lines <= 10:
        check.error(path + ("min_segment_lines",), f"expected 1 to 10 lines, got {min_segment_lines}")
        min_segment_lines = default.min_segment_lines
    return Typesetting(cjk_latin_space=check.get(m, path, "cjk_latin_space", bool, True),
                       justify=check.get(m, path, "justify", bool, True), last_line_min=last_line_min,
                       hanging=check.get(m, path, "hanging", bool, False),
                       min_segment_lines=min_segment_lines, **values)


def _print_settings(check: Checker, raw: object) -> PrintSettings:
    """The `print:` section: PDF/X level, ink limit (%), photo resolution thresholds (ppi)
    and the plant's screen ruling (lpi)."""
    path = ("print",)
    m = check.mapping(raw, path, PRINT_KEYS)
    default = PrintSettings()
    pdfx = _choice(check, m, path, "pdfx", PdfxVersion, default.pdfx)
    ranges = {"ink_limit": (100.0, 400.0), "ppi_warning": (1.0, 2400.0), "ppi_error": (1.0, 2400.0),
              "screen_ruling": (20.0, 300.0)}
    values = {}
    for key, (low, high) in ranges.items():
        value = check.get(m, path, key, float, getattr(default, key))
        if value is not None and not low <= value <= high:
            check.error(path + (key,), f"expected a number from {low:g} to {high:g}, got {value:g}")
            value = getattr(default, key)
        values[key] = value if value is not None else getattr(default, key)
    if values["ppi_error"] > values["ppi_warning"]:
        check.error(path + ("ppi_error",), f"ppi_error ({values['ppi_error']:g}) is above ppi_warning "
                                           f"({values['ppi_warning']:g}); the error threshold must be the lower")
    return PrintSettings(pdfx=pdfx, **values)


def _choice(check: Checker, m: dict, path, key: str, enum, default):
    """m[key] as a member of `enum` (by value), or `default` with a problem listing the values."""
    return enum(_one_of(check, m, path, key, [member.value for member in enum], default.value))


def _one_of(check: Checker, m: dict, path, key: str, allowed, default: str) -> str:
    """m[key], which must be one of `allowed`, or `default` with a problem listing them."""
    value = check.get(m, path, key, str, default)
    if value not in allowed:
        check.error(path + (key,), f"expected one of {', '.join(allowed)}, got {value!r}")
        return default
    return value


def _fonts(check: Checker, folder: Path, raw: object) -> FontSet:
    """Font files by role: the bundled fonts unless the issue names its own."""
    roles = {role.value: role for role in FontRole}
    m = check.mapping(raw, ("fonts",), set(roles))
    bundled = bundled_font_dir()
    files: dict[FontRole, Path] = {role: bundled / name for role, name in DEFAULT_FONT_FILES.items()}
    for key, value in m.items():
        path = ("fonts", key)
        if not isinstance(value, str):
            check.error(path, "expected a path to a TrueType font file")
            continue
        found = check.inside(folder, value, path)
        if found and found.suffix.lower() not in (".ttf", ".otf", ".ttc"):
            check.error(path, f"'{value}' is not a TrueType font file (.ttf)")
        elif found:
            files[roles[key]] = found
    for role, file in files.items():
        if not file.is_file():
            check.error(("fonts",), f"font for role '{role.value}' not found at {file}; "
                                    "run `python fonts/build.py` or name a font in issue.yaml")
    return FontSet(tuple(sorted(files.items(), key=lambda kv: kv[0].value)))


def _templates(check: Checker, raw: object) -> dict[str, PageTemplate]:
    m = check.mapping(raw, ("templates",), set(raw) if isinstance(raw, dict) else set())
    out = {name: _template(check, ("templates",), name, spec) for name, spec in PRESETS.items()}
    for name, spec in m.items():
        template = _template(check, ("templates", name), name, spec)
        if template:
            out[name] = template
    return out


def _template(check: Checker, path, name: str, spec: object) -> PageTemplate | None:
    m = check.mapping(spec, path, TEMPLATE_KEYS)
    preset_name = check.get(m, path, "preset", str, None)
    if preset_name is not None and preset_name not in PRESETS:
        check.error(path + ("preset",), f"unknown preset '{preset_name}' (known: {', '.join(PRESETS)})")
        return None
    merged = {**PRESETS.get(preset_name or "", {}), **m}
    missing = TEMPLATE_KEYS - TEMPLATE_OPTIONAL - merged.keys()
    if missing:
        check.error(path, f"template '{name}' lacks {', '.join(sorted(missing))} (or give a preset)")
        return None
    trim = merged["trim"]
    if not (isinstance(trim, list) and len(trim) == 2):
        check.error(path + ("trim",), "expected [width, height], e.g. [390mm, 545mm]")
        return None
    margins = check.mapping(merged["margins"], path + ("margins",), {"top", "bottom", "left", "right"},
                            {"top", "bottom", "left", "right"})
    try:
        t = PageTemplate(
            name=name, trim_width=parse_length(trim[0]), trim_height=parse_length(trim[1]),
            margin_top=parse_length(margins.get("top", 0)), margin_bottom=parse_length(margins.get("bottom", 0)),
            margin_left=parse_length(margins.get("left", 0)), margin_right=parse_length(margins.get("right", 0)),
            columns=_positive(merged["columns"]), column_chars=_positive(merged["column_chars"]),
            gutter_chars=_positive(merged["gutter_chars"], zero=True),
            body_size=parse_size(merged["body_size"]), line_pitch=parse_length(merged["line_pitch"], "pt"))
    except ValueError as exc:
        check.error(path, f"template '{name}': {exc}")
        return None
    bleed = _bleed(check, path, merged.get("bleed", 0))
    if bleed is None:
        return None
    t = replace(t, bleed=bleed)
    free = t.trim_width - t.margin_left - t.margin_right
    if t.area_width > free + 0.01:
        check.error(path, f"template '{name}': {t.columns} columns of {t.column_chars} characters "
                          f"need {t.area_width / 2.8346:.1f} mm but the margins leave {free / 2.8346:.1f} mm")
        return None
    if t.line_pitch < t.body_size:
        check.error(path + ("line_pitch",), "line pitch is smaller than the body size")
        return None
    return t


def _bleed(check: Checker, path, value: object) -> float | None:
    """The template's bleed in pt (0 to 20 mm), or None after reporting a problem."""
    try:
        bleed = parse_length(value)
    except ValueError as exc:
        check.error(path + ("bleed",), str(exc))
        return None
    if not 0 <= bleed <= MAX_BLEED:
        check.error(path + ("bleed",), f"bleed must be 0 to 20 mm, got {bleed / MM:.1f} mm")
        return None
    return bleed


def _positive(value: object, zero: bool = False) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < (0 if zero else 1):
        raise ValueError(f"expected a {'non-negative' if zero else 'positive'} whole number, got {value!r}")
    return value


def _pages(check: Checker, raw: object, templates: dict[str, PageTemplate]) -> tuple[Page, ...]:
    if not isinstance(raw, list) or not raw:
        check.error(("pages",), "expected a list of at least one page")
        return ()
    pages: list[Page] = []
    for i, spec in enumerate(raw):
        path = ("pages", i)
        m = check.mapping(spec, path, PAGE_KEYS, {"number", "section"})
        number = check.get(m, path, "number", int, 0)
        if any(p.number == number for p in pages):
            check.error(path + ("number",), f"page {number} is defined twice")
        template_name = check.get(m, path, "template", str, "broadsheet")
        template = templates.get(template_name)
        if template is None:
            check.error(path + ("template",), f"unknown template '{template_name}' "
                                              f"(known: {', '.join(templates)})")
        credits = check.mapping(m.get("credits", {}), path + ("credits",), {"editor", "designer", "proofreader"})
        pages.append(Page(number=number, section=check.get(m, path, "section", str, ""),
                          credits=Credits(**{k: str(v) for k, v in credits.items()}),
                          template=template, source=Source(check.file, check.line(path)),
                          colour=_choice(check, m, path, "colour", PageColour, PageColour.CMYK),
                          section_code=_section_code(check, m, path), version=_version(check, m, path),
                          masthead=check.get(m, path, "masthead", bool, number == 1)))
    return tuple(pages)


def _section_code(check: Checker, m: dict, path) -> str:
    """The page's section letter or code for file names (A, B, JF…): 1–4 ASCII letters/digits."""
    code = check.get(m, path, "section_code", str, "A")
    if not (code and len(code) <= 4 and code.isascii() and code.isalnum()):
        check.error(path + ("section_code",), f"expected 1 to 4 ASCII letters or digits (e.g. A), got {code!r}")
        return "A"
    return code


def _version(check: Checker, m: dict, path) -> int:
    """The page's version: 1 for the first file, 2, 3… for replacement pages."""
    version = check.get(m, path, "version", int, 1)
    if version < 1:
        check.error(path + ("version",), f"expected 1 or more (2 for the first replacement), got {version}")
        return 1
    return version


def _articles(check: Checker, folder: Path, raw: object, pages: tuple[Page, ...],
              body_problems: list[Problem]) -> tuple[Article, ...]:
    if not isinstance(raw, list) or not raw:
        check.error(("articles",), "expected a list of at least one article")
        return ()
    articles: list[Article] = []
    seen: dict[str, int] = {}
    for i, spec in enumerate(raw):
        path = ("articles", i)
        m = check.mapping(spec, path, ARTICLE_KEYS, {"id", "place"})
        art_id = check.get(m, path, "id", str, f"#{i}")
        if art_id in seen:
            check.error(path + ("id",), f"duplicate article id '{art_id}' (first at line {seen[art_id]})")
        seen.setdefault(art_id, check.line(path + ("id",)))
        blocks = ()
        if "body" in m:
            body = check.get(m, path, "body", str, None)
            found = check.inside(folder, body, path + ("body",)) if body else None
            if found:
                blocks, problems = read_body(found, folder / body)
                body_problems += problems
        photos = _photos(check, folder, m.get("photos", []), path + ("photos",))
        if not blocks and not photos:
            check.error(path, "an article needs a body file or at least one photo")
        if "body" in m and not m.get("headline"):
            check.error(path, "an article with a body needs a headline")
        parts = _parts(check, m.get("place", {}), path + ("place",), pages)
        articles.append(Article(
            id=art_id, kicker=_display(check, m, path, "kicker"),
            headline=_display(check, m, path, "headline"), subhead=_display(check, m, path, "subhead"),
            byline=check.get(m, path, "byline", str, ""), blocks=blocks, photos=photos,
            placement=parts[0], continued=parts[1:], tighten=_tighten(check, m, path),
            box=check.get(m, path, "box", bool, False), headline_font=_headline_font(check, m, path),
            headline_vertical=check.get(m, path, "headline_vertical", bool, False),
            kicker_font=_one_of(check, m, path, "kicker_font", HEADLINE_FONTS, "hei"),
            subhead_font=_one_of(check, m, path, "subhead_font", HEADLINE_FONTS, "kai"),
            byline_style=_choice(check, m, path, "byline_style", BylineStyle, BylineStyle.RUNIN),
            style=_headline_style(check, m, path), source=Source(check.file, check.line(path))))
    return tuple(articles)


def _display(check: Checker, m: dict, path, key: str) -> str:
    """A headline-stack line (kicker, headline, subhead): text in which "\n" is a line
    break the user chose; the line feed a `|` block ends with is dropped."""
    return check.get(m, path, key, str, "").strip("\n")


def _headline_style(check: Checker, m: dict, path) -> HeadlineStyle:
    size = check.convert(m, path, "headline_size", parse_size, "二号") or 22.0
    return HeadlineStyle(
        kicker_size=check.convert(m, path, "kicker_size", parse_size, "四号") or 14.0,
        headline_size=size,
        headline_min_size=min(size, check.convert(m, path, "headline_min_size", parse_size, "小三") or 15.0),
        headline_lines=check.get(m, path, "headline_lines", int, 2),
        subhead_size=check.convert(m, path, "subhead_size", parse_size, "小四") or 12.0,
        tracking=_tracking(check, m, path), align=_align(check, m, path))


def _tracking(check: Checker, m: dict, path) -> float:
    value = check.get(m, path, "headline_tracking", float, 0.0)
    if not -0.25 <= value <= 1.0:
        check.error(path + ("headline_tracking",), f"expected -0.25 to 1 em, got {value:g}")
        return 0.0
    return value


def _align(check: Checker, m: dict, path) -> str:
    return _one_of(check, m, path, "headline_align", HEADLINE_ALIGN, "centre")


def _parts(check: Checker, raw: object, path, pages: tuple[Page, ...]) -> tuple[Placement, ...]:
    """`place:` is one placement, or a list: the first part and its continuations on
    later pages (the article jumps: 转第X版 / 上接第X版)."""
    if not isinstance(raw, list):
        return (_placement(check, raw, path, pages),)
    if not raw:
        check.error(path, "expected a placement or a list of placements")
        return (_placement(check, {}, path, pages),)
    parts = tuple(_placement(check, item, path + (i,), pages) for i, item in enumerate(raw))
    order = [p.number for p in pages]
    for i, (a, b) in enumerate(zip(parts, parts[1:]), start=1):
        if a.page in order and b.page in order and order.index(b.page) <= order.index(a.page):
            check.error(path + (i, "page"), f"a continuation must be on a later page than page {a.page}")
    return parts


def _caption_position(check: Checker, m: dict, path) -> str:
    return _one_of(check, m, path, "caption_position", ("below", "beside"), "below")


def _headline_font(check: Checker, m: dict, path) -> str:
    return _one_of(check, m, path, "headline_font", HEADLINE_FONTS, "hei_bold")


def _tighten(check: Checker, m: dict, path) -> float:
    value = check.get(m, path, "tighten", float, 0.0)
    if not 0.0 <= value <= 0.1:
        check.error(path + ("tighten",), f"expected 0 to 0.1 em, got {value:g}")
        return 0.0
    return value


def _placement(check: Checker, raw: object, path, pages: tuple[Page, ...]) -> Placement:
    m = check.mapping(raw, path, PLACE_KEYS, {"page"})
    if "column" in m and "span" not in m:
        check.error(path, "a placement with a column needs a span (or give neither, for automatic placement)")
    page = check.get(m, path, "page", int, 0)
    target = next((p for p in pages if p.number == page), None)
    if "page" in m and target is None:
        check.error(path + ("page",), f"page {page} does not exist (pages: "
                                      f"{', '.join(str(p.number) for p in pages)})")
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
    if target and target.template:
        columns = target.template.columns
        if placement.span is not None and not 1 <= placement.span <= columns:
            check.error(path + ("span",), f"span {placement.span} does not fit the page's {columns} columns")
        if placement.measure is not None and not 1 <= placement.measure <= (placement.span or columns):
            check.error(path + ("measure",), f"{placement.measure} text columns do not fit a span of "
                                             f"{placement.span or columns} columns")
        if placement.column is None or placement.span is None:
            pass  # placed automatically, or an error already reported
        elif placement.column < 1 or placement.span < 1 or placement.column + placement.span - 1 > columns:
            check.error(path, f"columns {placement.column}–{placement.column + placement.span - 1} "
                              f"do not fit the page's {columns} columns")
        if (placement.row is not None and placement.row < 1) or (placement.rows is not None and placement.rows < 1):
            check.error(path, "row and rows count from 1")
    return placement


def _pixels(check: Checker, file: Path, path) -> tuple[int, int]:
    """The photo's size in pixels (width, height), read once here for every later stage."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(file) as image:
            return image.size
    except (OSError, UnidentifiedImageError, ValueError) as exc:
        check.error(path, f"photo '{file.name}' cannot be read as an image ({exc}); export it again as JPEG or PNG")
        return (0, 0)


def _photos(check: Checker, folder: Path, raw: object, path) -> tuple[Photo, ...]:
    if not isinstance(raw, list):
        check.error(path, "expected a list of photos")
        return ()
    photos = []
    for i, spec in enumerate(raw):
        p = path + (i,)
        m = check.mapping(spec, p, PHOTO_KEYS, {"file", "caption"})
        name = check.get(m, p, "file", str, None)
        found = check.inside(folder, name, p + ("file",)) if name else None
        if found:
            photos.append(Photo(file=found, caption=check.get(m, p, "caption", str, ""),
                                credit=check.get(m, p, "credit", str, ""),
                                licence=check.get(m, p, "licence", str, ""),
                                caption_position=_caption_position(check, m, p),
                                source=Source(check.file, check.line(p)), pixels=_pixels(check, found, p + ("file",))))
    return tuple(photos)

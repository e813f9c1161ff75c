"""`templates:` and `pages:` of issue.yaml → PageTemplate and Page records.

Every number is checked for range with the field named: a trim of 50–1500 mm, margins
that are not negative and leave room, 1–30 columns, page numbers from 1.
"""

from __future__ import annotations

from typing import Any

from layout.i18n import _
from layout.model.fields import Checker
from layout.model.schema import Credits, Page, PageColour, PageTemplate, Source
from layout.model.templates import MIN_GRID_LINES, PRESETS
from layout.model.units import MM, parse_length, parse_size
from layout.model.yamlsrc import Path_

TEMPLATE_KEYS = {"preset", "trim", "margins", "columns", "column_chars", "gutter_chars",
                 "body_size", "line_pitch", "bleed", "ads"}  # ads: read by layout/model/ads.py
TEMPLATE_OPTIONAL = {"preset", "bleed", "ads"}
MARGIN_KEYS = ("top", "bottom", "left", "right")
PAGE_KEYS = {"number", "section", "template", "credits", "colour", "section_code", "version", "masthead"}
CREDIT_KEYS = ("editor", "designer", "proofreader")
MAX_BLEED = 20 * MM            # pt: more than any press needs; a bigger value is a typo
TRIM_RANGE = (50 * MM, 1500 * MM)
MAX_MARGIN = 300 * MM
MAX_PAGE = 999                 # page numbers print as 第N版 and name files …_A05.pdf
GRID_RANGES = {"columns": (1, 30), "column_chars": (1, 100), "gutter_chars": (0, 10)}


def read_templates(check: Checker, raw: object) -> dict[str, PageTemplate]:
    """The built-in presets and the issue's own templates, by name."""
    m = check.mapping(raw, ("templates",), set(raw) if isinstance(raw, dict) else set())
    out = {name: t for name, spec in PRESETS.items() if (t := _template(check, ("templates",), name, spec))}
    for name, spec in m.items():
        template = _template(check, ("templates", name), name, spec)
        if template:
            out[name] = template
    return out


def _template(check: Checker, path: Path_, name: str, spec: object) -> PageTemplate | None:
    m = check.mapping(spec, path, TEMPLATE_KEYS)
    preset_name = check.get(m, path, "preset", str, None)
    if preset_name is not None and preset_name not in PRESETS:
        check.error(path + ("preset",), _("unknown preset '{name}' (known: {known})").format(
            name=preset_name, known=", ".join(PRESETS)))
        return None
    merged = {**PRESETS.get(preset_name or "", {}), **m}
    missing = TEMPLATE_KEYS - TEMPLATE_OPTIONAL - merged.keys()
    if missing:
        check.error(path, _("template '{name}' lacks {missing} (or give a preset)").format(
            name=name, missing=", ".join(sorted(missing))))
        return None
    before = len(check.problems)
    trim = _trim(check, path, merged["trim"])
    margins = _margins(check, path + ("margins",), merged["margins"])
    grid = {key: check.whole(merged, path, key, 1, low, high) for key, (low, high) in GRID_RANGES.items()}
    body_size = check.convert(merged, path, "body_size", parse_size)
    pitch = check.convert(merged, path, "line_pitch", lambda v: parse_length(v, "pt"))
    bleed = _bleed(check, path, merged.get("bleed", 0))
    if len(check.problems) > before or trim is None or margins is None or body_size is None or pitch is None:
        return None
    t = PageTemplate(name=name, trim_width=trim[0], trim_height=trim[1], margin_top=margins[0],
                     margin_bottom=margins[1], margin_left=margins[2], margin_right=margins[3],
                     body_size=body_size, line_pitch=pitch, bleed=bleed or 0.0, **grid)
    return t if _fits(check, path, t) else None


def _trim(check: Checker, path: Path_, trim: object) -> tuple[float, float] | None:
    if not (isinstance(trim, list) and len(trim) == 2):
        check.error(path + ("trim",), _("expected [width, height], e.g. [390mm, 545mm]"))
        return None
    sizes = []
    for i, value in enumerate(trim):
        size = check.parsed(value, path + ("trim", i), parse_length)
        if size is not None and not TRIM_RANGE[0] <= size <= TRIM_RANGE[1]:
            message = _("a trim width of {size:.1f} mm; expected 50 to 1500 mm") if i == 0 else \
                _("a trim height of {size:.1f} mm; expected 50 to 1500 mm")
            check.error(path + ("trim", i), message.format(size=size / MM))
            size = None
        sizes.append(size)
    return (sizes[0], sizes[1]) if None not in sizes else None  # type: ignore[return-value]


def _margins(check: Checker, path: Path_, raw: object) -> tuple[float, float, float, float] | None:
    """Top, bottom, left, right in pt: each 0 to 300 mm."""
    m = check.mapping(raw, path, set(MARGIN_KEYS), set(MARGIN_KEYS))
    out = []
    for key in MARGIN_KEYS:
        value = check.convert(m, path, key, parse_length, 0)
        if value is not None and value > MAX_MARGIN:
            check.error(path + (key,), _("a margin of {size:.1f} mm; expected 0 to 300 mm").format(size=value / MM))
            value = None
        out.append(value)
    return None if None in out else (out[0], out[1], out[2], out[3])  # type: ignore[return-value]


def _fits(check: Checker, path: Path_, t: PageTemplate) -> bool:
    """The columns fit between the margins, the pitch holds the type, the page has room."""
    free = t.trim_width - t.margin_left - t.margin_right
    if t.area_width > free + 0.01:
        check.error(path, _("template '{name}': {columns} columns of {chars} characters need {need:.1f} mm but the "
                            "margins leave {free:.1f} mm").format(name=t.name, columns=t.columns, chars=t.column_chars,
                                                                  need=t.area_width / MM, free=free / MM))
        return False
    if t.line_pitch < t.body_size:
        check.error(path + ("line_pitch",), _("line pitch is smaller than the body size"))
        return False
    if t.line_pitch > 4 * t.body_size:
        check.error(path + ("line_pitch",), _("a line pitch of {pitch:g} pt is over 4 times the body size").format(
            pitch=t.line_pitch))
        return False
    if t.grid_lines < MIN_GRID_LINES:
        check.error(path, _("template '{name}': the margins leave {lines} grid lines; a page needs at least {least} "
                            "(header, footer and room for modules)").format(name=t.name, lines=max(t.grid_lines, 0),
                                                                            least=MIN_GRID_LINES))
        return False
    return True


def _bleed(check: Checker, path: Path_, value: object) -> float | None:
    """The template's bleed in pt (0 to 20 mm), or None after reporting a problem."""
    try:
        bleed = parse_length(value)
    except ValueError as exc:
        check.error(path + ("bleed",), str(exc))
        return None
    if not 0 <= bleed <= MAX_BLEED:
        check.error(path + ("bleed",), _("bleed must be 0 to 20 mm, got {size:.1f} mm").format(size=bleed / MM))
        return None
    return bleed


def read_pages(check: Checker, raw: object, templates: dict[str, PageTemplate]) -> tuple[Page, ...]:
    if not isinstance(raw, list) or not raw:
        check.error(("pages",), _("expected a list of at least one page"))
        return ()
    pages: list[Page] = []
    for i, spec in enumerate(raw):
        page = _page(check, ("pages", i), spec, templates)
        if any(p.number == page.number for p in pages):
            check.error(("pages", i, "number"), _("page {page} is defined twice").format(page=page.number))
        pages.append(page)
    return tuple(pages)


def _page(check: Checker, path: Path_, spec: object, templates: dict[str, PageTemplate]) -> Page:
    m = check.mapping(spec, path, PAGE_KEYS, {"number", "section"})
    number = check.whole(m, path, "number", 0, 1, MAX_PAGE, _("(the page number, 第N版)")) if "number" in m else 0
    template_name = check.get(m, path, "template", str, "broadsheet")
    template = templates.get(template_name)
    if template is None:
        check.error(path + ("template",), _("unknown template '{name}' (known: {known})").format(
            name=template_name, known=", ".join(templates)))
    return Page(number=number, section=check.text(m, path, "section"), credits=_credits(check, m, path),
                template=template, source=Source(check.file, check.line(path)),  # type: ignore[arg-type]
                colour=check.choice(m, path, "colour", PageColour, PageColour.CMYK),
                section_code=_section_code(check, m, path),
                version=check.whole(m, path, "version", 1, 1, 99, _("(2 for the first replacement)")),
                masthead=check.get(m, path, "masthead", bool, number == 1))


def _credits(check: Checker, m: dict[str, Any], path: Path_) -> Credits:
    """责任编辑 / 美编 / 校对: each one text (several names in one text)."""
    path = path + ("credits",)
    c = check.mapping(m.get("credits", {}), path, set(CREDIT_KEYS))
    return Credits(**{key: check.text(c, path, key) for key in CREDIT_KEYS})


def _section_code(check: Checker, m: dict[str, Any], path: Path_) -> str:
    """The page's section letter or code for file names (A, B, JF…): 1–4 ASCII letters/digits."""
    code = check.get(m, path, "section_code", str, "A")
    if not (code and len(code) <= 4 and code.isascii() and code.isalnum()):
        check.error(path + ("section_code",), _("expected 1 to 4 ASCII letters or digits (e.g. A), got {got}").format(
            got=repr(code)))
        return "A"
    return str(code)

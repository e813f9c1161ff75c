"""Checks on what the pages paint: colour spaces (row 8), transparency (9), image
resolution (11), K-only overprinting black (12), minimum sizes (13).

Rows 11–13 look only at what lands inside the print area (BleedBox, else TrimBox):
marks and slugs outside it follow other rules. Sizes in pt, resolutions in ppi.
"""

from __future__ import annotations

import math
from collections import Counter

from layout.i18n import N_, _, ngettext
from layout.model.schema import PdfxVersion
from layout.preflight.content import WHERE, Box, PageContent, Paint, PaintKind
from layout.preflight.report import Check, Finding, PreflightSettings, Severity

BLACK_K = 0.999        # K at or above this with no C, M, Y is "100 % K"
DARK_K = 0.8           # K at or above this with C, M or Y is rich black
NO_INK = 0.001
RICH_BLACK_MAX = 12.0  # pt: rich black is refused below this size (misregistration shows)
MIN_MULTI_INK_TYPE = 9.0   # pt: reverse or four-colour type
MIN_RULE = 0.25            # pt
MIN_MULTI_INK_RULE = 1.0   # pt
THIN_RULE = 2.0            # pt: strokes up to this width are rules that must overprint when black


def _finding(check: Check, severity: Severity, message: str, page: int) -> Finding:
    return Finding(check, severity, message, page)


def inside(paint_box: Box, area: tuple[float, float, float, float]) -> bool:
    return paint_box.meets(Box(*area))


def check_colour_spaces(content: PageContent, rules: PdfxVersion, page: int) -> list[Finding]:
    """Row 8: DeviceCMYK, DeviceGray and spots only in X-1a; never RGB; X-4 may also use
    ICC-based CMYK/Gray and Lab."""
    c = Check.COLOUR
    found = []
    used: dict[str, list[str]] = {}
    for space, (kind, name) in content.spaces:
        used.setdefault(space.label, []).append(_(WHERE[kind]).format(name=name))
    for label, wheres in used.items():
        space = next(s for s, _where in content.spaces if s.label == label)
        where = ", ".join(sorted(set(wheres)))
        if space.is_rgb:
            found.append(_finding(c, Severity.ERROR, _("{space} in {where}: RGB cannot go to the plates").format(
                space=label, where=where), page))
        elif space.family in ("/Separation", "/DeviceN") and any(n not in _PROCESS for n in space.names):
            found.append(_finding(c, Severity.WARNING, _("{space} in {where}: a spot ink needs its own plate; "
                                                         "newspaper presses print CMYK").format(space=label,
                                                                                                 where=where), page))
        elif not space.is_device_print and not (rules is PdfxVersion.X4 and space.family in _X4_SPACES):
            found.append(_finding(c, Severity.ERROR, _("{space} in {where}: not allowed in {level}").format(
                space=label, where=where, level="PDF/X-4" if rules is PdfxVersion.X4 else "PDF/X-1a"), page))
    if not found:
        found.append(_finding(c, Severity.OK, ", ".join(sorted(used)) or _("no colour used"), page))
    return found


_PROCESS = {"/Cyan", "/Magenta", "/Yellow", "/Black", "/All", "/None"}
_X4_SPACES = {"/ICCBased", "/Lab", "/CalGray", "/DeviceCMYK", "/DeviceGray", "/Indexed", "/Pattern"}


def check_transparency(content: PageContent, rules: PdfxVersion, page: int) -> list[Finding]:
    """Row 9: PDF/X-1a allows no transparency; PDF/X-4 does."""
    c = Check.TRANSPARENCY
    if not content.transparency:
        return [_finding(c, Severity.OK, _("none"), page)]
    listed = "; ".join(content.transparency[:5]) + (" …" if len(content.transparency) > 5 else "")
    if rules is PdfxVersion.X4:
        return [_finding(c, Severity.OK, _("live transparency (allowed in PDF/X-4): {what}").format(what=listed),
                         page)]
    return [_finding(c, Severity.ERROR, _("transparency in PDF/X-1a: {what}").format(what=listed), page)]


def check_resolution(content: PageContent, area, settings: PreflightSettings, page: int) -> list[Finding]:
    """Row 11: effective resolution of every contone image where it is placed."""
    c = Check.RESOLUTION
    found = []
    images = [i for i in content.images if not i.stencil and i.bits > 1 and inside(i.bbox, area)]
    for image in images:
        what = _("image {name} {width}×{height} px at {ppi} ppi").format(
            name=image.name.lstrip("/"), width=image.width, height=image.height, ppi=f"{image.ppi:.0f}")
        if image.ppi < settings.ppi_error:
            found.append(_finding(c, Severity.ERROR, _("{image}: below {limit} ppi").format(
                image=what, limit=f"{settings.ppi_error:g}"), page))
        elif image.ppi < settings.ppi_warning:
            found.append(_finding(c, Severity.WARNING, _("{image}: below {limit} ppi, prints soft").format(
                image=what, limit=f"{settings.ppi_warning:g}"), page))
        elif image.ppi > settings.ppi_max:
            found.append(_finding(c, Severity.WARNING, _("{image}: above {limit} ppi, more than the screen can use "
                                                         "(wasted bytes)").format(image=what,
                                                                                  limit=f"{settings.ppi_max:g}"), page))
    if not found:
        ppis = ", ".join(f"{i.ppi:.0f}" for i in images)
        text = ngettext("{n} image: {ppis} ppi", "{n} images: {ppis} ppi", len(images)) if images else _("no images")
        found.append(_finding(c, Severity.OK, text.format(n=len(images), ppis=ppis), page))
    return found


def _inks(paint: Paint) -> int:
    ink = paint.colour.ink
    return sum(1 for v in ink if v > NO_INK) if ink is not None else 4


def _ink_name(paint: Paint) -> str:
    """e.g. "3-ink", or "four-colour (ICCBased RGB)" when the ink is not in the file."""
    if paint.colour.ink is None:
        return _("four-colour ({space})").format(space=paint.colour.space.label)
    return _("{n}-ink").format(n=_inks(paint))


def is_black(paint: Paint) -> bool:
    ink = paint.colour.ink
    return ink is not None and ink[3] >= BLACK_K and max(ink[:3]) <= NO_INK


def is_rich_black(paint: Paint) -> bool:
    ink = paint.colour.ink
    if ink is None:  # RGB or the like: dark values print as four-colour black
        values = paint.colour.values
        return paint.colour.space.is_rgb and bool(values) and max(values) <= 0.25
    return ink[3] >= DARK_K and max(ink[:3]) > NO_INK


def is_white(paint: Paint) -> bool:
    ink = paint.colour.ink
    return ink is not None and max(ink) <= NO_INK


def overprints(paint: Paint, black_only: bool) -> bool:
    """True when a K-only paint leaves the other plates alone: overprint on, and OPM 1
    for DeviceCMYK (with OPM 0 the zero C, M, Y would knock out). DeviceGray cannot
    spare the other plates, so it counts only on black-and-white pages."""
    if not paint.overprint:
        return black_only
    if paint.colour.space.family == "/DeviceCMYK":
        return paint.opm == 1 or black_only
    return black_only


def painted_inside(content: PageContent, area) -> Counter[Paint]:
    """The paints landing in the print area, each distinct one (same kind, colour,
    overprint, size; its box aside) with how often: thousands of text runs of one page
    are a handful of kinds, judged once each."""
    x0, y0, x1, y1 = (float(v) for v in area)
    counts: dict[tuple, int] = {}
    first: dict[tuple, Paint] = {}
    text, fill = PaintKind.TEXT, PaintKind.FILL
    for paint in content.paints:
        box = paint.bbox
        if box.x0 < x1 and x0 < box.x1 and box.y0 < y1 and y0 < box.y1:
            colour, kind = paint.colour, paint.kind
            # the kind as a number found by identity: an Enum's __hash__ is Python code, run for every paint
            key = (0 if kind is text else 1 if kind is fill else 2, colour.space.label, colour.values,
                   colour.pattern, paint.overprint, paint.opm, paint.size)
            count = counts.get(key)
            if count is None:
                counts[key], first[key] = 1, paint
            else:
                counts[key] = count + 1
    return Counter({first[key]: count for key, count in counts.items()})


def check_black(content: PageContent, area, settings: PreflightSettings, page: int,
                painted: Counter[Paint] | None = None) -> list[Finding]:
    """Row 12: black text and thin rules (stroked, or filled and line-shaped) in 100 % K,
    overprinting; no rich black in small type; white never overprints. `painted` is
    `painted_inside(content, area)` when the caller has it already."""
    c = Check.BLACK
    problems: Counter[str] = Counter()
    black_text = 0
    for paint, count in (painted if painted is not None else painted_inside(content, area)).items():
        text = paint.kind is PaintKind.TEXT
        rule = paint.kind is not PaintKind.TEXT and paint.size <= THIN_RULE   # a stroke or a line-shaped fill
        what = "text" if text else "rule" if rule else "fill"
        space = paint.colour.space.label
        if is_white(paint) and paint.overprint:
            problems[_(WHITE_OVERPRINT[what])] += count
        elif (text or rule) and is_black(paint):
            black_text += count if text else 0
            if not overprints(paint, settings.black_only):
                problems[_(KNOCKS_OUT[what]).format(space=space, op=paint.overprint, opm=paint.opm)] += count
        elif (text and paint.size < RICH_BLACK_MAX or rule) and is_rich_black(paint):
            message = (_("rich black text (not K only, {space}) below {size} pt") if text
                       else _("rich black rule (not K only, {space})"))
            problems[message.format(space=space, size=f"{RICH_BLACK_MAX:g}")] += count
    found = [_finding(c, Severity.ERROR, f"{message}: {count}×", page) for message, count in problems.items()]
    if not found:
        found.append(_finding(c, Severity.OK, _("{n} black text runs, 100% K, overprinting").format(n=black_text),
                              page))
    return found


WHITE_OVERPRINT = {"text": N_("white text set to overprint (it vanishes on press)"),
                   "rule": N_("white rule set to overprint (it vanishes on press)"),
                   "fill": N_("white fill set to overprint (it vanishes on press)")}
KNOCKS_OUT = {"text": N_("black text knocks out instead of overprinting ({space}, op={op}, OPM {opm})"),
              "rule": N_("black rule knocks out instead of overprinting ({space}, op={op}, OPM {opm})"),
              "fill": N_("black fill knocks out instead of overprinting ({space}, op={op}, OPM {opm})")}
SMALLEST = {"text": N_("smallest text {size} pt"), "rule": N_("smallest rule {size} pt"),
            "filled line": N_("smallest filled line {size} pt")}


def check_sizes(content: PageContent, area, page: int, painted: Counter[Paint] | None = None) -> list[Finding]:
    """Row 13: reverse or multi-ink type ≥ 9 pt; rules ≥ 0.25 pt, multi-ink rules ≥ 1 pt,
    whether stroked or filled (a filled rectangle 0.1 pt high is a hairline too).
    `painted` as for check_black."""
    c = Check.SIZES
    problems: Counter[str] = Counter()
    smallest: dict[str, float] = {}
    for paint, count in (painted if painted is not None else painted_inside(content, area)).items():
        what, problem = _size_problem(paint)
        if what:
            smallest[what] = min(smallest.get(what, math.inf), paint.size)
        if problem:
            problems[problem] += count
    found = [_finding(c, Severity.ERROR, f"{message}: {count}×", page) for message, count in problems.items()]
    if not found:
        parts = [_(SMALLEST[k]).format(size=f"{v:.2f}") for k, v in sorted(smallest.items())]
        found.append(_finding(c, Severity.OK, "; ".join(parts) or _("no text or rules"), page))
    return found


def _size_problem(paint: Paint) -> tuple[str, str]:
    """(what it is for the "smallest" summary or "", the problem or "") of one paint."""
    if paint.kind is PaintKind.TEXT:
        if paint.size < MIN_MULTI_INK_TYPE and not is_rich_black(paint):
            if is_white(paint):
                return "text", _("reverse (white) type below {size} pt").format(size=f"{MIN_MULTI_INK_TYPE:g}")
            if _inks(paint) >= 2:
                return "text", _("{inks} type below {size} pt").format(inks=_ink_name(paint),
                                                                      size=f"{MIN_MULTI_INK_TYPE:g}")
        return "text", ""
    if paint.kind is PaintKind.FILL and paint.size == math.inf:
        return "", ""   # a filled area, no line-shaped part
    stroked = paint.kind is PaintKind.STROKE
    what = "rule" if stroked else "filled line"
    if paint.size < MIN_RULE:
        if stroked and paint.size == 0:
            message = _("rules thinner than {size} pt (zero width: device hairline)")
        elif stroked:
            message = _("rules thinner than {size} pt")
        else:
            message = _("filled shapes thinner than {size} pt (hairline rules drawn as fills)")
        return what, message.format(size=f"{MIN_RULE:g}")
    if paint.size < MIN_MULTI_INK_RULE and _inks(paint) >= 2:
        message = _("{inks} rules thinner than {size} pt") if stroked else _("{inks} filled rules thinner than {size} pt")
        return what, message.format(inks=_ink_name(paint), size=f"{MIN_MULTI_INK_RULE:g}")
    return what, ""

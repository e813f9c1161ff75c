"""Row 7: every font embedded — through form XObjects, patterns and annotation
appearances, composite fonts through their descendants — and every font name naming one
font program only.

A RIP caches fonts by name: when two different subsets are both called
`AAAAAC+NotoSerifCJKsc-Regular`, it may draw the second with the first's glyphs (wrong
characters or none). PDF 1.4 §5.5.3: "different subsets in the same PDF file must have
different tags"; a tag shared by subsets of different fonts is what
`PreflightSettings.shared_subset_tags` decides.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf
from pikepdf import Name

from layout.i18n import _, ngettext
from layout.preflight.report import DEFAULTS, Check, Finding, PreflightSettings, Severity

SUBSET = re.compile(r"^([A-Z]{6})\+")
PROGRAMS = ("/FontFile", "/FontFile2", "/FontFile3")


@dataclass(frozen=True, slots=True)
class FontUse:
    """One font dictionary: its name, why it is not embedded ("" when it is), the first
    page it is used on, and its font program's identity (a content hash; "" for Type 3
    and fonts without a program)."""

    name: str
    problem: str
    page: int
    program: str


def check_fonts(pdf: pikepdf.Pdf, settings: PreflightSettings = DEFAULTS) -> list[Finding]:
    """An error for each font without its program in the file and for each font name
    given to different programs; a finding for subset tags shared between fonts."""
    fonts: dict[tuple[int, int], FontUse] = {}
    for number, page in enumerate(pdf.pages, start=1):
        for font in _page_fonts(page):
            key = font.objgen if font.objgen != (0, 0) else (-len(fonts) - 1, 0)
            if key not in fonts:
                fonts[key] = FontUse(_name(font), _problem(font), number, _program(font))
    uses = list(fonts.values())
    found = [Finding(Check.FONTS, Severity.ERROR, _("font {name}: {problem}").format(name=u.name, problem=u.problem),
                     u.page) for u in uses if u.problem]
    found += _reused_names(uses)
    if not found:
        subset = sum(1 for u in uses if SUBSET.match(u.name))
        text = ngettext("{n} font, all embedded ({subset} subset), one program per name",
                        "{n} fonts, all embedded ({subset} subset), one program per name", len(uses))
        found.append(Finding(Check.FONTS, Severity.OK,
                             text.format(n=len(uses), subset=subset) if uses else _("no fonts")))
    return found + _shared_tags(uses, settings.shared_subset_tags)


def _page_fonts(page: pikepdf.Page) -> Iterator[pikepdf.Object]:
    """Fonts of the page's resources and of its annotations' appearances."""
    yield from _fonts(page.obj.get("/Resources"), set())
    annots = page.obj.get("/Annots")
    for annot in annots if isinstance(annots, pikepdf.Array) else ():
        appearance = annot.get("/AP") if isinstance(annot, pikepdf.Dictionary) else None
        normal = appearance.get("/N") if isinstance(appearance, pikepdf.Dictionary) else None
        if isinstance(normal, pikepdf.Stream):
            yield from _fonts(normal.get("/Resources"), set())


def _reused_names(uses: list[FontUse]) -> list[Finding]:
    """An error per font name that names two or more different embedded programs."""
    programs: dict[str, dict[str, int]] = {}
    for use in uses:
        if use.program:
            programs.setdefault(use.name, {}).setdefault(use.program, use.page)
    found = []
    for name, by_program in programs.items():
        if len(by_program) > 1:
            pages = sorted(set(by_program.values()))
            found.append(Finding(Check.FONTS, Severity.ERROR,
                                 _("font name {name} is given to {n} different font programs (pages {pages}): a RIP "
                                   "may draw all with one; each subset needs its own tag (PDF 1.4 §5.5.3)").format(
                                     name=name, n=len(by_program), pages=", ".join(map(str, pages)))))
    return found


def _shared_tags(uses: list[FontUse], severity: Severity) -> list[Finding]:
    """One finding per subset tag used by subsets of fonts with different names."""
    names: dict[str, set[str]] = {}
    for use in uses:
        match = SUBSET.match(use.name)
        if match and use.program:
            names.setdefault(match.group(1), set()).add(use.name)
    found = []
    for tag, named in names.items():
        if len(named) > 1:
            found.append(Finding(Check.FONTS, severity,
                                 _("subset tag {tag} is used by {n} different subsets ({names}); PDF 1.4 §5.5.3 "
                                   "wants a tag per subset").format(tag=tag, n=len(named),
                                                                     names=", ".join(sorted(named)))))
    return found


def _fonts(resources, seen: set) -> Iterator[pikepdf.Object]:
    """Every font dictionary reachable from `resources`."""
    if not isinstance(resources, pikepdf.Dictionary) or resources.objgen in seen and resources.objgen != (0, 0):
        return
    seen.add(resources.objgen)
    fonts = resources.get("/Font")
    for font in fonts.values() if isinstance(fonts, pikepdf.Dictionary) else ():
        if not isinstance(font, pikepdf.Dictionary):
            continue
        yield font
        if font.get("/Subtype") == Name.Type3:
            yield from _fonts(font.get("/Resources"), seen)
    for kind in ("/XObject", "/Pattern"):
        children = resources.get(kind)
        for child in children.values() if isinstance(children, pikepdf.Dictionary) else ():
            if isinstance(child, pikepdf.Stream) and child.get("/Subtype", Name.Form) == Name.Form:
                yield from _fonts(child.get("/Resources"), seen)


def _name(font) -> str:
    return str(font.get("/BaseFont", font.get("/Name", "(unnamed)"))).lstrip("/")


def _descriptor(font):
    """The font descriptor that holds the program (a Type 0 font's: its descendant's)."""
    if font.get("/Subtype") == Name.Type0:
        descendants = font.get("/DescendantFonts")
        if isinstance(descendants, pikepdf.Array) and len(descendants) and isinstance(descendants[0],
                                                                                     pikepdf.Dictionary):
            return descendants[0].get("/FontDescriptor")
        return None
    return font.get("/FontDescriptor")


def _program(font) -> str:
    """A hash of the font's embedded program ("" when it has none)."""
    descriptor = _descriptor(font)
    if not isinstance(descriptor, pikepdf.Dictionary):
        return ""
    for key in PROGRAMS:
        program = descriptor.get(key)
        if isinstance(program, pikepdf.Stream):
            return hashlib.sha256(program.read_raw_bytes()).hexdigest()
    return ""


def _problem(font) -> str:
    """Why `font` is not embedded, or "" when it is."""
    subtype = font.get("/Subtype")
    if subtype == Name.Type3:
        return ""  # glyphs are content streams inside the file
    if subtype == Name.Type0:
        descendants = font.get("/DescendantFonts")
        if not isinstance(descendants, pikepdf.Array) or not len(descendants):
            return _("no descendant font")
        return next((p for p in (_problem(d) for d in descendants if isinstance(d, pikepdf.Dictionary)) if p), "")
    descriptor = font.get("/FontDescriptor")
    if not isinstance(descriptor, pikepdf.Dictionary) or not any(key in descriptor for key in PROGRAMS):
        return _("not embedded ({kind})").format(kind=str(subtype or "/Font").lstrip("/"))
    return ""

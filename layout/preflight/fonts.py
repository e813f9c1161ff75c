"""Row 7: every font embedded — through form XObjects, patterns and annotation
appearances, composite fonts through their descendants."""

from __future__ import annotations

import re

import pikepdf
from pikepdf import Name

from layout.preflight.report import Check, Finding, Severity

SUBSET = re.compile(r"^[A-Z]{6}\+")
PROGRAMS = ("/FontFile", "/FontFile2", "/FontFile3")


def check_fonts(pdf: pikepdf.Pdf) -> list[Finding]:
    """An error for each font without its program in the file."""
    fonts: dict[tuple[int, int], tuple[str, str, int]] = {}
    for number, page in enumerate(pdf.pages, start=1):
        for font in _fonts(page.obj.get("/Resources"), set()):
            fonts.setdefault(font.objgen, (_name(font), _problem(font), number))
        for annot in page.obj.get("/Annots", pikepdf.Array()):
            appearance = annot.get("/AP")
            normal = appearance.get("/N") if appearance is not None else None
            if isinstance(normal, pikepdf.Stream):
                for font in _fonts(normal.get("/Resources"), set()):
                    fonts.setdefault(font.objgen, (_name(font), _problem(font), number))
    found = [Finding(Check.FONTS, Severity.ERROR, f"font {name}: {problem}", page)
             for name, problem, page in fonts.values() if problem]
    if not found:
        subset = sum(1 for name, _, _ in fonts.values() if SUBSET.match(name))
        found.append(Finding(Check.FONTS, Severity.OK,
                             f"{len(fonts)} font{'s' * (len(fonts) != 1)}, all embedded ({subset} subset)"
                             if fonts else "no fonts"))
    return found


def _fonts(resources, seen: set):
    """Every font dictionary reachable from `resources`."""
    if resources is None or resources.objgen in seen and resources.objgen != (0, 0):
        return
    seen.add(resources.objgen)
    for font in (resources.get("/Font") or {}).values():
        yield font
        if font.get("/Subtype") == Name.Type3:
            yield from _fonts(font.get("/Resources"), seen)
    for kind in ("/XObject", "/Pattern"):
        for child in (resources.get(kind) or {}).values():
            if isinstance(child, pikepdf.Stream) and child.get("/Subtype", Name.Form) == Name.Form:
                yield from _fonts(child.get("/Resources"), seen)


def _name(font) -> str:
    return str(font.get("/BaseFont", font.get("/Name", "(unnamed)"))).lstrip("/")


def _problem(font) -> str:
    """Why `font` is not embedded, or "" when it is."""
    subtype = font.get("/Subtype")
    if subtype == Name.Type3:
        return ""  # glyphs are content streams inside the file
    if subtype == Name.Type0:
        descendants = font.get("/DescendantFonts") or []
        return next((p for p in (_problem(d) for d in descendants) if p), "" if descendants else "no descendant font")
    descriptor = font.get("/FontDescriptor")
    if descriptor is None or not any(key in descriptor for key in PROGRAMS):
        return f"not embedded ({str(subtype or '/Font').lstrip('/')})"
    return ""

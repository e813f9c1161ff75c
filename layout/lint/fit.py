"""Checks that need fonts or the composed pages: glyph coverage, headlines that do not
fit their module, overset.

Coverage asks the text stage's metrics (layout.text.metrics) whether a font has a glyph;
headline fit and overset are read from what the compose stage made (its headline
fitting shrinks a headline down to its minimum size before it takes more lines).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from layout.compose import PageResult
from layout.compose.grid import ASCENT, Grid
from layout.compose.items import TextRun
from layout.lint.checks import normalized
from layout.lint.copy import Passage
from layout.i18n import _
from layout.lint.findings import Finding, Where
from layout.model.schema import FontSet, Issue
from layout.model.yamlsrc import LineMap
from layout.text.classes import is_space
from layout.text.metrics import MetricsSet


def coverage(passages: Iterable[Passage], metrics: MetricsSet, fonts: FontSet) -> list[Finding]:
    """E104 for each character of a passage that the font of its role lacks (checked on
    the text as it will be set: normalized where the build normalizes)."""
    out = []
    for p in passages:
        text = normalized(p.text)[0] if p.normalized else p.text
        font = metrics.get(p.role)
        for ch in dict.fromkeys(text):
            if is_space(ch) or font.covers(ch):
                continue
            at = p.text.find(ch)
            offset = at if at >= 0 else None
            out.append(Finding(p.file, p.line_at(max(at, 0)), "E104",
                               _("character “{ch}” (U+{code} {name}) is in no font: the {role} font {font} lacks "
                                 "it; replace the character or name a font that has it (issue.yaml fonts:)").format(
                                   ch=ch, code=f"{ord(ch):04X}", name=unicodedata.name(ch, "?"), role=p.role.value,
                                   font=fonts.path(p.role).name),
                               Where(p.where.article, p.where.field, offset)))
    return out


def headline_lines(result: PageResult, article: str) -> tuple[int, float]:
    """(lines, size in pt) of the main headline of `article` as composed on the page.
    Lines are counted by baseline for a horizontal stack; a vertical headline (直排标题:
    one glyph per run, upright or turned) is one line however many characters it has."""
    runs = [i for m in result.modules if m.article.id == article and m.part == 0
            for i in m.items if isinstance(i, TextRun) and i.kind == "headline"]
    if not runs:
        return 0, 0.0
    if _vertical(runs):
        return len({round(r.glyphs[0][1], 1) for r in runs if not r.rotation} or {0}), min(r.size for r in runs)
    return len({round(r.baseline, 2) for r in runs}), min(r.size for r in runs)


def _vertical(runs: list[TextRun]) -> bool:
    """True for a vertical stack: single-glyph runs whose baselines step down one em."""
    upright = [r for r in runs if not r.rotation]
    return (all(len(r.glyphs) == 1 for r in runs) and len(upright) > 1
            and len({round(r.glyphs[0][1], 1) for r in upright}) < len(upright))


def vertical_overrun(issue: Issue, result: PageResult, article: str) -> float:
    """How far (pt) a vertical headline runs below its module's last row (0: it fits)."""
    module = next((m for m in result.modules if m.article.id == article and m.part == 0), None)
    if module is None:
        return 0.0
    runs = [i for i in module.items if isinstance(i, TextRun) and i.kind == "headline"]
    if not runs or not _vertical(runs):
        return 0.0
    grid = Grid(issue.page(result.page.number).template)
    bottom = max(r.baseline + (1 - ASCENT) * r.size for r in runs)
    return max(0.0, bottom - grid.row_top(module.frame.row + module.frame.rows))


def headlines(issue: Issue, results: tuple[PageResult, ...], lines: LineMap) -> list[Finding]:
    """E105 for a headline that needs more lines than `headline_lines` even at its
    minimum size, in the module the issue gives it, and for a vertical headline that
    runs below its module at its minimum size."""
    out = []
    for index, article in enumerate(issue.articles):
        result = next((r for r in results if r.page.number == article.placement.page), None)
        if result is None or not article.headline:
            continue
        count, size = headline_lines(result, article.id)
        allowed = article.style.headline_lines
        line = lines.line(("articles", index, "headline"))
        overrun = vertical_overrun(issue, result, article.id)
        if overrun > 0.5:
            out.append(Finding(issue.source.file, line, "E105",
                               _("vertical headline too long for its module: “{headline}” runs {over:.0f} pt below "
                                 "the module at {size:g} pt, its smallest size (headline_min_size); shorten it or "
                                 "give the module more rows").format(headline=article.headline, over=overrun,
                                                                      size=size), Where(article.id, "headline")))
        elif count > allowed:
            module = next(m for m in result.modules if m.article.id == article.id and m.part == 0)
            out.append(Finding(issue.source.file, line, "E105",
                               _("headline too long for its module: “{headline}” takes {count} lines at {size:g} pt, "
                                 "its smallest size (headline_min_size), across {span} columns, and {allowed} are "
                                 "allowed (headline_lines); shorten it or widen the module").format(
                                   headline=article.headline, count=count, size=size, span=module.frame.span,
                                   allowed=allowed), Where(article.id, "headline")))
    return out


def overset(issue: Issue, results: tuple[PageResult, ...]) -> list[Finding]:
    """E106 for every module whose text did not fit, at the paragraph where it stops."""
    out = []
    for result in results:
        for module in result.modules:
            rest = module.overset
            if not rest.units:
                continue
            article = module.article
            block = rest.units[0].block
            source = article.blocks[block].source if 0 <= block < len(article.blocks) else article.placement.source
            rows = sum(u.rows for u in rest.units)
            out.append(Finding(source.file, source.line, "E106",
                               _("overset (超版): article “{headline}” ('{id}', page {page}) has {lines} lines, "
                                 "{chars} characters, that do not fit, from “{start}…”; cut them or give the module "
                                 "{rows} more rows").format(headline=article.headline, id=article.id,
                                                            page=result.page.number, lines=rest.lines,
                                                            chars=len(rest.text), start=rest.text[:16], rows=rows),
                               Where(article.id, "overset")))
    return out

"""What is wrong with the composed pages, for people: overset modules (超版), articles
automatic placement found no room for, holes (天窗), lines outside their module — each a
Problem naming the file, line and field, the page, the place and what to do.
"""

from __future__ import annotations

from layout.compose.holes import Hole
from layout.compose.page import PageResult, Unplaced
from layout.errors import Problem
from layout.i18n import _
from layout.model.schema import Issue


def problems(issue: Issue, results: tuple[PageResult, ...], stuck=(), holes: bool = True) -> list[Problem]:
    """Every problem of the composed issue, page by page (holes too, with `holes`)."""
    out: list[Problem] = []
    for result in results:
        out += overset_problems(issue, result)
        out += [unplaced_problem(issue, result, u) for u in result.unplaced]
        out += [hole_problem(issue, result, h) for h in result.holes] if holes else []
        out += list(result.problems)
    for article_id, units in stuck:
        article = next(a for a in issue.articles if a.id == article_id)
        chars = sum(len(line.text) for u in units for line in u.lines)
        src = article.source
        out.append(Problem(src.file, src.line, f"articles[{article_id}].place",
                           _("{chars} characters of article '{article}' run on to a continuation (转版) that comes "
                             "before its part in the page order: list the continuation on a later page").format(
                               chars=chars, article=article_id)))
    return out


def overset_problems(issue: Issue, result: PageResult) -> list[Problem]:
    out = []
    for module in result.modules:
        rest = module.overset
        if not rest.units:
            continue
        src = module.article.parts[module.part].source
        rows = -(-sum(u.rows for u in rest.units) // max(module.text_columns, 1))
        out.append(Problem(src.file, src.line, f"articles[{module.article.id}].place",
                           _("overset (超版): article '{article}' (page {page}) has {lines} lines, {chars} characters "
                             "over; give it about {rows} more grid lines across its {columns} columns, or cut from "
                             "“{start}…”").format(article=module.article.id, page=result.page.number,
                                                  lines=rest.lines, chars=len(rest.text), rows=rows,
                                                  columns=module.text_columns, start=rest.text[:12])))
    return out


def unplaced_problem(issue: Issue, result: PageResult, u: Unplaced) -> Problem:
    article = next(a for a in issue.articles if a.id == u.article)
    src = article.parts[u.part].source
    fix = _("give its photo fewer columns (a span) or move it to another page") if not article.blocks else \
        _("shorten it, move it to another page, or give it a place")
    message = _("article '{article}' found no room on page {page} (unplaced, 未排入): its continuation needs at least "
                "{rows} grid lines across {span} columns next to the other modules; {fix}") if u.part else \
        _("article '{article}' found no room on page {page} (unplaced, 未排入): it needs at least "
          "{rows} grid lines across {span} columns next to the other modules; {fix}")
    return Problem(src.file, src.line, f"articles[{u.article}].place",
                   message.format(article=u.article, page=u.page, rows=u.rows, span=u.span, fix=fix))


def hole_problem(issue: Issue, result: PageResult, h: Hole) -> Problem:
    page = issue.page(h.page)
    grid_chars = page.template.column_chars
    first, last = result.line(h.row), result.line(h.row + h.rows - 1)
    place = _("columns {left}–{right}, grid lines {first}–{last} of the module area") if h.span > 1 else \
        _("column {left}, grid lines {first}–{last} of the module area")
    place = place.format(left=h.column + 1, right=h.column + h.span, first=first, last=last)
    chars = h.rows * h.span * grid_chars
    if h.inside and _explicit(issue, h.inside):
        fix = _("article '{article}' is about {rows} lines short in its module: add about {chars} characters "
                "of copy, make its module {rows} lines shorter, or enlarge its photo")
    elif h.inside:
        fix = _("article '{article}' is about {rows} lines short where automatic placement could put it: add "
                "about {chars} characters of copy or a photo, or another article to the page")
    elif h.above:
        fix = _("article '{above}' above it could take {rows} more lines (about {chars} characters), "
                "or place a module there")
    else:
        fix = _("place a module there, or widen or lengthen the modules beside it")
    fix = fix.format(article=h.inside, above=h.above, rows=h.rows, chars=chars)
    return Problem(page.source.file, page.source.line, f"pages[{h.page}]",
                   _("hole (天窗) on page {page} at {place} ({rows} lines empty): {fix}").format(
                       page=h.page, place=place, rows=h.rows, fix=fix))


def _explicit(issue: Issue, article_id: str) -> bool:
    return any(a.id == article_id and a.placement.column is not None for a in issue.articles)


def layout_report(results: tuple[PageResult, ...], copy: dict[tuple[int, str, int], str] | None = None) -> dict:
    """For report.json: holes and unplaced parts per page; columns and lines from 1, lines
    counted from the top of the module area; with `copy` (IssueComposition.unplaced_copy),
    each unplaced part's text, as the overset's is given in full."""
    copy = copy or {}
    return {"holes": [{"page": h.page, "column": h.column + 1, "span": h.span, "line": r.line(h.row), "lines": h.rows,
                       "inside": h.inside, "above": h.above} for r in results for h in r.holes],
            "unplaced": [{"page": u.page, "article": u.article, "part": u.part, "span": u.span, "lines": u.rows}
                         | ({"copy": copy[(u.page, u.article, u.part)]} if (u.page, u.article, u.part) in copy else {})
                         for r in results for u in r.unplaced]}

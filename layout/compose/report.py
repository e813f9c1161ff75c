"""What is wrong with the composed pages, for people: overset modules (超版), articles
automatic placement found no room for, holes (天窗), lines outside their module — each a
Problem naming the file, line and field, the page, the place and what to do.
"""

from __future__ import annotations

from layout.compose.holes import Hole
from layout.compose.page import PageResult, Unplaced
from layout.errors import Problem
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
                           f"{chars} characters of article '{article_id}' run on to a continuation that comes "
                           "before its part in the page order: list the continuation on a later page"))
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
                           f"overset (超版): article '{module.article.id}' (page {result.page.number}) has "
                           f"{rest.lines} lines, {len(rest.text)} characters over; give it about {rows} more grid "
                           f"lines across its {module.text_columns} columns, or cut from “{rest.text[:12]}…”"))
    return out


def unplaced_problem(issue: Issue, result: PageResult, u: Unplaced) -> Problem:
    article = next(a for a in issue.articles if a.id == u.article)
    src = article.parts[u.part].source
    what = "its continuation" if u.part else "it"
    fix = "give its photo fewer columns (a span) or move it to another page" if not article.blocks else \
        "shorten it, move it to another page, or give it a place"
    return Problem(src.file, src.line, f"articles[{u.article}].place",
                   f"article '{u.article}' found no room on page {u.page} (unplaced, 未排入): {what} needs at least "
                   f"{u.rows} grid lines across {u.span} columns next to the other modules; {fix}")


def hole_problem(issue: Issue, result: PageResult, h: Hole) -> Problem:
    page = issue.page(h.page)
    grid_chars = page.template.column_chars
    place = (f"columns {h.column + 1}–{h.column + h.span}" if h.span > 1 else f"column {h.column + 1}") + \
        f", grid lines {result.line(h.row)}–{result.line(h.row + h.rows - 1)} of the module area"
    chars = h.rows * h.span * grid_chars
    if h.inside and _explicit(issue, h.inside):
        fix = (f"article '{h.inside}' is about {h.rows} lines short in its module: add about {chars} characters "
               f"of copy, make its module {h.rows} lines shorter, or enlarge its photo")
    elif h.inside:
        fix = (f"article '{h.inside}' is about {h.rows} lines short where automatic placement could put it: add "
               f"about {chars} characters of copy or a photo, or another article to the page")
    elif h.above:
        fix = (f"article '{h.above}' above it could take {h.rows} more lines (about "
               f"{h.rows * h.span * grid_chars} characters), or place a module there")
    else:
        fix = "place a module there, or widen or lengthen the modules beside it"
    return Problem(page.source.file, page.source.line, f"pages[{h.page}]",
                   f"hole (天窗) on page {h.page} at {place} ({h.rows} lines empty): {fix}")


def _explicit(issue: Issue, article_id: str) -> bool:
    return any(a.id == article_id and a.placement.column is not None for a in issue.articles)


def layout_report(results: tuple[PageResult, ...]) -> dict:
    """For report.json: holes and unplaced parts per page; columns and lines from 1, lines
    counted from the top of the module area."""
    return {"holes": [{"page": h.page, "column": h.column + 1, "span": h.span, "line": r.line(h.row), "lines": h.rows,
                       "inside": h.inside, "above": h.above} for r in results for h in r.holes],
            "unplaced": [{"page": u.page, "article": u.article, "part": u.part, "span": u.span, "lines": u.rows}
                         for r in results for u in r.unplaced]}

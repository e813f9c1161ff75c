"""Compose a whole issue: every page in order, jumping articles' text carried to the
page their next part is on; then the stage's own checks: nothing lost (every character
on a page, in the overset or among the unplaced), and — unless the user asked for a
draft — no overset, no unplaced article, no hole, nothing outside its module.
"""

from __future__ import annotations

from functools import partial

from layout.compose.account import from_runs, from_units, missing
from layout.compose.measure import Measurer
from layout.compose.memo import MEMO, PageMemo, page_key
from layout.compose.page import PageResult, compose_page, setup_for
from layout.compose.report import problems
from layout.errors import IssueError, PaibanError
from layout.i18n import _
from layout.flow import FlowUnit
from layout.model.schema import HolePolicy, Issue, PageTemplate
from layout.text.config import TextConfig
from layout.text.metrics import MetricsSet


class LostCopy(PaibanError):
    """The composer would have lost copy: a bug in paiban, never the user's input."""


def compose_issue(issue: Issue, metrics: MetricsSet, text: TextConfig, draft: bool = False,
                  memo: PageMemo = MEMO) -> tuple[PageResult, ...]:
    """Every page in order. Raises IssueError naming every overset module, unplaced
    article, hole and out-of-module line (unless `draft`), and LostCopy if any character
    of the copy is unaccounted for. A page whose inputs are all as in an earlier call is
    taken from `memo` (the process's own by default) instead of composed again; the
    checks always run on the whole issue."""
    carried: dict[str, tuple[FlowUnit, ...]] = {}
    measurers: dict[PageTemplate, Measurer] = {}
    results = []
    reported = []  # carried text whose continuation found no room: counted with the unplaced
    for page in issue.pages:
        if page.template not in measurers:
            measurers[page.template] = Measurer(setup_for(issue, page, metrics, text))
        key = page_key(issue, page, metrics, text, carried, draft)
        result = memo.page(key, partial(compose_page, issue, page, metrics, text, carried, draft, measurers[page.template]))
        for article_id in {m.article.id for m in result.modules if m.part > 0}:
            carried.pop(article_id, None)
        for gone in (u for u in result.unplaced if u.part > 0):
            reported += from_units(gone.article, carried.pop(gone.article, ()))
        carried.update(result.carry)
        results.append(result)
    out = tuple(results)
    stuck = [(article_id, units) for article_id, units in carried.items()]
    check_nothing_lost(issue, out, reported + [p for a, units in stuck for p in from_units(a, units)])
    found = problems(issue, out, stuck, holes=issue.holes is HolePolicy.ERROR)
    if found and not draft:
        raise IssueError(found)
    return out


def check_nothing_lost(issue: Issue, results: tuple[PageResult, ...], reported: list) -> None:
    """Every character of every text of every article is on a page, in an overset, in
    carried text that is `reported`, or its article is reported unplaced; else LostCopy."""
    found = list(reported)
    for result in results:
        found += from_runs(result.page.items)
        for module in result.modules:
            found += from_units(module.article.id, module.overset.units)
    unplaced = {r.article for res in results for r in res.unplaced if r.part == 0}
    lost = missing(issue, found, unplaced)
    if lost:
        raise LostCopy(_("paiban lost copy while composing (a bug; please report it with the issue folder):")
                       + "\n  " + "\n  ".join(lost))

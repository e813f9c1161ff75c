"""Compose a whole issue: every page, jumping articles' text carried to the page their
next part is on; then the stage's own checks: nothing lost (every character on a page,
in the overset or among the unplaced), and — unless the user asked for a draft — no
overset, no unplaced article, no hole, nothing outside its module.

`IssueComposition` holds the state between pages, so that pages can be composed in any
order their jumps allow — a page waits only for the earlier pages (in the issue's page
order) that share an article with it — and elsewhere (the build composes pages in its
worker processes): the result is the same as composing page after page.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from layout.compose.account import Found, expected, from_runs, from_units, grouped, missing
from layout.compose.measure import Measurer, Setup
from layout.compose.memo import LINES, MEMO, PageMemo, fonts_key, page_key
from layout.compose.items import Picture
from layout.compose.page import PageResult, compose_page, setup_for
from layout.compose.report import problems
from layout.errors import IssueError, PaibanError
from layout.i18n import _
from layout.flow import FlowUnit
from layout.model.memo import ContentMemo
from layout.model.schema import Article, HolePolicy, Issue, Page, PageTemplate
from layout.text.config import TextConfig
from layout.text.justify import SetLine
from layout.text.metrics import MetricsSet

Carried = dict[str, tuple[FlowUnit, ...]]  # article id → the flow units its earlier parts left over


class LostCopy(PaibanError):
    """The composer would have lost copy: a bug in paiban, never the user's input."""


def compose_issue(issue: Issue, metrics: MetricsSet, text: TextConfig, draft: bool = False,
                  memo: PageMemo = MEMO, workers: int | None = 1) -> tuple[PageResult, ...]:
    """Every page in order. Raises IssueError naming every overset module, unplaced
    article, hole and out-of-module line (unless `draft`), and LostCopy if any character
    of the copy is unaccounted for. A page whose inputs are all as in an earlier call is
    taken from `memo` (the process's own by default) instead of composed again; the
    checks always run on the whole issue. Pages are composed by `workers` processes
    (None: one per core; layout/workers.py), each as soon as the text carried to it is
    known: the same pages whatever the number."""
    from layout.workers import default_workers, worker_pool

    work = IssueComposition(issue, metrics, text, draft, memo)
    count = min(workers or default_workers(), len(issue.pages))
    with worker_pool(count, work.composer) as pool:
        return Runner(work, pool).run()


class Composer:
    """Composes single pages of one issue (in this process or a worker): one Setup (the
    grid) per page template, and a Measurer of its own for each page. A Measurer
    remembers every part it measured (by identity: each page's parts are its own), so one
    shared by the pages would hold every article of the issue set in lines — about
    1.5 MiB a page, growing a worker with the page count — for nothing a later page
    looks up (a continuation is measured from the text carried to it)."""

    def __init__(self, issue: Issue, metrics: MetricsSet, text: TextConfig, draft: bool = False,
                 lines: ContentMemo[tuple[SetLine, ...]] | None = None):
        self.issue, self.metrics, self.text, self.draft = issue, metrics, text, draft
        self.lines = lines  # paragraphs set before (memo.LINES), when a rebuild is to come
        self._setups: dict[PageTemplate, Setup] = {}

    def page(self, page: Page, carried: Carried) -> PageResult:
        """`page` composed, given what earlier pages carry to it."""
        if page.template not in self._setups:
            setup = setup_for(self.issue, page, self.metrics, self.text)
            if self.lines is not None:
                setup = replace(setup, lines=self.lines, fonts=fonts_key(self.metrics))
            self._setups[page.template] = setup
        return compose_page(self.issue, page, self.metrics, self.text, carried, self.draft,
                            Measurer(self._setups[page.template]))


class IssueComposition:
    """An issue being composed: which pages may be composed now (`ready`), what each is
    given (`carried_to`), the results as they come in (`add`, any order `ready` allows),
    and the checks on the whole (`finish`). Pages are in the issue's page order."""

    def __init__(self, issue: Issue, metrics: MetricsSet, text: TextConfig, draft: bool = False,
                 memo: PageMemo = MEMO, remember: bool = True):
        self.issue, self.metrics, self.text, self.draft, self.memo = issue, metrics, text, draft, memo
        self.remember = remember  # False: nothing kept for a rebuild (pages not put in the memo; `release`)
        self.composer = Composer(issue, metrics, text, draft, LINES if remember else None)
        self._index = {page.number: i for i, page in enumerate(issue.pages)}
        self._ids = [frozenset(article.id for article, _ in issue.parts_on(page.number)) for page in issue.pages]
        self._waits = [tuple(j for j in range(i) if self._ids[i] & self._ids[j]) for i in range(len(issue.pages))]
        self._keys: dict[int, tuple] = {}
        self._carried: Carried = {}
        self._reported: dict[int, list] = {}   # page index → carried text whose continuation found no room
        self._results: dict[int, PageResult] = {}
        self._placed: dict[int, Found] = {}   # page index → the copy it holds (layout.compose.account)
        self._left_out: dict[tuple[int, str], str] = {}  # (page number, article id) → carried text no room took
        self._started: set[int] = set()
        self._articles = {article.id: article for article in issue.articles}

    @property
    def complete(self) -> bool:
        """Every page composed and added."""
        return len(self._results) == len(self.issue.pages)

    @property
    def unfinished(self) -> int:
        """Pages not yet added."""
        return len(self.issue.pages) - len(self._results)

    def ready(self, before: int | None = None) -> list[Page]:
        """Pages not yet handed out whose earlier pages sharing an article are all added
        (only those before index `before`, if given); they count as handed out."""
        out = []
        for i, page in enumerate(self.issue.pages):
            if i in self._started or (before is not None and i >= before):
                continue
            if all(j in self._results for j in self._waits[i]):
                self._started.add(i)
                out.append(page)
        return out

    def index(self, page: Page) -> int:
        return self._index[page.number]

    def carried_to(self, page: Page) -> Carried:
        """What earlier pages' parts left over for the articles on `page`."""
        ids = self._ids[self.index(page)]
        return {i: units for i, units in self._carried.items() if i in ids}

    def key(self, page: Page) -> tuple:
        """The memo's key of `page` (once it is ready: what is carried to it is known)."""
        index = self.index(page)
        if index not in self._keys:
            self._keys[index] = page_key(self.issue, page, self.metrics, self.text, self.carried_to(page), self.draft)
        return self._keys[index]

    def remembered(self, page: Page) -> PageResult | None:
        """The page as composed before with the same inputs (the memo), or None."""
        return self.memo.get(self.key(page))

    def compose(self, page: Page) -> PageResult:
        """The page composed here, now."""
        return self.composer.page(page, self.carried_to(page))

    def add(self, page: Page, result: PageResult, remembered: bool = False) -> None:
        """`result` is `page` composed (`remembered`: taken from the memo, so not put in
        it again): its leftover text goes on to later pages."""
        index = self.index(page)
        if self.remember and not remembered:
            self.memo.put(self.key(page), result)
        reported = []
        for article_id in {m.article.id for m in result.modules if m.part > 0}:
            self._carried.pop(article_id, None)
        for gone in (u for u in result.unplaced if u.part > 0):
            left = from_units(gone.article, self._carried.pop(gone.article, ()))
            self._left_out[(page.number, gone.article)] = "".join(p.text for p in left)
            reported += left
        self._carried.update(result.carry)
        self._reported[index] = reported
        self._results[index] = result
        self._placed[index] = placed_on(result, self.remember)  # counted now, while other pages are composed

    def release(self, page: Page) -> None:
        """Keep only what the issue's checks and reports read of `page`, once added and
        drawn (`slim`): a build that keeps nothing for a rebuild holds about 50 KiB a page,
        not 1.5 MiB, so its memory does not grow with the page count."""
        index = self.index(page)
        if index in self._results:
            self._results[index] = slim(self._results[index], self._articles)

    def finish(self) -> tuple[PageResult, ...]:
        """The pages in the issue's order, once every page is added; raises IssueError
        (unless a draft) and LostCopy as `compose_issue` says."""
        out = tuple(self._results[i] for i in range(len(self.issue.pages)))
        stuck = list(self._carried.items())
        reported = [p for i in range(len(out)) for p in self._reported[i]]
        check_nothing_lost(self.issue, out, reported + [p for a, units in stuck for p in from_units(a, units)],
                           [self._placed[i] for i in range(len(out))])
        found = problems(self.issue, out, stuck, holes=self.issue.holes is HolePolicy.ERROR)
        if found and not self.draft:
            raise IssueError(found)
        return out

    def unplaced_copy(self) -> dict[tuple[int, str, int], str]:
        """The copy of every part that found no room, by (page number, article id, part):
        a whole article's every text in reading order; a continuation's, the text carried
        to it (for report.json and the proof: a draft loses nothing it does not show)."""
        articles = {article.id: article for article in self.issue.articles}
        out = {}
        for result in self._results.values():
            for u in result.unplaced:
                out[(u.page, u.article, u.part)] = self._left_out.get((u.page, u.article), "") if u.part else \
                    "\n".join(expected(articles[u.article]).values())
        return out

    def fails(self, result: PageResult) -> bool:
        """Whether this page alone already stops the build (not a draft, and a problem)."""
        return not self.draft and bool(problems(self.issue, (result,), (), holes=self.issue.holes is HolePolicy.ERROR))


def compose_one(composer: Composer, number: int, carried: Carried) -> PageResult:
    """Page `number` composed (a worker's call: layout/workers.py)."""
    return composer.page(composer.issue.page(number), carried)


class Runner:
    """Composes the pages of `work` on `pool` (layout/workers.py: its state is
    `work.composer`), each page as soon as it may start, the rest while it is composed;
    pages the memo remembers are not composed again. A page that raises stops the
    pages after it from starting; the error of the first such page in page order is
    raised once the pages before it are in. Subclasses hook in per page (`composed`,
    `remembered`) to do more with each (layout/pipeline.py draws it)."""

    def __init__(self, work: IssueComposition, pool: Any):
        self.work, self.pool = work, pool
        self.pending: dict[Any, tuple[int, Any]] = {}  # future → (page index, what the call was)
        self.failed: dict[int, BaseException] = {}

    def run(self, meanwhile: Callable[[], None] | None = None) -> tuple[PageResult, ...]:
        """Every page in, then `work.finish()` (the issue's checks). `meanwhile` runs
        here once the first pages are handed to the workers (before, when they are
        composed in this process); what it raises stops the run."""
        if meanwhile is not None and getattr(self.pool, "inline", False):
            meanwhile()
            meanwhile = None
        self.start()
        if meanwhile is not None:
            meanwhile()
        self.drain()
        self.raise_failed()
        return self.work.finish()

    def raise_failed(self) -> None:
        if self.failed:
            raise self.failed[min(self.failed)]

    def start(self) -> None:
        """Hand out every page that may start: remembered ones taken at once, the others
        composed (a lone one — the only page left, nothing else pending — in this
        process: no worker is forked for it)."""
        while self._start_once():
            pass

    def _start_once(self) -> bool:
        """One round of `start`; True when a page was taken at once (more may be ready)."""
        waiting = []
        added = True
        while added:
            added = False
            for page in self.work.ready(before=min(self.failed) if self.failed else None):
                index = self.work.index(page)
                known = self.work.remembered(page)
                if known is None:
                    waiting.append(page)
                    continue
                self.work.add(page, known, remembered=True)
                self.remembered(index, known)
                added = True  # its text carried on may let later pages start
        alone = len(waiting) == 1 and not self.pending and self.work.unfinished == 1
        taken = False
        for page in waiting:
            future = self.submit(page, alone)
            self.pending[future] = (self.work.index(page), None)
            if future.done():  # composed here (one worker): taken at once, as drawing may stop
                self.take(future)
                taken = True
        return taken

    def submit(self, page: Page, alone: bool = False) -> Any:
        """Start composing `page` (a future of its PageResult); `alone`: it is all the
        work there is."""
        return self.pool.submit(compose_one, page.number, self.work.carried_to(page), alone=alone)

    def drain(self) -> None:
        """Take results as they come (those done together in page order) until none is
        pending, starting the pages each makes ready."""
        from concurrent.futures import FIRST_COMPLETED, wait

        while self.pending:
            finished, _ = wait(list(self.pending), return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=lambda f: self.pending[f][0]):
                self.take(future)
            self.start()

    def take(self, future: Any) -> None:
        index, call = self.pending.pop(future)
        try:
            out = future.result()
        except Exception as exc:  # a worker's error: raised for the first page in page order
            self.failed[index] = exc
            return
        if call is None:
            result = self.composed(index, out)
            self.work.add(self.work.issue.pages[index], result)
            self.added(index)
        else:
            self.other(index, call, out)

    def composed(self, index: int, out: Any) -> PageResult:
        """What came back for the page at `index` composed: its PageResult."""
        return out

    def remembered(self, index: int, result: PageResult) -> None:
        """The page at `index` came from the memo."""

    def added(self, index: int) -> None:
        """The page at `index`, composed, was added to the work."""

    def other(self, index: int, call: Any, out: Any) -> None:
        """A call of a subclass's own came back."""


def check_nothing_lost(issue: Issue, results: tuple[PageResult, ...], reported: list,
                       placed: list[Found] | None = None) -> None:
    """Every character of every text of every article is on a page, in an overset, in
    carried text that is `reported`, or its article is reported unplaced; else LostCopy.
    `placed` is what `placed_on` found on each page, when counted already."""
    found = [grouped(reported)] + (placed if placed is not None else [placed_on(r) for r in results])
    unplaced = {r.article for res in results for r in res.unplaced if r.part == 0}
    lost = missing(issue, found, unplaced)
    if lost:
        raise LostCopy(_("paiban lost copy while composing (a bug; please report it with the issue folder):")
                       + "\n  " + "\n  ".join(lost))


_PLACED: OrderedDict[int, tuple[PageResult, Found]] = OrderedDict()  # pages counted lately (a warm rebuild's
PLACED_KEPT = 96                                                      # unchanged pages come from the memo)


def slim(result: PageResult, articles: dict[str, Article] | None = None) -> PageResult:
    """`result` without its text: the page's photos kept (for the resolution report), every
    module's article, frame, overset, sizes and cells, none of its lines, nor the text it
    carried on (taken by `add`). What the issue's checks need of the text was counted when
    the page was added (`placed_on`). A module's article equal to the one of `articles`
    with its id is that one (a page made by a worker comes back with its own copy of
    every article on it: the issue's copy twice over)."""
    items = tuple(item for item in result.page.items if isinstance(item, Picture))
    known = articles or {}
    return replace(result, page=replace(result.page, items=items), carry=(),
                   modules=tuple(replace(m, items=(), article=_same(m.article, known)) for m in result.modules))


def _same(article: Article, known: dict[str, Article]) -> Article:
    """The article of `known` with `article`'s id when equal to it, else `article`."""
    found = known.get(article.id)
    return found if found is not None and found == article else article


def placed_on(result: PageResult, remember: bool = True) -> Found:
    """The copy a composed page holds, by text: its text runs and its modules' overset
    (counted once per composed page: the memo hands the same page to every rebuild; not
    kept when not `remember`)."""
    known = _PLACED.get(id(result))
    if known is not None and known[0] is result:
        _PLACED.move_to_end(id(result))
        return known[1]
    runs = from_runs(result.page.items)
    for module in result.modules:
        runs += from_units(module.article.id, module.overset.units)
    found = grouped(runs)
    if not remember:
        return found
    _PLACED[id(result)] = (result, found)  # the page kept with its count: its id stays its own
    if len(_PLACED) > PLACED_KEPT:
        _PLACED.popitem(last=False)
    return found

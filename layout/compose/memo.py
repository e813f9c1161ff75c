"""Composed pages remembered by the content of everything that made them, so that a
rebuild in the same process (the warm `Builder`, `paiban watch`) composes again only the
pages whose inputs changed: the page's definition, every article part placed on it, the
text carried to it from earlier pages, the issue's own fields (masthead, date, footer,
typesetting, fonts), the fonts' content, the text settings and draft mode.

The key holds the inputs themselves (frozen dataclasses compared by value), never a
name: an edited body file gives a different article, so a different key. Font files are
keyed by their SHA-256 (layout.text.metrics). A page set anew after an edit still
changes every later page it carries text to, as their carried text changes too.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from layout.compose.page import PageResult
from layout.flow import FlowUnit
from layout.model.memo import ContentMemo
from layout.model.schema import Issue, Page
from layout.text.config import TextConfig
from layout.text.justify import SetLine
from layout.text.metrics import MetricsSet

PAGES = 96  # pages kept: a 32-page issue and two earlier versions of every page
PARAGRAPHS = 512  # paragraphs kept set (LINES), ≈ 21 KiB each: the pages edited last (≈ 40–150 a page)


class PageMemo:
    """Composed pages by content key, the least recently used dropped beyond `size`."""

    def __init__(self, size: int = PAGES):
        self.size = size
        self._pages: OrderedDict[Any, PageResult] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def page(self, key: Any, compose: Callable[[], PageResult]) -> PageResult:
        """The page of `key`, composed by `compose` when not remembered."""
        found = self.get(key)
        if found is None:
            found = compose()
            self.put(key, found)
        return found

    def get(self, key: Any) -> PageResult | None:
        """The page remembered under `key`, or None (counted as a hit or a miss)."""
        found = self._pages.get(key)
        if found is None:
            self.misses += 1
            return None
        self._pages.move_to_end(key)
        self.hits += 1
        return found

    def put(self, key: Any, result: PageResult) -> None:
        """Remember `result` under `key` (the least recently used dropped beyond `size`)."""
        self._pages[key] = result
        self._pages.move_to_end(key)
        if len(self._pages) > self.size:
            self._pages.popitem(last=False)

    def clear(self) -> None:
        self._pages.clear()


def page_key(issue: Issue, page: Page, metrics: MetricsSet, text: TextConfig,
             carried: dict[str, tuple[FlowUnit, ...]], draft: bool) -> tuple:
    """Everything `compose_page` reads for `page`, as one hashable value."""
    parts = issue.parts_on(page.number)
    ids = sorted({article.id for article, _ in parts})
    return (replace(issue, pages=(), articles=(), notices=()), page, parts,
            tuple((i, carried[i]) for i in ids if i in carried), fonts_key(metrics), text, draft)


def fonts_key(metrics: MetricsSet) -> tuple:
    """The fonts by role and content (a font file by its SHA-256, other metrics by value)."""
    out = []
    for role, _source in metrics.by_role:
        found = metrics.get(role)
        out.append((role, getattr(found, "digest", found)))
    return tuple(out)


MEMO = PageMemo()  # the process's memo: a build, a warm rebuild and a watcher share it
# paragraphs set, by spans, style, fonts' content and text settings (layout.compose.measure.set_lines): a
# rebuild that remembers (not `paiban build`) sets again only the paragraphs that changed on a page it composes
LINES: ContentMemo[tuple[SetLine, ...]] = ContentMemo(PARAGRAPHS)

"""Compose stage: articles and furniture → finished pages (`ComposedPage`).

Measure before placing: `measure` sets each article part once per width and says what
it needs; `page` places explicit modules, then packs the automatic ones (`packing`, a
swappable strategy) and checks the page (`holes`, `account`); `issue` runs the pages in
order, carrying jumps, and checks that nothing was lost.

Public entry points: `compose_issue` (every page, carrying jumps), `compose_page`.
"""

from layout.compose.issue import LostCopy, compose_issue
from layout.compose.page import PageResult, compose_page

__all__ = ["LostCopy", "PageResult", "compose_issue", "compose_page"]

"""Compose stage: articles and furniture → finished pages (`ComposedPage`).

Public entry points: `compose_issue` (every page, carrying jumps), `compose_page`.
"""

from layout.compose.page import PageResult, compose_issue, compose_page

__all__ = ["PageResult", "compose_issue", "compose_page"]

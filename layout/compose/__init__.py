"""Compose stage: articles and furniture → finished pages (`ComposedPage`).

Public entry point: `compose_page`.
"""

from layout.compose.page import PageResult, compose_page

__all__ = ["PageResult", "compose_page"]

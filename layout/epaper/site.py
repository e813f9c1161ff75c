"""The e-paper site as a whole: its pages and stories, and the names of its files.

Every file sits at the top of the site folder or one folder down, and every link is
relative, so the site works from a file system, a sub-folder of a web server or a CDN:

    index.html                 the first page (a copy of its page view)
    page-A05.html              a page view: the page image with its stories' areas
    story-{slug}.html          a story: headline stack, byline, photos, body
    img/page-A05.jpg           page image for the screen (…-zoom.jpg larger, …-thumb.jpg small)
    img/{slug}-1.jpg           a story's photos
    stories.json               the index of stories, for search engines and apps
    ninjs/{slug}.json          each story as IPTC ninjs 2.0
    epaper.css, epaper.js      the look and the zoom (no external requests)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from layout.epaper.stories import SitePage, Story
from layout.model.schema import Issue

WEEKDAYS = "一二三四五六日"
SITE_NAME = "数字报"


@dataclass(frozen=True, slots=True)
class Site:
    """What every page of the site is made from. `base_url` is the address the site
    will be published at (ends with /), or "" when unknown (links stay relative and
    the ninjs hrefs are left out); `sizes` maps each image file to its (width, height)
    in px."""

    issue: Issue
    pages: tuple[SitePage, ...]
    stories: tuple[Story, ...]
    base_url: str = ""
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)

    def story(self, slug: str) -> Story:
        return next(s for s in self.stories if s.slug == slug)

    def page(self, number: int) -> SitePage:
        return next(p for p in self.pages if p.page.number == number)

    def absolute(self, path: str) -> str:
        """`path` (relative to the site) as an absolute URL, or "" without a base URL."""
        return self.base_url + path if self.base_url else ""


def neighbours(items: tuple, item) -> tuple:
    """(previous, next) of `item` in `items` (None at either end)."""
    i = items.index(item)
    return (items[i - 1] if i > 0 else None, items[i + 1] if i + 1 < len(items) else None)


def page_html(page: SitePage) -> str:
    return f"page-{page.stem}.html"


def story_html(story: Story) -> str:
    return f"story-{story.slug}.html"


def page_image(page: SitePage, size: str = "") -> str:
    """img/page-A05.jpg, or with `size` "zoom" / "thumb" the larger and smaller images."""
    return f"img/page-{page.stem}{'-' + size if size else ''}.jpg"


def photo_file(story: Story, index: int) -> str:
    return f"img/{story.slug}-{index + 1}.jpg"


def ninjs_file(story: Story) -> str:
    return f"ninjs/{story.slug}.json"


def chinese_date(date: dt.date) -> str:
    """2023年1月6日"""
    return f"{date.year}年{date.month}月{date.day}日"


def weekday(date: dt.date) -> str:
    """星期五"""
    return "星期" + WEEKDAYS[date.weekday()]


def page_name(page: SitePage) -> str:
    """第05版：解放新闻"""
    return f"{page.label}：{page.page.section}" if page.page.section else page.label

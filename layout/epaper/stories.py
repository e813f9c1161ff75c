"""The e-paper's stories and pages, from the composed issue: where each story stands on
the page images (its areas), in what order a reader meets them, and under what name its
files go.

A story's areas come from the composition: each of its modules' frames (grid columns ×
rows, converted to pt by the page's grid), one per part, so a story that jumps has an
area on every page it is on; anything of the story drawn outside its frames (there
should be nothing) adds the box round it, so no part of a story on the page is dead.
Coordinates are pt from the trim's top-left corner, y down, as in compose.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from layout.compose import PageResult
from layout.compose.grid import Grid
from layout.compose.items import Item, Picture, QrCode, Rule, TextRun
from layout.model.schema import Article, Issue, Page

SAFE_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
TOLERANCE = 0.5  # pt: a point this close to an area's edge is in it
ASCENT, DESCENT = 0.88, 0.12  # em above and below a baseline (the em box of CJK faces)
PHOTO_STORY = "图片新闻"  # what a story with photos and no headline is called
TITLE_CHARS = 18  # characters of its caption that name such a story in lists


@dataclass(frozen=True, slots=True)
class Area:
    """A rectangle of a story on page `page`, pt from the trim's top-left (y down)."""

    page: int
    x: float
    y: float
    width: float
    height: float

    def holds(self, x: float, y: float) -> bool:
        """True when the point (x, y) is in the area (or within TOLERANCE of it)."""
        return (self.x - TOLERANCE <= x <= self.x + self.width + TOLERANCE
                and self.y - TOLERANCE <= y <= self.y + self.height + TOLERANCE)

    def fractions(self, page_width: float, page_height: float) -> tuple[float, float, float, float]:
        """(left, top, width, height) as fractions of the page (0–1), for the page image."""
        return (self.x / page_width, self.y / page_height, self.width / page_width, self.height / page_height)


@dataclass(frozen=True, slots=True)
class Story:
    """One article on the e-paper: `slug` names its files (story-{slug}.html,
    ninjs/{slug}.json); `areas` are its places on the pages, first part first;
    `pages` the page numbers it is on, in order; `title` what lists and the browser
    tab call it."""

    article: Article
    slug: str
    title: str
    areas: tuple[Area, ...]
    pages: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class SitePage:
    """One page of the e-paper: the issue's page, its trim in pt, its file stem
    (A05: section code and number) and the slugs of the stories on it, in reading order."""

    page: Page
    width: float
    height: float
    stem: str
    stories: tuple[str, ...]

    @property
    def label(self) -> str:
        """第05版 (the page number as the trade writes it)."""
        return f"第{self.page.number:02d}版"


def site_pages(issue: Issue, results: tuple[PageResult, ...], stories: tuple[Story, ...]) -> tuple[SitePage, ...]:
    """The pages in issue order, each with the stories standing on it in reading order."""
    out = []
    for result in results:
        page = issue.page(result.page.number)
        on_page = [s for s in stories if page.number in s.pages]
        on_page.sort(key=lambda s: _reading_key(next(a for a in s.areas if a.page == page.number)))
        out.append(SitePage(page, result.page.width, result.page.height, page_stem(page),
                            tuple(s.slug for s in on_page)))
    return tuple(out)


def page_stem(page: Page) -> str:
    return f"{page.section_code}{page.number:02d}"


def collect_stories(issue: Issue, results: tuple[PageResult, ...]) -> tuple[Story, ...]:
    """Every article that reached a page, as a story, in reading order: by the page its
    first part is on, then top to bottom, left to right on that page."""
    areas: dict[str, list[Area]] = {}
    for result in results:
        for article_id, found in page_areas(issue.page(result.page.number), result).items():
            areas.setdefault(article_id, []).extend(found)
    slugs = _slugs(issue.articles)
    order = {p.number: i for i, p in enumerate(issue.pages)}
    stories = [Story(a, slugs[a.id], story_title(a), tuple(areas[a.id]),
                     tuple(dict.fromkeys(area.page for area in areas[a.id])))
               for a in issue.articles if a.id in areas]
    stories.sort(key=lambda s: (order[s.areas[0].page],) + _reading_key(s.areas[0]))
    return tuple(stories)


def _reading_key(area: Area) -> tuple[float, float]:
    return (round(area.y, 1), round(area.x, 1))


def page_areas(page: Page, result: PageResult) -> dict[str, list[Area]]:
    """Article id → its areas on this page: its modules' frames, plus the box round
    whatever of it lies outside them (an item whose centre is in none of its frames;
    the edges of a line may stand a little outside, as a hanging mark does)."""
    grid = Grid(page.template)
    out: dict[str, list[Area]] = {}
    for module in result.modules:
        f = module.frame
        out.setdefault(module.article.id, []).append(
            Area(page.number, grid.column_x(f.column), grid.row_top(f.row), grid.span_width(f.span), f.rows * grid.pitch))
    strays: dict[str, list[tuple[float, float, float, float]]] = {}
    for item in result.page.items:
        article = getattr(item, "article", "")
        box = extent(item)
        if article and box and not any(a.holds((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
                                       for a in out.get(article, ())):
            strays.setdefault(article, []).append(box)
    for article, boxes in strays.items():
        x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
        x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
        out.setdefault(article, []).append(Area(page.number, x0, y0, x1 - x0, y1 - y0))
    return out


def extent(item: Item) -> tuple[float, float, float, float] | None:
    """(x0, y0, x1, y1) round what `item` covers, pt, y down (a run's last glyph taken
    as one em wide); None for an empty run."""
    if isinstance(item, TextRun):
        if not item.glyphs:
            return None
        xs = [x for _, x in item.glyphs]
        return (min(xs), item.baseline - ASCENT * item.size, max(xs) + item.size, item.baseline + DESCENT * item.size)
    if isinstance(item, Picture):
        return (item.x, item.y, item.x + item.width, item.y + item.height)
    if isinstance(item, Rule):
        half = item.width / 2
        return (min(item.x0, item.x1) - half, min(item.y0, item.y1) - half,
                max(item.x0, item.x1) + half, max(item.y0, item.y1) + half)
    if isinstance(item, QrCode):
        return (item.x, item.y, item.x + item.size, item.y + item.size)
    return None


def story_title(article: Article) -> str:
    """The headline; for a photo story without one, 图片新闻 and the caption's start."""
    if article.headline:
        return " ".join(article.headline.split())
    if article.kicker:
        return article.kicker
    caption = article.photos[0].caption if article.photos else ""
    if not caption:
        return PHOTO_STORY
    return f"{PHOTO_STORY}：{caption[:TITLE_CHARS]}" + ("…" if len(caption) > TITLE_CHARS else "")


def _slugs(articles: tuple[Article, ...]) -> dict[str, str]:
    """A file-name-safe name per article: its id when that is lower-case ASCII letters,
    digits, - and _; otherwise `s` and a hash of the id (ids may be any text)."""
    out = {}
    for article in articles:
        ident = article.id
        out[ident] = ident if SAFE_SLUG.fullmatch(ident) else "s" + hashlib.sha256(ident.encode()).hexdigest()[:12]
    return out


def story_texts(article: Article) -> tuple[str, ...]:
    """Every text of the article a reader must find on its story page: kicker,
    headline, subhead, byline, each body block and run-in heading, each photo's caption,
    credit and licence (empty ones left out)."""
    texts = [article.kicker, article.headline, article.subhead, article.byline]
    for block in article.blocks:
        texts += [block.runin, block.text]
    for photo in article.photos:
        texts += [photo.caption, photo.credit, photo.licence]
    return tuple(t for t in texts if t)

"""`epaper()`: an issue as a static e-paper site (数字报), one stage per line.

The issue is composed exactly as for print (same stages, same checks: overset, holes
and unplaced copy stop it), each page is drawn and rasterized for the screen, every
story's areas are taken from the composition, and the site's files are made in memory;
each story page is checked to hold every character of the story's copy, and every story
to have an area on a page image. Only then is the site folder replaced, whole.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from layout.compose import PageResult, compose_issue
from layout.epaper.assets import CSS, JS
from layout.epaper.images import page_images, story_photo
from layout.epaper.index import sitemap, stories_index
from layout.epaper.ninjs import plain_text, problems, story_ninjs
from layout.epaper.pageview import page_view
from layout.epaper.publish import publish
from layout.epaper.site import Site, ninjs_file, page_html, page_image, photo_file, story_html
from layout.epaper.stories import SitePage, Story, collect_stories, site_pages, story_texts
from layout.epaper.storyview import body, story_view
from layout.errors import PaibanError
from layout.i18n import _
from layout.model import load_issue
from layout.model.schema import Issue
from layout.text.config import TextConfig
from layout.text.copyedit import check_coverage, normalize_issue
from layout.text.metrics import MetricsSet

BASE_URL = re.compile(r"https?://[^\s/?#<>\"]+(/[^\s?#<>\"]*)?")
Progress = Callable[[str, int, int], None]  # (label, done, total), e.g. layout.proof.progress.Progress


class LostStory(PaibanError):
    """The e-paper would have lost copy or a story: a bug in paiban, never the user's input."""


@dataclass(frozen=True, slots=True)
class EpaperOptions:
    """`base_url`: where the site will be published (for canonical links and ninjs
    URIs; "" for none); `width`: the page images' width in px on screen, `zoom` how many
    times larger the zoom image is, `thumb` the thumbnails' width in px."""

    base_url: str = ""
    width: int = 1000
    zoom: float = 2.0
    thumb: int = 360


@dataclass(frozen=True, slots=True)
class EpaperResult:
    out: Path
    pages: int
    stories: int
    files: tuple[Path, ...]
    seconds: float


def epaper(folder: Path, out: Path, options: EpaperOptions = EpaperOptions(),
           progress: Progress | None = None) -> EpaperResult:
    """Build the e-paper of the issue in `folder` into the folder `out` (replaced whole).
    Raises IssueError for problems of the issue, PaibanError when `out` cannot be used."""
    start = time.perf_counter()
    base = _base(options.base_url)
    issue = load_issue(Path(folder))                        # model: issue files → Issue
    issue, _changes = normalize_issue(issue)                # text: GB/T 15834 copy normalization
    metrics = MetricsSet.for_fonts(issue.fonts)             # text: font metrics by role
    check_coverage(issue, metrics)                          # text: every character has a glyph
    results = compose_issue(issue, metrics, TextConfig.of(issue.typesetting), workers=None)  # text → flow → compose
    stories = collect_stories(issue, results)               # epaper: stories and their areas
    check_reachable(issue, stories)
    pages = site_pages(issue, results, stories)
    files, sizes = images(issue, results, pages, stories, options, progress)  # render: page images, photos
    site = Site(issue, pages, stories, base, sizes)
    files.update(documents(site))                           # HTML, checked: every character
    files.update(data(site, files))                         # ninjs per story, stories.json
    written = publish(Path(out), files)                     # the site folder switched whole
    return EpaperResult(Path(out), len(pages), len(stories), written, time.perf_counter() - start)


def _base(url: str) -> str:
    """The base URL with its closing slash; PaibanError unless it is an absolute
    http(s) address (ninjs and sitemaps want absolute ones)."""
    if url and not BASE_URL.fullmatch(url):
        raise PaibanError(_("--base-url {url}: give the absolute http(s) address the site will be published at, "
                            "e.g. https://epaper.example.cn/20230106/ (nothing was written)").format(url=repr(url)))
    return url if not url or url.endswith("/") else url + "/"


def check_reachable(issue: Issue, stories: tuple[Story, ...]) -> None:
    """Every article has an area on a page image."""
    found = {s.article.id for s in stories if s.areas}
    lost = [a.id for a in issue.articles if a.id not in found]
    if lost:
        raise LostStory(_("paiban would leave stories off the e-paper's page images (a bug; please report it "
                          "with the issue folder): {stories}").format(stories=", ".join(lost)))


# ------------------------------------------------------------------------ images

def images(issue: Issue, results: tuple[PageResult, ...], pages: tuple[SitePage, ...], stories: tuple[Story, ...],
           options: EpaperOptions, progress: Progress | None) -> tuple[dict[str, bytes], dict[str, tuple[int, int]]]:
    """Page images (screen, zoom, thumbnail) and story photos: file name → bytes, and
    file name → (width, height) px."""
    files: dict[str, bytes] = {}
    sizes: dict[str, tuple[int, int]] = {}
    widths = (options.width, round(options.width * options.zoom), options.thumb)
    for i, (result, page) in enumerate(zip(results, pages)):
        if progress:
            progress(f"page {page.page.number}", i, len(pages))
        title = f"{issue.paper} {issue.date:%Y-%m-%d} {page.label}"
        made = page_images(result.page, issue.fonts, page.page.colour, title, issue.date, widths)
        for size, jpeg in zip(("", "zoom", "thumb"), made):
            files[page_image(page, size)] = jpeg.data
            sizes[page_image(page, size)] = (jpeg.width, jpeg.height)
    for story in stories:
        for i, photo in enumerate(story.article.photos):
            jpeg = story_photo(photo)
            files[photo_file(story, i)] = jpeg.data
            sizes[photo_file(story, i)] = (jpeg.width, jpeg.height)
    if progress:
        progress("done", len(pages), len(pages))
    return files, sizes


# ------------------------------------------------------------------------ documents

def documents(site: Site) -> dict[str, bytes]:
    """Every HTML file, the style sheet and the script."""
    files = {"epaper.css": CSS.encode(), "epaper.js": JS.encode()}
    for page in site.pages:
        files[page_html(page)] = page_view(site, page).encode()
    if site.pages:
        files["index.html"] = files[page_html(site.pages[0])]
    for story in site.stories:
        text = story_view(site, story)
        check_copy(story, text)
        files[story_html(story)] = text.encode()
    return files


def check_copy(story: Story, html: str) -> None:
    """Every text of the story's copy stands whole in the text of its page's <main>."""
    shown = main_text(html)
    lost = [t for t in story_texts(story.article) if t not in shown]
    if lost:
        raise LostStory(_("paiban would lose copy of story '{story}' on the e-paper (a bug; please report it with "
                          "the issue folder): {texts}").format(story=story.article.id,
                                                               texts="; ".join(f"“{t[:30]}”" for t in lost)))


class _MainText(HTMLParser):
    """The text inside <main>, entities decoded, scripts left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.skip, self.parts = 0, 0, []

    def handle_starttag(self, tag, attrs):
        self.depth += tag == "main"
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.depth -= tag == "main"
        self.skip -= tag in ("script", "style")

    def handle_data(self, data):
        if self.depth > 0 and not self.skip:
            self.parts.append(data)


def main_text(html: str) -> str:
    parser = _MainText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


# ------------------------------------------------------------------------ data

def data(site: Site, files: dict[str, bytes]) -> dict[str, bytes]:
    """ninjs/{slug}.json per story (each checked against ninjs 2.0), stories.json, and
    sitemap.xml with a base URL."""
    out = {}
    sizes = {name: len(data) for name, data in files.items()}
    for story in site.stories:
        item = story_ninjs(site, story, plain_text(story), body(story.article.blocks), sizes)
        wrong = problems(item)
        if wrong:
            raise LostStory(_("paiban made ninjs for story '{story}' that is not valid ninjs 2.0 (a bug): "
                              "{problems}").format(story=story.article.id, problems="; ".join(wrong)))
        out[ninjs_file(story)] = _json(item)
    out["stories.json"] = _json(stories_index(site))
    if site.base_url:
        out["sitemap.xml"] = sitemap(site).encode()
    return out


def _json(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

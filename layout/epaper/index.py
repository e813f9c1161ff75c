"""stories.json: the issue's stories for search engines and apps.

One file: the paper, the date and numbers, every page (its name, file, images and the
stories on it) and every story in reading order with its headline stack, byline,
section, pages, areas on the page images (fractions of the page: left, top, width,
height), photos, its full text, and where its HTML page and ninjs file are. Paths are
relative to the site folder; `url` fields are absolute when a base URL was given.
With a base URL there is also sitemap.xml for search engines.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from layout.epaper.ninjs import plain_text, story_uri
from layout.epaper.publish import GENERATOR
from layout.epaper.site import Site, ninjs_file, page_html, page_image, page_name, photo_file, story_html
from layout.epaper.stories import SitePage, Story

FORMAT = 1  # bump when the layout of stories.json changes incompatibly


def stories_index(site: Site) -> dict:
    issue = site.issue
    return {"generator": GENERATOR, "format": FORMAT, "language": "zh-CN", "paper": issue.paper,
            "code": issue.code, "date": issue.date.isoformat(), "issue_number": issue.issue_number,
            "running_number": issue.running_number, "edition": issue.edition,
            "base_url": site.base_url or None, "first_page": page_html(site.pages[0]) if site.pages else None,
            "pages": [_page(site, p) for p in site.pages],
            "stories": [_story(site, s) for s in site.stories]}


def _page(site: Site, page: SitePage) -> dict:
    images = {size or "screen": page_image(page, size) for size in ("", "zoom", "thumb")}
    return {"number": page.page.number, "section": page.page.section, "section_code": page.page.section_code,
            "name": page_name(page), "html": page_html(page), "url": site.absolute(page_html(page)) or None,
            "images": {k: {"src": v, "width": site.sizes[v][0], "height": site.sizes[v][1]} for k, v in images.items()},
            "stories": list(page.stories)}


def _story(site: Site, story: Story) -> dict:
    a = story.article
    first = site.page(story.pages[0])
    return {"id": a.id, "slug": story.slug, "uri": story_uri(site, story), "html": story_html(story),
            "url": site.absolute(story_html(story)) or None, "ninjs": ninjs_file(story),
            "title": story.title, "kicker": a.kicker, "headline": a.headline, "subhead": a.subhead,
            "byline": a.byline, "section": first.page.section, "pages": list(story.pages),
            "areas": [_area(site, area) for area in story.areas],
            "photos": [{"src": photo_file(story, i), "caption": p.caption, "credit": p.credit, "licence": p.licence,
                        "width": site.sizes[photo_file(story, i)][0], "height": site.sizes[photo_file(story, i)][1]}
                       for i, p in enumerate(a.photos)],
            "text": plain_text(story)}


def _area(site: Site, area) -> dict:
    page = site.page(area.page)
    left, top, width, height = area.fractions(page.width, page.height)
    return {"page": area.page, "left": round(left, 5), "top": round(top, 5), "width": round(width, 5),
            "height": round(height, 5)}


def sitemap(site: Site) -> str:
    """sitemap.xml (sitemaps.org 0.9) of the page views and story pages: search engines
    want absolute addresses, so it is written only with a base URL."""
    files = ["index.html"] + [page_html(p) for p in site.pages] + [story_html(s) for s in site.stories]
    day = site.issue.date.isoformat()
    urls = "".join(f"<url><loc>{escape(site.absolute(f))}</loc><lastmod>{day}</lastmod></url>\n" for f in files)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n')

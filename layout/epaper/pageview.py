"""A page view (版面): the page image with every story's areas as links over it, the
page's stories as a list beside it, previous and next page, and all the day's pages
as thumbnails. Areas are placed in percent of the image, so they stay on their stories
at any width and when the image is zoomed (the script then loads the zoom image; without
the script, 大图 links to it).
"""

from __future__ import annotations

from layout.epaper.html import Head, document, esc
from layout.epaper.site import Site, neighbours, page_html, page_image, page_name, story_html
from layout.epaper.stories import SitePage, Story



def page_view(site: Site, page: SitePage) -> str:
    """The page view of `page`."""
    issue = site.issue
    title = f"{issue.paper} {page_name(page)}"
    stories = [site.story(slug) for slug in page.stories]
    description = f"{issue.paper}{page.label}（{page.page.section}）：" + "；".join(s.title for s in stories)
    main = (f'<div class="layout">\n{sheet(site, page, stories)}\n'
            f'<aside class="panel">\n{title_list(site, page, stories)}\n{page_list(site, page)}\n</aside>\n</div>')
    head = Head(title, description, page_html(page), page_image(page))
    return document(site, head, "page-view", main, current=page.page.number)


def sheet(site: Site, page: SitePage, stories: list[Story]) -> str:
    """The page image and its areas, with the tools above it."""
    screen, zoom = page_image(page), page_image(page, "zoom")
    width, height = site.sizes[screen]
    alt = f"{page_name(page)} 版面图，本版稿件：" + "；".join(s.title for s in stories) if stories else f"{page_name(page)} 版面图"
    areas = "\n".join(area_links(page, story) for story in stories)
    return (f'<section class="sheet" aria-label="{esc(page_name(page))} 版面">\n{tools(site, page)}\n'
            f'<div class="scroller"><div class="frame">'
            f'<img src="{screen}" data-zoom="{zoom}" width="{width}" height="{height}" alt="{esc(alt)}">\n{areas}\n'
            f"</div></div>\n</section>")


def tools(site: Site, page: SitePage) -> str:
    """Page name, previous and next page, zoom (the button needs the script; the link
    to the large image does not)."""
    before, after = neighbours(site.pages, page)
    return (f'<div class="tools"><h1>{esc(page_name(page))}</h1>'
            f'{_step(before, "prev", "上一版")}{_step(after, "next", "下一版")}'
            f'<button class="button zoom" type="button" aria-pressed="false" hidden>放大</button>'
            f'<a class="button" href="{page_image(page, "zoom")}">大图</a></div>')


def _step(page: SitePage | None, rel: str, label: str) -> str:
    if page is None:
        return f'<span class="button" aria-disabled="true">{label}</span>'
    return f'<a class="button" rel="{rel}" href="{page_html(page)}" title="{esc(page_name(page))}">{label}</a>'


def area_links(page: SitePage, story: Story) -> str:
    """One link per area of `story` on this page, in percent of the page."""
    links = []
    for area in (a for a in story.areas if a.page == page.page.number):
        left, top, width, height = (f"{100 * v:.3f}%" for v in area.fractions(page.width, page.height))
        links.append(f'<a class="area" href="{story_html(story)}" data-story="{story.slug}" '
                     f'style="left:{left};top:{top};width:{width};height:{height}" title="{esc(story.title)}">'
                     f'<span class="sr">{esc(story.title)}</span></a>')
    return "\n".join(links)


def title_list(site: Site, page: SitePage, stories: list[Story]) -> str:
    """本版标题: the page's stories in reading order, continuations marked 续."""
    items = []
    for story in stories:
        note = _continuation_note(site, page, story)
        items.append(f'<li><a href="{story_html(story)}" data-story="{story.slug}">{esc(story.title)}</a>{note}</li>')
    body = "\n".join(items) if items else "<li>本版无稿件</li>"
    return f'<h2>本版标题<small>Stories</small></h2>\n<ol class="titles">\n{body}\n</ol>'


def _continuation_note(site: Site, page: SitePage, story: Story) -> str:
    """（上接第01版） on a continuation, （转第02版） on a part that jumps on."""
    i = story.pages.index(page.page.number)
    notes = []
    if i > 0:
        notes.append(f"上接{site.page(story.pages[i - 1]).label}")
    if i + 1 < len(story.pages):
        notes.append(f"转{site.page(story.pages[i + 1]).label}")
    return "".join(f'<span class="note">（{n}）</span>' for n in notes)


def page_list(site: Site, current: SitePage) -> str:
    """版面导航: every page of the day as a thumbnail with its name."""
    items = []
    for page in site.pages:
        here = ' aria-current="page"' if page is current else ""
        thumb = page_image(page, "thumb")
        width, height = site.sizes[thumb]
        items.append(f'<li><a href="{page_html(page)}"{here}><img src="{thumb}" width="{width}" height="{height}" '
                     f'alt="{page.label}版面缩略图" loading="lazy">{esc(page_name(page))}</a></li>')
    return '<h2>版面导航<small>Pages</small></h2>\n<ul class="pages">\n' + "\n".join(items) + "\n</ul>"

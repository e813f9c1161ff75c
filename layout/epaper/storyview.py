"""A story page: the headline stack (引题, 主题, 副题), byline, the page(s) it is on,
photos with captions, credits and licences, and the body as real text — paragraphs,
in-text subheads, run-in headings, block quotations and the interlinear marks (着重号,
专名号, 书名号, the frame round a name) as CSS draws them. Beside it: where the story
stands on its page(s), and the other stories of its first page; under it, the previous
and next story of the issue.
"""

from __future__ import annotations

from layout.epaper.html import Head, document, esc, json_ld
from layout.epaper.site import (
    Site, chinese_date, neighbours, page_html, page_image, page_name, photo_file, story_html,
)
from layout.epaper.stories import PHOTO_STORY, Story
from layout.model.schema import Block, BlockKind, MarkKind

MARK_TAGS = {  # mark → (opening tag, closing tag): the look is in epaper.css
    MarkKind.EMPHASIS: ('<em class="dots">', "</em>"),
    MarkKind.PROPER: ('<span class="proper">', "</span>"),
    MarkKind.BOOK: ('<cite class="book">', "</cite>"),
    MarkKind.FRAME: ('<span class="deceased">', "</span>"),
}
DESCRIPTION_CHARS = 120  # characters of the body in the page's description


def story_view(site: Site, story: Story) -> str:
    a = story.article
    issue = site.issue
    main = (f'<div class="layout">\n<article class="story">\n{crumbs(site, story)}\n{stack(site, story)}\n'
            f"{figures(site, story)}{body(a.blocks)}\n{pager(site, story)}\n</article>\n"
            f"{side(site, story)}\n</div>")
    title = f"{story.title} - {issue.paper}{chinese_date(issue.date)}"
    image = photo_file(story, 0) if a.photos else page_image(site.page(story.pages[0]))
    head = Head(title, summary(story), story_html(story), image, "article", json_ld(_article_ld(site, story)))
    return document(site, head, "story-view", main, current=story.pages[0])


def summary(story: Story) -> str:
    """The first characters of the body (or the caption of a photo story)."""
    a = story.article
    text = "".join(b.text for b in a.blocks if b.kind is BlockKind.PARAGRAPH) or \
        "".join(p.caption for p in a.photos) or story.title
    return text[:DESCRIPTION_CHARS] + ("…" if len(text) > DESCRIPTION_CHARS else "")


def crumbs(site: Site, story: Story) -> str:
    first = site.page(story.pages[0])
    return (f'<nav class="crumbs" aria-label="位置"><a href="index.html">{esc(site.issue.paper)}</a> › '
            f"{chinese_date(site.issue.date)} › <a href=\"{page_html(first)}\">{esc(page_name(first))}</a></nav>")


def stack(site: Site, story: Story) -> str:
    """引题, 主题 (the page's h1), 副题, byline and where the story was printed; each
    part of the stack in the face (宋, 黑, 楷, regular or bold) the issue gave it."""
    a = story.article
    parts = ['<header class="stack">']
    if a.kicker:
        parts.append(f'<p class="kicker face-{a.kicker_font}">{esc(a.kicker)}</p>')
    parts.append(f'<h1 class="face-{a.headline_font}">{esc(a.headline or PHOTO_STORY)}</h1>')
    if a.subhead:
        parts.append(f'<p class="subhead face-{a.subhead_font}">{esc(a.subhead)}</p>')
    if a.byline:
        parts.append(f'<p class="byline">{esc(a.byline)}</p>')
    printed = "、".join(f'<a href="{page_html(site.page(n))}">{esc(site.page(n).label)}</a>' for n in story.pages)
    parts.append(f'<p class="meta">《{esc(site.issue.paper)}》{chinese_date(site.issue.date)} {printed}</p>')
    parts.append("</header>")
    return "\n".join(parts)


def figures(site: Site, story: Story) -> str:
    out = []
    for i, photo in enumerate(story.article.photos):
        src = photo_file(story, i)
        width, height = site.sizes[src]
        credit = f' <span class="credit">{esc(photo.credit)}</span>' if photo.credit else ""
        licence = f'<small class="licence">{esc(photo.licence)}</small>' if photo.licence else ""
        lazy = ' loading="lazy"' if i else ""  # the first photo is in view at once
        out.append(f'<figure><img src="{src}" width="{width}" height="{height}" alt="{esc(photo.caption)}"{lazy}>'
                   f'<figcaption><span class="caption">{esc(photo.caption)}</span>{credit}{licence}</figcaption></figure>\n')
    return "".join(out)


def body(blocks: tuple[Block, ...]) -> str:
    """The body blocks as HTML: <p>, <h2> for in-text subheads, <blockquote>."""
    if not blocks:
        return ""
    out = []
    for block in blocks:
        text = marked(block)
        if block.runin:
            text = f'<strong class="runin">{esc(block.runin)}</strong>\u3000{text}'
        if block.kind is BlockKind.SUBHEAD:
            out.append(f"<h2>{text}</h2>")
            continue
        out.append(f"<blockquote><p>{text}</p></blockquote>" if block.kind is BlockKind.QUOTE else f"<p>{text}</p>")
    return '<div class="body">\n' + "\n".join(out) + "\n</div>"


def marked(block: Block) -> str:
    """The block's text, escaped, with its marks as elements. Marks may touch or overlap:
    the text is cut at every mark edge and each piece wrapped in the marks over it."""
    cuts = sorted({0, len(block.text)} | {m.start for m in block.marks} | {m.end for m in block.marks})
    out = []
    for start, end in zip(cuts, cuts[1:]):
        piece = esc(block.text[start:end])
        for mark in block.marks:
            if mark.start <= start and end <= mark.end:
                opening, closing = MARK_TAGS[mark.kind]
                piece = opening + piece + closing
        out.append(piece)
    return "".join(out)


def pager(site: Site, story: Story) -> str:
    """上一篇 / 下一篇 in the issue's reading order, and back to the page."""
    before, after = neighbours(site.stories, story)
    prev = (f'<a rel="prev" href="{story_html(before)}">上一篇：{esc(before.title)}</a>' if before
            else "<span>已是第一篇</span>")
    nxt = (f'<a rel="next" href="{story_html(after)}">下一篇：{esc(after.title)}</a>' if after
           else "<span>已是最后一篇</span>")
    return f'<nav class="pager" aria-label="上一篇 下一篇"><div class="prev">{prev}</div><div class="next">{nxt}</div></nav>'


def side(site: Site, story: Story) -> str:
    """Each page the story is on, small, with its areas marked; the first page's other
    stories."""
    minis = []
    for number in story.pages:
        page = site.page(number)
        thumb = page_image(page, "thumb")
        width, height = site.sizes[thumb]
        marks = "".join(
            '<span class="mark" style="left:{:.3f}%;top:{:.3f}%;width:{:.3f}%;height:{:.3f}%"></span>'.format(
                *(100 * v for v in area.fractions(page.width, page.height)))
            for area in story.areas if area.page == number)
        minis.append(f'<a class="mini" href="{page_html(page)}"><div class="frame"><img src="{thumb}" width="{width}" '
                     f'height="{height}" alt="{esc(page.label)}版面缩略图，红框为本文位置">{marks}</div>'
                     f"{esc(page_name(page))}</a>")
    first = site.page(story.pages[0])
    others = [site.story(s) for s in first.stories if s != story.slug]
    items = "\n".join(f'<li><a href="{story_html(o)}">{esc(o.title)}</a></li>' for o in others)
    listing = f'<h2>本版其他稿件<small>More on this page</small></h2>\n<ol class="titles">\n{items}\n</ol>' if others else ""
    return ('<aside class="panel">\n<h2>版面位置<small>On the page</small></h2>\n' + "\n".join(minis)
            + f"\n{listing}\n</aside>")


def _article_ld(site: Site, story: Story) -> dict:
    """schema.org NewsArticle for search engines."""
    issue, a = site.issue, story.article
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": story.title,
            "datePublished": issue.date.isoformat(), "inLanguage": "zh-CN",
            "isPartOf": {"@type": "PublicationIssue", "issueNumber": str(issue.issue_number),
                         "datePublished": issue.date.isoformat(),
                         "isPartOf": {"@type": "Periodical", "name": issue.paper}},
            "printSection": site.page(story.pages[0]).page.section,
            "pageStart": str(story.pages[0])}
    if a.photos:
        data["image"] = [site.absolute(photo_file(story, i)) or photo_file(story, i) for i in range(len(a.photos))]
    return data

"""What every HTML file of the site shares: the document shell (lang="zh-CN", viewport,
the style sheet), the masthead with the paper's name, the date and the section
navigation, and the footer. Everything put into HTML passes `esc`.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from layout.epaper.site import SITE_NAME, Site, chinese_date, page_html, weekday


def esc(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True, slots=True)
class Head:
    """What a file's <head> says of it: title and description (for the browser and
    search engines), its own path (the canonical link), an image path and the Open Graph
    type (for sharing), and any extra elements."""

    title: str
    description: str
    path: str = ""
    image: str = ""
    kind: str = "website"
    extra: str = ""


def document(site: Site, head: Head, body_class: str, main: str, current: int | None = None) -> str:
    """A whole HTML file: `main` under the masthead; `current` is the page number the
    file belongs to (marked in the section navigation)."""
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(head.title)}</title>\n"
            f'<meta name="description" content="{esc(head.description)}">\n'
            f'<meta name="generator" content="paiban">\n{_links(site, head)}'
            f'<link rel="stylesheet" href="epaper.css">\n{head.extra}</head>\n'
            f'<body class="{body_class}">\n{masthead(site, current)}\n<main>\n{main}\n</main>\n'
            f"{footer(site)}\n"
            f'<script src="epaper.js"></script>\n</body>\n</html>\n')


def _links(site: Site, head: Head) -> str:
    """Open Graph properties for sharing, and with a base URL the canonical link and
    the absolute addresses Open Graph wants (nothing here is fetched by the page)."""
    tags = [("og:type", head.kind), ("og:title", head.title), ("og:description", head.description),
            ("og:locale", "zh_CN"), ("og:site_name", site.issue.paper + SITE_NAME)]
    if site.base_url and head.path:
        tags.append(("og:url", site.absolute(head.path)))
    if site.base_url and head.image:
        tags.append(("og:image", site.absolute(head.image)))
    out = "".join(f'<meta property="{k}" content="{esc(v)}">\n' for k, v in tags)
    if site.base_url and head.path:
        out += f'<link rel="canonical" href="{esc(site.absolute(head.path))}">\n'
    return out


def masthead(site: Site, current: int | None) -> str:
    """The red bar: the paper's name (to the first page), the date, 第N期 总第N期, the
    edition, and the sections, each linking to its first page."""
    issue = site.issue
    numbers = f"第{issue.issue_number}期 总第{issue.running_number}期" + (f" · {esc(issue.edition)}" if issue.edition else "")
    return (f'<header class="masthead">\n<div class="bar">'
            f'<a class="paper" href="index.html">{esc(issue.paper)}<small>{SITE_NAME}</small></a>'
            f'<span class="dateline"><time datetime="{issue.date.isoformat()}">{chinese_date(issue.date)}</time> '
            f"{weekday(issue.date)} · {numbers}</span></div>\n"
            f'<nav class="sections" aria-label="版面导航 Sections"><ul>{section_links(site, current)}</ul></nav>\n'
            f"</header>")


def section_links(site: Site, current: int | None) -> str:
    """One link per section (版名), to the first page of that section, in page order;
    pages of one section name in different 叠 (section codes) stay apart."""
    firsts: dict[tuple[str, str], list] = {}
    for p in site.pages:
        firsts.setdefault((p.page.section_code, p.page.section), []).append(p)
    items = []
    for (_code, name), pages in firsts.items():
        here = ' aria-current="page"' if current in [p.page.number for p in pages] else ""
        label = name or pages[0].label
        span = f"{pages[0].label}" if len(pages) == 1 else f"{pages[0].label}–{pages[-1].page.number:02d}版"
        items.append(f'<li><a href="{page_html(pages[0])}"{here} title="{esc(span)}">{esc(label)}</a></li>')
    return "".join(items)


def footer(site: Site) -> str:
    issue = site.issue
    return (f'<footer class="site-footer">{esc(issue.paper)}{SITE_NAME} · {chinese_date(issue.date)} · '
            f'<a href="stories.json">稿件索引 (JSON)</a> · 版面由 paiban 排版生成</footer>')


def json_ld(data: dict) -> str:
    """A JSON-LD block for search engines (`</` escaped so the text cannot end the script)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>\n'

"""Reading the site's HTML in tests, independently of the code that wrote it: the text
inside <main>, the elements with their attributes, the text of elements of a class,
and every URL a file refers to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
URL_ATTRS = ("href", "src", "action", "poster", "data")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""          # all text inside it
    classes: tuple[str, ...] = field(default=())


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[Element] = []
        self.all: list[Element] = []
        self.main: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        values = {k: v or "" for k, v in attrs}
        element = Element(tag, values, classes=tuple(values.get("class", "").split()))
        self.all.append(element)
        if tag in ("script", "style"):
            self.skip += 1
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i].tag == tag:
                del self.open[i:]
                break

    def handle_data(self, data):
        if self.skip:
            return
        for element in self.open:
            element.text += data
        if any(e.tag == "main" for e in self.open):
            self.main.append(data)


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def main_text(html: str) -> str:
    return "".join(read(html).main)


def elements(html: str, tag: str | None = None, cls: str | None = None) -> list[Element]:
    return [e for e in read(html).all if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)]


def urls(html: str) -> list[str]:
    """Every URL the file refers to: link and source attributes, srcset entries and
    url(…) in inline styles."""
    out = []
    for e in read(html).all:
        out += [e.attrs[a] for a in URL_ATTRS if a in e.attrs]
        if "srcset" in e.attrs:
            out += [part.split()[0] for part in e.attrs["srcset"].split(",") if part.strip()]
        out += re.findall(r"url\(\s*['\"]?([^'\")]+)", e.attrs.get("style", ""))
    return out


def external(url: str) -> bool:
    """A URL the browser would fetch from elsewhere than the site's folder."""
    return bool(re.match(r"^([a-z][a-z0-9+.-]*:|//)", url, re.I)) and not url.startswith("#")

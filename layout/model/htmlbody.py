"""An article body written in HTML (a ninjs item's text/html body) → body blocks.

| HTML | becomes |
| --- | --- |
| `<p>`, `<div>`, `<li>`, a `<br>` (a new paragraph) | paragraphs |
| `<h1>` … `<h6>` | in-text subheads |
| `<blockquote>` | a block quotation |
| `<strong>`/`<b>` at the start of a paragraph, followed by more text | a run-in heading |
| `<em class="dots">` (paiban's e-paper), `<span class="proper">`, `<cite class="book">`, `<span class="deceased">` | emphasis dots, proper-noun line, wavy book-title line, the frame round a name |
| `<table>` | one paragraph per row, cells separated by a full-width space (reported) |
| other `<em>`, `<i>`, `<u>`, `<s>`, `<sup>`, `<sub>`, `<mark>`, bold elsewhere | the text, without the formatting (reported) |
| `<img>`, `<figure>`, `<video>`, `<iframe>`, `<object>`, `<script>`, `<style>` | nothing (reported) |

White space is collapsed as a browser does, except that a line break next to a Chinese
character is no space at all. Every notice names the body's file and line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from layout.errors import Diagnostic
from layout.i18n import N_, _
from layout.model.copyfile import excerpt, notice
from layout.model.schema import Block, BlockKind, Mark, MarkKind, Source

BLOCKS = {"p", "div", "li", "dd", "dt", "section", "article", "header", "footer", "aside", "main", "figcaption",
          "address", "pre", "td", "th"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
MARKS = {("em", "dots"): MarkKind.EMPHASIS, ("span", "proper"): MarkKind.PROPER, ("cite", "book"): MarkKind.BOOK,
         ("span", "deceased"): MarkKind.FRAME}
LOST = {"em": N_("italic"), "i": N_("italic"), "u": N_("underline"), "s": N_("strike-through"),
        "strike": N_("strike-through"), "del": N_("strike-through"), "sup": N_("superscript or subscript"),
        "sub": N_("superscript or subscript"), "mark": N_("highlighting"), "cite": N_("italic"), "bold": N_("bold")}
DROPPED = {"img", "figure", "picture", "video", "audio", "iframe", "object", "embed", "svg", "canvas", "script",
           "style", "template", "noscript", "form", "button", "input", "select", "textarea"}
VOID = {"img", "br", "hr", "input", "embed", "source", "track", "wbr", "meta", "link", "area", "col", "base"}
MAX_DEPTH = 256


@dataclass(slots=True)
class _Open:
    """A paragraph being collected: text, where each mark starts, what formatting was lost."""

    kind: BlockKind
    text: list[str] = field(default_factory=list)
    bold: list[tuple[int, int]] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    lost: dict[str, str] = field(default_factory=dict)

    def length(self) -> int:
        return len("".join(self.text))


class _Body(HTMLParser):
    """Collects blocks from HTML (the parser's private state)."""

    def __init__(self, source: Source, field_name: str):
        super().__init__(convert_charrefs=True)
        self.source, self.field_name = source, field_name
        self.blocks: list[Block] = []
        self.notices: list[Diagnostic] = []
        self.open: _Open | None = None
        self.stack: list[tuple[str, int, object]] = []  # (tag, start offset, what it began)
        self.quote = 0
        self.dropped = 0
        self.row: list[str] | None = None
        self.tables = 0

    # the parser's callbacks ----------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if self.dropped or tag in DROPPED:
            if tag not in VOID:
                self.dropped += 1
            if not self.dropped or self.dropped == 1:
                self.report(_("<{tag}> is not carried over").format(tag=tag))
            return
        if tag == "br":
            if self.row is not None:
                self.handle_data(" ")
            else:
                self.finish_block()
            return
        if len(self.stack) >= MAX_DEPTH or tag in VOID:
            return
        begun: object = None
        if self.row is not None and tag in BLOCKS | HEADINGS and tag not in ("td", "th"):
            pass  # a paragraph inside a table cell is part of the cell
        elif tag in BLOCKS or tag in HEADINGS:
            self.finish_block()
            begun = BlockKind.SUBHEAD if tag in HEADINGS else None
        elif tag == "blockquote":
            self.finish_block()
            self.quote += 1
        elif tag == "tr":
            self.finish_block()
            self.row = []
        elif tag == "ol":
            self.report(_("a numbered list's numbers are not carried over (its items are set as paragraphs)"))
        elif tag == "table":
            self.tables += 1
            self.report(_("a table is set as ordinary paragraphs (one per row, cells separated by a full-width space)"))
        else:
            kind = next((k for (t, c), k in MARKS.items() if t == tag and c in classes), None)
            begun = kind if kind is not None else "bold" if tag in ("strong", "b") else LOST.get(tag)
        self.stack.append((tag, self.position(), begun))

    def handle_endtag(self, tag: str) -> None:
        if self.dropped:
            if tag in DROPPED:
                self.dropped -= 1
            return
        if not any(t == tag for t, _s, _b in self.stack):
            return  # a stray end tag
        while self.stack:
            open_tag, start, begun = self.stack.pop()
            self.end(open_tag, start, begun)
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.dropped or not data:
            return
        if self.row is not None and (not self.stack or self.stack[-1][0] not in ("td", "th")) and not data.strip():
            return
        if self.open is None:
            if not data.strip():
                return
            self.open = _Open(BlockKind.QUOTE if self.quote else BlockKind.PARAGRAPH)
        self.open.text.append(data)

    # blocks ---------------------------------------------------------------------------------

    def position(self) -> int:
        return self.open.length() if self.open is not None else 0

    def end(self, tag: str, start: int, begun: object) -> None:
        if tag in ("td", "th") and self.row is not None:
            self.row.append(collapse("".join(self.open.text)) if self.open else "")
            self.open = None
            return
        if tag == "tr" and self.row is not None:
            text = "\u3000".join(cell for cell in self.row if cell)
            self.row = None
            if text:
                self.blocks.append(Block(BlockKind.PARAGRAPH, text, self.source))
            return
        if self.row is not None and tag in BLOCKS | HEADINGS:
            return
        if begun is BlockKind.SUBHEAD:
            if self.open is not None:
                self.open.kind = BlockKind.SUBHEAD
            self.finish_block()
        elif tag in BLOCKS:
            self.finish_block()
        elif tag == "blockquote":
            self.finish_block()
            self.quote = max(0, self.quote - 1)
        elif self.open is not None and isinstance(begun, MarkKind):
            self.open.marks.append(Mark(begun, start, self.position()))
        elif self.open is not None and begun == "bold":
            self.open.bold.append((start, self.position()))
        elif self.open is not None and isinstance(begun, str):
            self.open.lost[begun] = self.open.lost.get(begun, "") + "".join(self.open.text)[start:]

    def finish_block(self) -> None:
        """Finish the paragraph being collected (white space collapsed, marks moved with it)."""
        current, self.open = self.open, None
        if current is None:
            return
        raw = "".join(current.text)
        text, moved = collapse_with_offsets(raw)
        if not text:
            return
        marks = tuple(Mark(m.kind, moved(m.start), moved(m.end)) for m in current.marks if moved(m.end) > moved(m.start))
        runin = ""
        bold = [(moved(a), moved(b)) for a, b in current.bold if moved(b) > moved(a)]
        if current.kind is BlockKind.PARAGRAPH and bold and bold[0][0] == 0 and bold[0][1] < len(text):
            cut = bold[0][1]
            runin, rest = text[:cut].strip(), text[cut:].lstrip(" \u3000")
            shift = len(text) - len(rest)
            marks = tuple(Mark(m.kind, m.start - shift, m.end - shift) for m in marks if m.start >= shift)
            text, bold = rest, [(a - shift, b - shift) for a, b in bold[1:]]
        if bold and current.kind is BlockKind.PARAGRAPH:
            current.lost["bold"] = text[bold[0][0]:bold[0][1]]
        for name, sample in current.lost.items():
            self.report(_("{formatting} in the paragraph {text} is not carried over (the text is kept): {sample}").format(
                formatting=_(LOST.get(name, name)), text=excerpt(text),
                sample=excerpt(collapse(sample))))
        self.blocks.append(Block(current.kind, text, self.source, tuple(sorted(marks, key=lambda m: m.start)), runin))

    def report(self, message: str) -> None:
        self.notices.append(notice(self.source.file, self.source.line, message, field=self.field_name))


def html_blocks(html: str, source: Source, field_name: str) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
    """The blocks of body `html` (every block at `source`), and notices for what was not carried."""
    parser = _Body(source, field_name)
    parser.feed(html)
    parser.close()
    while parser.stack:
        tag, start, begun = parser.stack.pop()
        parser.end(tag, start, begun)
    parser.finish_block()
    return tuple(parser.blocks), tuple(dict.fromkeys(parser.notices))


def collapse(text: str) -> str:
    return collapse_with_offsets(text)[0]


def collapse_with_offsets(text: str) -> tuple[str, Callable[[int], int]]:
    """`text` with white space collapsed as HTML does, trimmed, and a function from
    offsets in `text` to offsets in the result. White space with a line break in it next
    to a Chinese character is no space at all (as Markdown joins lines, and CSS Text 3
    removes such segment breaks); other white space is one space."""
    out: list[str] = []
    where: list[int] = []
    pending, broken = False, False
    for ch in text:
        where.append(len(out))
        if ch in " \t\r\n\f" or (ch == "\u3000" and not out):  # the full-width indent of a paragraph, too
            pending, broken = bool(out), broken or ch in "\r\n"
            continue
        if pending and not (broken and (_wide(out[-1]) or _wide(ch))):
            out.append(" ")
            where[-1] = len(out)
        pending = broken = False
        out.append(ch)
    where.append(len(out))
    result = "".join(out)

    def moved(offset: int) -> int:
        return min(where[min(offset, len(where) - 1)], len(result))

    return result, moved


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")

"""Word files (.docx) as body files: what a reporter's Word copy becomes, and what is
reported because the body cannot carry it (docs/newsroom.md has the table).

- Paragraphs become body paragraphs; a manual line break starts a new one; the indent
  typed at a paragraph's start (full-width spaces, tabs) is dropped.
- Before the first body paragraph, the Title style (or a style named 主题/标题) gives the
  headline, Subtitle (副题) the subhead, styles named 引题 and 作者 the kicker and byline,
  and labelled lines (`引题：…`, as in plain text) the field they name. When no paragraph
  has the Title style, a heading-styled paragraph before the body is the headline
  (reported: reporters often style it 标题 1).
- Heading styles (Heading 1–9, 标题 1–9, an outline level, a style named 小标题) are
  in-text subheads (`##`); Quote / Block Text (引文) styles are block quotations (`>`).
- Bold at the start of a paragraph, followed by more text, is a run-in heading (`###`);
  a paragraph wholly in bold of at most SUBHEAD_MAX characters is an in-text subhead.
  Word's emphasis mark (着重号) is the emphasis dots. Bold elsewhere, italic, underline,
  strike-through, superscript and subscript, and highlighting are reported (the text is
  kept, the formatting is not).
- Numbered paragraphs get the number Word shows (`1.`, `一、`, `（1）`); footnotes and
  endnotes become a circled number in the text and a note at the end of the article.
- Tables are set as paragraphs, one per row, cells separated by a full-width space.
- Not carried over, each reported with its paragraph: pictures, charts and other
  objects, text boxes, comments, hidden text, equations' layout, the page header/footer.
- Tracked changes that are not accepted (insertions, deletions, moves) refuse the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from layout.errors import Diagnostic
from layout.i18n import N_, _
from layout.model.bodytext import bad_characters
from layout.model.copyfile import Copy, CopyField, CopyRead, StackField, excerpt, notice, stack_name
from layout.model.plaintext import BODY_START, LABELS, NOT_PRINTED, label_of
from layout.model.schema import Block, BlockKind, Mark, MarkKind, Source
from layout.model.wordpackage import RESAVE, DamagedPart, open_document, related_parts
from layout.model.wordstyles import Numbering, ParaRole, RunFormat, Styles, W

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
TEXT_CHANGES = tuple(W + t for t in ("ins", "del", "moveFrom", "moveTo", "cellIns", "cellDel", "cellMerge"))
FORMAT_CHANGES = tuple(W + t for t in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
                                       "tcPrChange", "tblGridChange", "numberingChange", "tblPrExChange"))
CONTAINERS = tuple(W + t for t in ("hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo"))
SUBHEAD_MAX = 40      # characters: a paragraph wholly in bold up to this long is an in-text subhead
MAX_REFUSALS = 5      # tracked changes listed one by one; the rest counted
ROLE_FIELDS = {ParaRole.TITLE: StackField.HEADLINE, ParaRole.SUBTITLE: StackField.SUBHEAD,
               ParaRole.KICKER: StackField.KICKER, ParaRole.BYLINE: StackField.BYLINE}
ACCEPT = N_("accept or reject every change and save the file again (Word: 审阅 › 接受 › 接受所有修订; "
            "WPS: 审阅 › 接受 › 接受对文档所做的所有修订)")
LOST_NAMES = {"italic": N_("italic"), "underline": N_("underline"), "strike": N_("strike-through"),
              "raised": N_("superscript or subscript"), "highlight": N_("highlighting"), "bold": N_("bold")}


def read_docx(file: Path, display: Path) -> CopyRead:
    """The copy in Word file `file` (shown to the user as `display`)."""
    document = open_document(file, display)
    if isinstance(document, Diagnostic):
        return CopyRead(Copy(()), (document,))
    try:
        return _Word(document, display).read()
    except DamagedPart as exc:
        return CopyRead(Copy(()), (Diagnostic(display, 0, "", _("the Word file is damaged ({reason})").format(
            reason=exc), _(RESAVE)),))


@dataclass(frozen=True, slots=True)
class Piece:
    """Text of one run (or part of one) with its formatting."""

    text: str
    fmt: RunFormat


PLAIN = RunFormat()


def circled(n: int) -> str:
    """①…⑳ for notes 1–20, then (21), (22)…"""
    return chr(0x2460 + n - 1) if 1 <= n <= 20 else f"({n})"


@dataclass(slots=True)
class _Word:
    """The reader's private state, one Word file."""

    document: Any
    display: Path
    blocks: list[Block] = field(default_factory=list)
    fields: dict[StackField, CopyField] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    notices: list[Diagnostic] = field(default_factory=list)
    numbers: dict[Any, int] = field(default_factory=dict)   # paragraph element → its number (non-empty ones counted)
    number: int = 0                                        # the paragraph being read
    in_body: bool = False
    titled: bool = False                                   # a paragraph has the Title style (or 主题…)
    notes: list[tuple[str, str, int]] = field(default_factory=list)  # (marker, text, paragraph)
    note_texts: dict[tuple[str, str], str] = field(default_factory=dict)
    comments_at: dict[str, int] = field(default_factory=dict)
    styles: Styles = field(default_factory=lambda: Styles(None))
    numbering: Numbering = field(default_factory=lambda: Numbering(None))

    def read(self) -> CopyRead:
        body = self.document.element.body
        self.styles = Styles(self._root(lambda: self.document.styles.element))
        self.numbering = Numbering(self._root(lambda: self.document.part.numbering_part.element))
        self._number_paragraphs(body)
        self.titled = any(self.styles.role(p) is ParaRole.TITLE for p in body.iter(W + "p"))
        refused = self._tracked_changes(body)
        if refused:
            return CopyRead(Copy(()), tuple(refused))
        self._read_notes()
        self.children(body)
        self._finish()
        if not any(b.text for b in self.blocks):
            self.problems.append(Diagnostic(self.display, 0, "", _("the Word file has no text")))
        fields = tuple(sorted(self.fields.values(), key=lambda f: f.source.line))
        return CopyRead(Copy(tuple(self.blocks), fields), tuple(self.problems), tuple(self.notices))

    # ---------------------------------------------------------------- the package

    @staticmethod
    def _root(get: Any) -> Any | None:
        try:
            return get()
        except (AttributeError, KeyError, NotImplementedError):  # the file has no such part
            return None

    def _number_paragraphs(self, body: Any) -> None:
        """Number the paragraphs with text in document order (those in text boxes excluded):
        the place a message names. An empty paragraph has its predecessor's number."""
        n = 0
        for p in body.iter(W + "p"):
            if any(a.tag == W + "txbxContent" for a in p.iterancestors()):
                continue
            if "".join(t.text or "" for t in p.iter(W + "t", W + "delText")).strip():
                n += 1
            self.numbers[p] = max(n, 1)

    def _where(self, element: Any) -> int:
        p = element if element.tag == W + "p" else next(element.iterancestors(W + "p"), None)
        return self.numbers.get(p, 0)

    def _tracked_changes(self, body: Any) -> list[Diagnostic]:
        """A problem for each tracked change that is not accepted (the first few); a
        notice when only formatting changes are tracked."""
        roots = [body] + related_parts(self.document, "footnotes") + related_parts(self.document, "endnotes")
        changes = [c for root in roots for c in root.iter(*TEXT_CHANGES) if not _in_fallback(c)]
        if not changes and any(True for root in roots for _c in root.iter(*FORMAT_CHANGES)):
            self.notices.append(notice(self.display, 0, _("the file tracks formatting changes that are not accepted; "
                                                          "the current formatting is used")))
        out = []
        for change in changes[:MAX_REFUSALS]:
            kind = change.tag.removeprefix(W)
            text = "".join(t.text or "" for t in change.iter(W + "t", W + "delText"))
            author = change.get(W + "author") or _("someone")
            out.append(Diagnostic(self.display, self._where(change), "", _(
                "a tracked change ({kind} by {author}) is not accepted: {text}").format(
                kind=_(CHANGE_NAMES.get(kind, kind)), author=author, text=excerpt(text) if text.strip() else "—"),
                _(ACCEPT)))
        if len(changes) > MAX_REFUSALS:
            out.append(Diagnostic(self.display, 0, "", _("{n} more tracked changes are not accepted").format(
                n=len(changes) - MAX_REFUSALS), _(ACCEPT)))
        return out

    def _read_notes(self) -> None:
        for kind in ("footnote", "endnote"):
            for root in related_parts(self.document, kind + "s"):
                for note in root.iter(W + kind):
                    if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                        continue
                    text = "".join(self.plain_text(p) for p in note.iter(W + "p"))
                    self.note_texts[(kind, note.get(W + "id") or "")] = text.strip()

    # ------------------------------------------------------------------ the body

    def children(self, container: Any) -> None:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child)
            elif tag == W + "tbl":
                self.table(child)
            elif tag in (W + "sdt", W + "customXml", MC + "AlternateContent"):
                inner = _inner(child)
                if inner is not None:
                    self.children(inner)
            elif tag in (W + "altChunk", W + "subDoc"):
                self.notices.append(notice(self.display, self.number, _(
                    "a document embedded after this paragraph (Word's altChunk or subdocument) is not carried over"),
                    _("paste its text into the story itself")))
            else:
                self.unknown(child)

    def unknown(self, element: Any) -> None:
        """An element this reader does not know: reported when it holds text (nothing is
        dropped without a word), ignored when it holds none (bookmarks, proofing marks)."""
        if not isinstance(element.tag, str):  # an XML comment or processing instruction
            return
        text = "".join(t.text or "" for t in element.iter(W + "t"))
        if text.strip():
            self.notices.append(notice(self.display, self.number, _(
                "text in a Word element paiban does not read ({element}) is not carried over: {text}").format(
                element=element.tag.rpartition("}")[2], text=excerpt(text)),
                _("save the file again from Word, or move the text into an ordinary paragraph")))

    def paragraph(self, p: Any) -> None:
        self.number = self.numbers.get(p, self.number)
        segments = self.segments(p)
        numbered = self.styles.numbering(p)
        if numbered is not None and any(_text(s).strip() for s in segments):
            label = self.numbering.label(*numbered)
            if label is None:
                self.notices.append(notice(self.display, self.number, _(
                    "paragraph {text} is numbered in a way paiban cannot write; its number is not carried over").format(
                    text=excerpt(_text(segments[0]))), _("type the number into the text")))
            elif label:
                segments[0].insert(0, Piece(label, PLAIN))
        role = self.styles.role(p)
        for segment in segments:
            self.segment(segment, role)

    def segment(self, pieces: list[Piece], role: ParaRole) -> None:
        hidden = "".join(pc.text for pc in pieces if pc.fmt.hidden)
        if hidden.strip():
            self.notices.append(notice(self.display, self.number, _(
                "hidden text {text} is not carried over").format(text=excerpt(hidden))))
        pieces = [pc for pc in pieces if not pc.fmt.hidden]
        text = _text(pieces).strip()
        if not text:
            return
        self.problems += bad_characters(text, self.display, self.number)
        if self.front_matter(text, role):
            return
        self.in_body = True
        source = Source(self.display, self.number)
        if role is ParaRole.BODY:
            self.body_paragraph(pieces, source)
        elif role is ParaRole.QUOTE:
            quoted, marks, _fmts = _marked(pieces)
            self.blocks.append(Block(BlockKind.QUOTE, quoted, source, marks))
        else:
            self.blocks.append(Block(BlockKind.SUBHEAD, text, source))

    def front_matter(self, text: str, role: ParaRole) -> bool:
        """Take `text` as a headline-stack field (by its style, before the body, or by its
        label, before the body's second paragraph: a headline typed as an ordinary first
        paragraph does not hide the `作者：` line after it) if it is one."""
        if role in ROLE_FIELDS and not self.in_body:
            self.set(ROLE_FIELDS[role], text)
            return True
        if role is ParaRole.HEADING and not self.in_body and not self.titled and StackField.HEADLINE not in self.fields:
            self.set(StackField.HEADLINE, text)  # reporters often style the headline 标题 1 (Heading 1)
            self.notices.append(notice(self.display, self.number, _(
                "the first paragraph in a heading style, {text}, is taken as the headline (no paragraph has the "
                "Title style)").format(text=excerpt(text)),
                _("check it; give the headline the Title style (标题), or write `headline:` in issue.yaml")))
            return True
        if role is not ParaRole.BODY or len(self.blocks) > 1:
            return False
        label = label_of(text, tuple(LABELS) + NOT_PRINTED + BODY_START)
        if label is None or label.name in BODY_START:
            return False
        if label.name in LABELS:
            self.set(LABELS[label.name], label.rest)
        else:
            self.notices.append(notice(self.display, self.number, _(
                "the line “{label}” {text} is editorial information and is not printed").format(
                label=label.name, text=excerpt(label.rest)), field=label.name))
        return True

    def set(self, name: StackField, text: str) -> None:
        if name in self.fields:
            self.problems.append(Diagnostic(self.display, self.number, name.value, _(
                "a second {field} (the first is paragraph {first})").format(
                field=stack_name(name), first=self.fields[name].source.line), _("keep one")))
        elif text:
            self.fields[name] = CopyField(name, text, Source(self.display, self.number))

    def body_paragraph(self, pieces: list[Piece], source: Source) -> None:
        """A paragraph: a bold start is a run-in heading, a short all-bold one a subhead;
        formatting that is not carried over is reported."""
        text, marks, fmts = _marked(pieces)
        bold = next((i for i, f in enumerate(fmts) if not f.bold and not text[i].isspace()), len(text))
        if bold == len(text) and len(text) <= SUBHEAD_MAX:
            self.blocks.append(Block(BlockKind.SUBHEAD, text, source))
            return
        runin = ""
        if 0 < bold < len(text):
            runin, cut = text[:bold].strip(), len(text[bold:]) - len(text[bold:].lstrip())
            start = bold + cut
            text, fmts = text[start:], fmts[start:]
            marks = tuple(Mark(m.kind, m.start - start, m.end - start) for m in marks if m.start >= start)
        self.report_formatting(text, fmts, source)
        self.blocks.append(Block(BlockKind.PARAGRAPH, text, source, marks, runin))

    def report_formatting(self, text: str, fmts: list[RunFormat], source: Source) -> None:
        lost: dict[str, str] = {}
        for i, f in enumerate(fmts):
            for name in f.lost() + (("bold",) if f.bold and not text[i].isspace() else ()):
                lost[name] = lost.get(name, "") + text[i]
        if lost:
            names = ", ".join(_(LOST_NAMES.get(name, name)) for name in lost)
            sample = next(iter(lost.values()))
            self.notices.append(notice(source.file, source.line, _(
                "{formatting} in the paragraph {text} is not carried over (the text is kept): {sample}").format(
                formatting=names, text=excerpt(text), sample=excerpt(sample)),
                _("a run-in heading is bold at the very start of a paragraph; emphasis dots are Word's emphasis "
                  "mark (着重号)")))

    def table(self, tbl: Any) -> None:
        """A table as paragraphs: one per row, its cells separated by a full-width space."""
        rows = [tr for tr in tbl.iter(W + "tr") if next(tr.iterancestors(W + "tbl")) is tbl]
        first = self.numbers.get(next(tbl.iter(W + "p"), None), self.number)
        count = 0
        for tr in rows:
            cells = []
            for tc in (c for c in tr.iter(W + "tc") if next(c.iterancestors(W + "tr")) is tr):
                cells.append("\u3000".join(t for p in tc.iter(W + "p") if (t := self.plain_text(p).strip())))
            text = "\u3000".join(c for c in cells if c)
            if text:
                number = self.numbers.get(next(tr.iter(W + "p"), None), self.number)
                self.problems += bad_characters(text, self.display, number)
                self.blocks.append(Block(BlockKind.PARAGRAPH, text, Source(self.display, number)))
                count += 1
        self.in_body = self.in_body or count > 0
        self.notices.append(notice(self.display, first, _(
            "a table (rows: {rows}) is set as ordinary paragraphs, one per row with text ({n}), cells separated by "
            "a full-width space: tables are not carried over").format(rows=len(rows), n=count),
            _("make the table a graphic, or write it out as text")))

    # ---------------------------------------------------------- runs and pieces

    def segments(self, p: Any) -> list[list[Piece]]:
        """The paragraph's pieces, split where a manual line break is."""
        out: list[list[Piece]] = [[]]
        self.walk(p, p, out)
        return out

    def plain_text(self, p: Any) -> str:
        """A paragraph's visible text, without formatting (table cells, notes)."""
        return " ".join(_text([pc for pc in s if not pc.fmt.hidden]).strip() for s in self.segments(p)).strip()

    def walk(self, element: Any, p: Any, out: list[list[Piece]]) -> None:
        for child in element:
            tag = child.tag
            if tag == W + "r":
                self.run(child, p, out)
            elif tag in CONTAINERS:
                self.walk(child, p, out)
            elif tag in (W + "sdt", MC + "AlternateContent"):
                inner = _inner(child)
                if inner is not None:
                    self.walk(inner, p, out)
            elif tag in (MATH + "oMath", MATH + "oMathPara"):
                text = "".join(t.text or "" for t in child.iter(MATH + "t"))
                out[-1].append(Piece(text, PLAIN))
                self.notices.append(notice(self.display, self.number, _(
                    "an equation is set as its plain characters {text}").format(text=excerpt(text))))
            elif tag not in TEXT_CHANGES:  # tracked changes refused the file before reading
                self.unknown(child)

    def run(self, r: Any, p: Any, out: list[list[Piece]]) -> None:
        fmt = self.styles.run_format(p, r)
        for child in r:
            tag = child.tag.removeprefix(W) if isinstance(child.tag, str) else ""
            if tag == "t":
                out[-1].append(Piece(child.text or "", fmt))
            elif tag in ("tab", "ptab"):
                out[-1].append(Piece(" ", fmt))
            elif tag == "br" and child.get(W + "type") not in ("page", "column") or tag == "cr":
                out.append([])
            elif tag == "noBreakHyphen":
                out[-1].append(Piece("-", fmt))
            elif tag == "sym":
                self.symbol(child, fmt, out)
            elif tag in ("footnoteReference", "endnoteReference"):
                out[-1].append(Piece(self.note(tag.removesuffix("Reference"), child.get(W + "id") or ""), PLAIN))
            elif tag == "commentReference":
                self.comments_at.setdefault(child.get(W + "id") or "", self.number)
            elif tag in ("drawing", "pict", "object"):
                self.embedded(child)
            elif child.tag == MC + "AlternateContent":
                inner = _inner(child)
                for item in inner if inner is not None else ():
                    self.embedded(item)
            elif tag == "ruby":
                self.ruby(child, p, out)

    def symbol(self, sym: Any, fmt: RunFormat, out: list[list[Piece]]) -> None:
        """A w:sym character: kept when it is a Unicode character, reported when it is a
        symbol font's private code (Wingdings, Symbol)."""
        try:
            code = int(sym.get(W + "char") or "", 16)
        except ValueError:
            code = 0
        if 0xF000 <= code <= 0xF0FF or code == 0:
            self.notices.append(notice(self.display, self.number, _(
                "a symbol from the font {font} is not carried over").format(font=sym.get(W + "font") or "?"),
                _("type the character itself (a Unicode character) instead")))
        else:
            out[-1].append(Piece(chr(code), fmt))

    def note(self, kind: str, ident: str) -> str:
        marker = circled(len(self.notes) + 1)
        self.notes.append((marker, self.note_texts.get((kind, ident), ""), self.number))
        return marker

    def embedded(self, element: Any) -> None:
        """A drawing, picture or object in the text: a text box's text, a chart or a
        picture is reported (a photo comes from issue.yaml's `photos:`)."""
        boxes = list(element.iter(W + "txbxContent"))
        if boxes:
            text = " ".join("".join(t.text or "" for t in box.iter(W + "t")) for box in boxes[:1])
            self.notices.append(notice(self.display, self.number, _(
                "a text box {text} beside this paragraph is not carried over").format(text=excerpt(text)),
                _("if its text belongs in the story, move it into the body")))
            return
        kind = _("a chart") if any("chart" in (e.tag if isinstance(e.tag, str) else "") for e in element.iter()) \
            else _("a picture or object")
        self.notices.append(notice(self.display, self.number, _("{kind} is not placed").format(kind=kind),
                                   _("give photos and graphics as files in issue.yaml (`photos:`)")))

    def ruby(self, ruby: Any, p: Any, out: list[list[Piece]]) -> None:
        base = ruby.find(W + "rubyBase")
        if base is not None:
            self.walk(base, p, out)
        above = "".join(t.text or "" for t in ruby.iter(W + "t") if base is None or t not in set(base.iter(W + "t")))
        self.notices.append(notice(self.display, self.number, _(
            "the ruby (注音) {text} above the text is not carried over").format(text=excerpt(above))))

    # ------------------------------------------------------------------- the end

    def _finish(self) -> None:
        for marker, text, number in self.notes:
            self.blocks.append(Block(BlockKind.PARAGRAPH, marker + text, Source(self.display, number)))
            self.notices.append(notice(self.display, number, _(
                "note {marker} is set as {marker} in the text and a paragraph at the end of the article (a newspaper "
                "column has no footnotes)").format(marker=marker)))
        for root in related_parts(self.document, "comments"):
            for comment in root.iter(W + "comment"):
                ident = comment.get(W + "id") or ""
                text = " ".join("".join(t.text or "" for t in p.iter(W + "t")) for p in comment.iter(W + "p"))
                self.notices.append(notice(self.display, self.comments_at.get(ident, 0), _(
                    "a comment by {author} is not carried over: {text}").format(
                    author=comment.get(W + "author") or _("someone"), text=excerpt(text, 40))))
        seen: set[str] = set()
        for kind in ("header", "footer"):
            for root in related_parts(self.document, kind):
                text = " ".join("".join(t.text or "" for t in root.iter(W + "t")).split())
                if text and text not in seen:
                    seen.add(text)
                    self.notices.append(notice(self.display, 0, _(
                        "the Word file's page {kind} {text} is not copy and is not carried over").format(
                        kind=_(PART_NAMES[kind]), text=excerpt(text))))


CHANGE_NAMES = {"ins": N_("an insertion"), "del": N_("a deletion"), "moveFrom": N_("a move"), "moveTo": N_("a move"),
                "cellIns": N_("an inserted table cell"), "cellDel": N_("a deleted table cell"),
                "cellMerge": N_("merged table cells")}
PART_NAMES = {"header": N_("header"), "footer": N_("footer")}


def _inner(element: Any) -> Any | None:
    """The content of a content control (w:sdtContent), a custom-XML wrapper, or the
    first choice of an alternate-content block (its fallback repeats it)."""
    if element.tag == W + "sdt":
        return element.find(W + "sdtContent")
    if element.tag == MC + "AlternateContent":
        choice = element.find(MC + "Choice")
        return choice if choice is not None else element.find(MC + "Fallback")
    return element


def _text(pieces: list[Piece]) -> str:
    return "".join(pc.text for pc in pieces)


def _marked(pieces: list[Piece]) -> tuple[str, tuple[Mark, ...], list[RunFormat]]:
    """The pieces' text with its ends trimmed, the emphasis-dot marks on it, and the
    formatting of each character."""
    text = _text(pieces)
    fmts = [pc.fmt for pc in pieces for _ch in pc.text]
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    text, fmts = text[start:end], fmts[start:end]
    marks, open_at = [], None
    for i, f in enumerate(fmts + [PLAIN]):
        if f.dots and open_at is None:
            open_at = i
        elif not f.dots and open_at is not None:
            marks.append(Mark(MarkKind.EMPHASIS, open_at, i))
            open_at = None
    return text, tuple(marks), fmts


def _in_fallback(element: Any) -> bool:
    """Whether `element` is inside the fallback Word writes beside its own markup (a text
    box repeated in VML): the same content, seen once in the choice."""
    return any(a.tag == MC + "Fallback" and a.getparent() is not None and a.getparent().find(MC + "Choice") is not None
               for a in element.iterancestors())

"""The copy lint reads, as passages: headlines, paragraphs, captions, each with its file
and line, what kind of text it is and which font role sets it.

Two sources: a plain text or Markdown file of raw copy (`#` / `##` lines are headings,
blank lines separate paragraphs, as in tests/fixtures/jiefang-pages.raw.txt), and a
loaded issue (its articles' fields and body blocks, as the model stage read them,
before copy normalization).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from layout.i18n import _
from layout.lint.findings import Where
from layout.model.bodytext import join_lines
from layout.model.copyfile import Copy
from layout.model.schema import Article, BlockKind, FontRole, Issue
from layout.model.yamlsrc import LineMap
from layout.text.copyedit import text_fields


class Kind(Enum):
    """What a passage is: only BODY passages are prose checked for sentence breaks."""

    HEADLINE = "headline"  # headline, kicker, subhead (副题) or a `#` line of raw copy
    SUBHEAD = "subhead"    # in-text subhead (小标题)
    BODY = "body"          # a paragraph of running text
    CAPTION = "caption"    # caption, credit, licence
    OTHER = "other"        # byline, footer lines, section names


@dataclass(frozen=True, slots=True)
class Passage:
    """One piece of copy. `line` is the 1-based line it starts on; `starts` holds
    (character offset, line) for every source line after the first, so a character
    can be traced to its own line; `normalized` is True when the build converts its
    punctuation (GB/T 15834) before setting it."""

    text: str
    file: Path
    line: int
    kind: Kind
    role: FontRole
    where: Where = Where()
    normalized: bool = False
    starts: tuple[tuple[int, int], ...] = ()

    def line_at(self, offset: int) -> int:
        """The source line of character `offset` of `text`."""
        line = self.line
        for start, number in self.starts:
            if start <= offset:
                line = number
        return line


# ------------------------------------------------------------------ raw copy files

def read_raw(file: Path, display: Path | None = None) -> tuple[Passage, ...]:
    """Passages of a raw copy file: `#` lines are headlines, `##` and deeper subheads,
    other lines are joined into paragraphs up to a blank line. `display` is the name
    findings give the file (default `file`)."""
    display = display or file
    text = decode_copy(file.read_bytes())
    passages: list[Passage] = []
    pending: list[tuple[int, str]] = []

    def flush() -> None:
        if pending:
            passages.append(_paragraph(display, pending))
            pending.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            flush()
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            kind = Kind.HEADLINE if level == 1 else Kind.SUBHEAD
            passages.append(Passage(line.lstrip("#").strip(), display, number, kind, FontRole.HEI_BOLD))
        elif line:
            pending.append((number, line.lstrip(">").strip() if line.startswith(">") else line))
    flush()
    return tuple(passages)


def newsroom_passages(file: Path, copy: Copy) -> tuple[Passage, ...]:
    """Passages of a newsroom file's copy (layout.model.copyfile.Copy: its headline-stack
    fields, then its blocks), each on the line or paragraph its reader gave it."""
    out = [Passage(f.text, file, f.source.line, Kind.HEADLINE if f.name.value == "headline" else Kind.OTHER,
                   FontRole.HEI_BOLD) for f in copy.fields]
    for block in copy.blocks:
        if block.runin:
            out.append(Passage(block.runin, file, block.source.line, Kind.SUBHEAD, FontRole.HEI_BOLD))
        kind = Kind.SUBHEAD if block.kind is BlockKind.SUBHEAD else Kind.BODY
        out.append(Passage(block.text, file, block.source.line, kind, FontRole.SONG))
    return tuple(out)


MAX_COPY_BYTES = 20 * 1024 * 1024  # a day's copy is a few hundred kB


class CopyUnreadable(ValueError):
    """A copy file that is not text lint can read; the message says why and what to do."""


def decode_copy(data: bytes) -> str:
    """The text of a raw copy file: UTF-8, with or without a byte-order mark. Raises
    CopyUnreadable for binary data (NUL bytes, or neither UTF-8 nor GB18030) and for
    GB18030/GBK text (named, with how to convert it)."""
    if len(data) > MAX_COPY_BYTES:
        raise CopyUnreadable(_("the file is {size} MB: not copy (at most {limit} MB)").format(
            size=len(data) // 2**20, limit=MAX_COPY_BYTES // 2**20))
    if b"\0" in data:
        raise CopyUnreadable(_("this is not a text file (it holds NUL bytes): lint reads copy saved as UTF-8 text "
                               "or Markdown"))
    not_text = CopyUnreadable(_("this is not a text file: lint reads copy saved as UTF-8 text or Markdown"))
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        position = exc.start
    else:
        if not _looks_like_text(text):
            raise not_text
        return text
    try:
        if not _looks_like_text(data.decode("gb18030")):
            raise not_text
    except UnicodeDecodeError:
        raise CopyUnreadable(_("this is not UTF-8 text (byte {offset}): lint reads copy saved as UTF-8 text or "
                               "Markdown").format(offset=position)) from None
    raise CopyUnreadable(_("the file is in GB18030/GBK, not UTF-8: save it as UTF-8 (e.g. iconv -f gb18030 -t "
                           "utf-8)")) from None


def _looks_like_text(text: str) -> bool:
    """True unless more than 1 % of the characters are controls or the text is mostly
    rare characters (what binary data decodes to in GB18030)."""
    if not text:
        return True
    controls = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn") and ch not in "\t\n\r\f")
    common = sum(1 for ch in text if ch.isascii() or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")
    return controls <= len(text) / 100 and common >= len(text) * 0.8


def _paragraph(file: Path, lines: list[tuple[int, str]]) -> Passage:
    """A paragraph from its (line number, text) source lines, joined as body files are."""
    starts, length = [], 0
    for i, (number, line) in enumerate(lines):
        if i:
            joined = join_lines([t for _, t in lines[:i + 1]])
            length = len(joined) - len(line)
            starts.append((length, number))
    return Passage(join_lines([t for _, t in lines]), file, lines[0][0], Kind.BODY, FontRole.SONG,
                   starts=tuple(starts))


# ------------------------------------------------------------------ a loaded issue

HEAD_KINDS = {"kicker": Kind.HEADLINE, "headline": Kind.HEADLINE, "subhead": Kind.HEADLINE, "byline": Kind.OTHER}
PHOTO_FIELDS = ("caption", "credit", "licence")


def issue_passages(issue: Issue, lines: LineMap) -> tuple[Passage, ...]:
    """Every piece of copy of `issue` (as loaded, before normalization), in issue order;
    `lines` (issue.yaml's line map) gives headline fields their own lines."""
    out: list[Passage] = []
    sources: dict[Path, list[str]] = {}  # body file -> its lines, read once per call
    for index, article in enumerate(issue.articles):
        out += _article(issue, article, index, lines, sources)
    yaml = issue.source.file
    out += [Passage(text, yaml, lines.line(("issue", "qr", "lines", i)), Kind.OTHER, FontRole.HEI,
                    Where("", f"issue.qr.lines[{i}]"), issue.normalize)
            for i, text in enumerate(issue.footer.lines)]
    out += [Passage(page.section, page.source.file, page.source.line, Kind.OTHER, FontRole.HEI_BOLD,
                    Where("", f"page {page.number} section")) for page in issue.pages]
    out.append(Passage(issue.paper, yaml, lines.line(("issue", "paper")), Kind.OTHER, FontRole.HEI_BOLD,
                       Where("", "issue.paper")))
    return tuple(out)


def _article(issue: Issue, article: Article, index: int, lines: LineMap,
             sources: dict[Path, list[str]]) -> list[Passage]:
    """The article's copy as the text stage lists it (layout.text.copyedit.text_fields:
    field names and font roles), with kinds and lines added."""
    norm, out = issue.normalize, []
    photo = -1
    for source, field, text, role in text_fields(article):
        if field == "caption":
            photo += 1
        if not text:
            continue
        where = Where(article.id, field)
        if field in HEAD_KINDS:
            line = lines.line(("articles", index, field))
            out.append(Passage(text, source.file, line, HEAD_KINDS[field], role, where, norm))
        elif field in PHOTO_FIELDS:
            line = lines.line(("articles", index, "photos", max(photo, 0), field))
            out.append(Passage(text, source.file, line, Kind.CAPTION, role, where, norm))
        elif field.endswith("heading"):  # listed after its paragraph; read before it
            out.insert(len(out) - 1, Passage(text, source.file, source.line, Kind.SUBHEAD, role, where, norm))
        else:
            block = article.blocks[int(field.split()[1]) - 1]
            kind = Kind.SUBHEAD if block.kind is BlockKind.SUBHEAD else Kind.BODY
            out.append(Passage(text, source.file, source.line, kind, role, where, norm,
                               _starts(source.file, source.line, sources)))
    return out


def _starts(file: Path, first: int, sources: dict[Path, list[str]]) -> tuple[tuple[int, int], ...]:
    """(offset, line) of each source line after the first of the paragraph that starts
    on line `first` of `file` (inline marks are counted as written: close enough to name
    the line). `sources` caches the files' lines."""
    if file not in sources:
        try:
            sources[file] = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            sources[file] = []
    source = sources[file]
    lines: list[tuple[int, str]] = []
    for number in range(first, len(source) + 1):
        line = source[number - 1].strip()
        if not line or line.startswith("#"):
            break
        lines.append((number, line.lstrip(">").strip() if line.startswith(">") else line))
    return _paragraph(file, lines).starts if lines else ()

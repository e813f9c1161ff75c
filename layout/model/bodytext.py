"""Article body files: a small, strict Markdown subset.

- Paragraphs are separated by blank lines; lines inside a paragraph are joined (with no
  space between two CJK characters, one space otherwise).
- `## 元素一 促进传统消费回暖` is an in-text subhead (小标题) on its own grid lines.
- `### 小标题` just before a paragraph is a run-in heading, set in bold at its start
  (clreq §7.1.3.5).
- `> ` lines are a block quotation, indented as a whole (clreq §6.2.1.2).
- Inline marks: `*着重*` emphasis dots (clreq §5.3.1), `__专名__` proper-noun line
  (§5.6.1), `~~书名~~` wavy book-title line (§5.2), `[[姓名]]` a black frame round the
  name of the deceased (§5.1.1.4); `\\*`, `\\_`, `\\~`, `\\[` are literal.
- A `# ` headline inside a body is an error: headlines belong in issue.yaml.

Files are UTF-8 (a byte-order mark is allowed), or GB18030/GBK when issue.yaml says
`encoding: gb18030` (layout/model/encoding.py).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from layout.errors import Diagnostic, Problem
from layout.i18n import _
from layout.model.encoding import Encoding, decode
from layout.model.schema import Block, BlockKind, Mark, MarkKind, Source

if TYPE_CHECKING:
    from layout.model.copyfile import CopyRead

MAX_BODY_BYTES = 8 * 1024 * 1024  # a long feature is 30 KB; more is not a body file

MARKERS = (("__", MarkKind.PROPER), ("~~", MarkKind.BOOK), ("[[", MarkKind.FRAME), ("]]", MarkKind.FRAME),
           ("*", MarkKind.EMPHASIS))
_SPECIAL = re.compile(r"[\\_~\[\]*]")  # a character a marker or an escape starts with


def read_body(file: Path, display: Path, encoding: Encoding = Encoding.UTF8) -> tuple[tuple[Block, ...], list[Problem]]:
    """Blocks of `file` (shown to the user as `display`, read as `encoding`; a leading
    byte-order mark is dropped) and any problems found."""
    text = read_text(file, display, encoding)
    if isinstance(text, Diagnostic):
        return (), [text]
    return _blocks(text, display)


def read_markdown(file: Path, display: Path, encoding: Encoding = Encoding.UTF8) -> CopyRead:
    """`read_body` as a body-file reader (layout/model/copyfile.py), with a notice when
    the file looks like an editorial system's plain-text export."""
    from layout.model.copyfile import Copy, CopyRead

    text = read_text(file, display, encoding)
    if isinstance(text, Diagnostic):
        return CopyRead(Copy(()), (text,))
    blocks, problems = _blocks(text, display)
    return CopyRead(Copy(blocks), tuple(problems), _looks_plain(text, display))


def _blocks(text: str, display: Path) -> tuple[tuple[Block, ...], list[Problem]]:
    reader = _Reader(display)
    for number, raw in enumerate(text.splitlines(), start=1):
        reader.line(number, raw.strip())
    reader.flush()
    if reader.runin:
        reader.problem(reader.runin[1], _("a '### ' run-in heading must be followed by a paragraph"))
    return tuple(reader.blocks), reader.problems


def _looks_plain(text: str, display: Path) -> tuple[Diagnostic, ...]:
    """A notice when lines of one Markdown paragraph start with full-width spaces (the
    indent of a paragraph in an editorial system's export): they are joined into one
    paragraph here, which is seldom what the newsroom meant."""
    from layout.model.copyfile import notice

    lines = text.splitlines()
    for number, (line, following) in enumerate(zip(lines, lines[1:]), start=1):
        if line.strip() and following.startswith("\u3000") and not line.startswith("#"):
            return (notice(display, number + 1, _("this line starts with full-width spaces and is joined to the line "
                                                  "before it into one paragraph (Markdown joins the lines of a "
                                                  "paragraph)"),
                           _("if the file is an editorial system's plain-text export (one paragraph a line), give "
                             "the article `body_format: plain`; in Markdown, separate paragraphs by a blank line")),)
    return ()


def read_text(file: Path, display: Path, encoding: Encoding) -> str | Diagnostic:
    """The text of body file `file` (at most MAX_BODY_BYTES, read as `encoding`), or why not."""
    try:
        size = file.stat().st_size
        if size > MAX_BODY_BYTES:
            return Diagnostic(display, 0, "", _("the body file is {size:.0f} MB; at most {most} MB").format(
                size=size / 1e6, most=MAX_BODY_BYTES // 2 ** 20), _("split the article"))
        data = file.read_bytes()
    except OSError as exc:
        return Diagnostic(display, 0, "", _("cannot read the file ({reason})").format(reason=exc.strerror or exc),
                          _("check its permissions"))
    return decode(data, display, encoding)


class _Reader:
    """Collects blocks line by line (private state of read_body)."""

    def __init__(self, display: Path):
        self.display = display
        self.blocks: list[Block] = []
        self.problems: list[Problem] = []
        self.pending: list[str] = []
        self.kind = BlockKind.PARAGRAPH
        self.start = 0
        self.runin: tuple[str, int] | None = None

    def problem(self, number: int, message: str) -> None:
        self.problems.append(Problem(self.display, number, "", message))

    def line(self, number: int, line: str) -> None:
        self.problems += bad_characters(line, self.display, number)
        quote = line.startswith(">")
        if not line or line.startswith("#") or (self.pending and quote != (self.kind is BlockKind.QUOTE)):
            self.flush()
        if line.startswith("## "):
            self.blocks.append(Block(BlockKind.SUBHEAD, line[3:].strip(), Source(self.display, number)))
        elif line.startswith("### "):
            self.runin = (line[4:].strip(), number)
        elif line.startswith("#"):
            self.problem(number, _("a '#' headline inside a body file; put headlines in issue.yaml, "
                                   "subheads as '## ', run-in headings as '### '"))
        elif line:
            if not self.pending:
                self.start, self.kind = number, BlockKind.QUOTE if quote else BlockKind.PARAGRAPH
            self.pending.append(line[1:].strip() if quote else line)

    def flush(self) -> None:
        if not self.pending:
            return
        source = Source(self.display, self.start)
        text, marks, problem = parse_marks(join_lines(self.pending))
        if problem:
            self.problem(self.start, problem)
        runin = ""
        if self.runin:
            runin, self.runin = self.runin[0], None
        self.blocks.append(Block(self.kind, text, source, marks, runin))
        self.pending = []


def parse_marks(text: str) -> tuple[str, tuple[Mark, ...], str]:
    """Text without inline markers, the marks they made, and a problem (or "")."""
    if _SPECIAL.search(text) is None:  # most paragraphs: nothing to look at
        return text, (), ""
    out: list[str] = []
    marks: list[Mark] = []
    open_at: dict[MarkKind, int] = {}
    position = 0  # characters in `out`
    i = 0
    while i < len(text):
        found = _SPECIAL.search(text, i)
        if found is None:  # plain text to the end
            out.append(text[i:])
            break
        if found.start() > i:  # plain text up to the next character that may start a marker
            out.append(text[i:found.start()])
            position += found.start() - i
            i = found.start()
        if text[i] == "\\" and text[i + 1:i + 2] in ("*", "_", "~", "[", "]"):
            out.append(text[i + 1])
            position += 1
            i += 2
            continue
        marker = next(((m, kind) for m, kind in MARKERS if text.startswith(m, i)), None)
        if marker is None or (marker[0] in ("[[", "]]") and (marker[0] == "[[") == (marker[1] in open_at)):
            out.append(text[i])  # not a marker, or a stray bracket pair (not a frame): kept as text
            position += 1
            i += 1
            continue
        token, kind = marker
        if kind in open_at:
            start = open_at.pop(kind)
            if position > start:
                marks.append(Mark(kind, start, position))
        else:
            open_at[kind] = position
        i += len(token)
    if open_at:
        names = ", ".join(dict.fromkeys(token for token, kind in MARKERS if kind in open_at and token != "]]"))
        return "".join(out), tuple(marks), _("unclosed inline mark {names} (a backslash before a marker makes it "
                                              "literal: \\*)").format(names=names)
    return "".join(out), tuple(sorted(marks, key=lambda m: m.start)), ""


def join_lines(lines: list[str]) -> str:
    """Join wrapped source lines: no space between CJK characters, one space otherwise."""
    out = lines[0]
    for line in lines[1:]:
        cjk = _is_wide(out[-1]) or _is_wide(line[0])
        out += line if cjk else " " + line
    return out


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def bad_characters(line: str, display: Path, number: int, field: str = "") -> list[Problem]:
    """Control and private-use characters never belong in copy."""
    bad = [ch for ch in line if unicodedata.category(ch) in ("Cc", "Co", "Cs")]
    if not bad:
        return []
    names = ", ".join(f"U+{ord(ch):04X}" for ch in dict.fromkeys(bad))
    return [Problem(display, number, field, _("control or private-use character(s) {names}").format(names=names),
                    _("delete them (they print as nothing, or as a box)"))]

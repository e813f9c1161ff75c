"""Body files in every format the newsroom sends (docs/newsroom.md): which reader a file
goes to, and the record every reader returns.

- `markdown` (`.md`, and other text files unless the issue says otherwise): the strict
  Markdown subset of layout/model/bodytext.py;
- `plain`: plain text exported from an editorial system (layout/model/plaintext.py);
- `docx` (`.docx`): a Word file (layout/model/wordfile.py);
- `ninjs` (`.json`): an IPTC ninjs news item (layout/model/ninjs.py).

A reader returns a `CopyRead`: the `Copy` (body blocks, and the headline-stack fields and
pictures the format carries), `problems` (errors: the file cannot be used as it is) and
`notices` (warnings: what the file holds that the body cannot carry, each with the file
and the line or paragraph). Nothing is dropped without a notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from layout.errors import Diagnostic, Severity
from layout.i18n import N_, _
from layout.model.encoding import Encoding
from layout.model.fields import Checker
from layout.model.schema import Block, BodyFormat, Source

# by file extension; a text file with another extension takes the issue's `body_format`
EXTENSIONS = {".docx": BodyFormat.DOCX, ".json": BodyFormat.NINJS, ".md": BodyFormat.MARKDOWN,
              ".markdown": BodyFormat.MARKDOWN}
# formats we cannot read, and how to save them as one we can
ISSUE_FORMATS = (BodyFormat.MARKDOWN, BodyFormat.PLAIN)  # what `issue: body_format:` may say
REFUSED_EXTENSIONS = {".doc": "Word 97–2003", ".wps": "WPS", ".rtf": "RTF", ".odt": "OpenDocument",
                      ".pages": "Pages", ".docm": "macro-enabled Word", ".dotx": "Word template"}


class StackField(StrEnum):
    """A headline-stack field a body file may carry (with the issue.yaml key of the same name)."""

    KICKER = "kicker"      # 引题
    HEADLINE = "headline"  # 主题
    SUBHEAD = "subhead"    # 副题
    BYLINE = "byline"      # 作者 / 署名


STACK_NAMES = {StackField.KICKER: N_("kicker"), StackField.HEADLINE: N_("headline"),
               StackField.SUBHEAD: N_("subhead"), StackField.BYLINE: N_("byline")}


def stack_name(name: StackField) -> str:
    """The field's name for a message, in the reader's language (引题, 主题, 副题, 署名)."""
    return _(STACK_NAMES[name])


@dataclass(frozen=True, slots=True)
class CopyField:
    """A headline-stack field found in a body file, with where it was written."""

    name: StackField
    text: str
    source: Source


@dataclass(frozen=True, slots=True)
class CopyPhoto:
    """A picture a body file names (a ninjs association): `file` as written (relative to
    the body file's folder), its caption, credit and licence (empty when not given),
    and where it was written (`field` is its path in the file)."""

    file: str
    caption: str
    credit: str
    licence: str
    source: Source
    field: str


@dataclass(frozen=True, slots=True)
class Copy:
    """What a body file gives its article."""

    blocks: tuple[Block, ...]
    fields: tuple[CopyField, ...] = ()
    photos: tuple[CopyPhoto, ...] = ()

    def field(self, name: StackField) -> CopyField | None:
        return next((f for f in self.fields if f.name is name), None)


@dataclass(frozen=True, slots=True)
class CopyRead:
    """A reader's result: the copy, errors (`problems`) and warnings (`notices`)."""

    copy: Copy
    problems: tuple[Diagnostic, ...] = ()
    notices: tuple[Diagnostic, ...] = ()


def notice(file: Path, line: int, message: str, hint: str = "", field: str = "") -> Diagnostic:
    """A warning for the report: something in `file` that was not carried over as it was."""
    return Diagnostic(file, line, field, message, hint, severity=Severity.WARNING)


def excerpt(text: str, length: int = 16) -> str:
    """The start of `text` in 「」 for a message (to find the place in the file)."""
    text = " ".join(text.split())
    return f"「{text[:length]}…」" if len(text) > length else f"「{text}」"


def format_of(name: str, given: BodyFormat | None, default: BodyFormat) -> BodyFormat:
    """The format of body file `name`: `given` (the article's `body_format`) if any, else by
    extension, else `default` (the issue's `body_format`, markdown unless it says)."""
    if given is not None:
        return given
    return EXTENSIONS.get(Path(name).suffix.lower(), default)


def issue_body_format(check: Checker, meta: object) -> BodyFormat:
    """The issue's `body_format` (in `issue:` mapping `meta`): how body files whose
    extension does not decide are read, `markdown` (default) or `plain`; `docx` and
    `ninjs` files are known by their extension, so naming them here is a problem."""
    if not isinstance(meta, dict) or "body_format" not in meta:
        return BodyFormat.MARKDOWN
    chosen = check.choice(meta, ("issue",), "body_format", BodyFormat, BodyFormat.MARKDOWN)
    if chosen not in ISSUE_FORMATS:
        check.error(("issue", "body_format"), _("for the whole issue, body_format is markdown or plain, got {got}").format(
            got=repr(chosen.value)), _(".docx and .json body files are read by their extension; give an article its own "
                                       "`body_format` if its file's extension says otherwise"))
        return BodyFormat.MARKDOWN
    return chosen


def refused_format(name: str) -> str:
    """Why a body file cannot be read by its extension (an old Word file, WPS…), or ""."""
    kind = REFUSED_EXTENSIONS.get(Path(name).suffix.lower())
    if kind is None:
        return ""
    return _("{kind} files cannot be read; save it as a Word document (.docx) or as plain text (.txt)").format(kind=kind)


def read_copy(file: Path, display: Path, encoding: Encoding, fmt: BodyFormat) -> CopyRead:
    """Read body file `file` (shown to the user as `display`) in format `fmt`; text
    formats are read as `encoding`. A file read before in this process with the same
    bytes, name, encoding and format (and messages in the same language) is not parsed
    again (layout/model/memo.py)."""
    from layout.i18n import language
    from layout.model.memo import COPY, read_by_content

    return read_by_content(COPY, file, (file, display, encoding, fmt, language()),
                           lambda: _read_copy(file, display, encoding, fmt))


def _read_copy(file: Path, display: Path, encoding: Encoding, fmt: BodyFormat) -> CopyRead:
    """The reader of `fmt` on `file`; the readers are imported only when used."""
    if fmt is BodyFormat.DOCX:
        from layout.model.wordfile import read_docx
        return read_docx(file, display)
    if fmt is BodyFormat.NINJS:
        from layout.model.ninjs import read_ninjs
        return read_ninjs(file, display)
    if fmt is BodyFormat.PLAIN:
        from layout.model.plaintext import read_plain
        return read_plain(file, display, encoding)
    from layout.model.bodytext import read_markdown
    return read_markdown(file, display, encoding)

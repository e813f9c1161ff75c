"""Sign-off (签发): who signed which revision of which page, and when.

Signatures are kept in the issue folder as `signoff.txt`, plain text, one line per
signature, newest last, so the file diffs and merges like copy::

    # paiban sign-off (签发): page, page revision, time, role, name; tab-separated, newest last
    5	3f2a9c01d2	2023-01-05 23:10	值班主任	张三

A page's revision (`page_revision`) is a hash of the page as composed — its text trace
(every glyph, rule, photo and QR code with its position: layout/render/trace.py) and
the bytes of its photos — so it changes exactly when what would print changes, and
never with how a path was typed, the proof's round or time. A page is 已签 (signed)
when a signature names its current revision, 改后待签 (changed since it was signed)
when only older revisions are signed, and 未签 (unsigned) otherwise.

`unsigned(folder, pages)` is what `paiban build --deliver` asks before delivering.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

from layout.compose.page import HATCH
from layout.compose.items import ComposedPage, Picture, Rule, TextRun
from layout.errors import Problem, IssueError
from layout.i18n import N_, _
from layout.model.schema import RunKind

SIGNOFF_FILE = "signoff.txt"
HEADER = "# paiban sign-off (签发): page, page revision, time, role, name; tab-separated, newest last\n"
DEFAULT_ROLE = "值班主任"


class PageState(Enum):
    """A page's sign-off state; the value is the trade's word (shown translated)."""

    UNSIGNED = "未签"
    SIGNED = "已签"
    CHANGED = "改后待签"  # signed, then changed: to be signed again


STATE_LABELS = {PageState.UNSIGNED: N_("unsigned"), PageState.SIGNED: N_("signed"),
                PageState.CHANGED: N_("changed since signed")}


def state_label(state: PageState) -> str:
    """`未签` / `已签` / `改后待签` in Chinese, `unsigned` / … in English."""
    from layout.i18n import language

    return state.value if language() == "zh" else _(STATE_LABELS[state])


@dataclass(frozen=True, slots=True)
class Signature:
    """One signature: page number, the page revision signed, time (local, to the
    minute), the signer's role and name, and the line of signoff.txt it is on."""

    page: int
    revision: str
    time: str
    role: str
    name: str
    line: int = 0

    def as_line(self) -> str:
        return f"{self.page}\t{self.revision}\t{self.time}\t{self.role}\t{self.name}\n"


@dataclass(frozen=True, slots=True)
class PageSignoff:
    """A page's state, its current revision and its latest signature (None: never signed)."""

    page: int
    state: PageState
    revision: str
    last: Signature | None


DRAFT_ONLY = frozenset({RunKind.OVERSET, RunKind.OVERSET_NOTE})


def printed(page: ComposedPage) -> ComposedPage:
    """The page without what only a draft shows: overset copy, its 超版 label, and the
    red outline and hatching of holes (layout.compose.page.HATCH)."""
    def keep(item) -> bool:
        if isinstance(item, TextRun):
            return item.kind not in DRAFT_ONLY
        if isinstance(item, Rule):
            return item.colour != HATCH
        return True

    return replace(page, items=tuple(i for i in page.items if keep(i)))


def page_revision(page: ComposedPage) -> str:
    """10 hex digits of SHA-256 over the page's text trace and its photos' bytes, as
    printed (the same for a page composed as a draft and for the plant)."""
    from layout.render.trace import trace_page

    page = printed(page)
    digest = hashlib.sha256(trace_page(page).encode("utf-8"))
    for item in page.items:
        if isinstance(item, Picture):
            try:
                digest.update(b"\0" + Path(item.file).read_bytes())
            except OSError:
                digest.update(b"\0missing")
    return digest.hexdigest()[:10]


def _composed(page) -> ComposedPage:
    """A ComposedPage from a ComposedPage or a PageResult."""
    return page if isinstance(page, ComposedPage) else page.page


def read_signatures(folder: Path) -> tuple[Signature, ...]:
    """The signatures in `folder`/signoff.txt, in file order (none when there is no file).
    Raises IssueError naming the line for a line that is not a signature."""
    file = Path(folder) / SIGNOFF_FILE
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ()
    except (OSError, UnicodeDecodeError) as exc:
        raise IssueError([Problem(file, 0, "", _("cannot read the sign-off file: {reason}").format(reason=exc))]) from None
    out, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 5 or not parts[0].strip().isdigit() or not parts[1].strip():
            problems.append(Problem(file, number, "", _("not a signature: expected page, revision, time, role and "
                                                         "name separated by tabs")))
            continue
        out.append(Signature(int(parts[0]), parts[1].strip(), parts[2].strip(), parts[3].strip(), parts[4].strip(),
                             number))
    if problems:
        raise IssueError(problems)
    return tuple(out)


def states(folder: Path, pages: Iterable) -> dict[int, PageSignoff]:
    """Each page's sign-off state by page number; `pages` are ComposedPage or
    PageResult (layout.compose) as composed now."""
    signatures = read_signatures(folder)
    out = {}
    for page in map(_composed, pages):
        revision = page_revision(page)
        mine = [s for s in signatures if s.page == page.number]
        current = [s for s in mine if s.revision == revision]
        state = PageState.SIGNED if current else PageState.CHANGED if mine else PageState.UNSIGNED
        latest = (current or mine)[-1] if current or mine else None
        out[page.number] = PageSignoff(page.number, state, revision, latest)
    return out


def unsigned(folder: Path, pages: Iterable) -> tuple[int, ...]:
    """The numbers of the pages (ComposedPage or PageResult) whose current revision no
    signature in `folder`/signoff.txt names: what `--deliver` refuses without --force."""
    return tuple(n for n, s in sorted(states(folder, pages).items()) if s.state is not PageState.SIGNED)


def sign(folder: Path, page, name: str, role: str = DEFAULT_ROLE, time: dt.datetime | None = None) -> Signature:
    """Record that `name` (`role`) signs `page` (ComposedPage or PageResult) at its
    current revision: a line appended to signoff.txt (the file replaced atomically)."""
    name, role = name.strip(), role.strip()
    for field, value in (("--by", name), ("--role", role)):
        if not value or any(c in value for c in "\t\r\n"):
            raise IssueError([Problem(Path(folder) / SIGNOFF_FILE, 0, field,
                                      _("a name or role is one line of text without tabs"))])
    composed = _composed(page)
    moment = (time or dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
    signature = Signature(composed.number, page_revision(composed), moment, role, name)
    file = Path(folder) / SIGNOFF_FILE
    old = file.read_text(encoding="utf-8") if file.is_file() else HEADER
    _replace(file, (old if old.endswith("\n") else old + "\n") + signature.as_line())
    return signature


def _replace(file: Path, text: str) -> None:
    """Write `text` to `file` all at once (a temporary file beside it, renamed over it)."""
    fd, tmp = tempfile.mkstemp(prefix=".signoff-", dir=file.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fp:
            fp.write(text)
        os.replace(tmp, file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

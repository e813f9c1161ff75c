"""Where a finding is on the composed pages: the line of type it concerns.

The compose stage hands over text runs that know their article and kind ("body",
"headline", "caption", "overset", …) and their baseline and glyph positions. Runs on
one baseline, one after the other, make a line. An article's body lines, read in
order over its pages, spell its blocks one after the other (byline first, run-in
headings before their paragraph); matching the characters (spaces aside) tells which
line holds character `offset` of block `n`.

Coordinates are pt from the trim's top-left corner, y downwards (as in compose).
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.compose import PageResult
from layout.compose.grid import ASCENT
from layout.compose.items import TextRun, TextSource
from layout.lint.findings import Finding
from layout.model.schema import Article
from layout.text.copyedit import shift
from layout.text.normalize import normalize

BODY_KINDS = ("body", "subhead", "overset")
STACK_KINDS = ("kicker", "headline", "subhead")
OTHER_KINDS = {"caption": "caption", "credit": "caption", "licence": "licence"}  # field -> run kind
FURNITURE = (("issue.qr.lines", "footer"), ("issue.paper", "header"), ("page ", "header"))  # field -> run kind


@dataclass(frozen=True, slots=True)
class Line:
    """One line of type on a page: its text, kind, extent and baseline (pt)."""

    page: int
    article: str
    kind: str
    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    sources: tuple[TextSource, ...] = ()  # where its runs' text comes from (compose's TextSource)

    @property
    def top(self) -> float:
        return self.baseline - ASCENT * self.size

    @property
    def bottom(self) -> float:
        return self.baseline + (1 - ASCENT) * self.size


@dataclass(frozen=True, slots=True)
class Spot:
    """Where a finding points: page number and the box of the line(s), pt; the box of
    its first line and where that line's text comes from (None: not known)."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    first: tuple[float, float, float, float] | None = None
    sources: tuple[TextSource, ...] = ()  # of its first line

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(frozen=True, slots=True)
class Numbered:
    """A finding with its number in the proof's list and its spot (None: not on a page)."""

    number: int
    finding: Finding
    spot: Spot | None
    id: str = ""  # stable across rounds (layout.proof.numbering.finding_id)


def page_lines(result: PageResult) -> list[Line]:
    """Lines of the page in drawing order: consecutive runs of one article and kind on
    one baseline are one line."""
    lines: list[Line] = []
    for item in result.page.items:
        if not isinstance(item, TextRun) or not item.glyphs:
            continue
        x0, x1 = item.glyphs[0][1], item.glyphs[-1][1] + item.size
        last = lines[-1] if lines else None
        if (last and last.article == item.article and abs(last.baseline - item.baseline) < 0.01
                and last.kind == item.kind and -0.5 <= x0 - last.x1 + last.size <= last.size * 2):
            lines[-1] = Line(last.page, last.article, last.kind, last.text + item.text, last.x0, x1,
                             last.baseline, max(last.size, item.size), last.sources + _sources(item))
        else:
            lines.append(Line(result.page.number, item.article, item.kind, item.text, x0, x1, item.baseline, item.size,
                              _sources(item)))
    return lines


def _sources(run: TextRun) -> tuple[TextSource, ...]:
    return (run.source,) if run.source is not None else ()


@dataclass(frozen=True, slots=True)
class ArticleLines:
    """An article's lines: its headline stack, its body lines in reading order with,
    for each, the (block, first offset, end offset) spans it holds, and other lines."""

    stack: tuple[Line, ...]
    body: tuple[Line, ...]
    spans: tuple[tuple[tuple[int, int, int], ...], ...]
    other: tuple[Line, ...]


def article_lines(article: Article, lines: list[Line]) -> ArticleLines:
    """Sort the article's lines (over all pages, in order) into stack, body and other."""
    own = [l for l in lines if l.article == article.id]
    stack, body, other = [], [], []
    started = False
    for line in own:
        if line.kind in BODY_KINDS and (started or line.kind == "body" or not _in_subhead(line, article)):
            started = True
            body.append(line)
        elif line.kind in STACK_KINDS:
            stack.append(line)
        else:
            other.append(line)
    return ArticleLines(tuple(stack), tuple(body), _spans(article, body), tuple(other))


def _in_subhead(line: Line, article: Article) -> bool:
    """True for a line of the article's 副题 (stack subhead), set before the body."""
    squeeze = "".join(article.subhead.split())
    return bool(squeeze) and "".join(line.text.split()) in squeeze


def _stream(article: Article) -> list[tuple[str, int, int]]:
    """(character, block, offset) of the body as set: byline, run-in headings, blocks."""
    out: list[tuple[str, int, int]] = []
    first = True
    for index, block in enumerate(article.blocks):
        prefix = ""
        if block.kind.value != "subhead":
            prefix = (article.byline if first and article.byline else "") + (block.runin or "")
            first = False
        out += [(ch, index, 0) for ch in prefix if not ch.isspace()]
        out += [(ch, index, i) for i, ch in enumerate(block.text) if not ch.isspace()]
    return out


def _spans(article: Article, body: list[Line]) -> tuple[tuple[tuple[int, int, int], ...], ...]:
    """For each body line, the (block, start, end) character spans it holds, by walking
    the expected stream alongside the lines' characters."""
    stream = _stream(article)
    at = 0
    out = []
    for line in body:
        spans: dict[int, list[int]] = {}
        for ch in line.text:
            if ch.isspace():
                continue
            j = _find(stream, at, ch)
            if j is None:
                continue
            _c, block, offset = stream[j]
            spans.setdefault(block, [offset, offset])[1] = offset + 1
            at = j + 1
        out.append(tuple((b, s, e) for b, (s, e) in spans.items()))
    return tuple(out)


def _find(stream, at: int, ch: str, window: int = 4) -> int | None:
    """Index of `ch` in `stream` from `at`, looking a few characters ahead (a character
    the set line has and the copy has not, or the reverse, does not derail the walk)."""
    for j in range(at, min(at + window, len(stream))):
        if stream[j][0] == ch:
            return j
    return None


def _box(lines: list[Line] | tuple[Line, ...]) -> Spot:
    first = lines[0]
    same = [l for l in lines if l.page == first.page]
    return Spot(first.page, min(l.x0 for l in same), min(l.top for l in same),
                max(l.x1 for l in same), max(l.bottom for l in same), (first.x0, first.top, first.x1, first.bottom), first.sources)


def locate(finding: Finding, raw: Article | None, article: Article | None, found: ArticleLines | None) -> Spot | None:
    """The spot on the pages a finding concerns, or None when it is not on a page.
    `raw` is the article as written, `article` as set (normalized), `found` its lines."""
    where = finding.where
    if found is None or article is None:
        return None
    if where.field == "overset":
        lines = [l for l in found.body if l.kind == "overset"] or list(found.body[-1:])
        return _box(lines[:1]) if lines else None
    if where.field == "byline":  # run in at the start of the first paragraph
        return _box(list(found.body[:1])) if found.body else None
    if where.field in STACK_KINDS:
        lines = [l for l in found.stack if l.kind == where.field] or list(found.stack)
        return _box(lines) if lines else None
    if where.field.startswith("paragraph"):
        return _paragraph_spot(where, raw, article, found)
    kind = OTHER_KINDS.get(where.field.split(".")[-1])
    lines = [l for l in found.other if l.kind == kind]
    return _box(lines[:1]) if lines else None


def _paragraph_spot(where, raw: Article | None, article: Article, found: ArticleLines) -> Spot | None:
    block = int(where.field.split()[1]) - 1
    offset = where.offset or 0
    if raw is not None and block < len(raw.blocks) and raw.blocks[block].text != article.blocks[block].text:
        offset = shift(offset, normalize(raw.blocks[block].text)[1])  # as written → as set
    best = None
    for line, spans in zip(found.body, found.spans):
        for b, start, end in spans:
            if b == block and (best is None or start <= offset):
                best = line
                if start <= offset < end:
                    return _box([line])
    return _box([best]) if best else None


def furniture_spot(finding: Finding, lines: list[Line]) -> Spot | None:
    """The spot of a finding about the page furniture (the lines by the QR code, the
    paper's name, a page's section): the first such line, on the page it names or the
    first page."""
    field = finding.where.field
    kind = next((k for prefix, k in FURNITURE if field.startswith(prefix)), None)
    page = int(field.split()[1]) if field.startswith("page ") else None
    found = [l for l in lines if not l.article and l.kind == kind and (page is None or l.page == page)]
    if field.startswith("issue.qr.lines["):
        index = int(field[len("issue.qr.lines["):-1])
        found = [l for l in found if l.page == found[0].page][index:index + 1] if found else []
    return _box(found[:1]) if found else None

"""Apply copy normalization to a whole issue and check every character has a glyph.

Both run before layout: normalization (GB/T 15834) changes the text that is set, and a
character no configured font covers stops the build, naming article, paragraph,
character and font, instead of printing an empty box.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace

from layout.errors import IssueError, Problem
from layout.i18n import N_, _
from layout.model.schema import Article, Block, BlockKind, FontRole, Issue, Source
from layout.text.classes import is_space
from layout.text.metrics import Metrics, MetricsSet
from layout.text.normalize import Edit, normalize


@dataclass(frozen=True, slots=True)
class CopyChange:
    """One normalization edit: where (file:line, article, field) and what."""

    source: Source
    article: str
    field: str
    edit: Edit

    def __str__(self) -> str:
        return f"{self.source}: {self.article} {self.field} @{self.edit.offset}: " \
               f"{self.edit.before!r} → {self.edit.after!r}"


def normalize_issue(issue: Issue) -> tuple[Issue, tuple[CopyChange, ...]]:
    """The issue with every article's copy normalized, and the changes made. When the
    issue turns normalization off, it is returned unchanged with no changes."""
    if not issue.normalize:
        return issue, ()
    done = [normalized_article(a) for a in issue.articles]
    return replace(issue, articles=tuple(a for a, _ in done)), tuple(c for _, made in done for c in made)


def normalized_article(article: Article) -> tuple[Article, tuple[CopyChange, ...]]:
    """`article` with its copy normalized, and the changes made; remembered by the
    article itself (every field, its copy and where it came from) for the process's
    next build (layout/model/memo.py): an article that did not change is not
    normalized again, one whose copy changed is another key."""
    from layout.model.memo import ARTICLES

    def make() -> tuple[Article, tuple[CopyChange, ...]]:
        changes: list[CopyChange] = []
        return _article(article, changes), tuple(changes)

    return ARTICLES.get(article, make)


def _article(article: Article, changes: list[CopyChange]) -> Article:
    def fix(text: str, source: Source, field: str) -> str:
        fixed, edits = normalized(text)
        changes.extend(CopyChange(source, article.id, field, e) for e in edits)
        return fixed

    def fix_block(block: Block, i: int) -> Block:
        fixed, edits = normalized(block.text)
        changes.extend(CopyChange(block.source, article.id, f"paragraph {i + 1}", e) for e in edits)
        marks = tuple(replace(m, start=shift(m.start, edits), end=shift(m.end, edits)) for m in block.marks)
        return replace(block, text=fixed, marks=marks, runin=fix(block.runin, block.source, f"paragraph {i + 1} heading"))

    src = article.source
    blocks = tuple(fix_block(b, i) for i, b in enumerate(article.blocks))
    photos = tuple(replace(p, caption=fix(p.caption, p.source, "caption"), credit=fix(p.credit, p.source, "credit"))
                   for p in article.photos)
    return replace(article, kicker=fix(article.kicker, src, "kicker"), headline=fix(article.headline, src, "headline"),
                   subhead=fix(article.subhead, src, "subhead"), byline=fix(article.byline, src, "byline"),
                   blocks=blocks, photos=photos)


def normalized(text: str) -> tuple[str, tuple[Edit, ...]]:
    """`normalize(text)`, remembered by the text itself for the process's next build
    (layout/model/memo.py): copy that did not change is not normalized again."""
    from layout.model.memo import NORMALIZED

    if not text:
        return text, ()
    return NORMALIZED.get(text, lambda: normalize(text))


def shift(offset: int, edits: tuple[Edit, ...]) -> int:
    """Where character `offset` of the original text is after `edits` (marks move with
    the copy when "..." becomes "……")."""
    moved = offset
    for e in edits:
        if e.offset + len(e.before) <= offset:
            moved += len(e.after) - len(e.before)
    return moved


def text_fields(article: Article) -> Iterator[tuple[Source, str, str, FontRole]]:
    """(source, field, text, font role) for every piece of copy in the article."""
    src = article.source
    yield src, "kicker", article.kicker, FontRole(article.kicker_font)
    yield src, "headline", article.headline, FontRole(article.headline_font)
    yield src, "subhead", article.subhead, FontRole(article.subhead_font)
    yield src, "byline", article.byline, FontRole.HEI
    roles = {BlockKind.SUBHEAD: FontRole.HEI_BOLD, BlockKind.QUOTE: FontRole.KAI}
    for i, block in enumerate(article.blocks):
        yield block.source, f"paragraph {i + 1}", block.text, roles.get(block.kind, FontRole.SONG)
        if block.runin:
            yield block.source, f"paragraph {i + 1} heading", block.runin, FontRole.HEI_BOLD
    for photo in article.photos:
        yield photo.source, "caption", photo.caption, FontRole.KAI
        yield photo.source, "credit", photo.credit, FontRole.HEI
        yield photo.source, "licence", photo.licence, FontRole.HEI


# Characters the furniture prints around the user's fields, by the role that prints them
# (layout/compose/furniture.py, module.py): dates 2023年1月6日 星期五, 农历壬寅年腊月十五,
# 第N期 总第N期, the CN serial's label, the credits' labels, 第N版, 转第N版 / 上接第N版.
DATE_CHARACTERS = "0123456789年月日 星期一二三四五六七八九十农历正冬腊闰初廿甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
FURNITURE_CHARACTERS: tuple[tuple[FontRole, str, str], ...] = (
    (FontRole.HEI, N_("masthead and header lines"), DATE_CHARACTERS + "第期总国内统一连续出版物号"),
    (FontRole.HEI_BOLD, N_("masthead and header lines"), DATE_CHARACTERS + "第版"),
    (FontRole.HEI, N_("credits line"), "责任编辑美编校对：\u3000"),
    (FontRole.KAI, N_("jump lines"), "（）转上接第版0123456789"),
)


def issue_fields(issue: Issue) -> Iterator[tuple[Source, str, str, FontRole]]:
    """(source, field, text, font role) for every field the page furniture prints: the
    paper's name (bold Song in the masthead, bold Hei in the header), edition and serial
    (masthead), section names, editor credits, the QR lines (the first in bold Hei)."""
    src = issue.source
    masthead = any(p.masthead for p in issue.pages)
    if masthead:
        yield src, "issue.paper", issue.paper, FontRole.SONG_BOLD
        yield src, "issue.edition", issue.edition, FontRole.HEI
        yield src, "issue.serial", issue.serial, FontRole.HEI
    if not all(p.masthead for p in issue.pages):
        yield src, "issue.paper", issue.paper, FontRole.HEI_BOLD
    for i, line in enumerate(issue.footer.lines):
        yield src, f"issue.qr.lines[{i}]", line, FontRole.HEI_BOLD if i == 0 else FontRole.HEI
    for page in issue.pages:
        yield page.source, f"page {page.number} section", page.section, FontRole.HEI_BOLD
        for name in ("editor", "designer", "proofreader"):
            yield page.source, f"page {page.number} credits.{name}", getattr(page.credits, name), FontRole.HEI


def check_coverage(issue: Issue, metrics: MetricsSet) -> None:
    """Raise IssueError for every character of every printed field (article copy, page
    furniture, the furniture's own labels) that the font of its role has no glyph for."""
    problems: list[Problem] = []
    for article in issue.articles:
        for source, field, text, role in text_fields(article):
            problems += _missing(text, metrics, role, issue, source, f"{article.id} {field}")
    for source, field, text, role in issue_fields(issue):
        problems += _missing(text, metrics, role, issue, source, field)
    for role, what, text in FURNITURE_CHARACTERS:
        problems += _missing(text, metrics, role, issue, issue.source, f"fonts.{role.value}", what)
    if problems:
        raise IssueError(problems)


def _missing(text: str, metrics: MetricsSet, role: FontRole, issue: Issue, source: Source, where: str,
             furniture: str = "") -> list[Problem]:
    """A problem for each character of `text` the font of `role` lacks (`furniture`:
    the characters are paiban's own labels, printed in that part of the page)."""
    font = metrics.get(role)
    missing = lacking(font, text)
    if not missing:
        return []
    path = issue.fonts.path(role)
    if furniture:
        return [Problem(source.file, source.line, where,
                        _("the {role} font {font} lacks {missing}, which the {furniture} print").format(
                            role=role.value, font=path.name, missing=repr("".join(missing)), furniture=_(furniture)),
                        _("use a font for '{role}' that has them").format(role=role.value))] if missing else []
    return [Problem(source.file, source.line, where,
                    _("character '{ch}' (U+{code} {name}) is in no font: the {role} font {font} lacks it").format(
                        ch=ch, code=f"{ord(ch):04X}", name=unicodedata.name(ch, "?"), role=role.value, font=path.name),
                    _("use another font for '{role}' in issue.yaml (fonts:) or replace the character").format(
                        role=role.value))
            for ch in missing]


def lacking(font: Metrics, text: str) -> tuple[str, ...]:
    """The characters of `text` (each once, in order; spaces aside) `font` has no glyph
    for; remembered by the font's content (its SHA-256) and the text when the font has
    one (layout/model/memo.py)."""
    from layout.model.memo import COVERED

    def find() -> tuple[str, ...]:
        return tuple(ch for ch in dict.fromkeys(text) if not is_space(ch) and not font.covers(ch))

    digest = getattr(font, "digest", None)
    if not isinstance(digest, str) or not text:
        return find()
    return COVERED.get((digest, text), find)

"""Layout checks editors expect, read from the composed pages (layout.compose):

- E108 天窗: a hole, an area of the type area nobody chose to leave empty (the compose
  stage finds them: PageResult.holes, layout/compose/holes.py);
- E109 转版: a jump line (转第X版 / 上接第X版) naming a page the other part is not on;
- E110 未排入: an article part automatic placement found no room for;
- W210: a hole in an issue that allows them (`holes: allow`);
- W207 孤字: a paragraph's last line holding a single character (with its punctuation);
- W208 孤行: a paragraph's first line alone at the foot of a column, or its last line
  alone at the top of the next;
- W209 背题: an in-text heading (小标题) at the foot of a column, its text in the next;
- W211: a Latin word or number wider than the column, broken between two letters (the
  line breaker's last resort, layout.text.atoms.split_wide).

Text runs carry their source (article, block, character offset: layout.compose.items.
TextSource), so a finding names its paragraph and points at the line on the page.
Columns of a module are read from its body runs in drawing order: a run above the one
before it starts a new column segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from layout.compose import PageResult
from layout.compose.grid import ASCENT, Grid
from layout.compose.items import SourceField, TextRun
from layout.compose.report import hole_problem, unplaced_problem
from layout.i18n import _
from layout.lint.findings import Finding, Where
from layout.model.schema import HolePolicy, Issue, RunKind
from layout.text.classes import CharClass, classify

JUMP_RE = re.compile(r"(转|上接)第\s*(\S+?)\s*版")
PUNCT_CLASSES = {CharClass.OPEN, CharClass.CLOSE, CharClass.PAUSE, CharClass.STOP, CharClass.DASH,
                 CharClass.ELLIPSIS, CharClass.CONNECTOR}


@dataclass(frozen=True, slots=True)
class SetLine:
    """A line of a module's text as set: its run, the paragraph (block) it belongs to,
    whether it is a heading, and the column segment it is in."""

    run: TextRun
    block: int
    heading: bool
    segment: int

    @property
    def box(self) -> tuple[float, float, float, float]:
        r = self.run
        return (r.glyphs[0][1], r.baseline - ASCENT * r.size, r.glyphs[-1][1] + r.size,
                r.baseline + (1 - ASCENT) * r.size)


def module_lines(items) -> list[SetLine]:
    """The body and heading lines of a module in reading order, with their segments."""
    out: list[SetLine] = []
    segment, last = 0, None
    for item in items:
        if not isinstance(item, TextRun) or not item.glyphs or item.source is None:
            continue
        if item.kind not in (RunKind.BODY, RunKind.SUBHEAD) or item.source.field not in (
                SourceField.BODY, SourceField.RUNIN, SourceField.SUBHEAD):
            continue
        if item.source.field is SourceField.SUBHEAD and item.kind is RunKind.SUBHEAD and item.source.index == 0 \
                and not out:
            continue  # the stack's 副题, not an in-text heading
        if last is not None and abs(item.baseline - last.baseline) < 0.01:
            continue  # a second run on the same line (a change of font): one line
        if last is not None and item.baseline < last.baseline - 0.01:
            segment += 1
        heading = item.kind is RunKind.SUBHEAD
        out.append(SetLine(item, item.source.index, heading, segment))
        last = item
    return out


def _finding(issue: Issue, article, block: int, code: str, message: str, page: int, box) -> Finding:
    """A finding at block `block` of `article`, pointing at `box` on `page`."""
    blocks = article.blocks
    source = blocks[block].source if 0 <= block < len(blocks) else article.source
    field = f"paragraph {block + 1}" if 0 <= block < len(blocks) else ""
    return Finding(source.file, source.line, code, message, Where(article.id, field, None, page, box))


def _letters(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace() and classify(ch) not in PUNCT_CLASSES)


def _letter_break(article, line: SetLine, after: SetLine | None) -> str | None:
    """The word `line` and the next line of its paragraph are broken inside, between two
    letters or digits (no hyphen, solidus or other break point there), or None."""
    a, b = line.run.source, after.run.source if after is not None else None
    if a is None or b is None or a.field is not SourceField.BODY or b.field is not SourceField.BODY or \
            a.index != b.index or not 0 <= a.index < len(article.blocks):
        return None
    k = b.start
    if k <= 0:
        return None
    text = article.blocks[a.index].text
    if k >= len(text) or not (_latin_letter(text[k - 1]) and _latin_letter(text[k])):
        return None
    start, end = k, k
    while start > 0 and _latin_letter(text[start - 1]):
        start -= 1
    while end < len(text) and _latin_letter(text[end]):
        end += 1
    return text[start:end]


def _latin_letter(ch: str) -> bool:
    return ch.isalnum() and classify(ch) is CharClass.LATIN


def line_checks(issue: Issue, result: PageResult) -> list[Finding]:
    """W207 孤字, W208 孤行, W209 背题 and W211 in every module of the page."""
    out: list[Finding] = []
    page = result.page.number
    for module in result.modules:
        lines = module_lines(module.items)
        article = module.article
        for i, line in enumerate(lines):
            word = _letter_break(article, line, lines[i + 1] if i + 1 < len(lines) else None)
            if word is not None:
                shown = word if len(word) <= 40 else word[:20] + "…" + word[-12:]
                out.append(_finding(issue, article, line.block, "W211", _(
                    "“{word}” ({letters} letters) is wider than the column and is broken between two letters "
                    "({where}); add a hyphen or a space where it may break, or shorten it").format(
                    word=shown, letters=len(word), where=_("page {page}, paragraph {paragraph}").format(
                        page=page, paragraph=line.block + 1)), page, line.box))
            before = lines[i - 1] if i else None
            after = lines[i + 1] if i + 1 < len(lines) else None
            last_of_par = after is None or after.block != line.block or after.heading != line.heading
            first_of_par = before is None or before.block != line.block or before.heading != line.heading
            where = _("page {page}, paragraph {paragraph}").format(page=page, paragraph=line.block + 1)
            if line.heading:
                if after is not None and not after.heading and after.segment != line.segment:
                    out.append(_finding(issue, article, line.block, "W209", _(
                        "heading stranded at the foot of a column (背题): “{text}” ({where}) ends its column and its "
                        "text starts in the next; move the heading to the next column (a line more or less above "
                        "it)").format(text=line.run.text, where=where), page, line.box))
                continue
            if last_of_par and not first_of_par and _letters(line.run.text) == 1:
                out.append(_finding(issue, article, line.block, "W207", _(
                    "a single character on the paragraph's last line (孤字): “{text}” ({where}); cut or add a "
                    "few characters in the paragraph").format(text=line.run.text, where=where), page, line.box))
            if first_of_par and not last_of_par and after is not None and after.segment != line.segment:
                out.append(_finding(issue, article, line.block, "W208", _(
                    "a paragraph's first line alone at the foot of a column (孤行): “{text}” ({where}); its "
                    "paragraph goes on in the next column").format(text=line.run.text, where=where),
                    page, line.box))
            elif last_of_par and not first_of_par and before is not None and before.segment != line.segment:
                out.append(_finding(issue, article, line.block, "W208", _(
                    "a paragraph's last line alone at the top of a column (孤行): “{text}” ({where})").format(
                    text=line.run.text, where=where), page, line.box))
    return out


def jump_checks(issue: Issue, results: tuple[PageResult, ...]) -> list[Finding]:
    """E109 for a jump line that names a page other than the one its other part is on."""
    placed = {(m.article.id, m.part): r.page.number for r in results for m in r.modules}
    out = []
    for result in results:
        for module in result.modules:
            for run in (i for i in module.items if isinstance(i, TextRun) and i.kind is RunKind.JUMP):
                match = JUMP_RE.search(run.text)
                if not match:
                    continue
                other = module.part + (1 if match.group(1) == "转" else -1)
                want = placed.get((module.article.id, other))
                if want is not None and match.group(2) == str(want):
                    continue
                box = (run.glyphs[0][1], run.baseline - ASCENT * run.size, run.glyphs[-1][1] + run.size,
                       run.baseline + (1 - ASCENT) * run.size)
                shown = _("page {page}").format(page=want) if want is not None else _("no page (it is not placed)")
                source = module.article.parts[module.part].source
                out.append(Finding(source.file, source.line, "E109", _(
                    "jump line “{text}” on page {page} is wrong: the {which} of “{headline}” is on {other}").format(
                    text=run.text, page=result.page.number,
                    which=_("continuation") if match.group(1) == "转" else _("part before"),
                    headline=module.article.headline, other=shown),
                    Where(module.article.id, "jump", None, result.page.number, box)))
    return out


def hole_findings(issue: Issue, results: tuple[PageResult, ...]) -> list[Finding]:
    """E108 per hole (W210 when the issue allows holes: `holes: allow`), and E110 per
    part that found no room."""
    out = []
    for result in results:
        grid = Grid(issue.page(result.page.number).template)
        for hole in result.holes:
            problem = hole_problem(issue, result, hole)
            x0 = grid.column_x(hole.column)
            x1 = grid.column_x(hole.column + hole.span - 1) + grid.span_width(1)
            box = (x0, grid.row_top(hole.row), x1, grid.row_top(hole.row + hole.rows))
            code = "W210" if issue.holes is HolePolicy.ALLOW else "E108"
            out.append(Finding(problem.file, problem.line, code, problem.message,
                               Where(hole.inside or hole.above, "hole", None, hole.page, box)))
        for unplaced in result.unplaced:
            problem = unplaced_problem(issue, result, unplaced)
            out.append(Finding(problem.file, problem.line, "E110", problem.message,
                               Where(unplaced.article, "unplaced", None, unplaced.page, None)))
    return out


def page_checks(issue: Issue, results: tuple[PageResult, ...]) -> list[Finding]:
    """Every layout check on the composed pages."""
    found = hole_findings(issue, results) + jump_checks(issue, results)
    for result in results:
        found += line_checks(issue, result)
    return found

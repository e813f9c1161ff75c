"""What lint reports: findings with a code, a severity and a place.

Every code is documented in docs/proofing.md (the table there is tested against `CODES`).
The first letter of a code is its severity: E error, W warning, I info.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from layout.i18n import N_, _


class Severity(Enum):
    """How bad a finding is. Errors make `paiban lint` exit with status 1."""

    ERROR = "error"      # the copy is wrong: it must be fixed before the page goes
    WARNING = "warning"  # probably wrong: look at it
    INFO = "info"        # worth knowing; the build takes care of it


@dataclass(frozen=True, slots=True)
class Code:
    """One kind of finding: `code` (E101 …), a short `name` (for scripts), what it
    means and its `title` for people (both English, marked for the catalogs: show them
    with `_(code.meaning)`, `_(code.title)`)."""

    code: str
    name: str
    meaning: str
    title: str = ""

    @property
    def severity(self) -> Severity:
        return {"E": Severity.ERROR, "W": Severity.WARNING, "I": Severity.INFO}[self.code[0]]


CODES: dict[str, Code] = {c.code: c for c in (
    Code("E100", "issue-problem", N_("the issue definition does not load or lay out (file, line and field named)"),
         title=N_("issue file problem")),
    Code("E101", "duplicate-paragraph", N_("a paragraph repeats an earlier one word for word"),
         title=N_("duplicate paragraph")),
    Code("E102", "mid-sentence-break", N_("a paragraph starts in the middle of a sentence: the one before it does "
                                          "not end a sentence (。！？…… or a closing quote after one)"),
         title=N_("paragraph starts mid-sentence")),
    Code("E103", "unbalanced-pair", N_("a quotation mark or bracket is not closed, or closed without being opened"),
         title=N_("unbalanced quotes or brackets")),
    Code("E104", "no-glyph", N_("a character that no configured font has a glyph for"),
         title=N_("no glyph")),
    Code("E105", "headline-too-long", N_("a headline needs more lines than its module allows even at its smallest "
                                         "size (headline_lines, headline_min_size), or a vertical headline runs "
                                         "below its module"),
         title=N_("headline too long")),
    Code("E106", "overset", N_("超版: text that does not fit its module (on a proof: shown in red under the "
                               "module)"),
         title=N_("overset")),
    Code("E107", "date-weekday", N_("a date and its weekday disagree (1月4日（星期二） when 4 January is a "
                                    "Wednesday), or the date does not exist (2月30日)"),
         title=N_("date and weekday disagree")),
    Code("E108", "hole", N_("天窗: an area of at least 4 grid lines × 1 column that nothing fills (the page, "
                            "the place and what could fill it are named)"),
         title=N_("hole")),
    Code("E109", "jump-page", N_("转版: a jump line (转第X版 / 上接第X版) names a page the other part is not on"),
         title=N_("wrong jump page")),
    Code("E110", "unplaced", N_("未排入: automatic placement found no room for an article or its continuation"),
         title=N_("not placed")),
    Code("W201", "repeated-sentence", N_("a long sentence that already appeared in an earlier paragraph"),
         title=N_("repeated sentence")),
    Code("W202", "half-width-punctuation", N_("half-width , ; : ? ! ( ) \" ... in Chinese text, in copy the build "
                                              "does not normalize (raw copy, or normalize: false)"),
         title=N_("half-width punctuation")),
    Code("W203", "full-width-digits", N_("full-width digits (０–９): GB/T 15835 uses half-width digits; mixing both "
                                         "is an extraction or typing slip"),
         title=N_("full-width digits")),
    Code("W204", "doubled-punctuation", N_("the same punctuation mark twice in a row (，， 。。), other than …… and "
                                           "——"),
         title=N_("doubled punctuation")),
    Code("W205", "repeated-word", N_("a word repeated across a punctuation mark (网格员、网格员): usually a slip"),
         title=N_("repeated word")),
    Code("W206", "mixed-number-forms", N_("Arabic and Chinese numerals mixed in one number (3千5百, 二0二三年): "
                                          "GB/T 15835 writes a number in one form"),
         title=N_("mixed number forms")),
    Code("W207", "orphan-character", N_("孤字: a paragraph's last line holds a single character"),
         title=N_("orphan character")),
    Code("W208", "orphan-line", N_("孤行: a paragraph's first line alone at a column's foot, or its last line "
                                   "alone at the top of the next"),
         title=N_("orphan line")),
    Code("W209", "stranded-heading", N_("背题: an in-text heading at the foot of a column, its text in the next"),
         title=N_("stranded heading")),
    Code("W210", "hole-allowed", N_("天窗 in an issue that allows holes (holes: allow): listed, not an error"),
         title=N_("hole (allowed)")),
    Code("W211", "word-broken", N_("a Latin word or number wider than the column, broken between two of its "
                                   "letters to fit (the last resort; never over the column)"),
         title=N_("word broken between letters")),
    Code("I301", "half-width-normalized", N_("half-width punctuation in Chinese text that the build converts "
                                             "(GB/T 15834; every change is listed in report.json)"),
         title=N_("punctuation converted")),
)}


@dataclass(frozen=True, slots=True)
class Where:
    """Which piece of an issue's copy a finding is about, for placing it on the page:
    the article id, the field ("headline", "paragraph 3", "caption", …) and the
    character offset in that field's text as written (None: the whole field); findings
    read from the composed pages also give the page and the box they are about."""

    article: str = ""
    field: str = ""
    offset: int | None = None
    page: int | None = None  # layout findings: the page and the box (x0, top, x1, bottom) in pt,
    box: tuple[float, float, float, float] | None = None  # from the trim's top-left, they are about


@dataclass(frozen=True, slots=True)
class Fix:
    """A correction lint is certain of: `old` → `new` on the finding's line of its file,
    found there by the text around it (`before` + `old` + `after`, within the line)."""

    old: str
    new: str
    before: str = ""
    after: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding: `file`:`line` (1-based; 0 for the whole file), its code and message."""

    file: Path
    line: int
    code: str
    message: str
    where: Where = Where()
    fixes: tuple[Fix, ...] = ()  # what `paiban lint --fix` may apply

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    @property
    def name(self) -> str:
        return CODES[self.code].name

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        return f"{where}: {self.code} {self.message}"

    def as_json(self) -> dict:
        """{"file", "line", "code", "message"} plus "severity", "name" and, for issue copy,
        "article" and "field"."""
        out = {"file": str(self.file), "line": self.line, "code": self.code, "message": self.message,
               "severity": self.severity.value, "name": self.name}
        if self.where.article:
            out.update(article=self.where.article, field=self.where.field)
        return out


def sort_key(finding: Finding) -> tuple:
    """Findings in reading order: by file, line, then code."""
    return (str(finding.file), finding.line, finding.code)


def has_errors(findings: tuple[Finding, ...] | list[Finding]) -> bool:
    """True when any finding is an error (then `paiban lint` exits with status 1)."""
    return any(f.severity is Severity.ERROR for f in findings)


def counted(severities) -> str:
    """`11 errors, 47 warnings, 0 info` (`11 个错误，47 个警告，0 条提示`) for a list of
    severities (Severity or its value), in the current language."""
    from layout.i18n import ngettext

    values = [s.value if isinstance(s, Severity) else s for s in severities]
    errors, warnings, info = (values.count(s.value) for s in Severity)
    return _("{errors}, {warnings}, {info}").format(
        errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
        warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
        info=ngettext("{n} info", "{n} info", info).format(n=info))

"""What lint reports: findings with a code, a severity and a place.

Every code is documented in docs/proofing.md (the table there is tested against `CODES`).
The first letter of a code is its severity: E error, W warning, I info.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(Enum):
    """How bad a finding is. Errors make `paiban lint` exit with status 1."""

    ERROR = "error"      # the copy is wrong: it must be fixed before the page goes
    WARNING = "warning"  # probably wrong: look at it
    INFO = "info"        # worth knowing; the build takes care of it


@dataclass(frozen=True, slots=True)
class Code:
    """One kind of finding: `code` (E101 …), a short `name` and what it means."""

    code: str
    name: str
    meaning: str

    @property
    def severity(self) -> Severity:
        return {"E": Severity.ERROR, "W": Severity.WARNING, "I": Severity.INFO}[self.code[0]]


CODES: dict[str, Code] = {c.code: c for c in (
    Code("E100", "issue-problem", "the issue definition does not load or lay out (file, line and field named)"),
    Code("E101", "duplicate-paragraph", "a paragraph repeats an earlier one word for word"),
    Code("E102", "mid-sentence-break", "a paragraph starts in the middle of a sentence: the one before it "
                                       "does not end a sentence (。！？…… or a closing quote after one)"),
    Code("E103", "unbalanced-pair", "a quotation mark or bracket is not closed, or closed without being opened"),
    Code("E104", "no-glyph", "a character that no configured font has a glyph for"),
    Code("E105", "headline-too-long", "a headline needs more lines than its module allows even at its "
                                      "smallest size (headline_lines, headline_min_size)"),
    Code("E106", "overset", "text that does not fit its module (on a proof: shown in red under the module)"),
    Code("W201", "repeated-sentence", "a long sentence that already appeared in an earlier paragraph"),
    Code("W202", "half-width-punctuation", "half-width , ; : ? ! ( ) \" ... in Chinese text, in copy the "
                                           "build does not normalize (raw copy, or normalize: false)"),
    Code("W203", "full-width-digits", "full-width digits (０–９): GB/T 15835 uses half-width digits; mixing "
                                      "both is an extraction or typing slip"),
    Code("W204", "doubled-punctuation", "the same punctuation mark twice in a row (，， 。。), "
                                        "other than …… and ——"),
    Code("I301", "half-width-normalized", "half-width punctuation in Chinese text that the build converts "
                                          "(GB/T 15834; every change is listed in report.json)"),
)}


@dataclass(frozen=True, slots=True)
class Where:
    """Which piece of an issue's copy a finding is about, for placing it on the page:
    the article id, the field ("headline", "paragraph 3", "caption", …) and the
    character offset in that field's text as written (None: the whole field)."""

    article: str = ""
    field: str = ""
    offset: int | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding: `file`:`line` (1-based; 0 for the whole file), its code and message."""

    file: Path
    line: int
    code: str
    message: str
    where: Where = Where()

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    @property
    def name(self) -> str:
        return CODES[self.code].name

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.code} {self.message}"

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

"""Errors meant for people: each names the file, line and field and says what to do.

One diagnostic type serves every stage: `Diagnostic` (file, line, column where known,
field, message, what to do). `Problem` is the same type under its older name. Errors the
user can fix are `PaibanError`s carrying diagnostics; the command line prints them
without a traceback and exits 1 (layout/cli.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(Enum):
    """How much a diagnostic matters: an error stops the build, a warning does not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in the user's input or environment, for every stage.

    `line` and `column` are 1-based (0 when unknown: `line` 0 is about the whole file);
    `field` is a dotted path such as ``articles[2].photos[0].file`` (or "" for none);
    `message` says what is wrong and `hint` what to do about it ("" when the message
    already says). Shown as ``file:line:column: field: message; hint``.
    """

    file: Path
    line: int
    field: str
    message: str
    hint: str = ""
    column: int = 0
    severity: Severity = Severity.ERROR

    @property
    def where(self) -> str:
        """``file:line:column`` with the unknown parts left out."""
        out = f"{self.file}"
        if self.line:
            out += f":{self.line}"
            if self.column:
                out += f":{self.column}"
        return out

    @property
    def detail(self) -> str:
        """The message and what to do, without the place (joined the reader's way:
        `；` in Chinese)."""
        from layout.i18n import _

        return _("{message}; {hint}").format(message=self.message, hint=self.hint) if self.hint else self.message

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.where}:{field} {self.detail}"

    def to_json(self) -> dict[str, object]:
        """A plain record for report.json / proof.json."""
        return {"file": str(self.file), "line": self.line, "column": self.column, "field": self.field,
                "message": self.message, "hint": self.hint, "severity": self.severity.value}


Problem = Diagnostic  # the older name, used by every stage


class PaibanError(Exception):
    """Base class of every error the build reports to the user (exit status 1).

    Carries its `diagnostics` (possibly none: then the message alone says it all).
    """

    def __init__(self, message: str = "", diagnostics: Iterable[Diagnostic] = ()):
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        self.message = message or "\n".join(str(d) for d in self.diagnostics)
        super().__init__(self.message)

    def __reduce__(self) -> tuple[object, ...]:
        # rebuilt from its parts, so it survives a process pool (pickling) intact
        return (_rebuild, (type(self), self.message, self.diagnostics))


def _rebuild(kind: type[PaibanError], message: str, diagnostics: tuple[Diagnostic, ...]) -> PaibanError:
    error = PaibanError.__new__(kind)
    PaibanError.__init__(error, message, diagnostics)
    return error


class IssueError(PaibanError):
    """The issue definition is invalid; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Diagnostic]):
        super().__init__("", problems)

    @property
    def problems(self) -> tuple[Diagnostic, ...]:
        return self.diagnostics


class OversetError(PaibanError):
    """Text does not fit its module; the message is the overset report."""


def problem(file: Path, line: int, field: str, message: str, hint: str = "") -> IssueError:
    """Shorthand for an IssueError with one problem."""
    return IssueError([Diagnostic(Path(file), line, field, message, hint)])

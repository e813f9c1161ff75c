"""Errors meant for people: each names the file, line and field and says what to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in the user's input.

    `line` is 1-based (0 when the problem is about the whole file); `field` is a dotted
    path such as ``articles[2].photos[0].file``.
    """

    file: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class PaibanError(Exception):
    """Base class of every error the build reports to the user (exit status 1)."""


class IssueError(PaibanError):
    """The issue definition is invalid; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class OversetError(PaibanError):
    """Text does not fit its module; the message is the overset report."""


def problem(file: Path, line: int, field: str, message: str) -> IssueError:
    """Shorthand for an IssueError with one problem."""
    return IssueError([Problem(Path(file), line, field, message)])

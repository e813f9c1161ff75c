"""`paiban lint --fix`: apply the corrections lint is certain of to the copy files.

A finding's fixes (layout.lint.findings.Fix) say what to replace on its line and the
text around it. Each is applied only where `before + old + after` occurs exactly once
on that line of the file (so a fix never lands in the wrong place; one that cannot be
placed is listed as skipped). The result is a new text per file and a unified diff;
writing is separate and atomic (a temporary file beside the old one, renamed over it).
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from layout.lint.findings import Finding, Fix


@dataclass(frozen=True, slots=True)
class Applied:
    """One fix applied (or skipped: `done` False) at `file`:`line`, from finding `code`."""

    file: Path
    line: int
    code: str
    old: str
    new: str
    done: bool


@dataclass(frozen=True, slots=True)
class FixedFile:
    """A file's text before and after its fixes."""

    file: Path
    before: str
    after: str

    def diff(self) -> str:
        return "".join(difflib.unified_diff(self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
                                            str(self.file), str(self.file)))


def _place(line: str, fix: Fix) -> tuple[int, int] | None:
    """Where (start, end) in `line` the fix's `old` is, or None unless its place (with
    the text around it) occurs exactly once."""
    needle = fix.before + fix.old + fix.after
    if not fix.old or line.count(needle) != 1:
        return None
    at = line.index(needle) + len(fix.before)
    return at, at + len(fix.old)


def _fix_line(line: str, fixes: list[tuple[Finding, Fix]]) -> tuple[str, list[bool]]:
    """`line` with every fix placed on the line as it was read (so one fix never moves
    another's place); overlapping fixes after the first are skipped."""
    places = [_place(line, fix) for _finding, fix in fixes]
    taken: list[tuple[int, int]] = []
    done = []
    for place in places:
        ok = place is not None and all(place[1] <= s or place[0] >= e for s, e in taken)
        if ok and place is not None:
            taken.append(place)
        done.append(ok)
    for (start, end), (_finding, fix) in sorted(((pl, fx) for pl, fx, ok in zip(places, fixes, done)
                                                 if ok and pl is not None),
                                                key=lambda x: -x[0][0]):
        line = line[:start] + fix.new + line[end:]
    return line, done


def plan(findings: tuple[Finding, ...] | list[Finding]) -> tuple[tuple[FixedFile, ...], tuple[Applied, ...]]:
    """The fixed text of every file the findings' fixes touch, and each fix's fate."""
    by_file: dict[Path, list[Finding]] = {}
    for f in findings:
        if f.fixes and f.line > 0:
            by_file.setdefault(Path(f.file), []).append(f)
    files, applied = [], []
    for file, group in sorted(by_file.items()):
        try:
            before = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            applied += [Applied(file, f.line, f.code, x.old, x.new, False) for f in group for x in f.fixes]
            continue
        lines = before.splitlines(keepends=True)
        by_line: dict[int, list[tuple[Finding, Fix]]] = {}
        for finding in group:
            by_line.setdefault(finding.line, []).extend((finding, x) for x in finding.fixes)
        for number, fixes in sorted(by_line.items()):
            if number > len(lines):
                done = [False] * len(fixes)
            else:
                lines[number - 1], done = _fix_line(lines[number - 1], fixes)
            applied += [Applied(file, number, f.code, x.old, x.new, ok) for (f, x), ok in zip(fixes, done)]
        after = "".join(lines)
        if after != before:
            files.append(FixedFile(file, before, after))
    return tuple(files), tuple(applied)


def write(files: tuple[FixedFile, ...]) -> None:
    """Write every fixed file atomically; a file changed since it was read is refused
    (ValueError naming it) and nothing is written."""
    for f in files:
        if f.file.read_text(encoding="utf-8") != f.before:
            raise ValueError(str(f.file))
    for f in files:
        fd, tmp = tempfile.mkstemp(prefix=f".{f.file.name}.", dir=f.file.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fp:
                fp.write(f.after)
            os.chmod(tmp, f.file.stat().st_mode & 0o777)
            os.replace(tmp, f.file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

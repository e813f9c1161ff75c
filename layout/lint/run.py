"""Run every check on a raw copy file or an issue folder.

`lint_path` is what `paiban lint` calls; `lint_issue` is the pure core the proof build
shares, given what it has already loaded and composed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from layout.compose import PageResult, compose_issue
from layout.errors import IssueError, Problem
from layout.lint.checks import check_copy
from layout.i18n import _
from layout.lint.copy import CopyUnreadable, issue_passages, newsroom_passages, read_raw
from layout.lint.findings import Finding, Where, sort_key
from layout.lint.fit import coverage, headlines, overset
from layout.lint.pages import page_checks
from layout.model import load_issue
from layout.model.fonts import DEFAULT_FONT_FILES, bundled_font_dir
from layout.model.loader import ISSUE_FILE
from layout.model.schema import FontSet, Issue
from layout.model.yamlsrc import LineMap, read_yaml
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet


@dataclass(frozen=True, slots=True)
class LintResult:
    """Findings in reading order; for an issue folder also what was loaded and composed
    (None when it does not load)."""

    findings: tuple[Finding, ...]
    issue: Issue | None = None
    results: tuple[PageResult, ...] = field(default=())


def default_fonts() -> FontSet:
    """The bundled fonts by role: what raw copy is checked against."""
    folder = bundled_font_dir()
    return FontSet(tuple(sorted(((r, folder / n) for r, n in DEFAULT_FONT_FILES.items()), key=lambda kv: kv[0].value)))


NEWSROOM = {".docx": "docx", ".json": "ninjs"}  # suffix -> layout.model.schema.BodyFormat value


def lint_file(file: Path) -> LintResult:
    """Lint a raw copy file (text or Markdown, or a newsroom file: Word .docx or ninjs
    .json, read as the build reads them) against the bundled fonts."""
    if Path(file).suffix.lower() in NEWSROOM:
        return _lint_newsroom(Path(file))
    try:
        passages = read_raw(Path(file))
    except CopyUnreadable as exc:
        return LintResult((Finding(Path(file), 0, "E100", str(exc)),))
    except OSError as exc:
        return LintResult((Finding(Path(file), 0, "E100", _("cannot read the file: {reason}").format(
            reason=exc.strerror or exc)),))
    fonts = default_fonts()
    found = check_copy(passages) + coverage(passages, MetricsSet.for_fonts(fonts), fonts)
    return LintResult(tuple(sorted(found, key=sort_key)))


def _lint_newsroom(file: Path) -> LintResult:
    """A Word or ninjs file read by the model's own reader (layout.model.copyfile): its
    refusals (tracked changes, a damaged file) are E100, what it could not carry over a
    W-level note as the build shows it, and its copy is checked like raw copy."""
    from layout.model.copyfile import read_copy
    from layout.model.encoding import Encoding
    from layout.model.schema import BodyFormat

    read = read_copy(file, file, Encoding.UTF8, BodyFormat(NEWSROOM[file.suffix.lower()]))
    found = [Finding(file, d.line, "E100", d.detail) for d in read.problems]
    if read.problems:
        return LintResult(tuple(sorted(found, key=sort_key)))
    passages = newsroom_passages(file, read.copy)
    fonts = default_fonts()
    found += check_copy(passages) + coverage(passages, MetricsSet.for_fonts(fonts), fonts)
    return LintResult(tuple(sorted(found, key=sort_key)))


def lint_issue(issue: Issue, lines: LineMap, metrics: MetricsSet, results: tuple[PageResult, ...]) -> tuple[Finding, ...]:
    """Findings for an issue as loaded (`issue`, before normalization), its issue.yaml
    line map, the fonts' metrics and the composed pages (composed from the normalized
    issue, as a draft)."""
    passages = issue_passages(issue, lines)
    found = check_copy(passages, issue.date) + coverage(passages, metrics, issue.fonts)
    found += headlines(issue, results, lines) + overset(issue, results) + page_checks(issue, results)
    return tuple(sorted(found, key=sort_key))


def lint_folder(folder: Path) -> LintResult:
    """Load, normalize and compose the issue in `folder` (as a draft), then lint it. An
    issue that does not load or lay out gives its problems as E100 findings."""
    folder = Path(folder)
    try:
        issue = load_issue(folder)
        _data, lines = read_yaml(folder / ISSUE_FILE)
        metrics = MetricsSet.for_fonts(issue.fonts)
        normalized, _changes = normalize_issue(issue)
        results = compose_issue(normalized, metrics, TextConfig.of(normalized.typesetting), draft=True, workers=None)
    except IssueError as exc:
        return LintResult(tuple(problem_findings(exc.problems)))
    return LintResult(lint_issue(issue, lines, metrics, results), issue, results)


def problem_findings(problems: tuple[Problem, ...]) -> list[Finding]:
    """E100 findings from the model or compose stage's problems (file, line, field)."""
    return [Finding(p.file, p.line, "E100", f"{p.field}: {p.message}" if p.field else p.message, Where("", p.field))
            for p in problems]


def lint_path(path: Path) -> LintResult:
    """Lint an issue folder (holding issue.yaml) or a raw copy file."""
    path = Path(path)
    if path.is_dir():
        return lint_folder(path)
    if not path.is_file():
        return LintResult((Finding(path, 0, "E100", _("no such file or folder")),))
    return lint_file(path)

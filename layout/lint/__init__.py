"""Lint: check editors' copy before and while it is laid out (pure: no ReportLab).

Public entry points: `lint_path` (a raw copy file or an issue folder, for `paiban lint`)
and `lint_issue` (what the proof build calls with the issue it already composed).
Codes and severities: `CODES` (documented in docs/proofing.md).
"""

from layout.lint.findings import CODES, Finding, Severity, Where, has_errors
from layout.lint.run import LintResult, lint_file, lint_folder, lint_issue, lint_path

__all__ = ["CODES", "Finding", "LintResult", "Severity", "Where", "has_errors", "lint_file", "lint_folder",
           "lint_issue", "lint_path"]

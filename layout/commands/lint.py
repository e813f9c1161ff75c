"""`paiban lint PATH`: check copy (a raw text/Markdown file or an issue folder).

Prints one `file:line: code message` per finding on stdout (or, with --json, a list of
{"file", "line", "code", "message", "severity", "name"}), a count on stderr, and exits
with status 1 when there is an error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from layout.lint.findings import Severity

LEVELS = [s.value for s in Severity]


def register(subparsers) -> None:
    p = subparsers.add_parser("lint", help="check copy: duplicates, broken paragraphs, punctuation, glyphs, fit",
                              description="Check the copy of an issue folder or a raw text/Markdown file. "
                                          "Codes are listed in docs/proofing.md.")
    p.add_argument("path", type=Path, help="issue folder (holding issue.yaml) or a text/Markdown file of copy")
    p.add_argument("--json", action="store_true", help="print the findings as a JSON list")
    p.add_argument("--level", choices=LEVELS, default="info",
                   help="show findings of this severity and worse (default: info, everything)")
    p.set_defaults(func=run)


def shown(findings, level: str) -> list:
    """The findings at `level` or worse."""
    keep = LEVELS[:LEVELS.index(level) + 1]
    return [f for f in findings if f.severity.value in keep]


def run(args) -> int:
    from layout.lint import has_errors, lint_path

    result = lint_path(args.path)
    findings = shown(result.findings, args.level)
    if args.json:
        print(json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=1))
    else:
        for finding in findings:
            print(finding)
    print(summary(result.findings, args.path), file=sys.stderr)
    return 1 if has_errors(result.findings) else 0


def summary(findings, path: Path) -> str:
    """`paiban lint: PATH: 11 errors, 47 warnings, 0 info`."""
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    parts = ", ".join(f"{n} {s.value}{'s' if n != 1 and s is not Severity.INFO else ''}" for s, n in counts.items())
    return f"paiban lint: {path}: {parts}"

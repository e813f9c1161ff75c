"""`paiban build ISSUE -o OUT`: lay out an issue into page PDFs and a manifest."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from layout.errors import IssueError, PaibanError


def register(subparsers) -> None:
    b = subparsers.add_parser("build", help="lay out an issue into print PDFs and a manifest")
    b.add_argument("issue", type=Path, help="issue folder (holding issue.yaml)")
    b.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    b.add_argument("--draft", action="store_true", help="build even when text is overset")
    b.add_argument("--png", action="store_true", help="also write a PNG of every page")
    b.set_defaults(func=run)


def run(args) -> int:
    from layout.build import build

    start = time.perf_counter()
    try:
        result = build(args.issue, args.out, draft=args.draft, png=args.png)
    except PaibanError as exc:
        report_error(exc)
        return 1
    elapsed = time.perf_counter() - start
    pdfs = [f for f in result.files if f.suffix == ".pdf"]
    print(f"paiban: wrote {len(pdfs)} PDFs to {result.out} in {elapsed:.2f} s; "
          f"{len(result.changes)} copy normalization changes (see report.json)"
          + (f"; DRAFT with {len(result.overset)} overset modules" if result.overset else ""))
    return 0


def report_error(exc: PaibanError) -> None:
    """Print a build error for people, on stderr."""
    if isinstance(exc, IssueError):
        print(f"paiban: the issue has {len(exc.problems)} problem(s); nothing was written:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
    else:
        print(f"paiban: {exc}\nnothing was written.", file=sys.stderr)

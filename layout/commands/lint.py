"""`paiban lint PATH`: check copy (a raw text/Markdown file or an issue folder).

Prints one `file:line: code message` per finding on stdout, errors first, then
warnings (info with `--level info`); or, with --json, a list of {"file", "line",
"code", "message", "severity", "name"}. A count goes to stderr; the exit status is 1
when there is an error. `--fix` shows the corrections lint is certain of as a diff;
`--fix --write` applies them to the files (atomically) and lists them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from layout.i18n import _, add_lang_option, localized, ngettext
from layout.lint.findings import Severity, counted

LEVELS = [s.value for s in Severity]
RANK = {s: i for i, s in enumerate(Severity)}


def register(subparsers) -> None:
    p = subparsers.add_parser("lint", help=_("check copy: duplicates, broken paragraphs, punctuation, dates, glyphs, "
                                             "fit and the laid-out page"),
                              description=_("Check the copy of an issue folder or a raw text/Markdown file. "
                                            "Codes are listed in docs/proofing.md."))
    p.add_argument("path", type=Path, help=_("issue folder (holding issue.yaml) or a text/Markdown file of copy"))
    p.add_argument("--json", action="store_true", help=_("print the findings as a JSON list"))
    p.add_argument("--level", choices=LEVELS, default="warning",
                   help=_("show findings of this severity and worse (default: warning; info lists what the build "
                          "converts by itself)"))
    p.add_argument("--fix", action="store_true",
                   help=_("show the corrections lint is certain of (punctuation, doubled marks, digits) as a diff"))
    p.add_argument("--write", action="store_true", help=_("with --fix: write the corrections into the files"))
    add_lang_option(p)
    p.set_defaults(func=run)


def shown(findings, level: str) -> list:
    """The findings at `level` or worse, the worst first (then in reading order)."""
    keep = LEVELS[:LEVELS.index(level) + 1]
    return sorted((f for f in findings if f.severity.value in keep), key=lambda f: RANK[f.severity])


@localized
def run(args) -> int:
    from layout.lint import has_errors, lint_path

    if args.write and not args.fix:
        print(_("paiban lint: --write goes with --fix"), file=sys.stderr)
        return 2
    result = lint_path(args.path)
    if args.fix:
        return fix(result.findings, args.write)
    findings = shown(result.findings, args.level)
    if args.json:
        print(json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=1))
    else:
        for finding in findings:
            print(finding)
    print(summary(result.findings, args.path, len(result.findings) - len(findings)), file=sys.stderr)
    return 1 if has_errors(result.findings) else 0


def summary(findings, path: Path, hidden: int = 0) -> str:
    """`paiban lint: PATH: 11 errors, 47 warnings, 41 info (not shown: --level info)`."""
    text = counted([f.severity for f in findings])
    more = _(" ({n} not shown: --level info shows them)").format(n=hidden) if hidden else ""
    return _("paiban lint: {path}: {counts}{more}").format(path=path, counts=text, more=more)


def fix(findings, write: bool) -> int:
    """Show (and with `write`, apply) the certain fixes; exit 0, 1 when writing failed."""
    from layout.lint.fix import plan
    from layout.lint.fix import write as write_files

    files, applied = plan(findings)
    for f in files:
        sys.stdout.write(f.diff())
    done = [a for a in applied if a.done]
    skipped = [a for a in applied if not a.done]
    for a in skipped:
        print(_("{file}:{line}: {code} not applied (its place is not unique on the line): “{old}” → “{new}”").format(
            file=a.file, line=a.line, code=a.code, old=a.old, new=a.new), file=sys.stderr)
    if write and files:
        try:
            write_files(files)
        except (OSError, ValueError) as exc:
            print(_("paiban lint: nothing was written: {file} could not be written or changed meanwhile").format(
                file=exc), file=sys.stderr)
            return 1
        for a in done:
            print(_("{file}:{line}: {code} “{old}” → “{new}”").format(file=a.file, line=a.line, code=a.code,
                                                                     old=a.old, new=a.new), file=sys.stderr)
    counts = ngettext("{n} correction in {files} file", "{n} corrections in {files} files", len(done))
    state = _("written") if write else _("not written (add --write to apply them)")
    print(_("paiban lint --fix: {counts}, {state}").format(counts=counts.format(n=len(done), files=len(files)),
                                                          state=state), file=sys.stderr)
    return 0

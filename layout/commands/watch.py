"""`paiban watch ISSUE -o DIR`: proof the issue, then re-proof it whenever one of its
files changes, drawing again only the pages that changed. An open DIR/index.html
reloads itself. Stop with Ctrl-C."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from layout.commands.proof import add_proof_options, choose_previous
from layout.i18n import _


def register(subparsers) -> None:
    p = subparsers.add_parser("watch", help="re-proof an issue whenever one of its files changes",
                              description="Proof an issue into DIR and keep it up to date: every change to "
                                          "issue.yaml, a body file or a photo re-proofs the pages it touches.")
    p.add_argument("issue", type=Path, help="issue folder (holding issue.yaml)")
    p.add_argument("-o", "--out", type=Path, required=True, help="output folder for the proof")
    add_proof_options(p)
    p.add_argument("--interval", type=float, default=0.05, help="seconds between looks at the files (default 0.05)")
    p.set_defaults(func=run)


def run(args) -> int:
    from layout.i18n import language, using

    with using(args.lang or language(default="zh")):  # proofs are in Chinese unless asked
        return _run(args)


def _run(args) -> int:
    from dataclasses import replace

    from layout.commands.proof import options_of
    from layout.proof.watch import watch

    previous = choose_previous(args)  # once: every rebuild compares with the proof before the session
    options = replace(options_of(args, previous), live=True)
    print(_("paiban watch: proofing {issue} into {out} (open {page}); Ctrl-C stops").format(
        issue=args.issue, out=args.out, page=args.out / "index.html"), flush=True)
    try:
        watch(args.issue, args.out, options, report)
    except KeyboardInterrupt:
        print(_("paiban watch: stopped"))
    return 0


def report(event) -> None:
    """One line per run, for people."""
    from layout.lint.findings import counted

    clock = dt.datetime.now().strftime("%H:%M:%S")
    names = ", ".join(p.name for p in event.changed) or _("first proof")
    if event.result is None:
        print(_("{clock} {names}: the issue does not load, waiting for the next change:").format(
            clock=clock, names=names) + "\n  " + event.error.replace("\n", "\n  "), file=sys.stderr, flush=True)
        return
    r = event.result
    drawn = ", ".join(str(n) for n in r.rendered) or _("none")
    print(_("{clock} {names}: page(s) {drawn} redrawn, back in {seconds:.2f} s (proof page {total:.2f} s); "
            "{findings}; overset {overset}").format(clock=clock, names=names, drawn=drawn, seconds=r.pages_seconds,
                                                   total=event.seconds, findings=counted([n.finding.severity
                                                                                          for n in r.findings]),
                                                   overset=r.overset), flush=True)

"""`paiban signoff ISSUE --page N --by NAME [--role 值班主任]`: sign pages off (签发).

Records in ISSUE/signoff.txt that NAME signed page N at its current revision (the
page as composed now); `paiban signoff ISSUE` alone lists every page's state:
未签 (unsigned), 已签 (signed at this revision) or 改后待签 (changed since signed).
See docs/proofing.md.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from layout.errors import PaibanError
from layout.i18n import _, add_lang_option, localized


def register(subparsers) -> None:
    p = subparsers.add_parser("signoff", help=_("sign pages off for press (签发), or list their states"),
                              description=_("Record who signs which page at its current revision (in "
                                            "ISSUE/signoff.txt); without --page, list every page's state."))
    p.add_argument("issue", type=Path, help=_("issue folder (holding issue.yaml)"))
    p.add_argument("--page", type=int, action="append", metavar="N", help=_("page number to sign (repeatable)"))
    p.add_argument("--by", metavar="NAME", help=_("who signs (needed with --page)"))
    p.add_argument("--role", default="值班主任", help=_("the signer's role (default 值班主任)"))
    p.add_argument("--time", type=_time, metavar="'YYYY-MM-DD HH:MM'", help=_("the time to record (default: now)"))
    add_lang_option(p)
    p.set_defaults(func=run)


def _time(value: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(value) from None


@localized
def run(args) -> int:
    import sys

    from layout.commands.build import report_error
    from layout.proof.build import composed
    from layout.proof.signoff import sign, state_label, states

    if args.page and not args.by:
        print(_("paiban signoff: say who signs with --by NAME"), file=sys.stderr)
        return 2
    try:
        results = composed(args.issue).results
        by_number = {r.page.number: r for r in results}
        for number in args.page or ():
            if number not in by_number:
                raise PaibanError(_("the issue has no page {page} (its pages: {pages})").format(
                    page=number, pages=", ".join(map(str, sorted(by_number)))))
        for number in args.page or ():
            s = sign(args.issue, by_number[number], args.by, args.role, args.time)
            print(_("page {page} signed by {role} {name} at revision {revision} ({time})").format(
                page=s.page, role=s.role, name=s.name, revision=s.revision, time=s.time))
        for number, state in sorted(states(args.issue, results).items()):
            last = state.last
            who = _("; last signed by {role} {name} ({time})").format(role=last.role, name=last.name,
                                                                      time=last.time) if last else ""
            print(_("  page {page}: {state}, revision {revision}{who}").format(
                page=number, state=state_label(state.state), revision=state.revision, who=who))
    except PaibanError as exc:
        report_error(exc)
        return 1
    return 0

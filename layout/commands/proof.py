"""`paiban proof ISSUE -o DIR`: proof sheets for editors (校样) and the proof page.

Writes per page a proof PDF (watermark, slug, margin notes) and PNG, proof.json and
DIR/index.html. A proof already in DIR is kept as DIR/rounds/NN-ROUND-REVISION/ and the new proof page
shows what changed since (or compare with --previous OLD). Overset never stops a proof.
"""

from __future__ import annotations

from typing import Any

import datetime as dt
import shutil
from pathlib import Path

from layout.errors import PaibanError
from layout.i18n import add_lang_option

ROUND_NUMBERS = {"1": "一校", "2": "二校", "3": "三校"}
ROUNDS_DIR = "rounds"  # every earlier round of a proof folder, kept inside it


def register(subparsers) -> None:
    p = subparsers.add_parser("proof", help="proof sheets (校样) with margin notes, page images and a proof page",
                              description="Proof an issue for editors: watermarked proof PDFs with the lint "
                                          "findings and overset marked in the margin, PNGs and DIR/index.html.")
    p.add_argument("issue", type=Path, help="issue folder (holding issue.yaml)")
    p.add_argument("-o", "--out", type=Path, required=True, help="output folder for the proof")
    add_proof_options(p)
    p.set_defaults(func=run)


def add_proof_options(p) -> None:
    """Options `proof` and `watch` share."""
    p.add_argument("--round", default="一校", type=round_name,
                   help="proof round: 一校, 二校, 三校 (or 1, 2, 3; default 一校)")
    p.add_argument("--time", type=proof_time, metavar="'YYYY-MM-DD HH:MM'",
                   help="the proof's time in the slug (default: now); give it for identical rebuilds")
    p.add_argument("--previous", type=Path, metavar="OLD_DIR",
                   help="an earlier proof folder to compare with (default: the proof already in the output "
                        "folder, kept as OUT/rounds/NN-ROUND-REVISION)")
    p.add_argument("--no-previous", action="store_true", help="do not compare with an earlier proof")
    p.add_argument("--dpi", type=float, default=100.0, help="resolution of the page images (default 100)")
    p.add_argument("--zoom-dpi", type=float, default=200.0,
                   help="resolution of the page images' zoom tiles, enough to check single characters "
                        "(default 200; 0: no tiles)")
    p.add_argument("--no-cache", action="store_true", help="convert photos afresh (no photo cache)")
    add_lang_option(p)
    p.add_argument("--margin", choices=("error", "warning", "info"), default="warning",
                   help="the least severe findings noted in the sheet's margins (default warning; "
                        "info notes are always in proof.json and on the proof page)")


def round_name(value: str) -> str:
    return ROUND_NUMBERS.get(value.strip(), value.strip())


def proof_time(value: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"expected a time like '2023-01-06 21:30', got {value!r}") from None


def options_of(args, previous: Path | None):
    from layout.proof import ProofOptions

    from layout.lint import Severity

    extra: dict[str, Any] = {"cache": None} if args.no_cache else {}
    margin = Severity(getattr(args, "margin", "warning"))
    return ProofOptions(round=args.round, time=args.time, dpi=args.dpi, previous=previous, margin=margin,
                        zoom_dpi=getattr(args, "zoom_dpi", 200.0), **extra)


def keep_previous(out: Path) -> Path | None:
    """Keep the proof now in `out` (if any) as a round of its own, `out`/rounds/NN-ROUND
    (every round stays: 三校 still links 一校), and return that folder; None when `out`
    holds no proof. (A copy: if the new proof fails, the old one is still in place.)"""
    import json

    if not (out / "proof.json").is_file():
        return None
    record = json.loads((out / "proof.json").read_text(encoding="utf-8"))
    rounds = out / ROUNDS_DIR
    number = 1 + sum(1 for d in rounds.iterdir() if d.is_dir()) if rounds.is_dir() else 1
    kept = rounds / f"{number:02d}-{record.get('round', 'proof')}-{record.get('revision', '')}".rstrip("-")
    kept.mkdir(parents=True)
    for item in out.iterdir():
        if item.is_file() and item.suffix in (".pdf", ".png", ".json", ".html"):
            shutil.copy2(item, kept / item.name)
        elif item.is_dir() and item.name in ("diff", "tiles"):
            shutil.copytree(item, kept / item.name)
    return kept


def choose_previous(args) -> Path | None:
    """The proof to compare with: --previous, else the one in the output folder."""
    if args.no_previous:
        return None
    if args.previous is not None:
        return args.previous
    return keep_previous(args.out)


def run(args) -> int:
    from layout.i18n import language, using

    with using(args.lang or language(default="zh")):  # proofs are in Chinese unless asked
        return _run(args)


def _run(args) -> int:
    from layout.commands.build import report_error
    from layout.proof import proof
    from layout.proof.progress import Progress

    progress = Progress("paiban proof")
    try:
        previous = choose_previous(args)
        result = proof(args.issue, args.out, options_of(args, previous), progress=progress)
    except PaibanError as exc:
        progress.finish()
        report_error(exc)
        return 1
    progress.finish()
    print(summary(result, previous))
    return 0


def summary(result, previous: Path | None) -> str:
    """The end-of-run summary: pages, findings, overset, time, where to look."""
    from layout.i18n import _, ngettext
    from layout.lint import Severity
    from layout.lint.findings import counted

    findings = counted([n.finding.severity for n in result.findings])
    kept = len(result.pages) - len(result.rendered)
    pages = ngettext("{n} page", "{n} pages", len(result.pages)).format(n=len(result.pages)) + \
        (_(" ({n} unchanged, not redrawn)").format(n=kept) if kept else "")
    lines = [_("paiban proof: {pages} in {seconds:.2f} s; {findings}; overset {overset}; revision {revision}").format(
                 pages=pages, seconds=result.seconds, findings=findings,
                 overset=ngettext("{n} module", "{n} modules", result.overset).format(n=result.overset),
                 revision=result.revision),
             _("  open {file}").format(file=result.out / "index.html")]
    if previous is not None:
        lines.append(_("  compared with {folder} (see the Changes section)").format(folder=previous))
    if result.count(Severity.ERROR):
        lines.append(_("  errors are marked in red in the margin; `paiban lint` lists them"))
    return "\n".join(lines)

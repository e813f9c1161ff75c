"""`paiban build ISSUE -o OUT`: lay out an issue into PDF/X page files and a manifest."""

from __future__ import annotations

import signal
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from layout.collector import quiet_collector
from layout.errors import IssueError, PaibanError
from layout.i18n import _, ngettext
from layout.model.schema import PdfxVersion
from layout.preflight.report import TacMethod


def register(subparsers) -> None:
    b = subparsers.add_parser("build", help="lay out an issue into print PDFs and a manifest")
    b.add_argument("issue", type=Path, help="issue folder (holding issue.yaml)")
    b.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    b.add_argument("--draft", action="store_true",
                   help="build even when text is overset, photos are too coarse or preflight fails")
    b.add_argument("--png", action="store_true", help="also write a PNG of every page")
    b.add_argument("--pdfx", choices=[v.value for v in PdfxVersion],
                   help="PDF/X level (default: print.pdfx of the issue, else x-1a = PDF/X-1a:2003)")
    b.add_argument("--marks", action="store_true",
                   help="desktop proofs: crop and registration marks, colour bar and slug outside the trim")
    b.add_argument("--deliver", type=Path, metavar="DIR",
                   help="also place the finished page files and manifest in this hot folder, atomically")
    b.add_argument("--cache", type=Path, metavar="DIR",
                   help="folder for converted photos (default: $PAIBAN_CACHE or ~/.cache/paiban)")
    b.add_argument("--no-cache", action="store_true", help="convert every photo afresh")
    b.add_argument("--tac", choices=[m.value for m in TacMethod], default="auto",
                   help="how the build's preflight measures ink: auto (default: computed from what each page "
                        "draws), gs (a Ghostscript raster of every page), python (read back from the PDF)")
    b.add_argument("--force", metavar="REASON", default="",
                   help="with --deliver: deliver pages not signed off (签发) at their current revision; the "
                        "reason goes into the manifest")
    b.add_argument("--workers", type=int, metavar="N",
                   help="processes drawing pages at once (default: one per core)")
    b.set_defaults(func=run)


def run(args) -> int:
    from layout.build import OutputOptions, build

    options = OutputOptions(pdfx=PdfxVersion(args.pdfx) if args.pdfx else None, marks=args.marks,
                            deliver=args.deliver, tac=TacMethod(args.tac), workers=args.workers, force=args.force,
                            **({"cache": None} if args.no_cache else {"cache": args.cache} if args.cache else {}))
    start = time.perf_counter()
    progress = _progress()
    if args.workers is not None and args.workers < 1:
        report_error(PaibanError(_("--workers must be 1 or more")))
        return 2
    try:
        with _terminate_as_interrupt(), quiet_collector():
            result = build(args.issue, args.out, draft=args.draft, png=args.png, options=options, progress=progress,
                           remember=False)  # the process ends with the build
    except PaibanError as exc:
        _finish(progress)
        report_error(exc)
        return 1
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: the build's folders are cleaned up on the way out
        _finish(progress)
        print(_("paiban: interrupted; nothing was written."), file=sys.stderr)
        return 130
    _finish(progress)
    elapsed = time.perf_counter() - start
    pdfs = [f for f in result.files if f.suffix == ".pdf"]
    print(_("paiban: wrote {pdfs} PDFs to {out} in {seconds} s; {changes} copy normalization changes (see "
            "report.json)").format(pdfs=len(pdfs), out=result.out, seconds=f"{elapsed:.2f}", changes=len(result.changes))
          + (_("; DRAFT with {n} overset modules").format(n=len(result.overset)) if result.overset else ""))
    for page in result.pages:
        report = page.report
        print("  " + _("{name}: preflight {verdict} ({claimed}; {errors} errors, {warnings} warnings)").format(
            name=page.name, verdict=_("PASS") if report.passed else _("FAIL"), claimed=report.claimed,
            errors=len(report.errors), warnings=len(report.warnings)))
    for warning in result.warnings:
        print("  " + _("warning: {warning}").format(warning=warning))
    if result.delivered:
        print(_("paiban: delivered {n} page files and manifest.json to {folder}").format(
            n=len(result.delivered) - 1, folder=args.deliver))
    print(summary(result, elapsed))
    return 0


def _progress():
    """A status line on a terminal (layout.proof.progress.Progress), None in CI, a pipe
    or a log: then the proof package, which `layout.proof.progress` would import whole
    (≈ 0.3 s of a cold build), is not imported at all."""
    try:
        if not sys.stderr.isatty():
            return None
    except (AttributeError, ValueError):  # stderr replaced or closed
        return None
    from layout.proof.progress import Progress

    return Progress("paiban build")


def _finish(progress) -> None:
    if progress is not None:
        progress.finish()


@contextmanager
def _terminate_as_interrupt():
    """SIGTERM (a service stopping, `kill`) ends the build like Ctrl-C: staging removed,
    locks released, the output folder as it was."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def summary(result, elapsed: float) -> str:
    """The last line: pages, findings (preflight errors and warnings, build warnings),
    overset, time."""
    errors = sum(len(p.report.errors) for p in result.pages)
    pages, warnings, overset = len(result.pages), len(result.warnings), len(result.overset)
    parts = [ngettext("{n} page", "{n} pages", pages).format(n=pages),
             ngettext("{n} preflight error", "{n} preflight errors", errors).format(n=errors),
             ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
             ngettext("overset {n} module", "overset {n} modules", overset).format(n=overset),
             f"{elapsed:.2f} s"]
    return (_("summary: {parts}").format(parts=_(", ").join(parts))
            + (_("; `paiban lint` checks the copy, `paiban proof` makes proofs for editors") if overset else ""))


def report_error(exc: PaibanError) -> None:
    """Print a build error for people, on stderr."""
    if isinstance(exc, IssueError):
        print(ngettext("paiban: the issue has {n} problem; nothing was written:",
                       "paiban: the issue has {n} problems; nothing was written:", len(exc.problems)).format(
                           n=len(exc.problems)), file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
    else:
        print(_("paiban: {error}\nnothing was written.").format(error=exc), file=sys.stderr)

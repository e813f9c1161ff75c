"""`paiban preflight FILE.pdf …`: check page PDFs against what the plant expects
(shared/reference/print-ready.md), from any producer. Exit status 1 when any file has
an error, 0 otherwise (warnings do not fail); 2 for contradictory options."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from layout.i18n import _, add_lang_option, ngettext, using


def register(subparsers) -> None:
    from layout.model.schema import PdfxVersion
    from layout.preflight import TacMethod

    p = subparsers.add_parser("preflight", help=_("check page PDFs for the plant (PDF/X, colour, ink, fonts, …)"))
    p.add_argument("files", type=Path, nargs="+", metavar="FILE.pdf", help=_("PDF files to check"))
    p.add_argument("--json", action="store_true", help=_("print the results as JSON"))
    p.add_argument("--ink-limit", type=float, default=240.0, metavar="PERCENT",
                   help=_("largest total ink C+M+Y+K allowed (default 240)"))
    p.add_argument("--ppi-warning", type=float, default=150.0, metavar="PPI",
                   help=_("warn below this effective image resolution (default 150)"))
    p.add_argument("--ppi-error", type=float, default=100.0, metavar="PPI",
                   help=_("fail below this effective image resolution (default 100)"))
    p.add_argument("--ppi-max", type=float, default=300.0, metavar="PPI",
                   help=_("warn above this: more than the screen can use (default 300)"))
    p.add_argument("--condition", default="IFRA26", metavar="ID",
                   help=_("the plant's output condition identifier (default IFRA26)"))
    p.add_argument("--pdfx", choices=[v.value for v in PdfxVersion],
                   help=_("require this PDF/X level (default: X-1a:2003 or X-4)"))
    p.add_argument("--black-only", "--gray", action="store_true", dest="black_only",
                   help=_("black-and-white pages: fail on any C, M or Y"))
    p.add_argument("--proof", action="store_true", help=_("desktop proofs: allow marks outside the trim"))
    p.add_argument("--tac", choices=[m.value for m in TacMethod], default="auto",
                   help=_("ink measurement: gs (Ghostscript raster), python (no Ghostscript), auto (default)"))
    p.add_argument("--tac-dpi", type=float, default=72.0, metavar="DPI", help=_("raster resolution (default 72)"))
    add_lang_option(p)
    p.set_defaults(func=run)


def run(args) -> int:
    with using(args.lang):
        return _run(args)


def _run(args) -> int:
    from layout.model.schema import PdfxVersion
    from layout.preflight import PreflightSettings, TacMethod, format_table, preflight_file, to_json

    if args.ppi_error > args.ppi_warning:
        print(_("paiban preflight: --ppi-error must not be above --ppi-warning"), file=sys.stderr)
        return 2
    settings = PreflightSettings(ink_limit=args.ink_limit, ppi_warning=args.ppi_warning, ppi_error=args.ppi_error,
                                 ppi_max=args.ppi_max, output_condition=args.condition,
                                 expect=PdfxVersion(args.pdfx) if args.pdfx else None, allow_marks=args.proof,
                                 black_only=args.black_only, tac_method=TacMethod(args.tac), tac_dpi=args.tac_dpi)
    reports = [preflight_file(path, settings) for path in args.files]
    failed = sum(1 for r in reports if not r.passed)
    if args.json:
        result = "fail" if failed else "pass"
        print(json.dumps({"result": result, "files": [to_json(r) for r in reports]}, ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(format_table(r) for r in reports))
        passed = ngettext("{passed} of {n} file passes", "{passed} of {n} files pass", len(reports))
        summary = passed.format(passed=len(reports) - failed, n=len(reports))
        print("\n" + summary + (_(", {n} fail").format(n=failed) if failed else ""))
    return 1 if failed else 0

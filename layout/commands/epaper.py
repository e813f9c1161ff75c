"""`paiban epaper ISSUE -o SITE`: the issue as a static e-paper site (数字报).

Page images with every story's areas clickable, a page per story with its copy as text,
stories.json and ninjs 2.0 per story; SITE is replaced whole (see docs/epaper.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from layout.errors import PaibanError
from layout.i18n import _, add_lang_option, ngettext, using


def register(subparsers) -> None:
    p = subparsers.add_parser("epaper", help=_("the issue as a static e-paper site (数字报)"),
                              description=_("Build the e-paper (数字报) of an issue: page images with clickable "
                                            "stories, story pages, stories.json and ninjs 2.0 per story."))
    p.add_argument("issue", type=Path, help=_("issue folder (holding issue.yaml)"))
    p.add_argument("-o", "--out", type=Path, required=True,
                   help=_("site folder (replaced whole; new, empty, or an earlier e-paper)"))
    p.add_argument("--base-url", default="", metavar="URL",
                   help=_("where the site will be published, e.g. https://epaper.example.cn/20230106/ "
                          "(canonical links, absolute ninjs URIs, sitemap.xml)"))
    p.add_argument("--width", type=_pixels, default=1000, help=_("page image width on screen, px (default 1000)"))
    p.add_argument("--zoom", type=float, default=2.0, help=_("zoom image size as a multiple of --width (default 2)"))
    add_lang_option(p)
    p.set_defaults(func=run)


def _pixels(value: str) -> int:
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a width in px (200 to 4000), got {value}")
                                         .format(value=repr(value))) from None
    if not 200 <= width <= 4000:
        raise argparse.ArgumentTypeError(_("expected 200 to 4000 px, got {width}").format(width=width))
    return width


def run(args) -> int:
    with using(args.lang):
        return _run(args)


def _run(args) -> int:
    from layout.commands.build import report_error
    from layout.epaper import EpaperOptions, epaper
    from layout.proof.progress import Progress

    if not 1.0 <= args.zoom <= 4.0:
        report_error(PaibanError(_("--zoom {zoom}: give 1 to 4 (times the screen image)").format(zoom=f"{args.zoom:g}")))
        return 1
    progress = Progress("paiban epaper")
    try:
        result = epaper(args.issue, args.out, EpaperOptions(base_url=args.base_url, width=args.width,
                                                            zoom=args.zoom), progress=progress)
    except PaibanError as exc:
        progress.finish()
        report_error(exc)
        return 1
    progress.finish()
    print(_("paiban epaper: {pages}, {stories} in {seconds} s; open {index}").format(
        pages=ngettext("{n} page", "{n} pages", result.pages).format(n=result.pages),
        stories=ngettext("{n} story", "{n} stories", result.stories).format(n=result.stories),
        seconds=f"{result.seconds:.2f}", index=result.out / "index.html"))
    return 0

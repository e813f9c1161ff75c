"""`paiban epaper ISSUE -o SITE`: the issue as a static e-paper site (数字报).

Page images with every story's areas clickable, a page per story with its copy as text,
stories.json and ninjs 2.0 per story; SITE is replaced whole (see docs/epaper.md).
"""

from __future__ import annotations

from pathlib import Path

from layout.errors import PaibanError


def register(subparsers) -> None:
    p = subparsers.add_parser("epaper", help="the issue as a static e-paper site (数字报)",
                              description="Build the e-paper (数字报) of an issue: page images with clickable "
                                          "stories, story pages, stories.json and ninjs 2.0 per story.")
    p.add_argument("issue", type=Path, help="issue folder (holding issue.yaml)")
    p.add_argument("-o", "--out", type=Path, required=True,
                   help="site folder (replaced whole; new, empty, or an earlier e-paper)")
    p.add_argument("--base-url", default="", metavar="URL",
                   help="where the site will be published, e.g. https://epaper.example.cn/20230106/ "
                        "(canonical links, absolute ninjs URIs)")
    p.add_argument("--width", type=_pixels, default=1000, help="page image width on screen, px (default 1000)")
    p.add_argument("--zoom", type=float, default=2.0, help="zoom image size as a multiple of --width (default 2)")
    p.set_defaults(func=run)


def _pixels(value: str) -> int:
    width = int(value)
    if not 200 <= width <= 4000:
        raise ValueError(f"expected 200 to 4000 px, got {width}")
    return width


def run(args) -> int:
    from layout.commands.build import report_error
    from layout.epaper import EpaperOptions, epaper
    from layout.proof.progress import Progress

    if not 1.0 <= args.zoom <= 4.0:
        report_error(PaibanError(f"--zoom {args.zoom:g}: give 1 to 4 (times the screen image)"))
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
    print(f"paiban epaper: {result.pages} page{'s' if result.pages != 1 else ''}, {result.stories} "
          f"stor{'ies' if result.stories != 1 else 'y'} in {result.seconds:.2f} s; open {result.out / 'index.html'}")
    return 0

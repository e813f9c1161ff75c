"""The e-paper (数字报): an issue as a static web site.

`build` runs the pipeline as the print build does and writes the site: `stories`
takes each story's areas from the composition, `images` draws the page images and story
photos, `pageview` and `storyview` write the HTML (shared parts in `html`, the look in
`assets`), `index` and `ninjs` the JSON, and `publish` switches the site folder whole.
See docs/epaper.md.

Public entry point: `epaper`.
"""

from layout.epaper.build import EpaperOptions, EpaperResult, epaper

__all__ = ["EpaperOptions", "EpaperResult", "epaper"]

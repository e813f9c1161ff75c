"""Progress on a terminal, silence elsewhere.

`Progress` is the callback the builds take: `progress(label, done, total)`. On a
terminal (stderr is a TTY and $CI is not set) it redraws one status line with a bar;
in CI, in a pipe or a log file it prints nothing, so output stays diffable. `finish()`
clears the line before the summary is printed.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

BAR = 24  # characters


class Progress:
    """A one-line progress bar on `stream` (stderr), shown only on a terminal."""

    def __init__(self, title: str, stream: TextIO | None = None, enabled: bool | None = None):
        self.title = title
        self.stream = stream or sys.stderr
        self.enabled = interactive(self.stream) if enabled is None else enabled
        self.start = time.perf_counter()
        self.shown = False

    def __call__(self, label: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        filled = BAR * done // max(total, 1)
        elapsed = time.perf_counter() - self.start
        line = f"{self.title} [{'#' * filled}{'.' * (BAR - filled)}] {done}/{total} {label} {elapsed:4.1f} s"
        self.stream.write("\r" + line[:120].ljust(80))
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        """Clear the status line (if one was drawn)."""
        if self.shown:
            self.stream.write("\r" + " " * 120 + "\r")
            self.stream.flush()
            self.shown = False


def interactive(stream: TextIO) -> bool:
    """True on a terminal outside CI: where a redrawn status line helps."""
    if os.environ.get("CI") or os.environ.get("PAIBAN_NO_PROGRESS"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False

"""Where a Latin run (a word, number, URL, e-mail address or path with no space in it)
may break across lines.

A Latin run is set as one unit between Chinese characters. When it must break, it breaks
where UAX #14 (https://www.unicode.org/reports/tr14/) and clreq §6.1.4 allow, as the
`BreakKind` of each opportunity says:

- **LINK**: in a URL, e-mail address or path, after `/ . - ? & = _ # @` when a letter or
  digit follows (so the mark ends the line and never starts the next, and `//` stays
  whole). UAX #14 would not break after `.` or `=`; long URLs in narrow newspaper columns
  need it (the practice of style guides, e.g. Chicago 14.18).
- **HYPHEN**: after a hyphen or a solidus between two letters (`Smith-|Williams`,
  `and/|or`): UAX #14 LB21 and the SY class break after, never before. A hyphen or
  solidus beside a digit does not break (`98-95`, `2023-01-06`, `1/2`: LB25).
- Between any two characters only as a last resort (`layout.text.atoms.split_wide`),
  when the run alone is wider than the line.

Offsets are character indices into the run.
"""

from __future__ import annotations

import re
from enum import Enum


class BreakKind(Enum):
    """A break opportunity inside a Latin run (the break comes *before* the character at
    the opportunity's offset)."""

    LINK = "link"      # in a URL, e-mail address or path, after a separator
    HYPHEN = "hyphen"  # after a hyphen or solidus between letters
    LETTER = "letter"  # between two characters: last resort only


LINK_SEPARATORS = frozenset("/.-?&=_#@")
HYPHENS = frozenset("-\u2010/")  # hyphen-minus, hyphen (U+2010), solidus
_TLD = r"(?:com|cn|net|org|gov|edu|int|info|biz|io|me|tv|cc|uk|de|fr|jp|hk|tw|mo)"
_LINK_RE = re.compile(rf"://|^www\.|\w@\w[\w.-]*\.\w|\w\.{_TLD}(?:\b|/)|/\w+/\w", re.IGNORECASE)


def is_link(run: str) -> bool:
    """True for a run that reads as a URL, an e-mail address, a domain or a path."""
    return _LINK_RE.search(run) is not None


def break_opportunities(run: str) -> tuple[tuple[int, BreakKind], ...]:
    """(offset, kind) of every place `run` may break, in order (LINK and HYPHEN only;
    letter breaks are the last resort and not listed)."""
    if len(run) < 3:
        return ()
    out: list[tuple[int, BreakKind]] = []
    link = is_link(run)
    for i in range(1, len(run) - 1):
        before, after = run[i - 1], run[i]
        if link:
            if before in LINK_SEPARATORS and after.isalnum():
                out.append((i, BreakKind.LINK))
        elif before in HYPHENS and after.isalpha() and i >= 2 and run[i - 2].isalpha():
            out.append((i, BreakKind.HYPHEN))
    return tuple(out)

"""Copy normalization to GB/T 15834-2011 before layout (shared/reference/clreq.md,
"Copy normalization").

In Chinese context, half-width `, ; : ? ! ( )` become `，；：？！（）`; straight quotes
become “” / ‘’ by nesting (a single-quoted Chinese phrase alone becomes ‘…’); a
half-width full stop ending a Chinese sentence becomes 。; `...`, `…` become `……`; `--`,
`—` become `——`. Decimals,
times (10:30), thousands separators, URLs and Latin passages are left alone. Every
change is returned so the build can report it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from layout.text.classes import is_wide

CLOSING_QUOTES = "’”"  # not wide by themselves (East Asian width: ambiguous)
FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
ELLIPSIS_RE = re.compile(r"\.{3,}|…+|⋯+|。{3,}")
DASH_RE = re.compile(r"-{2,}|—+")
_URL_CHAR = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]"
# A URL may hold balanced parentheses (…/Jiaozuo_(city)); it ends on a character that
# cannot be sentence punctuation.
URL_RE = re.compile(rf"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)(?:{_URL_CHAR}|\({_URL_CHAR}*\))*"
                    rf"(?:[A-Za-z0-9/=&#_~-]|\({_URL_CHAR}*\))")


_Replace = dict[int, tuple[int, str]]  # start -> (end, replacement): the edits being gathered


@dataclass(frozen=True, slots=True)
class Edit:
    """One change: `before` at character `offset` of the original text became `after`."""

    offset: int
    before: str
    after: str


def normalize(text: str) -> tuple[str, tuple[Edit, ...]]:
    """Normalized `text` and the edits made, in order of offset."""
    protected = _protected_spans(text)
    replace: _Replace = {}
    _runs(text, ELLIPSIS_RE, "……", protected, replace)
    _runs(text, DASH_RE, "——", protected, replace)
    _brackets(text, protected, replace)
    _quotes(text, protected, replace)
    _stops(text, protected, replace)
    _marks(text, protected, replace)  # last: it sees brackets and quotes as converted
    return _apply(text, replace)


_MARKS_RE = re.compile(r"[,;:?!]")
_PARENS_RE = re.compile(r"[()]")


def _protected_spans(text: str) -> list[range]:
    return [range(m.start(), m.end()) for m in URL_RE.finditer(text)]


def _is_protected(i: int, protected: list[range]) -> bool:
    return any(i in span for span in protected)


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest non-space character before (step=-1) or after (step=1) index i."""
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _chinese_context(text: str, start: int, end: int) -> bool:
    before, after = _neighbour(text, start, -1), _neighbour(text, end - 1, 1)
    return bool(before and is_wide(before)) or bool(after and is_wide(after))


def _runs(text: str, pattern: re.Pattern[str], target: str, protected: list[range], replace: _Replace) -> None:
    for m in pattern.finditer(text):
        if m.group() == target or _is_protected(m.start(), protected):
            continue
        if _chinese_context(text, m.start(), m.end()):
            replace[m.start()] = (m.end(), target)


def _marks(text: str, protected: list[range], replace: _Replace) -> None:
    """`, ; : ? !` in Chinese context, not between two digits (1,000 / 10:30). The
    neighbours are read as already converted, so `（笑着）:` counts as Chinese."""
    found = [(m.start(), m.group()) for m in _MARKS_RE.finditer(text)]
    if not found:
        return
    seen = _converted_view(text, replace)
    for i, ch in found:
        if _is_protected(i, protected) or i in replace:
            continue
        before, after = _neighbour(seen, i, -1), _neighbour(seen, i, 1)
        if before.isdigit() and after.isdigit() and text[i + 1:i + 2] != " ":
            continue
        # After Chinese: always. After a digit, sign or at the start: when Chinese follows.
        # After a Latin letter: it ends a Latin passage, leave it (GB/T 15834 §5.1).
        if (before and is_wide(before)) or (not before.isalpha() and after and is_wide(after)):
            end = i + 1
            while end < len(text) and text[end] == " " and after and is_wide(after):
                end += 1  # a space after a full-width mark is redundant
            replace[i] = (end, FULL[ch])


def _converted_view(text: str, replace: _Replace) -> str:
    """`text` with every single-character replacement applied (same length), so
    neighbour tests see “（” instead of "(" and '“' instead of '"'."""
    chars = list(text)
    for start, (end, after) in replace.items():
        if end - start == len(after):
            chars[start:end] = after
        else:  # a run (…… / ——): mark its span with its own character
            chars[start:end] = after[0] * (end - start)
    return "".join(chars)


def _brackets(text: str, protected: list[range], replace: _Replace) -> None:
    """Pair ( ) and convert a pair when it or its surroundings are Chinese."""
    stack: list[int] = []
    for m in _PARENS_RE.finditer(text):
        i, ch = m.start(), m.group()
        if _is_protected(i, protected):
            continue
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            start = stack.pop()
            inner = text[start + 1:i]
            if any(is_wide(c) for c in inner) or _chinese_context(text, start, i + 1):
                replace[start] = (start + 1, "（")
                replace[i] = (i + 1, "）")
        elif ch == ")" and _chinese_context(text, i, i + 1):
            replace[i] = (i + 1, "）")
    for start in stack:
        if _chinese_context(text, start, start + 1):
            replace[start] = (start + 1, "（")


def _quotes(text: str, protected: list[range], replace: _Replace) -> None:
    """Straight quotes → “” (outer) / ‘’ (inner) when the quoted text is Chinese."""
    positions = [i for i, ch in enumerate(text) if ch == '"' and not _is_protected(i, protected)]
    outside, lo = [], 0  # the stretches outside double quotes, where single quotes stand alone
    for start, end in zip(positions[::2], positions[1::2]):
        outside.append((lo, start))
        lo = end + 1
        if any(is_wide(c) for c in text[start + 1:end]) or _chinese_context(text, start, end + 1):
            replace[start] = (start + 1, "“")
            replace[end] = (end + 1, "”")
            _single_quotes(text, start + 1, end, replace)
    if "'" in text:
        outside.append((lo, positions[-1] if len(positions) % 2 else len(text)))
        for lo, hi in outside:  # a single-quoted Chinese phrase ('民心工程') → ‘民心工程’
            _single_quotes(text, lo, hi, replace, protected, chinese_only=True)
    if len(positions) % 2:
        # A quotation running over several paragraphs opens each of them and closes only
        # at its end (clreq §5.2), so a lone quote is opening before Chinese text.
        lone = positions[-1]
        after, before = _neighbour(text, lone, 1), _neighbour(text, lone, -1)
        if after and is_wide(after):
            replace[lone] = (lone + 1, "“")
        elif before and is_wide(before):
            replace[lone] = (lone + 1, "”")


def _single_quotes(text: str, lo: int, hi: int, replace: _Replace, protected: list[range] | None = None,
                   chinese_only: bool = False) -> None:
    """Straight single quotes in text[lo:hi] → ‘’ by pairs; an apostrophe between Latin
    letters (Xi'an, don't) stays. `chinese_only`: only a pair holding Chinese text."""
    inner = [i for i in range(lo, hi) if text[i] == "'"
             and not (text[i - 1:i].isalpha() and text[i + 1:i + 2].isalpha() and text[i - 1].isascii())
             and not (protected and _is_protected(i, protected))]
    for start, end in zip(inner[::2], inner[1::2]):
        if chinese_only and not any(is_wide(c) for c in text[start + 1:end]):
            continue
        replace[start] = (start + 1, "‘")
        replace[end] = (end + 1, "’")


def _stops(text: str, protected: list[range], replace: _Replace) -> None:
    """A half-width full stop ending a Chinese sentence → 。 (GB/T 15834 §4.1.1): '.'
    after a Chinese character (是28个.), or after a number with Chinese following
    (至23:30.市民). A decimal (2.5), an abbreviation or a Latin sentence's stop
    (tonight.), a URL and an ellipsis (converted before) stay."""
    seen: str | None = None
    for m in re.finditer(r"\.", text):
        i = m.start()
        if i in replace or _is_protected(i, protected) or any(s <= i < e for s, (e, _a) in replace.items()):
            continue
        seen = seen if seen is not None else _converted_view(text, replace)  # ‘民心工程’. reads as Chinese
        before, after = seen[i - 1:i], seen[i + 1:i + 2]
        if before in CLOSING_QUOTES and i > 1 and is_wide(seen[i - 2]):
            before = seen[i - 2]  # the stop after a quoted Chinese phrase: ‘民心工程’.
        if (before and is_wide(before) and not before.isspace()) or (before.isdigit() and after and is_wide(after)):
            if before in "。，、；：？！…—" or after == ".":
                continue
            replace[i] = (i + 1, "。")


def _apply(text: str, replace: _Replace) -> tuple[str, tuple[Edit, ...]]:
    out: list[str] = []
    edits: list[Edit] = []
    i = 0
    for start in sorted(replace):
        if start < i:
            continue  # overlapped by an earlier, longer edit
        end, after = replace[start]
        out.append(text[i:start])
        out.append(after)
        edits.append(Edit(start, text[start:end], after))
        i = end
    out.append(text[i:])
    return "".join(out), tuple(edits)

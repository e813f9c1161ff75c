"""A JSON reader that keeps line numbers, like yamlsrc does for YAML: `read_json()`
returns the data and a LineMap from field paths (`("headlines", 0, "value")`) to the
1-based line where each value starts, so a problem in a ninjs file names its line.

Refused with file:line messages: text that is not UTF-8 (RFC 8259 §8.1), invalid JSON,
duplicate keys, nesting deeper than MAX_DEPTH, a file over MAX_JSON_BYTES.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from layout.errors import Diagnostic
from layout.i18n import _
from layout.model.encoding import decode
from layout.model.yamlsrc import LineMap, Path_

MAX_JSON_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
WHITE = " \t\r\n"


class _Duplicate(ValueError):
    pass


def read_json(file: Path, display: Path) -> tuple[Any, LineMap] | Diagnostic:
    """The data of JSON file `file` (shown as `display`) and its line map, or why not."""
    try:
        size = file.stat().st_size
        if size > MAX_JSON_BYTES:
            return Diagnostic(display, 0, "", _("the file is {size:.0f} MB; at most {most} MB").format(
                size=size / 1e6, most=MAX_JSON_BYTES // 2 ** 20))
        data = file.read_bytes()
    except OSError as exc:
        return Diagnostic(display, 0, "", _("cannot read the file ({reason})").format(reason=exc.strerror or exc),
                          _("check its permissions"))
    text = decode(data, display)
    if isinstance(text, Diagnostic):
        return text
    depth = _depth(text)
    if depth > MAX_DEPTH:
        return Diagnostic(display, 0, "", _("nested more than {most} levels deep").format(most=MAX_DEPTH))
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        return Diagnostic(display, exc.lineno, "", _("JSON syntax error: {reason}").format(reason=exc.msg),
                          column=exc.colno)
    except (_Duplicate, ValueError, RecursionError) as exc:
        return Diagnostic(display, 0, "", _("invalid JSON: {reason}").format(reason=exc))
    return value, LineMap(display, value_lines(text))


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(_("the key “{key}” appears twice in one object").format(key=key))
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(_("{name} is not a JSON number").format(name=name))


def _depth(text: str) -> int:
    """How deeply `text`'s arrays and objects nest (strings skipped), before parsing."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            escaped, in_string = (False, True) if escaped else (ch == "\\", ch != '"')
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def value_lines(text: str) -> dict[Path_, int]:
    """The line of every value in valid JSON `text`, by its path: a small scanner that
    follows the structure (strings, containers, keys) without building values."""
    lines: dict[Path_, int] = {}
    stack: list[list[Any]] = []  # per open container: [path, is_object, next index, pending key]
    line, i, n = 1, 0, len(text)
    key: str | None = None
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
        elif ch == '"':
            end = _string_end(text, i)
            token = json.loads(text[i:end])
            following = text[end:].lstrip(WHITE)
            if stack and stack[-1][1] and following.startswith(":"):
                key = token
            else:
                _value_at(stack, lines, line, key)
                key = None
            i = end
            continue
        elif ch in "[{":
            path = _value_at(stack, lines, line, key)
            key = None
            stack.append([path, ch == "{", 0, None])
        elif ch in "]}":
            stack.pop()
        elif ch not in WHITE + ",:":
            _value_at(stack, lines, line, key)
            key = None
            while i + 1 < n and text[i + 1] not in WHITE + ",]}":
                i += 1
        i += 1
    return lines


def _string_end(text: str, i: int) -> int:
    j = i + 1
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == '"':
            return j + 1
        j += 1
    return len(text)


def _value_at(stack: list[list[Any]], lines: dict[Path_, int], line: int, key: str | None) -> Path_:
    """Record a value starting on `line` in the innermost container; returns its path."""
    if not stack:
        path: Path_ = ()
    elif stack[-1][1]:
        path = stack[-1][0] + (key if key is not None else "",)
    else:
        path = stack[-1][0] + (stack[-1][2],)
        stack[-1][2] += 1
    lines.setdefault(path, line)
    return path

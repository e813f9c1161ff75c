"""Field-by-field validation that collects every problem with its file and line."""

from __future__ import annotations

import datetime as dt
import errno
import math
import os
import re
import stat
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from layout.errors import Diagnostic
from layout.i18n import N_, _
from layout.model.yamlsrc import LineMap, Path_, field_name

MISSING: Any = object()
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # a date written as text
T = TypeVar("T")
E = TypeVar("E", bound=Enum)

TYPE_NAMES: dict[type, str] = {str: N_("text"), int: N_("a whole number"), float: N_("a number"),
                               bool: N_("true or false"), dict: N_("a mapping"), list: N_("a list"),
                               dt.date: N_("a date (YYYY-MM-DD)")}


class Checker:
    """Reads values out of parsed YAML, recording problems instead of raising."""

    def __init__(self, lines: LineMap):
        self.lines = lines
        self.problems: list[Diagnostic] = []
        self._roots: dict[Path, Path] = {}  # a folder → resolved, once per reading of the file

    @property
    def file(self) -> Path:
        return self.lines.file

    def error(self, path: Path_, message: str, hint: str = "") -> None:
        self.problems.append(Diagnostic(self.file, self.lines.line(path), field_name(path), message, hint))

    def line(self, path: Path_) -> int:
        return self.lines.line(path)

    def mapping(self, value: object, path: Path_, allowed: set[str] | frozenset[str],
                required: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
        """Check `value` is a mapping with only `allowed` keys and every `required` one."""
        if not isinstance(value, dict):
            self.error(path, _("expected {expected}, got {got}").format(expected=_(TYPE_NAMES[dict]), got=_kind(value)))
            return {}
        for key in value:
            if key not in allowed:
                hint = ", ".join(sorted(allowed))
                self.error(path + (key,), _("unknown field '{key}' (allowed here: {allowed})").format(key=key, allowed=hint))
        for key in sorted(required - value.keys()):
            self.error(path, _("missing required field '{key}'").format(key=key))
        return value

    def get(self, m: dict[str, Any], path: Path_, key: str, kind: type[T], default: Any = MISSING) -> Any:
        """m[key] checked against `kind`; `default` when absent or invalid (None if no default).

        Text may be written as a plain number, boolean or date (its source text is kept:
        `0371` stays "0371"); a whole number written `0371` is 371; numbers must be finite;
        a date has no time, and may be quoted ('2026-05-12'). Text may not hold a line
        feed (see `text`).
        """
        if key not in m:
            return None if default is MISSING else default
        return self.value(m[key], path + (key,), kind, default)

    def value(self, value: Any, path: Path_, kind: type[T], default: Any = MISSING) -> Any:
        """`value`, found at `path`, checked against `kind` as `get` does."""
        fallback = None if default is MISSING else default
        raw = self.lines.raw.get(path)
        if kind is str and not isinstance(value, str) and raw is not None:
            value = raw
        if kind is int and raw is not None and raw.isdigit():
            value = int(raw, 10)  # YAML 1.1 reads 0371 as octal
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if kind is dt.date and isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
            try:  # a quoted date ('2026-05-12', as some YAML writers emit it) is the same date
                value = dt.date.fromisoformat(value.strip())
            except ValueError as exc:
                self.error(path, _("'{value}' is not a real date ({reason}); write it as YYYY-MM-DD").format(
                    value=value, reason=exc))
                return fallback
        problem = _type_problem(value, kind)
        if problem:
            self.error(path, problem, _hint(value))
            return fallback
        if kind is str and "\n" in value:
            self.error(path, _("a line break in this field"),
                       _("write it on one line (only a kicker, headline or subhead may break where you say)"))
            return value.replace("\n", " ")
        return value

    def text(self, m: dict[str, Any], path: Path_, key: str, default: str = "", breaks: bool = False) -> str:
        """m[key] as text; with `breaks`, line feeds are line breaks the user chose (a `|`
        block's final line feed is dropped)."""
        if not breaks:
            return str(self.get(m, path, key, str, default))
        value = m.get(key, default)
        if isinstance(value, str):
            return value.strip("\n")
        return str(self.get({key: value}, path, key, str, default))

    def number(self, m: dict[str, Any], path: Path_, key: str, default: float, low: float, high: float,
               unit: str = "") -> float:
        """m[key] as a finite number from `low` to `high` (`default` when absent or wrong)."""
        def expected() -> str:
            return _("a number from {low:g} to {high:g}{unit}").format(low=low, high=high, unit=unit)
        return float(self._ranged(m, path, key, float, default, low, high, expected))

    def whole(self, m: dict[str, Any], path: Path_, key: str, default: int, low: int, high: int,
              what: str = "") -> int:
        """m[key] as a whole number from `low` to `high` (`default` when absent or wrong)."""
        def expected() -> str:
            return _("{low} to {high}").format(low=low, high=high) + (" " + what if what else "")
        return int(self._ranged(m, path, key, int, default, low, high, expected))

    def _ranged(self, m: dict[str, Any], path: Path_, key: str, kind: type, default: float, low: float,
                high: float, expected: Callable[[], str]) -> Any:
        """The value, or `default` with a problem saying what was `expected()` (worded
        only when there is a problem: a load checks thousands of values)."""
        before = len(self.problems)
        value = self.get(m, path, key, kind, default)
        if len(self.problems) > before:  # of the wrong type: said once, the default not range-checked
            return default
        if not low <= value <= high:
            shown = f"{value:g}" if isinstance(value, float) else str(value)
            self.error(path + (key,), _("expected {expected}, got {got}").format(expected=expected(), got=shown))
            return default
        return value

    def choice(self, m: dict[str, Any], path: Path_, key: str, enum: type[E], default: E) -> E:
        """m[key] as a member of `enum` (by value), or `default` with a problem listing the values."""
        value = self.get(m, path, key, str, default.value)
        try:
            return enum(value)
        except ValueError:
            allowed = [member.value for member in enum]
            self.error(path + (key,), _("expected one of {allowed}, got {got}").format(allowed=", ".join(allowed),
                                                                                         got=repr(value)))
            return default

    def convert(self, m: dict[str, Any], path: Path_, key: str, parse: Callable[[object], T],
                default: object = MISSING) -> T | None:
        """Run `parse(m[key])`; a ValueError becomes a problem on that field."""
        if key not in m:
            return None if default is MISSING else parse(default)
        return self.parsed(m[key], path + (key,), parse)

    def parsed(self, value: object, path: Path_, parse: Callable[[object], T]) -> T | None:
        """`parse(value)` for the value at `path`; a ValueError becomes a problem there."""
        try:
            return parse(value)
        except ValueError as exc:
            self.error(path, str(exc))
            return None

    def inside(self, folder: Path, value: str, path: Path_, must_exist: bool = True) -> Path | None:
        """Resolve `value` relative to `folder`; it must stay inside `folder` (and exist)."""
        if folder not in self._roots:
            self._roots[folder] = folder.resolve()
        found = resolve_inside(folder, folder, value, must_exist, self._roots[folder])
        if isinstance(found, str):
            self.error(path, found)
            return None
        return found


def resolve_inside(root: Path, base: Path, value: str, must_exist: bool = True,
                   top: Path | None = None) -> Path | str:
    """`value` resolved relative to `base`, which must stay inside `root` (the issue
    folder) and (with `must_exist`) be a file; else the message saying why not. `top`:
    `root` already resolved (by the caller, once for many files). (As `Path.resolve` and
    `Path.is_file` would say, with one stat of the file: a load looks up hundreds.)"""
    if "\0" in value or not value.strip():
        return _("'{value}' is not a file name").format(value=value)
    try:
        target = os.path.realpath(os.path.join(base, value))
        top = root.resolve() if top is None else top
        mode, error = _mode(target)
    except (OSError, RuntimeError) as exc:  # a symlink loop, a name too long
        return _("path '{value}' cannot be followed ({reason})").format(value=value, reason=exc)
    inside = str(top).rstrip(os.sep) + os.sep
    if target != str(top) and not target.startswith(inside):
        return _("path '{value}' is outside the issue folder {folder}; "
                 "copy the file into the issue folder").format(value=value, folder=root)
    if must_exist and error is not None:  # a name too long for the file system, a permission denied on the way
        return _("file '{value}' cannot be looked up ({reason})").format(value=value[:80],
                                                                         reason=error.strerror or error)
    if must_exist and not stat.S_ISREG(mode):
        message = (_("file '{value}' is a folder, not a file (looked for {target})") if stat.S_ISDIR(mode) else
                   _("file '{value}' not found (looked for {target})"))
        return message.format(value=value, target=target)
    return Path(target)


NOT_THERE = (errno.ENOENT, errno.ENOTDIR, errno.EBADF)  # what Path.is_file() takes for "no such file"


def _mode(target: str) -> tuple[int, OSError | None]:
    """The file mode of `target` (0 when there is nothing there) and the error that kept
    it from being looked up; RuntimeError for a symlink loop (as Path.resolve raises)."""
    try:
        return os.stat(target).st_mode, None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise RuntimeError(f"Symlink loop from {exc.filename!r}") from None
        return 0, None if exc.errno in NOT_THERE else exc


def _type_problem(value: object, kind: type) -> str:
    """What is wrong with `value` as a `kind`, or ""."""
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        return _("expected {expected}, got {got}").format(expected=_(TYPE_NAMES.get(kind, kind.__name__)), got=_kind(value))
    if kind is float and not math.isfinite(value):  # type: ignore[arg-type]
        return _("expected a finite number, got {got}").format(got=value)
    if kind is dt.date and isinstance(value, dt.datetime):
        return _("expected a date (YYYY-MM-DD) without a time, got {got}").format(got=value.isoformat(sep=" "))
    return ""


def _hint(value: object) -> str:
    if value is None:
        return _("write a value, or leave the field out")
    if isinstance(value, list):
        return _("write one value; for several names write them in one text, e.g. 张三 李四")
    return ""


def _kind(value: object) -> str:
    if value is None:
        return _("nothing (an empty value)")
    for kind, name in TYPE_NAMES.items():
        if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
            return f"{_(name)} ({value!r})" if kind in (str, int, float) else _(name)
    return type(value).__name__

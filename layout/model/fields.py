"""Field-by-field validation that collects every problem with its file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from layout.errors import Problem
from layout.model.yamlsrc import LineMap, Path_, field_name

MISSING = object()

TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
              dict: "a mapping", list: "a list", dt.date: "a date (YYYY-MM-DD)"}


class Checker:
    """Reads values out of parsed YAML, recording problems instead of raising."""

    def __init__(self, lines: LineMap):
        self.lines = lines
        self.problems: list[Problem] = []

    @property
    def file(self) -> Path:
        return self.lines.file

    def error(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.file, self.lines.line(path), field_name(path), message))

    def line(self, path: Path_) -> int:
        return self.lines.line(path)

    def mapping(self, value: object, path: Path_, allowed: set[str], required: set[str] = frozenset()) -> dict:
        """Check `value` is a mapping with only `allowed` keys and every `required` one."""
        if not isinstance(value, dict):
            self.error(path, f"expected {TYPE_NAMES[dict]}, got {_kind(value)}")
            return {}
        for key in value:
            if key not in allowed:
                hint = ", ".join(sorted(allowed))
                self.error(path + (key,), f"unknown field '{key}' (allowed here: {hint})")
        for key in sorted(required - value.keys()):
            self.error(path, f"missing required field '{key}'")
        return value

    def get(self, m: dict, path: Path_, key: str, kind: type, default: object = MISSING):
        """m[key] checked against `kind`; `default` when absent (None if invalid)."""
        if key not in m:
            return None if default is MISSING else default
        value = m[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.error(path + (key,), f"expected {TYPE_NAMES.get(kind, kind.__name__)}, got {_kind(value)}")
            return None if default is MISSING else default
        return value

    def convert(self, m: dict, path: Path_, key: str, parse, default: object = MISSING):
        """Run `parse(m[key])`; a ValueError becomes a problem on that field."""
        if key not in m:
            return None if default is MISSING else parse(default)
        try:
            return parse(m[key])
        except ValueError as exc:
            self.error(path + (key,), str(exc))
            return None

    def inside(self, folder: Path, value: str, path: Path_, must_exist: bool = True) -> Path | None:
        """Resolve `value` relative to `folder`; it must stay inside `folder` (and exist)."""
        target = (folder / value).resolve()
        root = folder.resolve()
        if target != root and root not in target.parents:
            self.error(path, f"path '{value}' is outside the issue folder {folder}; "
                             "copy the file into the issue folder")
            return None
        if must_exist and not target.is_file():
            self.error(path, f"file '{value}' not found (looked for {target})")
            return None
        return target


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    for kind, name in TYPE_NAMES.items():
        if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
            return f"{name} ({value!r})" if kind in (str, int, float) else name
    return type(value).__name__

"""YAML reading that keeps line numbers, so every error can name file and line.

`read_yaml()` returns plain Python data (dicts, lists, scalars) plus a `LineMap` from
field paths to 1-based source lines. Duplicate keys are errors, not silent overrides.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from layout.errors import Problem, IssueError

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class LineMap:
    """Source lines of every mapping key and list item, by field path."""

    file: Path
    lines: dict

    def line(self, path: Path_) -> int:
        """Line of `path`, or of its nearest ancestor that has one (1-based)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def field_name(path: Path_) -> str:
    """('articles', 2, 'file') -> 'articles[2].file'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def read_yaml(file: Path) -> tuple[object, LineMap]:
    """Parse `file`; raise IssueError naming file and line on any syntax problem."""
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise IssueError([Problem(file, 0, "", "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise IssueError([Problem(file, 0, "", f"not UTF-8 text ({exc.reason})")]) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise IssueError([Problem(file, _error_line(exc, text), "", _yaml_message(exc))]) from None
    if node is None:
        raise IssueError([Problem(file, 1, "", "the file is empty")])
    lines: dict = {(): node.start_mark.line + 1}
    problems: list[Problem] = []
    data = _convert(node, (), lines, problems, file)
    if problems:
        raise IssueError(problems)
    return data, LineMap(file, lines)


def _error_line(exc: yaml.MarkedYAMLError, text: str) -> int:
    """The 1-based line to blame. At the end of the stream (an unclosed quote or bracket)
    the problem mark points past the last line; the context mark says where the
    unclosed thing began."""
    lines = max(1, len(text.splitlines()))
    problem, context = exc.problem_mark, exc.context_mark
    if problem is not None and problem.line < lines and not (problem.line + 1 == lines and problem.column == 0 and context):
        return problem.line + 1
    if context is not None:
        return min(context.line + 1, lines)
    return min(problem.line + 1, lines) if problem is not None else 0


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    context = f" ({exc.context})" if exc.context else ""
    return f"YAML syntax error: {exc.problem}{context}"


def _convert(node, path: Path_, lines: dict, problems: list[Problem], file: Path):
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            child = path + (str(key),)
            line = key_node.start_mark.line + 1
            if str(key) in out:
                problems.append(Problem(file, line, field_name(child), "duplicate key"))
                continue
            lines[child] = line
            out[str(key)] = _convert(value_node, child, lines, problems, file)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1
            items.append(_convert(item, path + (index,), lines, problems, file))
        return items
    return _scalar(node)


def _scalar(node):
    """Resolve a scalar node with the safe loader's tag rules (int, float, date, ...)."""
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()

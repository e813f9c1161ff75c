"""A safe YAML reader that keeps line numbers, so every error can name file and line.

`read_yaml()` returns plain Python data (dicts, lists, scalars) plus a `LineMap` from
field paths to 1-based source lines. It composes the data itself from the parser's
events, one at a time (no recursion, so no depth can crash it), and refuses with a
file:line message, before any work is wasted:

- a file over MAX_FILE_BYTES, text that is not UTF-8, control characters;
- nesting deeper than MAX_DEPTH, more than MAX_ALIASES aliases, aliases that would expand
  the data past MAX_NODES values ("billion laughs"), an alias to its own node, an
  undefined alias, more than one document;
- any tag but YAML's plain types (`!include`, `!!python/…`), keys that are not text;
- duplicate keys, and scalars that do not convert (`2023-02-30`).

The `<<` merge key works as in YAML 1.1. Plain scalars that read as numbers, booleans or
dates keep their source text in the LineMap, so a text field written `0371` stays "0371".
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from layout.errors import Diagnostic, IssueError
from layout.i18n import N_, _
from layout.model.encoding import decode

Path_ = tuple[str | int, ...]

MAX_FILE_BYTES = 2 * 1024 * 1024   # a 32-page issue is about 100 KB; body text lives in its own files
MAX_DEPTH = 64                     # an issue.yaml is 6 levels deep
MAX_ALIASES = 1_000
MAX_NODES = 50_000                 # values after aliases are expanded (a 32-page issue has about 5,000)
MAX_PROBLEMS = 20                  # control characters reported before giving up
ALLOWED_CONTROLS = "\t\n\r"
PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
MAP_TAG, SEQ_TAG, MERGE_TAG = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:merge"
Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class LineMap:
    """Source lines of every mapping key and list item, by field path; `raw` holds the
    source text of plain scalars that were read as numbers, booleans or dates."""

    file: Path
    lines: dict[Path_, int]
    raw: dict[Path_, str] = field(default_factory=dict)

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


class YamlRefused(Exception):
    """Reading stopped at a problem (private to this module: becomes an IssueError)."""

    def __init__(self, line: int, message: str, hint: str = "", column: int = 0):
        super().__init__(message)
        self.line, self.message, self.hint, self.column = line, message, hint, column


def read_yaml(file: Path) -> tuple[Any, LineMap]:
    """Parse `file`; raise IssueError naming file and line on any problem. A file parsed
    before in this process with the same bytes is not parsed again (layout/model/memo.py);
    the data returned is the caller's own copy."""
    import copy

    from layout.i18n import language
    from layout.model.memo import YAML, read_by_content

    data, lines = read_by_content(YAML, file, (Path(file), language()), lambda: _parse_yaml(file))
    return copy.deepcopy(data), lines


def _parse_yaml(file: Path) -> tuple[Any, LineMap]:
    text = _read_text(file)
    bad = control_characters(text, file)
    if bad:
        raise IssueError(bad)
    composer = _Composer(file)
    try:
        for event in yaml.parse(text, Loader=Loader):
            composer.event(event)
    except YamlRefused as exc:
        raise IssueError([Diagnostic(file, exc.line, "", exc.message, exc.hint, exc.column)]) from None
    except yaml.MarkedYAMLError as exc:
        line, column = _error_place(exc, text)
        raise IssueError([Diagnostic(file, line, "", _yaml_message(exc), "", column)]) from None
    except yaml.YAMLError as exc:
        raise IssueError([Diagnostic(file, 0, "", _("YAML error: {reason}").format(reason=exc))]) from None
    if composer.problems:
        raise IssueError(composer.problems)
    if composer.root is _NOTHING:
        raise IssueError([Diagnostic(file, 1, "", _("the file is empty"))])
    return composer.root, LineMap(file, composer.lines, composer.raw)


def _read_text(file: Path) -> str:
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise IssueError([Diagnostic(file, 0, "", _("the file is {size:.1f} MB; an issue definition is at most "
                                                        "{most} MB").format(size=size / 1e6,
                                                                            most=MAX_FILE_BYTES // (1024 * 1024)),
                                         _("keep article text in body files, not in issue.yaml"))])
        data = file.read_bytes()
    except FileNotFoundError:
        raise IssueError([Diagnostic(file, 0, "", _("file not found"))]) from None
    except IsADirectoryError:
        raise IssueError([Diagnostic(file, 0, "", _("this is a folder, not a file"))]) from None
    except PermissionError:
        raise IssueError([Diagnostic(file, 0, "", _("cannot read the file (permission denied)"),
                                     _("check its permissions"))]) from None
    text = decode(data, file)
    if isinstance(text, Diagnostic):
        raise IssueError([text])
    return text


def control_characters(text: str, file: Path, allowed: str = ALLOWED_CONTROLS) -> list[Diagnostic]:
    """A Diagnostic for each control character (other than `allowed`) in `text`, with its
    line and column (at most MAX_PROBLEMS)."""
    found: list[Diagnostic] = []
    for number, line in enumerate(text.split("\n"), start=1):
        for column, ch in enumerate(line, start=1):
            if (unicodedata.category(ch) == "Cc" and ch not in allowed) or ch in "\ufeff\u2028\u2029":
                found.append(Diagnostic(file, number, "", _("control character {character}").format(
                    character=describe(ch)), _("delete it (it prints as nothing, or as a box)"), column))
                if len(found) >= MAX_PROBLEMS:
                    return found
    return found


def describe(ch: str) -> str:
    """U+0007 (BELL) — the code point and its name or alias."""
    name = unicodedata.name(ch, "") or CONTROL_NAMES.get(ch, "")
    return f"U+{ord(ch):04X}" + (f" ({name})" if name else "")


CONTROL_NAMES = {"\0": "NULL", "\a": "BELL", "\b": "BACKSPACE", "\t": "TAB", "\n": "LINE FEED", "\v": "LINE TABULATION",
                 "\f": "FORM FEED", "\r": "CARRIAGE RETURN", "\x1b": "ESCAPE", "\x7f": "DELETE", "\x85": "NEXT LINE"}


def _error_place(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int]:
    """The 1-based line (and column) to blame. At the end of the stream (an unclosed
    quote or bracket) the problem mark points past the last line; the context mark says
    where the unclosed thing began."""
    lines = max(1, len(text.splitlines()))
    problem, context = exc.problem_mark, exc.context_mark
    if problem is not None and problem.line < lines and not (problem.line + 1 == lines and problem.column == 0 and context):
        return problem.line + 1, problem.column + 1
    if context is not None:
        return min(context.line + 1, lines), 0
    return (min(problem.line + 1, lines), 0) if problem is not None else (0, 0)


# what libyaml says most often, in the reader's language (anything else is shown as it is)
YAML_PHRASES = {phrase: phrase for phrase in (
    N_("mapping values are not allowed in this context"), N_("mapping values are not allowed here"),
    N_("found character that cannot start any token"), N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"), N_("found unexpected end of stream"), N_("did not find expected key"),
    N_("did not find expected '-' indicator"), N_("found unknown escape character"), N_("could not find expected ':'"),
    N_("did not find expected node content"), N_("found undefined tag handle"),
    N_("while scanning for the next token"), N_("while parsing a flow sequence"), N_("while scanning a quoted scalar"),
    N_("while parsing a block mapping"), N_("while parsing a block collection"), N_("while parsing a quoted scalar"),
    N_("while parsing a flow mapping"), N_("while scanning a simple key"), N_("while parsing a block node"),
    N_("while scanning a block scalar"), N_("while scanning a plain scalar"))}


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    def say(phrase: str | None) -> str:
        return _(YAML_PHRASES[phrase]) if phrase in YAML_PHRASES else str(phrase or "")

    context = f" ({say(exc.context)})" if exc.context else ""
    return _("YAML syntax error: {problem}{context}").format(problem=say(exc.problem), context=context)


_NOTHING = object()


@dataclass(slots=True)
class _Frame:
    """A mapping or list being read (the composer's private state)."""

    path: Path_
    data: dict[str, Any] | list[Any]
    line: int
    anchor: str | None
    key: object = _NOTHING          # a mapping's key waiting for its value
    merge: bool = False             # the waiting key is `<<`
    merged: list[tuple[dict[str, Any], int]] = field(default_factory=list)
    nodes: int = 1                  # values inside, aliases expanded


class _Composer:
    """Builds Python data from parser events, counting depth, aliases and size."""

    def __init__(self, file: Path):
        self.file = file
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}  # name → (value, nodes)
        self.open_anchors: set[str] = set()
        self.lines: dict[Path_, int] = {}
        self.raw: dict[Path_, str] = {}
        self.problems: list[Diagnostic] = []
        self.root: Any = _NOTHING
        self.nodes = 0
        self.aliases = 0
        self.documents = 0
        self.loader = yaml.SafeLoader("")  # resolves and constructs scalars with the safe rules

    def event(self, event: yaml.Event) -> None:
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise YamlRefused(line, _("more than one YAML document ('---') in the file"),
                                  _("keep one issue per issue.yaml"))
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._open(event, line)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self._close()
        elif isinstance(event, yaml.ScalarEvent):
            self._scalar(event, line)
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event, line)

    def _count(self, nodes: int, line: int) -> None:
        self.nodes += nodes
        if self.nodes > MAX_NODES:
            raise YamlRefused(line, _("the file expands to more than {most:,} values (aliases repeating aliases)").format(
                most=MAX_NODES), _("write the values out, or use fewer aliases"))

    def _open(self, event: yaml.CollectionStartEvent, line: int) -> None:
        is_map = isinstance(event, yaml.MappingStartEvent)
        self._check_tag(event.tag, MAP_TAG if is_map else SEQ_TAG, line)
        if len(self.stack) >= MAX_DEPTH:
            raise YamlRefused(line, _("nested more than {most} levels deep").format(most=MAX_DEPTH),
                              _("an issue.yaml needs about 6"))
        path = self._child_path(line, container=True)
        if event.anchor:
            self.open_anchors.add(event.anchor)
        self._count(1, line)
        self.stack.append(_Frame(path, {} if is_map else [], line, event.anchor))

    def _close(self) -> None:
        frame = self.stack.pop()
        if isinstance(frame.data, dict):
            for merged, _nodes in frame.merged:
                for key, value in merged.items():
                    frame.data.setdefault(key, _copy(value))
        if frame.anchor:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (frame.data, frame.nodes)
        self._place(frame.data, frame.nodes, frame.line)

    def _scalar(self, event: yaml.ScalarEvent, line: int) -> None:
        tag = event.tag
        if tag is None or tag == "!":
            tag = str(self.loader.resolve(yaml.ScalarNode, event.value, event.implicit))  # type: ignore[no-untyped-call]
        if self.stack and isinstance(self.stack[-1].data, dict) and self.stack[-1].key is _NOTHING and tag == MERGE_TAG:
            self.stack[-1].key, self.stack[-1].merge = "<<", True
            return
        self._check_tag(tag, "", line)
        column = event.start_mark.column + 1 if event.start_mark else 0
        node = yaml.ScalarNode(tag, event.value, None, None, event.style)
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError) as exc:
            raise YamlRefused(line, _scalar_problem(event.value, tag, exc), "", column) from None
        if isinstance(value, str):
            self._control_characters(value, line, column)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._count(1, line)
        raw = event.value if not event.style and not isinstance(value, str) and value is not None else None
        self._place(value, 1, line, raw)

    def _control_characters(self, value: str, line: int, column: int) -> None:
        """A problem for a control character in a text value (a line feed is left to the
        loader: it is a line break in a headline and an error elsewhere)."""
        bad = next((ch for ch in value if unicodedata.category(ch) == "Cc" and ch != "\n"), None)
        if bad is not None:
            self.problems.append(Diagnostic(self.file, line, "", _("control character {character} in the text").format(
                character=describe(bad)), _("delete it (it prints as nothing, or as a box)"), column))

    def _alias(self, event: yaml.AliasEvent, line: int) -> None:
        name = event.anchor or ""
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise YamlRefused(line, _("more than {most} aliases").format(most=MAX_ALIASES), _("write the values out"))
        if name in self.open_anchors:
            raise YamlRefused(line, _("alias *{name} refers to the value that contains it").format(name=name),
                              _("a value cannot include itself"))
        if name not in self.anchors:
            raise YamlRefused(line, _("alias *{name} has no anchor &{name} before it").format(name=name))
        value, nodes = self.anchors[name]
        self._count(nodes, line)
        if self.stack and self.stack[-1].merge:
            self._place(value, nodes, line)
            return
        self._child_path(line)  # records the line for a key or list item
        self._place(_copy(value), nodes, line, placed=True)

    def _check_tag(self, tag: str | None, default: str, line: int) -> None:
        if tag in (None, "!", default) or tag in PLAIN_TAGS:
            return
        raise YamlRefused(line, _("unknown tag '{tag}'").format(tag=tag.replace("tag:yaml.org,2002:", "!!")),
                          _("paiban reads plain YAML (text, numbers, true/false, dates, lists, mappings); "
                            "write the value itself"))

    def _child_path(self, line: int, container: bool = False) -> Path_:
        """The path of the value about to be placed in the innermost frame (and its line)."""
        if not self.stack:
            self.lines[()] = line
            return ()
        top = self.stack[-1]
        if isinstance(top.data, list):
            path = top.path + (len(top.data),)
        elif top.key is _NOTHING:
            if container:
                raise YamlRefused(line, _("a key must be text, not a list or mapping"))
            return top.path
        else:
            path = top.path + (str(top.key),)
            return path
        self.lines.setdefault(path, line)
        return path

    def _place(self, value: Any, nodes: int, line: int, raw: str | None = None, placed: bool = False) -> None:
        """Put a finished value into the innermost frame (or make it the document)."""
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        top.nodes += nodes
        if isinstance(top.data, list):
            path = top.path + (len(top.data),)
            self.lines.setdefault(path, line)
            top.data.append(value)
        elif top.key is _NOTHING:
            self._key(top, value, line)
            return
        elif top.merge:
            self._merge(top, value, line)
        else:
            path = top.path + (str(top.key),)
            top.data[str(top.key)] = value
            top.key = _NOTHING
        if raw is not None:
            self.raw[path] = raw

    def _key(self, top: _Frame, key: Any, line: int) -> None:
        assert isinstance(top.data, dict)
        if isinstance(key, (dict, list)):
            raise YamlRefused(line, _("a key must be text, not a list or mapping"))
        if isinstance(key, (dt.date, bool)) or key is None:
            key = str(key).lower() if isinstance(key, bool) or key is None else key.isoformat()
        name = str(key)
        path = top.path + (name,)
        if name in top.data:
            self.problems.append(Diagnostic(self.file, line, field_name(path), _("duplicate key"),
                                            _("keep one of the two")))
        self.lines.setdefault(path, line)
        top.key = name

    def _merge(self, top: _Frame, value: Any, line: int) -> None:
        sources = value if isinstance(value, list) else [value]
        if not all(isinstance(m, dict) for m in sources):
            raise YamlRefused(line, _("'<<' merges a mapping (or a list of mappings) into this one"))
        top.merged += [(m, 0) for m in sources]
        top.key, top.merge = _NOTHING, False


def _copy(value: Any) -> Any:
    """An aliased value as a fresh copy (lists and mappings are not shared)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _scalar_problem(value: str, tag: str, exc: Exception) -> str:
    if tag.endswith(":timestamp"):
        return _("'{value}' is not a real date ({reason}); write it as YYYY-MM-DD").format(value=value, reason=exc)
    return _("'{value}' cannot be read as {kind} ({reason})").format(value=value, kind=tag.replace("tag:yaml.org,2002:", ""),
                                                                     reason=exc)

"""An article's headline stack (引题, 主题, 副题, byline): what issue.yaml gives wins over
what the body file carries (a plain-text export's labelled lines, a Word file's Title,
a ninjs item's headlines); a field the file gives differently is reported as not used.
Leading paragraphs of the body that only repeat a field are not set twice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from layout.errors import Diagnostic
from layout.i18n import _
from layout.model.copyfile import Copy, StackField, excerpt, notice, stack_name
from layout.model.fields import Checker
from layout.model.schema import Block, BlockKind
from layout.model.yamlsrc import Path_


@dataclass(frozen=True, slots=True)
class StackFields:
    """The stack's texts, and the body blocks without the paragraphs that repeat them."""

    kicker: str
    headline: str
    subhead: str
    byline: str
    blocks: tuple[Block, ...]


def stack_fields(check: Checker, m: dict[str, Any], path: Path_, copy: Copy, notices: list[Diagnostic]) -> StackFields:
    """The stack of the article `m` (at `path`) with body file copy `copy`; notices
    for the file's fields that issue.yaml overrides and for paragraphs dropped."""
    values: dict[StackField, str] = {}
    for name in StackField:
        found = copy.field(name)
        if name.value in m:
            values[name] = check.text(m, path, name.value, breaks=name is not StackField.BYLINE)
            if found is not None and compact(found.text) != compact(values[name]):
                notices.append(notice(found.source.file, found.source.line, _(
                    "the file's {field} {text} is not used: issue.yaml gives {given}").format(
                    field=stack_name(name), text=excerpt(found.text), given=excerpt(values[name])), field=name.value))
        else:
            values[name] = found.text if found is not None else ""
    blocks = _without_repeats(copy.blocks, values, notices)
    return StackFields(kicker=values[StackField.KICKER], headline=values[StackField.HEADLINE],
                       subhead=values[StackField.SUBHEAD], byline=values[StackField.BYLINE], blocks=blocks)


def compact(text: str) -> str:
    """`text` without any white space (line breaks, full-width spaces), for comparing."""
    return "".join(text.split())


def _without_repeats(blocks: tuple[Block, ...], values: dict[StackField, str],
                     notices: list[Diagnostic]) -> tuple[Block, ...]:
    """`blocks` without the leading paragraphs that are exactly a stack field (a Word file
    that starts with the headline issue.yaml gives too would print it twice)."""
    fields = {compact(text): name for name, text in values.items() if compact(text)}
    start = 0
    while start < len(blocks) - 1:
        block = blocks[start]
        name = fields.get(compact(block.text))
        if name is None or block.kind is BlockKind.QUOTE or block.marks or block.runin:
            break
        notices.append(notice(block.source.file, block.source.line, _(
            "the paragraph {text} repeats the article's {field} and is not set twice").format(
            text=excerpt(block.text), field=stack_name(name))))
        start += 1
    return blocks[start:]

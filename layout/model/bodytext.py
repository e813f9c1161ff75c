"""Article body files: a small, strict Markdown subset.

- Paragraphs are separated by blank lines; lines inside a paragraph are joined (with no
  space between two CJK characters, one space otherwise).
- A line starting with `## ` is an in-text subhead (小标题, e.g. "元素一 促进传统消费回暖").
- A `# ` headline inside a body is an error: headlines belong in issue.yaml.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from layout.errors import Problem
from layout.model.schema import Block, BlockKind, Source


def read_body(file: Path, display: Path) -> tuple[tuple[Block, ...], list[Problem]]:
    """Blocks of `file` (shown to the user as `display`) and any problems found."""
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return (), [Problem(display, 0, "", f"not UTF-8 text ({exc.reason})")]
    blocks: list[Block] = []
    problems: list[Problem] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        problems += _bad_characters(line, display, number)
        if line.startswith("## ") or not line:
            _flush(pending, start, display, blocks)
            pending = []
        if line.startswith("## "):
            blocks.append(Block(BlockKind.SUBHEAD, line[3:].strip(), Source(display, number)))
        elif line.startswith("#"):
            problems.append(Problem(display, number, "", "a '#' headline inside a body file; "
                                    "put headlines in issue.yaml, subheads as '## '"))
        elif line:
            start = start if pending else number
            pending.append(line)
    _flush(pending, start, display, blocks)
    if not blocks:
        problems.append(Problem(display, 0, "", "the body file has no text"))
    return tuple(blocks), problems


def _flush(lines: list[str], start: int, display: Path, blocks: list[Block]) -> None:
    if lines:
        blocks.append(Block(BlockKind.PARAGRAPH, join_lines(lines), Source(display, start)))


def join_lines(lines: list[str]) -> str:
    """Join wrapped source lines: no space between CJK characters, one space otherwise."""
    out = lines[0]
    for line in lines[1:]:
        cjk = _is_wide(out[-1]) or _is_wide(line[0])
        out += line if cjk else " " + line
    return out


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _bad_characters(line: str, display: Path, number: int) -> list[Problem]:
    """Control and private-use characters never belong in copy."""
    bad = [ch for ch in line if unicodedata.category(ch) in ("Cc", "Co", "Cs")]
    if not bad:
        return []
    names = ", ".join(f"U+{ord(ch):04X}" for ch in dict.fromkeys(bad))
    return [Problem(display, number, "", f"control or private-use character(s) {names}")]

"""Content-stream instructions as plain Python values, read by qpdf.

qpdf (`pikepdf.parse_content_stream`) parses; what costs on a page of thousands of text
runs is turning every operand into a Python value. So operands are converted only for
the operators the walker interprets (NEED_OPERANDS; the others get []), numbers first
(they are most operands and come as int or Decimal): numbers as float, names as str
("/F1"), strings as b"" (no check needs their content), arrays as list, dictionaries
as dict, true/false as bool, null as None. An inline image is the instruction "BI"
with the pikepdf.PdfInlineImage as its one operand.
"""

from __future__ import annotations

from decimal import Decimal

import pikepdf

Instruction = tuple[list, str]
NEED_OPERANDS = frozenset({"cm", "w", "gs", "g", "G", "rg", "RG", "k", "K", "cs", "CS", "sc", "SC", "scn", "SCN",
                           "Tf", "Tm", "Td", "TD", "TL", "Tr", "m", "l", "c", "v", "y", "re", "Do", "sh"})
NAME = pikepdf.ObjectType.name_


def instructions(source) -> list[Instruction]:
    """Every instruction of a page (pikepdf.Page) or a form/pattern stream, in order.
    Raises ValueError when the content cannot be read."""
    try:
        parsed = pikepdf.parse_content_stream(source)
    except (pikepdf.PdfError, TypeError, ValueError) as exc:  # TypeError: an object reference in content
        raise ValueError(f"unreadable content stream: {exc}") from None
    out: list[Instruction] = []
    need, plain_instruction = NEED_OPERANDS, pikepdf.ContentStreamInstruction
    for instruction in parsed:
        # the exact-type test first: isinstance on every one of thousands of instructions costs more
        if type(instruction) is not plain_instruction and isinstance(instruction, pikepdf.ContentStreamInlineImage):
            out.append(([instruction.iimage], "BI"))
            continue
        operator = str(instruction.operator)
        out.append((_operands(instruction.operands) if operator in need else [], operator))
    return out


def _operands(operands) -> list:
    out: list = []
    for value in operands:
        kind = type(value)
        if kind is int or kind is Decimal or kind is float:
            out.append(float(value))
        elif isinstance(value, pikepdf.Object) and value._type_code == NAME:
            out.append(str(value))
        else:
            out.append(plain(value))
    return out


def plain(value):
    """A pikepdf operand as a plain Python value (see the module's docstring)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float, Decimal)):
        return float(value)
    if isinstance(value, pikepdf.Name):
        return str(value)
    if isinstance(value, pikepdf.String):
        return b""
    if isinstance(value, pikepdf.Array):
        return [plain(v) for v in value]
    if isinstance(value, pikepdf.Dictionary):
        return {str(k): plain(v) for k, v in value.items()}
    return None

"""Content-stream instructions as plain Python values.

Two readers give the same instructions. qpdf (`pikepdf.parse_content_stream`) parses
any content; what costs on a page of thousands of text runs is turning every operand
from a pikepdf object into a Python value. The fast reader (`read_instructions`: one
compiled regular expression over the decoded bytes, strings skipped whole) reads the
plain content our own pages and most producers write, and refuses — leaving the content
to qpdf — anything it does not take exactly as qpdf would: inline images, dictionaries,
names with #xx escapes, strings with unescaped parentheses, stray or unknown tokens
(tests/preflight/test_tokens.py holds it to qpdf's result). Operands are converted only for
the operators the walker interprets (NEED_OPERANDS; the others get []), numbers first
(they are most operands and come as int or Decimal): numbers as float, names as str
("/F1"), strings as b"" (no check needs their content), arrays as list, dictionaries
as dict, true/false as bool, null as None. An inline image is the instruction "BI"
with the pikepdf.PdfInlineImage as its one operand.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pikepdf

Instruction = tuple[list, str]
NEED_OPERANDS = frozenset({"cm", "w", "gs", "g", "G", "rg", "RG", "k", "K", "cs", "CS", "sc", "SC", "scn", "SCN",
                           "Tf", "Tm", "Td", "TD", "TL", "Tr", "m", "l", "c", "v", "y", "re", "Do", "sh"})
NAME = pikepdf.ObjectType.name_
NEED_OPERANDS_BYTES = frozenset(op.encode() for op in NEED_OPERANDS)


def instructions(source) -> list[Instruction]:
    """Every instruction of a page (pikepdf.Page) or a form/pattern stream, in order:
    by the fast reader when it takes the content, else by qpdf. Raises ValueError when
    the content cannot be read."""
    data = content_bytes(source)
    fast = read_instructions(data) if data is not None else None
    return fast if fast is not None else qpdf_instructions(source)


def content_bytes(source) -> bytes | None:
    """The decoded content of a page (its streams joined by a newline, as qpdf joins
    them) or of a stream; None when it is not plain streams that decode."""
    try:
        if isinstance(source, pikepdf.Page):
            contents = source.obj.get("/Contents")
            if contents is None:
                return b""
            parts = [contents] if isinstance(contents, pikepdf.Stream) else list(contents)
            if not all(isinstance(part, pikepdf.Stream) for part in parts):
                return None
            return b"\n".join(part.read_bytes() for part in parts)
        return source.read_bytes() if isinstance(source, pikepdf.Stream) else None
    except Exception:  # noqa: BLE001 - whatever cannot be decoded here is qpdf's to report
        return None


def qpdf_instructions(source) -> list[Instruction]:
    """`instructions` as qpdf parses them (the full reader, for any content)."""
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

# ------------------------------------------------------------------ the fast reader

DELIMITER = rb"(?=[ \t\r\n\f/\[\]()<>{}%]|\Z)"
WHITE = rb"[ \t\r\n\f]"
NUMBERS = rb"((?:[+-]?(?:\d+\.?\d*|\.\d+)" + WHITE + rb"++)*+)"             # numbers, each followed by white space
WORD = rb"([A-Za-z'\"*][A-Za-z0-9'\"*]*+)" + DELIMITER                     # an operator, true, false or null
NAME = rb"(/[^ \t\r\n\f/\[\]()<>{}%#\x00\x80-\xff]*+)" + DELIMITER        # a name without #xx escapes
OPEN_STRING = rb"\((?:[^\\()]++|\\[\s\S])*+"                          # a string without unescaped parentheses inside
STRING = OPEN_STRING + rb"\)"
PIECE = re.compile(   # one instruction in the common forms, or one token of any other
    rb"(?:" + WHITE + rb"++|%[^\r\n]*+)*+(?:"        # white space and comments, no backtracking
    + NUMBERS + WORD +                                # 1, 2: numbers and an operator (or none and one)
    rb"|" + STRING + WHITE + rb"*+" + WORD +          # 3: a string and an operator ("(…) Tj")
    rb"|" + NAME + WHITE + rb"*+" + NUMBERS + WORD +  # 4, 5, 6: a name, numbers, an operator ("/F1 9 Tf")
    rb"|([+-]?(?:\d+\.?\d*|\.\d+))" + DELIMITER +   # 7: a number
    rb"|" + NAME +                                    # 8: a name
    rb"|" + OPEN_STRING + rb"(\))|<[0-9A-Fa-f \t\r\n\f]*+(>)"     # 9, 10: a string
    rb"|(\[)|(\])"                                    # 11, 12: an array
    rb"|([^ \t\r\n\f])"                              # 13: anything else, not for this reader
    rb"|(\Z))")   # 14: the end; white space and comments before it are matched, never skipped to a later start
KEYWORDS = {b"true": True, b"false": False, b"null": None}
REFUSED = frozenset({b"BI", b"ID", b"EI"})
OPERATOR, STRING_OPERATOR, NAME_OPERATOR, NUM, NAME_, STRING_, HEX, OPEN, CLOSE, END = 2, 3, 6, 7, 8, 9, 10, 11, 12, 14


def read_instructions(data: bytes) -> list[Instruction] | None:
    """The instructions of decoded content `data`, exactly as qpdf's parse gives them
    (`qpdf_instructions`), or None when the content holds anything this reader leaves to
    qpdf: inline images, dictionaries, names with #xx escapes, strings with unescaped
    parentheses, a stray token, an unclosed array, operands without an operator."""
    out: list[Instruction] = []
    operands: list = []
    stack: list[list] = []
    need = NEED_OPERANDS_BYTES
    for match in PIECE.finditer(data):
        kind = match.lastindex
        if kind == OPERATOR or kind == STRING_OPERATOR or kind == NAME_OPERATOR:
            if kind == OPERATOR:
                numbers, word = match.group(1, 2)
            elif kind == STRING_OPERATOR:
                numbers, word = b"", match.group(3)
                operands.append(b"")
            else:
                name, numbers, word = match.group(4, 5, 6)
                operands.append(name.decode())
            if word in KEYWORDS:
                operands += _numbers(numbers) + [KEYWORDS[word]]
            elif stack or word in REFUSED:
                return None
            else:
                out.append((operands + _numbers(numbers) if word in need else [], word.decode()))
                operands = []
        elif kind == STRING_ or kind == HEX:
            operands.append(b"")
        elif kind == NAME_:
            operands.append(match.group(NAME_).decode())
        elif kind == NUM:
            operands += _numbers(match.group(NUM))
        elif kind == OPEN:
            stack.append(operands)
            operands = []
        elif kind == CLOSE and stack:
            inner, operands = operands, stack.pop()
            operands.append(inner)
        elif kind == END:
            break
        else:   # a bracket closing nothing, anything else
            return None
    return out if not operands and not stack else None


def _numbers(text: bytes) -> list[float]:
    """Numbers separated by white space, as floats; "-0" is qpdf's integer 0 (0.0, not -0.0)."""
    if not text:
        return []
    if b"-0" not in text:
        return list(map(float, text.split()))
    return [value if (value := float(t)) or b"." in t else 0.0 for t in text.split()]

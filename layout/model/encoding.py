"""Text file encodings: UTF-8 (with or without a byte-order mark) by default; GB18030
(which reads GBK and GB 2312 files too) when the issue says so.

A file that is not what it should be is refused with a message that says what it looks
like (GB18030/GBK, UTF-16, binary) and what to do, naming the line of the first bad byte.
"""

from __future__ import annotations

import codecs
from enum import Enum
from pathlib import Path

from layout.errors import Diagnostic
from layout.i18n import _


class Encoding(Enum):
    """How a body file is written (`encoding:` in issue.yaml)."""

    UTF8 = "utf-8"      # the default; a leading byte-order mark is allowed and dropped
    GB18030 = "gb18030"  # GB 18030-2005, a superset of GBK and GB 2312 (what Chinese Windows editors save)


# the names a user may write, by what they mean
ENCODING_NAMES: dict[str, Encoding] = {"utf-8": Encoding.UTF8, "utf8": Encoding.UTF8,
                                       "gb18030": Encoding.GB18030, "gbk": Encoding.GB18030,
                                       "gb2312": Encoding.GB18030}
CODECS = {Encoding.UTF8: "utf-8-sig", Encoding.GB18030: "gb18030"}


def decode(data: bytes, file: Path, encoding: Encoding = Encoding.UTF8) -> str | Diagnostic:
    """The text of `data` (read from `file`), or a Diagnostic saying why it cannot be read.

    A UTF-8 byte-order mark says the file is UTF-8 whatever `encoding` says; a
    byte-order mark is dropped.
    """
    if data.startswith(codecs.BOM_UTF8):
        encoding = Encoding.UTF8
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and encoding is Encoding.UTF8:
        return Diagnostic(file, 0, "", _("the file is UTF-16 text, not UTF-8"),
                          _("save it again as UTF-8 (in Notepad: Save as → Encoding: UTF-8)"))
    try:
        text = data.decode(CODECS[encoding])
    except UnicodeDecodeError as exc:
        return _undecodable(data, file, encoding, exc)
    return text.removeprefix("\ufeff")


def _undecodable(data: bytes, file: Path, encoding: Encoding, exc: UnicodeDecodeError) -> Diagnostic:
    line = data.count(b"\n", 0, exc.start) + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    bad = data[exc.start:exc.start + 4].hex(" ")
    if b"\0" in data[:8192]:
        return Diagnostic(file, line, "", _("this is not a text file (it holds binary data)"),
                          _("give a UTF-8 text file"), column)
    if encoding is Encoding.UTF8 and looks_like_gb18030(data):
        return Diagnostic(file, line, "", _("not UTF-8: the text looks like GB18030/GBK (bytes {bad})").format(bad=bad),
                          _("save it as UTF-8, or say `encoding: gb18030` for this article (or the whole issue) "
                            "in issue.yaml"), column)
    if encoding is Encoding.UTF8:
        return Diagnostic(file, line, "", _("not UTF-8 text (bytes {bad} cannot be read: {reason})").format(
            bad=bad, reason=exc.reason), _("save the file again as UTF-8"), column)
    hint = _("check the file's encoding")
    if _is_utf8(data):
        hint = _("this file is UTF-8: give it `encoding: utf-8` in its article, or save it as GB18030 too")
    return Diagnostic(file, line, "", _("not {encoding} text (bytes {bad} cannot be read: {reason})").format(
        encoding=encoding.value.upper(), bad=bad, reason=exc.reason), hint, column)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def looks_like_gb18030(data: bytes) -> bool:
    """True when `data` reads as GB18030 and is mostly Chinese characters where it is not ASCII."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    wide = [ch for ch in text if ord(ch) > 0x7F]
    han = sum(1 for ch in wide if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
    return bool(wide) and han >= 0.8 * len(wide)

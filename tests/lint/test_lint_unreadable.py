"""`paiban lint` on copy it cannot read: one E100 naming the file and what to do, never
a traceback (issue 11)."""

from __future__ import annotations

import random

import pytest

from layout.cli import main


@pytest.mark.parametrize("data,expected", [
    (random.Random(7).randbytes(4000), "not a text file"),
    (random.Random(8).randbytes(4000).replace(b"\0", b"\x01"), "not"),
    (b"\xff\xfe\xfa\xfb" * 50, "not UTF-8"),
    ("第一段正文，用来检查排版。\n".encode("gb18030"), "GB18030"),
])
def test_unreadable_copy_is_one_e100(tmp_path, capsys, data, expected):
    file = tmp_path / "copy.txt"
    file.write_bytes(data)
    assert main(["lint", str(file)]) == 1
    out, err = capsys.readouterr()
    assert out.strip().startswith(f"{file}:") and "E100" in out and expected in out
    assert "Traceback" not in out + err


def test_utf8_with_a_byte_order_mark_is_read(tmp_path, capsys):
    """Negative control: the BOM is dropped, the copy linted as usual."""
    file = tmp_path / "copy.txt"
    file.write_bytes("\ufeff第一段正文，用来检查排版。\n".encode("utf-8"))
    assert main(["lint", str(file)]) == 0
    assert "E100" not in capsys.readouterr().out

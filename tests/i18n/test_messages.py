"""Messages people read, in both languages, keeping the file:line form."""

from __future__ import annotations

import re
from pathlib import Path

from layout.cli import main

RAW = Path(__file__).resolve().parents[1] / "fixtures" / "jiefang-pages.raw.txt"


def test_lint_in_chinese_keeps_file_line_code(capsys, monkeypatch):
    monkeypatch.delenv("PAIBAN_LANG", raising=False)
    assert main(["lint", "--lang", "zh", str(RAW)]) == 1
    out, err = capsys.readouterr()
    assert f"{RAW}:69: E101 重复段落" in out
    assert all(re.match(r"^.+:\d+: [EWI]\d{3} \S", row) for row in out.splitlines())
    assert "11 个错误" in err


def test_lint_in_english_from_the_environment(capsys, monkeypatch):
    """Negative control: the same run in English."""
    monkeypatch.setenv("PAIBAN_LANG", "en")
    assert main(["lint", str(RAW)]) == 1
    out, err = capsys.readouterr()
    assert f"{RAW}:69: E101 duplicate paragraph" in out and "11 errors" in err and "重复段落" not in out

"""What preflight says, in Chinese or English: the table, the findings, the summary."""

from __future__ import annotations

import re

from layout.cli import main
from layout.i18n import using
from layout.preflight import Check, format_table
from layout.preflight.table import width

from preflight_samples import check, pdfx_pdf


def test_the_command_speaks_chinese(tmp_path, capsys):
    path = tmp_path / "sample.pdf"
    path.write_bytes(pdfx_pdf())
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(path.read_bytes()[:-7])
    assert main(["preflight", "--lang", "zh", "--tac", "python", str(path), str(broken)]) == 1
    out = capsys.readouterr().out
    assert "sample.pdf: 通过" in out and "broken.pdf: 不通过" in out
    assert "总墨量（TAC）" in out and "黑字叠印" in out and "文件不完整" in out
    assert "2 个文件中 1 个通过，1 个不通过" in out


def test_english_is_the_same_report(tmp_path, capsys):
    """The control: the same files in English."""
    path = tmp_path / "sample.pdf"
    path.write_bytes(pdfx_pdf())
    assert main(["preflight", "--lang", "en", "--tac", "python", str(path)]) == 0
    out = capsys.readouterr().out
    assert "sample.pdf: PASS" in out and "total ink (TAC)" in out and "1 of 1 file passes" in out
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in out.replace("本报讯", ""))


def test_findings_are_made_in_the_language_in_force(tmp_path):
    data = pdfx_pdf()[:-7]
    with using("zh"):
        report = check(data, tmp_path)
        table = format_table(report)
    (damage,) = [f for f in report.of(Check.STRUCTURE) if f.severity.value == "error"]
    assert damage.message.startswith("已损坏：") and "%%EOF" in damage.message
    assert "文件结构" in table and "不通过" in table
    rows = [line for line in table.splitlines() if re.match(r"^\s+\d+ ", line)]
    assert len(rows) == len(Check)
    starts = {width(row[:re.search(r"(不通过|通过|警告) ", row).start()]) for row in rows}
    assert len(starts) == 1, table   # the status column lines up, CJK titles counted two columns a character

"""`paiban lint` on the raw seed copy (tests/fixtures/jiefang-pages.raw.txt): every
duplicated paragraph and every paragraph broken mid-sentence is found on its own line,
and a clean control text gives nothing at all."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from layout.cli import main
from layout.lint import lint_path

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "tests" / "fixtures" / "jiefang-pages.raw.txt"
CLEAN = Path(__file__).parent / "fixtures" / "clean-copy.md"
# Where the printed text jumped columns, as shared/README.md lists them.
BROKEN_STARTS = ("元实施", "约兑现", "采取差异化监管", "消费券发放活动推出", "活动,礼品", "化。监测数据")


def raw_lines() -> list[str]:
    return RAW.read_text(encoding="utf-8").splitlines()


def lines_with(code: str, findings) -> list[int]:
    return sorted(f.line for f in findings if f.code == code)


@pytest.fixture(scope="module")
def raw_findings():
    return lint_path(RAW).findings


def test_every_duplicate_paragraph_is_found_on_its_line(raw_findings):
    lines = raw_lines()
    first: dict[str, int] = {}
    repeats = []
    for number, text in enumerate(lines, start=1):
        if len(text) > 20 and not text.startswith("#"):
            if text in first:
                repeats.append(number)
            first.setdefault(text, number)
    assert len(repeats) == 5  # the seed repeats one paragraph five times
    assert lines_with("E101", raw_findings) == repeats == [69, 71, 73, 75, 77]
    for finding in (f for f in raw_findings if f.code == "E101"):
        assert "line 67" in finding.message and "of 6" in finding.message


def test_every_mid_sentence_break_is_found_on_its_line(raw_findings):
    lines = raw_lines()
    expected = [next(i for i, t in enumerate(lines, start=1) if t.startswith(s)) for s in BROKEN_STARTS]
    assert lines_with("E102", raw_findings) == expected == [67, 91, 97, 121, 123, 129]
    by_line = {f.line: f for f in raw_findings if f.code == "E102"}
    assert "余万" in by_line[67].message and "元实施" in by_line[67].message
    assert "line 127" in by_line[129].message


def test_half_width_punctuation_is_a_warning_per_line(raw_findings):
    lines = raw_lines()
    expected = [i for i, t in enumerate(lines, start=1) if re.search(r"[\u4e00-\u9fff][,;(]|[,;)][\u4e00-\u9fff]", t)]
    assert lines_with("W202", raw_findings) == expected
    line5 = next(f for f in raw_findings if f.code == "W202" and f.line == 5)
    assert "'('" in line5.message and "（" in line5.message


def test_the_clean_control_text_gives_no_findings():
    assert lint_path(CLEAN).findings == ()


def test_command_prints_file_line_code_message_and_exits_1_on_errors(capsys):
    assert main(["lint", str(RAW)]) == 1
    out = capsys.readouterr()
    rows = out.out.splitlines()
    assert rows and all(re.match(r"^.+:\d+: [EWI]\d{3} \S", row) for row in rows), rows[:3]
    assert f"{RAW}:69: E101 duplicate paragraph" in out.out
    assert "11 errors" in out.err


def test_command_json_lists_file_line_code_message(capsys):
    assert main(["lint", "--json", str(RAW)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {"file", "line", "code", "message"} <= set(data[0])
    assert [d["line"] for d in data if d["code"] == "E101"] == [69, 71, 73, 75, 77]
    assert {d["severity"] for d in data} == {"error", "warning"}


def test_command_exits_0_on_clean_copy_and_level_filters(capsys):
    assert main(["lint", str(CLEAN)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["lint", "--level", "error", str(RAW)]) == 1
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 11 and all(": E" in row for row in rows)

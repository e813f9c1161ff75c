"""`paiban preflight` never shows a traceback, whatever the file: truncations and byte
flips of a good page file give our findings (damage as a structure error), nothing else."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.cli import main
from layout.preflight import Check, PreflightSettings, TacMethod, preflight_bytes, preflight_file
from layout.preflight.tac import ghostscript

from preflight_samples import pdfx_pdf

GOOD = pdfx_pdf()
FAST = PreflightSettings(tac_method=TacMethod.PYTHON)


def _flipped(data: bytes, flips: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for position, mask in flips:
        out[position % len(out)] ^= mask
    return bytes(out)


def _position():
    """Anywhere, but often in the objects at the start or the xref and trailer at the end."""
    size = len(GOOD)
    return st.one_of(st.integers(0, size - 1), st.integers(0, min(6000, size - 1)),
                     st.integers(max(0, size - 3000), size - 1))


def _assert_only_findings(report) -> None:
    assert report.findings, "a report with nothing in it"
    for finding in report.findings:
        assert isinstance(finding.message, str) and finding.message
        assert "internal error" not in finding.message, finding.text()


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(GOOD) - 1))
def test_truncated_files(cut):
    report = preflight_bytes(GOOD[:cut], "cut.pdf", FAST)
    _assert_only_findings(report)
    if cut < len(GOOD) - 1:    # all but the last newline: some part is missing
        assert not report.passed, [f.text() for f in report.findings]


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_position(), st.integers(1, 255)), min_size=1, max_size=8))
def test_flipped_bytes(flips):
    report = preflight_bytes(_flipped(GOOD, flips), "flipped.pdf", FAST)
    _assert_only_findings(report)


def test_the_good_file_has_no_damage():
    """The control: the unmutated file passes, so a damage finding above is real."""
    report = preflight_bytes(GOOD, "good.pdf", FAST)
    assert report.passed and report.status(Check.STRUCTURE).value == "ok"


@pytest.mark.parametrize("cut", [0.25, 0.5, 0.75, 0.98])
def test_damaged_files_through_ghostscript(tmp_path, cut):
    """Ghostscript on a damaged file: its failure is a note, the report is still ours."""
    assert ghostscript() is not None, "Ghostscript (gs) is needed for this test (Debian: ghostscript)"
    path = tmp_path / "cut.pdf"
    path.write_bytes(GOOD[:int(len(GOOD) * cut)])
    report = preflight_file(path, PreflightSettings(tac_method=TacMethod.GHOSTSCRIPT))
    _assert_only_findings(report)
    assert Check.STRUCTURE in report.failed_checks


def test_the_command_on_a_half_truncated_page_file(seed_page_pdfs, tmp_path, capsys):
    """issue 11: `paiban preflight` on half a real page file was a traceback."""
    data = next(iter(seed_page_pdfs.values())).read_bytes()
    half, moved = tmp_path / "half.pdf", tmp_path / "moved.pdf"
    half.write_bytes(data[:len(data) // 2])
    xref = data.rindex(b"startxref")
    offset = int(data[xref + 9:].split()[0])
    moved.write_bytes(data[:xref] + b"startxref\n" + str(offset + 7).encode() + b"\n%%EOF\n")
    assert main(["preflight", "--tac", "python", str(half), str(moved)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "half.pdf: FAIL" in out and "moved.pdf: FAIL" in out and "damaged" in out
    assert "0 of 2 files pass" in out

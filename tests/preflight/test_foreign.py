"""Preflight on PDFs other tools make: a plain ReportLab page and a Typst page are
rejected for the reasons a plant would give; paiban's own page passes."""

from __future__ import annotations

import json

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader

from layout.cli import main
from layout.preflight import Check, PreflightSettings, Severity, TacMethod

from preflight_samples import check, failing, messages, reportlab_pdf

TYPST_PAGE = """\
#set page(width: 120mm, height: 90mm, margin: 10mm)
#set text(size: 7pt)
= A headline in Typst
Body text in the default black, which Typst writes as RGB.
#text(fill: rgb("#c00000"))[A red line.]
#rect(width: 30mm, height: 10mm, fill: rgb(0, 0, 0))
"""


def _plain(canvas) -> None:
    """What ReportLab does out of the box: Helvetica, RGB colour, an RGB photo."""
    canvas.setFont("Helvetica", 9)
    canvas.drawString(20, 120, "Plain ReportLab page")
    canvas.setFillColorRGB(0.9, 0.1, 0.1)
    canvas.rect(20, 80, 60, 20, stroke=0, fill=1)
    canvas.drawImage(ImageReader(Image.new("RGB", (60, 40), (20, 120, 200))), 100, 20, 72, 48)


@pytest.fixture(scope="module")
def plain_reportlab() -> bytes:
    return reportlab_pdf(_plain)


@pytest.fixture(scope="module")
def typst_pdf() -> bytes:
    typst = pytest.importorskip("typst", reason="the typst package is not installed (pip install typst)")
    return typst.compile(TYPST_PAGE.encode("utf-8"))


def test_plain_reportlab_pdf_is_rejected_for_the_right_reasons(plain_reportlab, tmp_path):
    report = check(plain_reportlab, tmp_path)
    assert not report.passed
    assert failing(report) >= {Check.PDFX, Check.OUTPUT_INTENT, Check.BOXES, Check.FONTS, Check.COLOUR,
                               Check.RESOLUTION}
    assert "not a PDF/X file" in messages(report, Check.PDFX)
    assert "Helvetica" in messages(report, Check.FONTS) and "not embedded" in messages(report, Check.FONTS)
    assert "no TrimBox" in messages(report, Check.BOXES)
    colour = messages(report, Check.COLOUR)
    assert "DeviceRGB in fill, image" in colour and "RGB cannot go to the plates" in colour
    assert "60 ppi" in messages(report, Check.RESOLUTION)
    # what ReportLab does get right is not blamed
    assert report.status(Check.SECURITY) is Severity.OK and report.status(Check.STRUCTURE) is Severity.OK


def test_typst_pdf_is_rejected_for_the_right_reasons(typst_pdf, tmp_path):
    report = check(typst_pdf, tmp_path, name="typst.pdf")
    assert not report.passed
    assert failing(report) >= {Check.PDFX, Check.INFO, Check.OUTPUT_INTENT, Check.BOXES, Check.COLOUR}
    assert "not a PDF/X file" in messages(report, Check.PDFX)
    assert "Trapped" in messages(report, Check.INFO)
    assert "RGB" in messages(report, Check.COLOUR)
    assert "black text knocks out" in messages(report, Check.BLACK)  # Typst's black: ICC grey, no overprint
    assert report.status(Check.FONTS) is Severity.OK               # Typst embeds its fonts
    assert report.status(Check.TRANSPARENCY) is Severity.OK


def test_typst_pdf_ink_is_measured_four_colour(typst_pdf, tmp_path):
    """Typst's RGB black becomes rich black on the plates: far over the ink limit
    (Ghostscript's RGB→CMYK) or unmeasurable without Ghostscript."""
    report = check(typst_pdf, tmp_path, PreflightSettings(tac_method=TacMethod.AUTO), name="typst.pdf")
    ink = report.of(Check.INK)
    assert ink and (report.status(Check.INK) is Severity.ERROR or "not measurable" in ink[0].message)


def test_preflight_command_exit_status_and_json(plain_reportlab, typst_pdf, seed_page_pdfs, tmp_path, capsys):
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(plain_reportlab)
    ours = str(next(iter(seed_page_pdfs.values())))
    assert main(["preflight", ours]) == 0
    table = capsys.readouterr().out
    assert "PASS" in table and "1 of 1 file passes" in table
    assert main(["preflight", "--json", "--tac", "python", ours, str(plain)]) == 1
    result = json.loads(capsys.readouterr().out)
    assert result["result"] == "fail"
    assert [f["result"] for f in result["files"]] == ["pass", "fail"]
    fonts = next(c for c in result["files"][1]["checks"] if c["id"] == "fonts")
    assert fonts["status"] == "error" and "Helvetica" in fonts["findings"][0]["message"]
    typ = tmp_path / "typst.pdf"
    typ.write_bytes(typst_pdf)
    assert main(["preflight", str(typ)]) == 1
    assert "FAIL" in capsys.readouterr().out


def test_preflight_command_on_a_file_that_is_not_a_pdf(tmp_path, capsys):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")
    assert main(["preflight", str(junk)]) == 1
    assert "not a readable PDF" in capsys.readouterr().out

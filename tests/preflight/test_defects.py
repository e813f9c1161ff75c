"""Defects preflight used to miss (issue 11, item 7): each on a copy of a good page file
that the test breaks in one property, with the good file as its negative control.

Structural damage, one font name for two font programs, a truncated output profile, XMP
that disagrees with Info, hairlines drawn as filled rectangles, a CropBox inside the
TrimBox, and PDF 1.5+ features in a file labelled 1.4."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String
from PIL import Image

from layout.model.schema import PdfxVersion
from layout.preflight import Check, PreflightSettings, Severity, TacMethod

from preflight_samples import check, edited, failing, good_drawing, messages, pdfx_pdf


@pytest.fixture(scope="module")
def good() -> bytes:
    return pdfx_pdf()


def only(report, check_: Check, *words: str) -> None:
    """`report` fails `check_` and nothing else, and its errors name every word."""
    assert failing(report) == {check_}, [f"{f.check.title}: {f.text()}" for f in report.errors]
    text = messages(report, check_)
    for word in words:
        assert word in text, f"{word!r} not in {text!r}"


def test_the_good_page_is_clean(good, tmp_path):
    """The negative control of every test here."""
    report = check(good, tmp_path)
    assert report.passed and not report.warnings, [f.text() for f in report.errors + report.warnings]


# --------------------------------------------------------------------- structure

def _startxref_moved(data: bytes, by: int) -> bytes:
    match = list(re.finditer(rb"startxref\s+(\d+)", data))[-1]
    return data[:match.start(1)] + str(int(match.group(1)) + by).encode() + data[match.end(1):]


def test_startxref_off_by_seven_bytes_is_damage(good, tmp_path):
    report = check(_startxref_moved(good, 7), tmp_path)
    only(report, Check.STRUCTURE, "damaged", "xref not found")


def test_half_a_file_is_damage_not_a_crash(good, tmp_path):
    report = check(good[:len(good) // 2], tmp_path)
    assert Check.STRUCTURE in failing(report) and "damaged" in messages(report, Check.STRUCTURE)


def test_damage_messages_say_where_not_which_file(good, tmp_path):
    """The report names the file once, in its head line; each message says where."""
    for data in (good[:len(good) // 2], _startxref_moved(good, 7)):
        report = check(data, tmp_path, name="broken.pdf")
        text = messages(report, Check.STRUCTURE)
        assert "broken.pdf" not in text and str(tmp_path) not in text, text
    assert re.search(r"byte \d+: xref not found", text), text


def test_a_file_cut_before_its_end_marker(good, tmp_path):
    """qpdf reads it without complaint; the missing %%EOF says a transfer was cut off."""
    only(check(good[:-7], tmp_path), Check.STRUCTURE, "no %%EOF", "cut short")


def test_a_damaged_content_stream(good, tmp_path):
    def damage(pdf):
        page = pdf.pages[0]
        page.obj.Contents = pdf.make_stream(page.Contents.read_bytes() + b" (a string never closed Tj")
    only(check(edited(good, damage), tmp_path), Check.STRUCTURE, "damaged content", "EOF while reading token")


# ------------------------------------------------------------------------- fonts

def _second_font(pdf: pikepdf.Pdf, same_program: bool) -> None:
    """A second font dictionary with the first one's name, used on the page; its program
    a different one (one glyph table byte changed) unless `same_program`."""
    resources = pdf.pages[0].Resources
    key, font = next(iter(resources.Font.items()))
    copy = pdf.make_indirect(Dictionary({k: v for k, v in font.items()}))
    descriptor = Dictionary({k: v for k, v in font.FontDescriptor.items()})
    if not same_program:
        program = bytearray(font.FontDescriptor.FontFile2.read_bytes())
        program[-1] ^= 0xFF
        descriptor.FontFile2 = pdf.make_stream(bytes(program))
    copy.FontDescriptor = pdf.make_indirect(descriptor)
    resources.Font["/Fdup"] = copy
    pdf.pages[0].contents_add(pdf.make_stream(b"BT /Fdup 9 Tf 20 100 Td (\\001) Tj ET"))


def test_one_font_name_for_two_programs(good, tmp_path):
    report = check(edited(good, lambda pdf: _second_font(pdf, same_program=False)), tmp_path)
    only(report, Check.FONTS, "given to 2 different font programs", "§5.5.3")


def test_one_font_name_for_one_program_twice_is_fine(good, tmp_path):
    report = check(edited(good, lambda pdf: _second_font(pdf, same_program=True)), tmp_path)
    assert report.passed, [f.text() for f in report.errors]


def test_a_subset_tag_shared_by_two_fonts_is_what_the_settings_say(good, tmp_path):
    def other_font(pdf):
        _second_font(pdf, same_program=False)
        font = pdf.pages[0].Resources.Font["/Fdup"]
        tag = str(font.BaseFont)[1:7]
        font.BaseFont = Name(f"/{tag}+OtherFont-Regular")
    data = edited(good, other_font)
    report = check(data, tmp_path)
    assert report.passed and "is used by 2 different subsets" in messages(report, Check.FONTS, Severity.WARNING)
    strict = PreflightSettings(tac_method=TacMethod.PYTHON, shared_subset_tags=Severity.ERROR)
    only(check(data, tmp_path, strict), Check.FONTS, "is used by 2 different subsets")
    lenient = PreflightSettings(tac_method=TacMethod.PYTHON, shared_subset_tags=Severity.OK)
    assert not check(data, tmp_path, lenient).warnings


# ------------------------------------------------------------------ output intent

def test_truncated_output_profile(good, tmp_path):
    def truncate(pdf):
        intent = pdf.Root.OutputIntents[0]
        profile = intent.DestOutputProfile.read_bytes()
        intent.DestOutputProfile = pdf.make_stream(profile[:len(profile) // 2], N=4)
    only(check(edited(good, truncate), tmp_path), Check.OUTPUT_INTENT, "truncated")


# ----------------------------------------------------------------- XMP and Info

def _xmp_replaced(old: str, new: str):
    def change(pdf):
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert old in xmp, f"test setup: {old!r} not in the XMP"
        pdf.Root.Metadata = pdf.make_stream(xmp.replace(old, new).encode("utf-8"), Type=Name.Metadata,
                                            Subtype=Name.XML)
    return change


@pytest.mark.parametrize("old, new, word", [
    (">sample page<", ">another page<", "title"),
    ("<xmp:CreateDate>2023-01-06T00:00:00+08:00", "<xmp:CreateDate>2023-01-07T00:00:00+08:00", "CreateDate"),
    ("<pdf:Trapped>False", "<pdf:Trapped>True", "Trapped"),
    ("<pdf:Producer>paiban", "<pdf:Producer>another tool", "Producer"),
])
def test_xmp_that_disagrees_with_info(good, tmp_path, old, new, word):
    only(check(edited(good, _xmp_replaced(old, new)), tmp_path), Check.INFO, "disagrees with Info", word)


def test_the_same_instant_in_another_zone_agrees(good, tmp_path):
    change = _xmp_replaced("<xmp:CreateDate>2023-01-06T00:00:00+08:00", "<xmp:CreateDate>2023-01-05T16:00:00Z")
    assert check(edited(good, change), tmp_path).passed


# --------------------------------------------------------------- hairline fills

def _with(draw_more):
    def draw(canvas):
        good_drawing(canvas)
        draw_more(canvas)
    return draw


@pytest.mark.parametrize("draw, words", [
    (lambda c: c.rect(20, 80, 150, 0.1, stroke=0, fill=1), ["filled shapes thinner than 0.25 pt"]),
    (lambda c: c.rect(20, 80, 150, 0, stroke=0, fill=1), ["filled shapes thinner than 0.25 pt"]),
    (lambda c: (c.saveState(), c.rotate(30), c.rect(60, 20, 80, 0.12, stroke=0, fill=1), c.restoreState()),
     ["filled shapes thinner than 0.25 pt"]),
])
def test_hairlines_drawn_as_filled_rectangles(tmp_path, draw, words):
    only(check(pdfx_pdf(_with(draw)), tmp_path), Check.SIZES, *words)


def test_a_box_drawn_as_two_rectangles_with_a_hairline_between(tmp_path):
    def frame(canvas):
        path = canvas.beginPath()
        path.rect(100, 60, 60, 30)
        path.rect(100.1, 60.1, 59.8, 29.8)
        canvas.drawPath(path, stroke=0, fill=1, fillMode=0)   # even-odd: the inner one is a hole
    only(check(pdfx_pdf(_with(frame)), tmp_path), Check.SIZES, "filled shapes thinner than 0.25 pt")


@pytest.mark.parametrize("draw", [
    lambda c: c.rect(20, 80, 150, 0.5, stroke=0, fill=1),     # a 0.5 pt rule, filled: fine
    lambda c: c.rect(100, 60, 0.2, 0.2, stroke=0, fill=1),    # a dot, not a line
    lambda c: c.rect(100, 60, 50, 20, stroke=0, fill=1),      # an area
])
def test_filled_shapes_that_are_not_hairlines(tmp_path, draw):
    report = check(pdfx_pdf(_with(draw)), tmp_path)
    assert report.passed, [f.text() for f in report.errors]


def test_a_thin_black_fill_is_a_rule_and_must_overprint(tmp_path):
    def knockout(canvas):
        canvas.setFillOverprint(False)
        canvas.rect(20, 80, 150, 0.5, stroke=0, fill=1)
    only(check(pdfx_pdf(_with(knockout)), tmp_path), Check.BLACK, "black rule knocks out")


# ------------------------------------------------------------------------ boxes

def test_cropbox_smaller_than_the_trimbox(good, tmp_path):
    def crop(pdf):
        x0, y0, x1, y1 = (float(v) for v in pdf.pages[0].TrimBox)
        pdf.pages[0].CropBox = Array([x0 + 10, y0 + 10, x1 - 10, y1 - 10])
    only(check(edited(good, crop), tmp_path), Check.BOXES, "CropBox", "cuts into the TrimBox")


def test_cropbox_equal_to_the_mediabox_is_fine(good, tmp_path):
    def crop(pdf):
        pdf.pages[0].CropBox = pdf.pages[0].MediaBox
    assert check(edited(good, crop), tmp_path).passed


# ------------------------------------------------------- features newer than 1.4

def _relabelled(data: bytes, version: bytes = b"1.4") -> bytes:
    return re.sub(rb"^%PDF-1\.\d", b"%PDF-" + version, data, count=1)


def test_object_streams_in_a_file_labelled_1_4(good, tmp_path):
    saved = edited(good, lambda pdf: None, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    report = check(_relabelled(saved), tmp_path)
    only(report, Check.PDFX, "object streams (PDF 1.5) but is labelled PDF 1.4", "cross-reference stream")


def test_object_streams_are_fine_in_pdfx4(tmp_path):
    x4 = pdfx_pdf(version=PdfxVersion.X4)
    saved = edited(x4, lambda pdf: None, object_stream_mode=pikepdf.ObjectStreamMode.generate, force_version="1.6")
    report = check(saved, tmp_path, PreflightSettings(expect=PdfxVersion.X4, tac_method=TacMethod.PYTHON))
    assert report.passed, [f.text() for f in report.errors]


def _jpeg2000(mode: str, colour) -> bytes:
    out = io.BytesIO()
    Image.new(mode, (300, 200), colour).save(out, format="JPEG2000")
    return out.getvalue()


def _placed_jpx(data: bytes, colour_space=None):
    """The page with a JPEG 2000 image placed, 1 inch wide, its /ColorSpace left out
    unless given (PDF 32000-1 §8.9.5 lets the image say)."""
    def place(pdf):
        image = pdf.make_stream(data, Type=Name.XObject, Subtype=Name.Image, Width=300, Height=200,
                                BitsPerComponent=8, Filter=Name.JPXDecode)
        if colour_space is not None:
            image.ColorSpace = colour_space
        pdf.pages[0].Resources.XObject["/Jpx0"] = image
        pdf.pages[0].contents_add(pdf.make_stream(b"q 72 0 0 48 100 20 cm /Jpx0 Do Q"))
    return place


def test_jpeg2000_rgb_image_in_a_file_labelled_1_4(good, tmp_path):
    report = check(edited(good, _placed_jpx(_jpeg2000("RGB", (10, 200, 30)))), tmp_path)
    assert failing(report) == {Check.PDFX, Check.COLOUR}, [f.text() for f in report.errors]
    assert "JPEG 2000 images (JPXDecode) (PDF 1.5) but is labelled PDF 1.4" in messages(report, Check.PDFX)
    assert "JPEG 2000 sRGB (in the image)" in messages(report, Check.COLOUR)
    assert "RGB cannot go to the plates" in messages(report, Check.COLOUR)


def test_jpeg2000_cmyk_image_is_only_a_version_problem(good, tmp_path):
    report = check(edited(good, _placed_jpx(_jpeg2000("CMYK", (10, 200, 30, 0)))), tmp_path)
    only(report, Check.PDFX, "JPEG 2000")


def test_jpeg2000_with_its_colour_space_given(good, tmp_path):
    place = _placed_jpx(_jpeg2000("RGB", (10, 200, 30)), Name.DeviceCMYK)
    only(check(edited(good, place), tmp_path), Check.PDFX, "JPEG 2000")


def test_optional_content_and_16_bit_images_in_a_file_labelled_1_4(good, tmp_path):
    def layers(pdf):
        ocg = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("layer")))
        pdf.Root.OCProperties = Dictionary(OCGs=Array([ocg]), D=Dictionary(ON=Array([ocg])))
        image = next(iter(pdf.pages[0].Resources.XObject.values()))
        image.BitsPerComponent = 16
    report = check(edited(good, layers), tmp_path)
    assert Check.PDFX in failing(report)
    text = messages(report, Check.PDFX)
    assert "optional content (layers) (PDF 1.5)" in text and "16-bit images (PDF 1.5)" in text


def test_a_file_labelled_1_3_with_transparency(tmp_path):
    def half(canvas):
        good_drawing(canvas)
        canvas.setFillAlpha(0.5)
        canvas.rect(100, 60, 50, 20, stroke=0, fill=1)
    data = _relabelled(pdfx_pdf(half, PdfxVersion.X4), b"1.3")
    report = check(data, tmp_path, PreflightSettings(expect=PdfxVersion.X4, tac_method=TacMethod.PYTHON))
    assert "transparency (ExtGState) (PDF 1.4) but is labelled PDF 1.3" in messages(report, Check.PDFX)



"""Each preflight check on its own: a sample page that passes everything, then the same
page broken in one property at a time, which must fail that check and no other."""

from __future__ import annotations

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from layout.model.schema import PdfxVersion
from layout.preflight import Check, PreflightSettings, Severity, TacMethod
from layout.preflight.tac import ghostscript

from preflight_samples import FAST, check, edited, failing, good_drawing, messages, pdfx_pdf, photo


@pytest.fixture(scope="module")
def good() -> bytes:
    return pdfx_pdf()


def test_the_sample_page_passes_every_check(good, tmp_path):
    report = check(good, tmp_path)
    assert report.passed, [f.text() for f in report.errors]
    assert report.claimed == "PDF/X-1a:2003" and not report.warnings
    assert {f.check for f in report.findings} == set(Check)


def test_the_sample_page_passes_as_pdfx4(tmp_path):
    report = check(pdfx_pdf(version=PdfxVersion.X4), tmp_path, PreflightSettings(expect=PdfxVersion.X4,
                                                                                 tac_method=TacMethod.PYTHON))
    assert report.passed and report.claimed == "PDF/X-4", [f.text() for f in report.errors]


def only(report, check_: Check, *words: str) -> None:
    """`report` fails `check_` and nothing else, and its error names every word."""
    assert failing(report) == {check_}, [f.text() for f in report.errors]
    text = messages(report, check_)
    for word in words:
        assert word in text, f"{word!r} not in {text!r}"


# ------------------------------------------------------------------ file level

def test_pdf_version_above_the_standard(good, tmp_path):
    only(check(edited(good, lambda pdf: None, force_version="1.7"), tmp_path), Check.PDFX, "PDF 1.7", "1.4")


def test_no_pdfx_identification(good, tmp_path):
    def drop(pdf):
        del pdf.trailer.Info.GTS_PDFXVersion
        del pdf.trailer.Info.GTS_PDFXConformance
    only(check(edited(good, drop), tmp_path), Check.PDFX, "not a PDF/X file")


def test_expected_level_differs(good, tmp_path):
    report = check(good, tmp_path, PreflightSettings(expect=PdfxVersion.X4, tac_method=TacMethod.PYTHON))
    only(report, Check.PDFX, "expected PDF/X-4")


@pytest.mark.parametrize("key, value, word", [("/Trapped", Name("/Unknown"), "Trapped"),
                                               ("/Title", None, "Title"), ("/ModDate", String("yesterday"), "ModDate")])
def test_info_keys(good, tmp_path, key, value, word):
    def change(pdf):
        if value is None:
            del pdf.trailer.Info[key]
        else:
            pdf.trailer.Info[key] = value
    only(check(edited(good, change), tmp_path), Check.INFO, word)


def test_two_output_intents(good, tmp_path):
    def twice(pdf):
        pdf.Root.OutputIntents.append(pdf.Root.OutputIntents[0])
    only(check(edited(good, twice), tmp_path), Check.OUTPUT_INTENT, "2 GTS_PDFX output intents")


def test_output_profile_must_be_a_cmyk_printer_profile(good, tmp_path):
    from PIL import ImageCms
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()

    def swap(pdf):
        pdf.Root.OutputIntents[0].DestOutputProfile = pdf.make_stream(srgb, N=3)
    only(check(edited(good, swap), tmp_path), Check.OUTPUT_INTENT, "prtr")


def test_output_condition_other_than_the_plants_is_a_warning(good, tmp_path):
    def fogra(pdf):
        pdf.Root.OutputIntents[0].OutputConditionIdentifier = String("FOGRA39")
    report = check(edited(good, fogra), tmp_path)
    assert report.passed and "FOGRA39" in messages(report, Check.OUTPUT_INTENT, Severity.WARNING)


@pytest.mark.parametrize("change, word", [
    (lambda page: page.obj.__delitem__("/TrimBox"), "no TrimBox"),
    (lambda page: setattr(page.obj, "ArtBox", page.obj.TrimBox), "ArtBox"),
    (lambda page: setattr(page.obj, "BleedBox", Array([10, 10, 20, 20])), "BleedBox"),
    (lambda page: setattr(page.obj, "TrimBox", Array([-5, 0, 100, 100])), "outside the MediaBox"),
])
def test_page_boxes(good, tmp_path, change, word):
    report = check(edited(good, lambda pdf: change(pdf.pages[0])), tmp_path)
    assert Check.BOXES in failing(report) and word in messages(report, Check.BOXES)
    assert failing(report) <= {Check.BOXES, Check.MARKS}


def test_encryption(good, tmp_path):
    data = edited(good, lambda pdf: None, encryption=pikepdf.Encryption(owner="o", user="", R=3, aes=False, metadata=False), force_version="1.4")
    only(check(data, tmp_path), Check.SECURITY, "encrypted")


def test_javascript_open_action(good, tmp_path):
    def script(pdf):
        pdf.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))
    only(check(edited(good, script), tmp_path), Check.SECURITY, "JavaScript")


def test_annotations_only_outside_the_trim(good, tmp_path):
    def annotate(rect):
        def add(pdf):
            pdf.pages[0].obj.Annots = Array([pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Text,
                                                                           Rect=Array(rect)))])
        return add
    only(check(edited(good, annotate([10, 10, 30, 30])), tmp_path), Check.SECURITY, "Text annotation")
    marks = pdfx_pdf(marks=True)
    report = check(edited(marks, annotate([1, 1, 5, 5])), tmp_path, PreflightSettings(allow_marks=True,
                                                                                       tac_method=TacMethod.PYTHON))
    assert report.passed, [f.text() for f in report.errors]


def test_broken_structure(good, tmp_path):
    broken = good.replace(b"startxref", b"startxrex")
    report = check(broken, tmp_path)
    assert report.status(Check.STRUCTURE) is not Severity.OK


def test_unembedded_font(tmp_path):
    def helvetica(canvas):
        good_drawing(canvas)
        canvas.setFont("Helvetica", 9)
        canvas.drawString(20, 90, "Helvetica")
    only(check(pdfx_pdf(helvetica), tmp_path), Check.FONTS, "Helvetica", "not embedded")


# --------------------------------------------------------------------- content

def test_rgb_text(tmp_path):
    def rgb(canvas):
        good_drawing(canvas)
        canvas.setFillColorRGB(0.8, 0.1, 0.1)
        canvas.drawString(20, 90, "红色 RGB 标题")
    only(check(pdfx_pdf(rgb), tmp_path), Check.COLOUR, "DeviceRGB", "text")


def test_rgb_image(tmp_path):
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    def rgb(canvas):
        good_drawing(canvas)
        canvas.drawImage(ImageReader(Image.new("RGB", (300, 200), (10, 200, 30))), 100, 20, 72, 48)
    only(check(pdfx_pdf(rgb), tmp_path), Check.COLOUR, "DeviceRGB", "image")


def test_transparency_in_x1a_but_not_in_x4(tmp_path):
    def half(canvas):
        good_drawing(canvas)
        canvas.setFillAlpha(0.5)
        canvas.setFillColorCMYK(0, 0, 0, 0.2)
        canvas.rect(100, 60, 50, 20, stroke=0, fill=1)
    only(check(pdfx_pdf(half), tmp_path), Check.TRANSPARENCY, "ca 0.5")
    x4 = check(pdfx_pdf(half, PdfxVersion.X4), tmp_path)
    assert Check.TRANSPARENCY not in failing(x4)


def test_black_text_that_knocks_out(tmp_path):
    def knockout(canvas):
        good_drawing(canvas)
        canvas.setFillOverprint(False)
        canvas.drawString(20, 90, "不压印的黑字")
    only(check(pdfx_pdf(knockout), tmp_path), Check.BLACK, "knocks out")


def test_black_text_with_overprint_mode_0(tmp_path):
    def opm0(canvas):
        good_drawing(canvas)
        canvas.setOverprintMask(0)
        canvas.drawString(20, 90, "OPM 0 黑字")
    only(check(pdfx_pdf(opm0), tmp_path), Check.BLACK, "OPM 0")


def test_rich_black_small_text(tmp_path):
    def rich(canvas):
        good_drawing(canvas)
        canvas.setFillColorCMYK(0.6, 0.5, 0.5, 1)
        canvas.setFont("sample-hei", 7)
        canvas.drawString(20, 90, "四色黑小字")
    report = check(pdfx_pdf(rich), tmp_path)
    assert Check.BLACK in failing(report) and "rich black text" in messages(report, Check.BLACK)


def test_four_colour_small_type(tmp_path):
    def small(canvas):
        good_drawing(canvas)
        canvas.setFillColorCMYK(0.2, 0.9, 0.8, 0)
        canvas.setFont("sample-hei", 7)
        canvas.drawString(20, 90, "三色小字")
    only(check(pdfx_pdf(small), tmp_path), Check.SIZES, "3-ink type below 9 pt")


def test_reverse_small_type(tmp_path):
    def reverse(canvas):
        good_drawing(canvas)
        canvas.setFillOverprint(False)
        canvas.setFillColorCMYK(0, 0, 0, 0)
        canvas.setFont("sample-hei", 6)
        canvas.drawString(20, 90, "反白小字")
    only(check(pdfx_pdf(reverse), tmp_path), Check.SIZES, "reverse (white) type")


def test_white_overprint(tmp_path):
    def white(canvas):
        good_drawing(canvas)
        canvas.setFillColorCMYK(0, 0, 0, 0)
        canvas.rect(100, 60, 50, 20, stroke=0, fill=1)
    only(check(pdfx_pdf(white), tmp_path), Check.BLACK, "white fill set to overprint")


@pytest.mark.parametrize("width, cmyk, word", [(0.1, (0, 0, 0, 1), "thinner than 0.25 pt"),
                                               (0, (0, 0, 0, 1), "zero width"),
                                               (0.5, (0.5, 0.5, 0, 0), "2-ink rules thinner than 1 pt")])
def test_thin_rules(tmp_path, width, cmyk, word):
    def rule(canvas):
        good_drawing(canvas)
        canvas.setStrokeColorCMYK(*cmyk)
        canvas.setLineWidth(width)
        canvas.line(20, 80, 180, 80)
    only(check(pdfx_pdf(rule), tmp_path), Check.SIZES, word)


@pytest.mark.parametrize("pixels, severity", [(60, Severity.ERROR), (120, Severity.WARNING), (420, Severity.WARNING)])
def test_image_resolution(tmp_path, pixels, severity):
    def placed(canvas):
        good_drawing(canvas)
        canvas.drawImage(photo_reader(pixels), 100, 20, 72, 48)   # one inch wide
    report = check(pdfx_pdf(placed), tmp_path)
    assert report.status(Check.RESOLUTION) is severity
    assert f"{pixels} ppi" in messages(report, Check.RESOLUTION, severity)
    assert failing(report) <= {Check.RESOLUTION}


def photo_reader(pixels: int):
    from reportlab.lib.utils import ImageReader
    return ImageReader(photo(pixels, pixels * 2 // 3))


def _heavy(canvas):
    good_drawing(canvas)
    canvas.setFillOverprint(False)
    canvas.setFillColorCMYK(1, 1, 1, 1)
    canvas.rect(100, 60, 60, 30, stroke=0, fill=1)


@pytest.mark.parametrize("method", [TacMethod.PYTHON, TacMethod.GHOSTSCRIPT])
def test_total_ink_over_the_limit(tmp_path, method):
    if method is TacMethod.GHOSTSCRIPT and ghostscript() is None:
        pytest.skip("Ghostscript (gs) is not installed: the raster measurement is not tested here")
    report = check(pdfx_pdf(_heavy), tmp_path, PreflightSettings(tac_method=method))
    only(report, Check.INK, "400% > 240%")
    assert ("Ghostscript" in messages(report, Check.INK)) == (method is TacMethod.GHOSTSCRIPT)


def test_total_ink_counts_only_the_print_area(tmp_path):
    """A 400 % patch outside the trim (a colour bar) does not count."""
    def outside(canvas):
        good_drawing(canvas)
        canvas.setFillColorCMYK(1, 1, 1, 1)
        canvas.rect(-30, 20, 10, 10, stroke=0, fill=1)
    settings = PreflightSettings(allow_marks=True, tac_method=TacMethod.PYTHON)
    assert check(pdfx_pdf(outside, marks=True), tmp_path, settings).passed


@pytest.mark.parametrize("method", [TacMethod.PYTHON, TacMethod.GHOSTSCRIPT])
def test_colour_on_a_black_and_white_page(tmp_path, method):
    if method is TacMethod.GHOSTSCRIPT and ghostscript() is None:
        pytest.skip("Ghostscript (gs) is not installed: the raster measurement is not tested here")
    settings = PreflightSettings(black_only=True, tac_method=method)
    report = check(pdfx_pdf(), tmp_path, settings)     # the sample has a CMYK photo
    only(report, Check.BLACK_ONLY, "C ")

    def black(canvas):
        canvas.setFillColorCMYK(0, 0, 0, 1)
        canvas.setFillOverprint(True)
        canvas.setOverprintMask(1)
        canvas.setFont("sample-hei", 9)
        canvas.drawString(20, 120, "黑白版")
    assert check(pdfx_pdf(black), tmp_path, settings).passed


def test_marks_outside_the_trim(tmp_path):
    marked = pdfx_pdf(marks=True)
    only(check(marked, tmp_path), Check.MARKS, "beyond the trim")
    assert check(marked, tmp_path, PreflightSettings(allow_marks=True, tac_method=TacMethod.PYTHON)).passed


def test_bleed_box(tmp_path):
    report = check(pdfx_pdf(bleed=8.5), tmp_path, FAST)
    assert report.passed and "bleed 3.0 mm" in report.of(Check.BOXES)[0].message


def test_rgb_inline_image(good, tmp_path):
    """An image drawn inline (BI … ID … EI in the content) is seen like an XObject (2 px over 1 pt: 144 ppi)."""
    def inline(pdf):
        pixels = bytes([10, 200, 30] * 4)
        pdf.pages[0].contents_add(pdf.make_stream(b"q 1 0 0 1 100 20 cm BI /W 2 /H 2 /BPC 8 /CS /RGB ID "
                                                  + pixels + b" EI Q"))
    only(check(edited(good, inline), tmp_path), Check.COLOUR, "DeviceRGB", "inline image")

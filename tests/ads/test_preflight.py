"""The ad preflight (layout/preflight/adfile.py): every ad file checked before it is
placed, good ones passing and each bad kind refused for its own reason; a failing ad
stops the build naming the ad, its booking number and the reasons (file:line:field,
in Chinese and English), and with --draft it is placed and marked."""

from __future__ import annotations

import json
from dataclasses import replace

import pdfplumber
import pikepdf
import pytest
from PIL import Image

from layout.build import build
from layout.errors import IssueError
from layout.i18n import using
from layout.model import load_issue
from layout.model.schema import PdfxVersion
from layout.preflight.report import Check
from layout.render.adfile import check_ads

from .conftest import BROADSHEET, issue_with_ads
from .makeads import image_ad, vector_ad
from conftest import line_of

SIZE = "{width: 80mm, height: 50mm}"
KINDS = {  # id: (what the file is, the check that refuses it, or None when it passes)
    "x1a": None, "plain": None, "x1a_2001": None, "x3": Check.PDFX, "x4": None, "tiff": None, "grey_jpeg": None, "cmyk_jpeg": None, "scaled": None, "bilevel": None,
    "rgb": Check.COLOUR, "rgba": Check.TRANSPARENCY, "font": Check.FONTS, "alpha": Check.TRANSPARENCY,
    "x4_alpha": Check.TRANSPARENCY, "rgb_pdf": Check.COLOUR, "wrong_size": Check.BOXES,
    "proportion": Check.BOXES, "low_res": Check.RESOLUTION, "ink": Check.INK,
}


def make_files(folder) -> None:
    ads = folder / "ads"
    vector_ad(ads / "x1a.pdf", 80, 50)
    vector_ad(ads / "x4.pdf", 80, 50, level=PdfxVersion.X4)
    image_ad(ads / "tiff.tif", 80, 50)
    vector_ad(ads / "plain.pdf", 80, 50, plain=True)             # an idle Helvetica, as ReportLab leaves it
    declared(vector_ad(ads / "x1a_2001.pdf", 80, 50).path, "PDF/X-1:2001", "PDF/X-1a:2001")  # as older workflows send
    declared(vector_ad(ads / "x3.pdf", 80, 50).path, "PDF/X-3:2002", "")  # another PDF/X level: refused
    image_ad(ads / "grey_jpeg.jpg", 80, 50, mode="L", fmt="JPEG")
    image_ad(ads / "cmyk_jpeg.jpg", 80, 50, fmt="JPEG")
    vector_ad(ads / "scaled.pdf", 40, 25)                        # half size, the booking allows scaling
    Image.new("1", (945, 591), 1).save(ads / "bilevel.tif", dpi=(300, 300))
    image_ad(ads / "rgb.jpg", 80, 50, mode="RGB", fmt="JPEG")
    image_ad(ads / "rgba.tif", 80, 50, mode="RGBA")
    vector_ad(ads / "font.pdf", 80, 50, embed=False)             # Helvetica, not embedded
    vector_ad(ads / "alpha.pdf", 80, 50, alpha=0.5)               # transparency in PDF/X-1a
    vector_ad(ads / "x4_alpha.pdf", 80, 50, level=PdfxVersion.X4, alpha=0.5)  # fine in X-4, not on an X-1a page
    vector_ad(ads / "rgb_pdf.pdf", 80, 50, rgb=True)
    vector_ad(ads / "wrong_size.pdf", 90, 50)
    vector_ad(ads / "proportion.pdf", 40, 40)                     # scaled it could only fill the booking distorted
    image_ad(ads / "low_res.tif", 80, 50, ppi=150)
    Image.new("CMYK", (945, 591), (255, 255, 255, 255)).save(ads / "ink.tif", dpi=(300, 300))


def declared(path, version: str, conformance: str) -> None:
    """The PDF at `path` relabelled as PDF/X `version` (Info and XMP), on PDF 1.3."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["pdfx:GTS_PDFXVersion"] = version
            if conformance:
                meta["pdfx:GTS_PDFXConformance"] = conformance
            else:
                del meta["pdfx:GTS_PDFXConformance"]
        pdf.docinfo["/GTS_PDFXVersion"] = version
        if conformance:
            pdf.docinfo["/GTS_PDFXConformance"] = conformance
        else:
            del pdf.docinfo["/GTS_PDFXConformance"]
        pdf.save(path, force_version="1.3", deterministic_id=True)


def spec(ad_id: str) -> dict[str, str]:
    ext = {"tiff": "tif", "rgba": "tif", "low_res": "tif", "ink": "tif", "bilevel": "tif", "rgb": "jpg",
           "grey_jpeg": "jpg", "cmyk_jpeg": "jpg"}.get(ad_id, "pdf")
    out = {"id": ad_id, "file": f"ads/{ad_id}.{ext}", "size": SIZE}
    if ad_id in ("scaled", "proportion"):
        out["scale"] = "true"
    return out


@pytest.fixture(scope="module")
def every_kind(tmp_path_factory):
    """The loaded issue with one ad of every kind (each on its own page: no room
    matters here), and its ad preflight reports by ad id."""
    folder = tmp_path_factory.mktemp("kinds") / "issue"
    issue_with_ads(folder, [{**spec(k), "place": f"{{page: {i + 1}}}"} for i, k in enumerate(KINDS)],
                   broadsheet_pages(len(KINDS)))
    make_files(folder)
    issue = load_issue(folder)
    checked, reports = check_ads(issue, draft=True)
    return issue, checked, {r.ad.id: r for r in reports}


def broadsheet_pages(n: int) -> str:
    """BROADSHEET with pages 2 … n added."""
    pages = "".join(f"  - number: {i}\n    section: 广告\n    template: broadsheet\n" for i in range(2, n + 1))
    return BROADSHEET.replace("articles:\n", pages + "articles:\n")


@pytest.mark.parametrize("ad_id", sorted(KINDS))
def test_each_kind_of_ad_file_passes_or_is_refused_for_its_reason(every_kind, ad_id):
    _issue, _checked, reports = every_kind
    report = reports[ad_id]
    expected = KINDS[ad_id]
    if expected is None:
        assert report.passed, report.reasons
    else:
        assert not report.passed
        assert expected in {f.check for f in report.report.errors}, report.reasons


def test_an_idle_unembedded_font_is_a_warning_and_a_used_one_an_error(every_kind):
    _issue, _checked, reports = every_kind
    warned = [f.message for f in reports["plain"].report.warnings if f.check is Check.FONTS]
    assert warned and "Helvetica" in warned[0]
    assert any("Helvetica" in f.message for f in reports["font"].report.errors)  # negative control: it shows text


def test_a_scaled_ad_is_placed_in_proportion_at_the_booked_size(every_kind):
    _issue, _checked, reports = every_kind
    assert reports["scaled"].fit.scale == pytest.approx(2.0)
    assert reports["proportion"].fit.kind.value == "proportion"     # never distorted to fill
    assert reports["wrong_size"].fit.kind.value == "wrong-size"     # no scale: true → refused


def test_a_failing_ad_carries_its_reasons_for_the_draft(every_kind):
    _issue, checked, reports = every_kind
    failed = {ad.id for ad in checked.ads if ad.failed}
    assert failed == {k for k, v in KINDS.items() if v is not None}


def test_an_x4_ad_with_transparency_passes_on_a_pdf_x4_page(every_kind):
    issue, _checked, _reports = every_kind
    x4 = replace(issue, print_settings=replace(issue.print_settings, pdfx=PdfxVersion.X4),
                 ads=tuple(ad for ad in issue.ads if "alpha" in ad.id))
    _c, reports = check_ads(x4, draft=True)
    by_id = {r.ad.id: r for r in reports}
    assert by_id["x4_alpha"].passed, by_id["x4_alpha"].reasons
    assert not by_id["alpha"].passed  # negative control: a PDF/X-1a file with transparency is still wrong


# --------------------------------------------------------------------- the build

def bad_issue(folder, draft_ad: str = "font"):
    issue_with_ads(folder, [{"id": "good", "file": "ads/good.pdf", "size": SIZE},
                            {**spec(draft_ad), "booking": "GG-2023-0106-07", "advertiser": "某某药房"}])
    vector_ad(folder / "ads/good.pdf", 80, 50)
    make_files_for(folder, draft_ad)
    return folder


def make_files_for(folder, ad_id: str) -> None:
    if ad_id == "font":
        vector_ad(folder / "ads/font.pdf", 80, 50, embed=False)
    elif ad_id == "rgb":
        image_ad(folder / "ads/rgb.jpg", 80, 50, mode="RGB", fmt="JPEG")


def test_a_failing_ad_stops_the_build_naming_ad_booking_and_reasons(tmp_path):
    folder = bad_issue(tmp_path / "issue")
    out = tmp_path / "out"
    with pytest.raises(IssueError) as caught:
        build(folder, out)
    text = str(caught.value)
    yaml = (folder / "issue.yaml").read_text(encoding="utf-8")
    assert f"issue.yaml:{line_of(yaml, 'file: ads/font.pdf')}: ads[1].file" in text
    assert "'font'" in text and "GG-2023-0106-07" in text and "Helvetica" in text and "not embedded" in text
    assert "'good'" not in text                      # negative control: the good ad is not named
    assert not out.exists()                          # nothing written
    with using("zh"), pytest.raises(IssueError) as zh:
        build(folder, out)
    assert "订单号 GG-2023-0106-07" in str(zh.value) and "未通过广告检查" in str(zh.value)


def test_with_draft_a_failing_ad_is_placed_and_marked(tmp_path):
    folder = bad_issue(tmp_path / "issue", "rgb")
    out = tmp_path / "out"
    build(folder, out, draft=True)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    ads = {a["id"]: a for a in manifest["ads"]}
    assert ads["rgb"]["preflight"]["result"] == "fail" and ads["good"]["preflight"]["result"] == "pass"
    assert any("RGB" in e for e in ads["rgb"]["preflight"]["errors"])
    with pdfplumber.open(out / ads["rgb"]["page_file"]) as pdf:
        text = "".join(c["text"] for c in pdf.pages[0].chars)
        red = [c for c in pdf.pages[0].chars if c["text"] == "未"]
    assert "广告文件未通过检查" in text
    assert len(red) == 1                             # once: on the failing ad, not on the good one

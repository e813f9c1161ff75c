"""Booked ads on the built pages: a PDF ad is its own vector artwork in a Form XObject
(text in the page's text layer, paths as paths, colours as the agency set them, no
image), an image ad its own pixels; every ad carries the 广告 label, stands apart from
the copy with a rule, is listed in manifest.json, and the files are byte-identical
from one build to the next."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from PIL import Image

from layout.build import build
from layout.model.units import MM

from .makeads import HEADLINE, LINE, PHONE

PITCH = 13.5  # pt: the broadsheet's grid


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def ad_entry(out: Path, ad_id: str) -> dict:
    return next(a for a in manifest(out)["ads"] if a["id"] == ad_id)


def box_pt(entry: dict) -> tuple[float, float, float, float]:
    """(x0, top, x1, bottom) pt from the page's top-left, as pdfplumber measures."""
    b = entry["box_mm"]
    return b["x"] * MM, b["y"] * MM, (b["x"] + b["width"]) * MM, (b["y"] + b["height"]) * MM


def chars_in(page, box, grow: float = 0.0) -> list[dict]:
    x0, top, x1, bottom = box
    return [c for c in page.chars if x0 - grow <= (c["x0"] + c["x1"]) / 2 <= x1 + grow
            and top - grow <= (c["top"] + c["bottom"]) / 2 <= bottom + grow]


def page_pdf(out: Path, entry: dict):
    return pdfplumber.open(out / entry["page_file"])


def ad_forms(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    """The ads' forms in the page's resources (the wrapper's inner form), by name."""
    xobjects = pdf.pages[0].Resources.XObject
    return {str(k): v.Resources.XObject.PaibanAd for k, v in xobjects.items() if "PaibanAd" in str(k)}


def operators(form: pikepdf.Object) -> list[tuple[str, list]]:
    return [(str(op), list(operands)) for operands, op in pikepdf.parse_content_stream(form)]


def images_in(form: pikepdf.Object, depth: int = 0) -> int:
    """Image XObjects anywhere under the form."""
    resources = form.get("/Resources", {})
    count = 0
    for obj in (resources.get("/XObject", {}) or {}).values():
        if obj.get("/Subtype") == "/Image":
            count += 1
        elif depth < 8:
            count += images_in(obj, depth + 1)
    return count


# ------------------------------------------------------------------ text and vectors

def test_the_ads_text_is_in_the_page_text_layer_inside_its_box(good_ads):
    _folder, out = good_ads
    entry = ad_entry(out, "jiadian")
    with page_pdf(out, entry) as pdf:
        page = pdf.pages[0]
        inside = "".join(c["text"] for c in chars_in(page, box_pt(entry)))
        for text in (HEADLINE, LINE.replace(" ", ""), PHONE.replace(" ", "")):
            assert text in inside.replace(" ", "")
        # negative control: page 2 holds another ad, not this one's words
        other = ad_entry(out, "bank")
        with page_pdf(out, other) as pdf2:
            elsewhere = "".join(c["text"] for c in pdf2.pages[0].chars)
        assert HEADLINE in elsewhere  # the X-4 ad has the same headline...
        outside = [c for c in page.chars if c["text"] in HEADLINE and c not in chars_in(page, box_pt(entry))
                   and not chars_in(page, box_pt(ad_entry(out, "band")))]
        assert not [c for c in outside if c["size"] > 20]  # ...but the big headline is only inside its box


def test_a_pdf_ad_is_a_vector_form_with_its_own_fonts_paths_and_colours(good_ads):
    _folder, out = good_ads
    entry = ad_entry(out, "jiadian")
    pdf = pikepdf.open(out / entry["page_file"])
    forms = ad_forms(pdf)
    pdf_forms = [f for f in forms.values() if f.get("/Subtype") == "/Form" and images_in(f) == 0
                 and "/Font" in f.Resources]
    assert len(pdf_forms) == 1
    ops = operators(pdf_forms[0])
    names = {op for op, _ in ops}
    assert {"re", "m", "l"} & names and {"S", "f"} & names     # rules and the panel: paths
    assert {"Tj", "TJ"} & names                                # text as text
    assert "Do" not in names and "BI" not in names             # no image, inline or not
    fills = [tuple(round(float(v), 3) for v in args) for op, args in ops if op == "k"]
    assert (0.0, 0.5, 0.8, 0.0) in fills                       # the agency's CMYK exactly
    fonts = pdf_forms[0].Resources.Font
    for font in fonts.values():
        descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
        assert "/FontFile2" in descendant.FontDescriptor or "/FontFile3" in descendant.FontDescriptor


def test_an_image_ad_is_its_own_cmyk_pixels_and_a_pdf_ad_is_no_image(good_ads):
    folder, out = good_ads
    entry = ad_entry(out, "band")
    pdf = pikepdf.open(out / entry["page_file"])
    forms = ad_forms(pdf)
    with Image.open(folder / "ads/band.tif") as tiff:
        pixels, data = tiff.size, tiff.tobytes()
    found = []
    for form in forms.values():
        for obj in form.Resources.get("/XObject", {}).values():
            if obj.get("/Subtype") == "/Image" and obj.ColorSpace == "/DeviceCMYK":
                found.append(obj)
    assert len(found) == 1
    image = found[0]
    assert (int(image.Width), int(image.Height)) == pixels
    assert image.read_bytes() == data                          # never converted, never resampled
    with page_pdf(out, entry) as pdf:                          # negative control: the PDF ad is no image
        boxes = [(i["x0"], i["top"]) for i in pdf.pages[0].images]
    jx, jtop, jx1, jbottom = box_pt(ad_entry(out, "jiadian"))
    assert not [b for b in boxes if jx - 1 <= b[0] <= jx1 and jtop - 1 <= b[1] <= jbottom]


def test_the_ad_is_placed_at_its_booked_size_unscaled(good_ads):
    _folder, out = good_ads
    for ad_id, (w, h) in {"jiadian": (170, 80), "band": (80, 50), "grey": (80, 40), "bank": (170, 60)}.items():
        entry = ad_entry(out, ad_id)
        assert (entry["box_mm"]["width"], entry["box_mm"]["height"]) == (w, h)
        assert entry["scale"] == 1.0


# ------------------------------------------------------------ label and separation

def test_every_ad_carries_the_label(good_ads):
    _folder, out = good_ads
    for entry in manifest(out)["ads"]:
        with page_pdf(out, entry) as pdf:
            near = "".join(c["text"] for c in chars_in(pdf.pages[0], box_pt(entry), PITCH))
        assert "广告" in near, entry["id"]
    # negative control: the editorial copy of the page has no label
    with page_pdf(out, ad_entry(out, "jiadian")) as pdf:
        x0, top, x1, bottom = box_pt(ad_entry(out, "jiadian"))
        label_tops = [c["top"] for c in pdf.pages[0].chars if c["text"] == "广"]
    assert len(label_tops) == len([a for a in manifest(out)["ads"] if a["page"] == 1])


def test_the_copy_keeps_clear_of_every_ad_and_a_rule_separates_them(good_ads):
    _folder, out = good_ads
    ad_text = set(HEADLINE + LINE + PHONE + "广告")
    for entry in manifest(out)["ads"]:
        with page_pdf(out, entry) as pdf:
            page = pdf.pages[0]
            near = chars_in(page, box_pt(entry), PITCH / 2)
            assert near and {c["text"] for c in near} <= ad_text, entry["id"]
            x0, top, x1, bottom = box_pt(entry)
            rules = [ln for ln in page.lines if abs(ln["top"] - ln["bottom"]) < 0.5
                     and top - 2 * PITCH < ln["top"] < top and ln["x0"] <= x0 + 1 and ln["x1"] >= x1 - 1]
        assert rules, f"no rule above ad {entry['id']}"


def test_the_editorial_modules_stop_above_the_ads(good_ads):
    """The articles on page 1 (columns 1–2 and 3–5) end above the ads below them."""
    _folder, out = good_ads
    entries = [a for a in manifest(out)["ads"] if a["page"] == 1]
    with page_pdf(out, entries[0]) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["size"] < 12 and c["text"] not in "广告"]
    for entry in entries:
        x0, top, x1, bottom = box_pt(entry)
        over = [c for c in chars if x0 - 5 < c["x0"] < x1 + 5 and top - PITCH < c["bottom"] and c["top"] < bottom
                and not chars_in_box(c, (x0, top, x1, bottom))]
        assert not over, entry["id"]


def chars_in_box(c: dict, box) -> bool:
    x0, top, x1, bottom = box
    return x0 <= c["x0"] and c["x1"] <= x1 and top <= c["top"] and c["bottom"] <= bottom


# ------------------------------------------------------------------ manifest, bytes

def test_the_manifest_lists_every_ad_with_booking_page_box_and_file_digest(good_ads):
    folder, out = good_ads
    ads = {a["id"]: a for a in manifest(out)["ads"]}
    assert set(ads) == {"jiadian", "band", "grey", "bank"}
    j = ads["jiadian"]
    assert j["booking"] == "GG-2023-0106-01" and j["advertiser"] == "焦作家电城" and j["page"] == 1
    assert j["page_file"] == "TEST_20230106_A01.pdf" and ads["bank"]["page"] == 2
    assert j["grid"]["column"] == 5 and j["grid"]["span"] == 4
    for entry in ads.values():
        assert entry["sha256"] == hashlib.sha256((folder / entry["file"]).read_bytes()).hexdigest()
        assert entry["preflight"]["result"] == "pass"
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {a["id"] for a in report["ads"]} == set(ads)


def test_the_pages_pass_the_page_preflight(good_ads):
    _folder, out = good_ads
    assert [p["preflight"]["result"] for p in manifest(out)["pages"]] == ["pass", "pass"]


def test_the_same_issue_gives_byte_identical_files(good_ads, tmp_path):
    folder, out = good_ads
    again = tmp_path / "again"
    build(folder, again)
    for name in ("TEST_20230106_A01.pdf", "TEST_20230106_A02.pdf", "TEST_20230106.pdf", "manifest.json"):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


@pytest.mark.parametrize("ad_id", ["jiadian", "bank"])
def test_only_the_ads_trim_is_placed(good_ads, ad_id):
    """The ad's form is clipped to its TrimBox (its bleed and crop marks beyond are not
    placed: they would print on the copy round it)."""
    folder, out = good_ads
    entry = ad_entry(out, ad_id)
    with pikepdf.open(folder / entry["file"]) as source:
        trim = [float(v) for v in source.pages[0].TrimBox]
        media = [float(v) for v in source.pages[0].MediaBox]
    assert media[2] - media[0] > trim[2] - trim[0] + 10   # test setup: there are marks outside the trim
    pdf = pikepdf.open(out / entry["page_file"])
    boxes = [[float(v) for v in w.BBox] for k, w in pdf.pages[0].Resources.XObject.items() if "PaibanAd" in str(k)]
    assert trim in boxes

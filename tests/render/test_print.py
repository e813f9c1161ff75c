"""The seed pages as the plant receives them: PDF/X-1a:2003 keys, output intent, boxes,
colour (K-only overprinting text, the photo converted through the newsprint profile),
no transparency, total ink from a CMYK raster, and paiban's own preflight passing.

The content checks here read the files with pikepdf directly, independently of
layout/preflight, so a bug there cannot hide a bug in the files.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess

import pikepdf
import pytest
from PIL import Image, ImageChops, ImageCms, ImageMath, ImageStat

from layout.preflight import Check, PreflightSettings, TacMethod, preflight_file
from layout.preflight.tac import ghostscript
from layout.render.colour import ICC_DIR, NEWSPRINT_FILE

INK_LIMIT = 240.0  # % (the seed issue's default print.ink_limit)


def max_total_ink(image: Image.Image) -> float:
    """Largest C+M+Y+K of a CMYK image, percent."""
    c, m, y, k = image.split()
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    return total.getextrema()[1] * 100 / 255


# --------------------------------------------------------------- PDF/X identification

def test_page_files_are_pdf_1_4_with_the_pdfx_1a_keys(seed_all_pdfs):
    for path in seed_all_pdfs:
        with pikepdf.open(path) as pdf:
            assert pdf.pdf_version == "1.4", path.name
            assert path.read_bytes().startswith(b"%PDF-1.4")
            info = pdf.docinfo
            assert str(info["/GTS_PDFXVersion"]) == "PDF/X-1:2003"       # ISO 15930-4 §6.2.3
            assert str(info["/GTS_PDFXConformance"]) == "PDF/X-1a:2003"
            assert str(info["/Title"]).startswith("焦作日报 2023-01-06")
            assert str(info["/CreationDate"]) == str(info["/ModDate"]) == "D:20230106000000+08'00'"
            assert info["/Trapped"] == pikepdf.Name("/False")
            ids = pdf.trailer.ID
            assert len(ids) == 2 and len(bytes(ids[0])) == 16
            assert not pdf.is_encrypted and "/Encrypt" not in pdf.trailer


def test_xmp_agrees_with_the_info_dictionary(seed_all_pdfs):
    for path in seed_all_pdfs:
        with pikepdf.open(path) as pdf:
            xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
            assert "/Filter" not in pdf.Root.Metadata  # readable by any tool
            assert "<pdfx:GTS_PDFXVersion>PDF/X-1:2003</pdfx:GTS_PDFXVersion>" in xmp
            assert "<pdfx:GTS_PDFXConformance>PDF/X-1a:2003</pdfx:GTS_PDFXConformance>" in xmp
            assert "<xmp:CreateDate>2023-01-06T00:00:00+08:00</xmp:CreateDate>" in xmp
            assert "<pdf:Trapped>False</pdf:Trapped>" in xmp
            assert str(pdf.docinfo["/Title"]) in xmp


def test_exactly_one_output_intent_carrying_the_newsprint_profile(seed_all_pdfs):
    project_profile = (ICC_DIR / NEWSPRINT_FILE).read_bytes()
    assert hashlib.sha256(project_profile).hexdigest().startswith("aa723f91")  # the shared/color file
    for path in seed_all_pdfs:
        with pikepdf.open(path) as pdf:
            intents = list(pdf.Root.OutputIntents)
            assert len(intents) == 1
            intent = intents[0]
            assert intent.S == pikepdf.Name.GTS_PDFX
            assert str(intent.OutputConditionIdentifier) == "IFRA26"
            assert str(intent.RegistryName) == "http://www.color.org"
            profile = intent.DestOutputProfile
            assert int(profile.N) == 4
            data = profile.read_bytes()
            assert data == project_profile
            assert data[12:16] == b"prtr" and data[16:20] == b"CMYK" and data[8] == 2


def test_every_page_has_a_trimbox_and_no_artbox_and_ends_at_the_trim(seed_all_pdfs, seed_issue):
    template = seed_issue.pages[0].template
    assert template.bleed == 0  # the seed prints inside the trim: no BleedBox
    for path in seed_all_pdfs:
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                keys = set(page.obj.keys())
                assert "/TrimBox" in keys and "/ArtBox" not in keys and "/CropBox" not in keys
                assert "/BleedBox" not in keys
                trim = [float(v) for v in page.obj.TrimBox]
                assert trim == [float(v) for v in page.mediabox]              # no marks for the plant
                assert abs(trim[2] - trim[0] - template.trim_width) < 0.01
                assert abs(trim[3] - trim[1] - template.trim_height) < 0.01
                assert "/Annots" not in keys and "/AA" not in keys and "/Trans" not in keys
        with pikepdf.open(path) as pdf:
            assert "/OpenAction" not in pdf.Root and "/Names" not in pdf.Root and "/AcroForm" not in pdf.Root


def test_structure_is_sound(seed_all_pdfs):
    for path in seed_all_pdfs:
        with pikepdf.open(path) as pdf:
            assert pdf.check_pdf_syntax() == [], path.name
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("the qpdf command is not installed; checked through pikepdf (which is qpdf) only")
    for path in seed_all_pdfs:
        done = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


# ------------------------------------------------------------------------- colour

class Scan:
    """What a page's content stream paints: colour operators and, for every text show and
    path paint, the fill/stroke colour and overprint state in force (a minimal
    interpreter: q/Q, k/K/g/G/rg/RG/cs/sc, gs)."""

    def __init__(self, page: pikepdf.Page):
        self.operators: set[str] = set()
        self.paints: list[tuple[str, tuple, bool, bool, int]] = []  # kind, colour, op, OP, OPM
        resources = page.obj.Resources
        states = []
        state = {"fill": (0.0,), "stroke": (0.0,), "op": False, "OP": False, "OPM": 0}
        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            self.operators.add(name)
            if name == "q":
                states.append(dict(state))
            elif name == "Q":
                state = states.pop()
            elif name in ("k", "g", "rg", "sc", "scn"):
                state["fill"] = tuple(float(v) for v in operands)
            elif name in ("K", "G", "RG", "SC", "SCN"):
                state["stroke"] = tuple(float(v) for v in operands)
            elif name == "gs":
                gs = resources.ExtGState[operands[0]]
                for key in ("op", "OP", "OPM"):
                    if f"/{key}" in gs:
                        state[key] = gs[f"/{key}"] if key != "OPM" else int(gs.OPM)
            elif name in ("Tj", "TJ", "'", '"', "f", "f*", "F", "B", "b"):
                self.paints.append(("fill", state["fill"], bool(state["op"]), bool(state["OP"]), state["OPM"]))
            elif name in ("S", "s"):
                self.paints.append(("stroke", state["stroke"], bool(state["op"]), bool(state["OP"]), state["OPM"]))


@pytest.fixture(scope="session")
def seed_scans(seed_page_pdfs) -> dict[int, Scan]:
    out = {}
    for number, path in seed_page_pdfs.items():
        with pikepdf.open(path) as pdf:
            out[number] = Scan(pdf.pages[0])
    return out


def test_no_rgb_anywhere(seed_all_pdfs, seed_scans):
    for scan in seed_scans.values():
        assert not scan.operators & {"rg", "RG", "cs", "CS", "sc", "SC", "scn", "SCN", "sh", "BI"}
    for path in seed_all_pdfs:
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                assert "/ColorSpace" not in page.Resources and "/Shading" not in page.Resources
                for image in _images(page):
                    assert image.ColorSpace in (pikepdf.Name.DeviceCMYK, pikepdf.Name.DeviceGray)


def _images(page):
    return [x for x in page.Resources.get("/XObject", {}).values() if x.get("/Subtype") == pikepdf.Name.Image]


def test_text_rules_and_qr_are_100_k_and_overprint(seed_scans):
    for number, scan in seed_scans.items():
        assert len(scan.paints) > 900   # every text piece (one per run: a face is one font, no subset switches)
        for kind, colour, op, OP, opm in scan.paints:
            assert colour == (0.0, 0.0, 0.0, 1.0), f"page {number}: {kind} in {colour}, not 100% K"
            assert (op if kind == "fill" else OP) and opm == 1, f"page {number}: {kind} does not overprint"


def test_no_transparency(seed_all_pdfs):
    for path in seed_all_pdfs:
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                assert "/Group" not in page.obj
                for gs in page.Resources.get("/ExtGState", {}).values():
                    assert set(gs.keys()) <= {"/op", "/OP", "/OPM"}, dict(gs)
                for image in _images(page):
                    assert "/SMask" not in image and "/Mask" not in image


def test_the_photo_is_converted_through_the_newsprint_profile(seed_page_pdfs, seed_issue):
    """The embedded photo is DeviceCMYK within the ink limit and matches an independent
    Little CMS conversion (sRGB → IFRA26S, relative colorimetric + BPC) of the source,
    not Pillow's naive convert('CMYK')."""
    source = Image.open(next(a for a in seed_issue.articles if a.photos).photos[0].file).convert("RGB")
    with pikepdf.open(next(iter(seed_page_pdfs.values()))) as pdf:
        (stream,) = _images(pdf.pages[0])
        assert str(stream.ColorSpace) == "/DeviceCMYK" and "/DCTDecode" in str(stream.Filter)
        embedded = pikepdf.PdfImage(stream).as_pil_image()
    assert embedded.mode == "CMYK" and embedded.width <= source.width and embedded.height <= source.height
    left, top = (source.width - embedded.width) // 2, (source.height - embedded.height) // 2  # central crop
    crop = source.crop((left, top, left + embedded.width, top + embedded.height))
    transform = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), str(ICC_DIR / NEWSPRINT_FILE), "RGB",
                                        "CMYK", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
    managed, naive = ImageCms.applyTransform(crop, transform), crop.convert("CMYK")
    assert _mean_difference(embedded, managed) < 4          # JPEG noise only
    assert _mean_difference(embedded, naive) > 20
    assert max_total_ink(embedded) <= INK_LIMIT
    assert max_total_ink(naive) > INK_LIMIT                  # what the profile saves the press from


def _mean_difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference per ink, 0–255."""
    means = ImageStat.Stat(ImageChops.difference(a, b)).mean
    return sum(means) / len(means)


def test_photo_resolution_is_reported(seed_out):
    report = json.loads((seed_out / "report.json").read_text(encoding="utf-8"))
    (photo,) = report["photos"]
    assert photo["file"] == "flower.jpg" and 150 <= photo["ppi"] <= 195   # 640 px over ≈ 85 mm, or cropped
    assert photo["status"] == "ok" and not photo["resampled"] and photo["colour"] == "DeviceCMYK"
    assert photo["max_ink"] <= INK_LIMIT


# --------------------------------------------------------------------- total ink

def test_total_ink_from_a_ghostscript_cmyk_raster(seed_page_pdfs, tmp_path):
    gs = ghostscript()
    if gs is None:
        pytest.skip("Ghostscript (gs) is not installed: apt-get install ghostscript to measure ink on a "
                    "tiff32nc raster; the Python measure below still runs")
    for number, path in seed_page_pdfs.items():
        out = tmp_path / f"p{number}.tif"
        subprocess.run([gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiff32nc", "-r100",
                        f"-sOutputFile={out}", str(path)], check=True)
        with Image.open(out) as raster:
            assert raster.mode == "CMYK"
            total = max_total_ink(raster)
            cyan = raster.getchannel("C").getextrema()[1]
        assert 150 < total <= INK_LIMIT, f"page {number}: {total:.0f}%"
        assert cyan > 0  # a colour page: the control that the raster sees colour at all


def test_total_ink_without_ghostscript(seed_page_pdfs):
    settings = PreflightSettings(tac_method=TacMethod.PYTHON)
    for path in seed_page_pdfs.values():
        report = preflight_file(path, settings)
        (ink,) = report.of(Check.INK)
        assert "Python" in ink.message and ink.severity.value == "ok", ink.message
        assert "not measurable" not in ink.message


def test_preflight_passes_every_file(seed_all_pdfs, seed_manifest):
    for path in seed_all_pdfs:
        report = preflight_file(path, PreflightSettings())
        assert report.passed, [f.text() for f in report.errors]
        assert not report.warnings, [f.text() for f in report.warnings]
        assert report.claimed == "PDF/X-1a:2003"
    for entry in seed_manifest["pages"]:
        assert entry["preflight"] == {"result": "pass", "errors": [], "warnings": []}
        assert entry["colour"] == "CMYK"

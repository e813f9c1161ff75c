"""Page settings and build options for the plant: black-and-white pages, section codes and
replacement versions in file names, PDF/X-4 with bleed, the ink limit, desktop proofs
with marks. Small synthetic issues (conftest.BASE_YAML), each built once."""

from __future__ import annotations

import json
import subprocess

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from layout.build import OutputOptions, build
from layout.model.schema import PdfxVersion
from layout.model.units import MM
from layout.preflight import Check, PreflightSettings, TacMethod, preflight_file
from layout.preflight.tac import ghostscript
from layout.render.boxes import MARK_ZONE

from conftest import BASE_YAML, edit, write_issue

GRAY_PAGE = "    template: tabloid\n    colour: gray\n    section_code: B\n    version: 2\n"
X4_BLEED = BASE_YAML.replace("pages:\n", "print:\n  pdfx: x-4\n  ink_limit: 180\n"
                             "templates:\n  bled:\n    preset: tabloid\n    bleed: 3mm\npages:\n", 1)
X4_BLEED = edit(X4_BLEED, "    template: tabloid\n", "    template: bled\n")


def _build(factory, name: str, yaml: str, **options):
    folder = write_issue(factory.mktemp(name) / "issue", yaml)
    out = folder.parent / "out"
    result = build(folder, out, png=True, options=OutputOptions(**options))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return out, result, manifest


@pytest.fixture(scope="session")
def colour_build(tmp_path_factory):
    return _build(tmp_path_factory, "colour", BASE_YAML)


@pytest.fixture(scope="session")
def gray_build(tmp_path_factory):
    return _build(tmp_path_factory, "gray", edit(BASE_YAML, "    template: tabloid\n", GRAY_PAGE))


@pytest.fixture(scope="session")
def x4_build(tmp_path_factory):
    return _build(tmp_path_factory, "x4", X4_BLEED)


@pytest.fixture(scope="session")
def proof_build(tmp_path_factory):
    return _build(tmp_path_factory, "proof", BASE_YAML, marks=True)


def _page(out, manifest):
    return out / manifest["pages"][0]["file"]


def _k_operands(path) -> list[tuple[float, ...]]:
    """Operands of every colour operator of the page (k, K, g, G, rg, RG, sc, scn …)."""
    with pikepdf.open(path) as pdf:
        return [(str(op),) + tuple(float(v) for v in operands)
                for operands, op in pikepdf.parse_content_stream(pdf.pages[0])
                if str(op) in ("k", "K", "g", "G", "rg", "RG", "sc", "SC", "scn", "SCN")]


# --------------------------------------------------------------- file names, manifest

def test_file_names_carry_section_code_and_version(colour_build, gray_build):
    out, _, manifest = colour_build
    assert [p["file"] for p in manifest["pages"]] == ["TEST_20230106_A01.pdf"]   # default section A
    out, _, manifest = gray_build
    entry = manifest["pages"][0]
    assert entry["file"] == "TEST_20230106_B01_v2.pdf"
    assert (entry["section_code"], entry["version"], entry["colour"]) == ("B", 2, "Gray")
    assert sorted(p.name for p in out.iterdir()) == ["TEST_20230106.pdf", "TEST_20230106_B01_v2.pdf",
                                                     "TEST_20230106_B01_v2.png", "manifest.json", "report.json"]
    assert manifest["naming"] == "{code}_{YYYYMMDD}_{section}{page:02}[_v{version}].pdf"
    with pikepdf.open(out / entry["file"]) as pdf:
        assert "<xmpMM:VersionID>2</xmpMM:VersionID>" in pdf.Root.Metadata.read_bytes().decode()


def test_manifest_records_colour_pdfx_and_preflight(colour_build):
    _, _, manifest = colour_build
    assert manifest["pdfx"] == "PDF/X-1a:2003" and manifest["proof"] is False
    assert manifest["output_intent"]["identifier"] == "IFRA26"
    entry = manifest["pages"][0]
    assert entry["colour"] == "CMYK" and entry["preflight"]["result"] == "pass"
    assert entry["trim_mm"] == [272.0, 390.0] and entry["bleed_mm"] == 0.0


# ------------------------------------------------------------- black-and-white page

def test_black_and_white_page_has_no_cmy_in_its_content(gray_build, colour_build):
    out, _, manifest = gray_build
    operators = _k_operands(_page(out, manifest))
    assert operators and all(op[0] in ("k", "K") and op[1:4] == (0.0, 0.0, 0.0) for op in operators), operators
    with pikepdf.open(_page(out, manifest)) as pdf:
        images = [x for x in pdf.pages[0].Resources.XObject.values() if x.Subtype == pikepdf.Name.Image]
        assert [str(i.ColorSpace) for i in images] == ["/DeviceGray"]
    # control: the same issue in colour carries a CMYK photo
    out, _, manifest = colour_build
    with pikepdf.open(_page(out, manifest)) as pdf:
        images = [x for x in pdf.pages[0].Resources.XObject.values() if x.Subtype == pikepdf.Name.Image]
        assert [str(i.ColorSpace) for i in images] == ["/DeviceCMYK"]


def test_black_and_white_page_raster_shows_no_cmy_ink(gray_build, colour_build, tmp_path):
    gs = ghostscript()
    if gs is None:
        pytest.skip("Ghostscript (gs) is not installed: the raster check of C, M, Y is skipped; "
                    "test_black_and_white_page_passes_preflight_without_ghostscript still runs")
    maxima = {}
    for name, (out, _, manifest) in (("gray", gray_build), ("colour", colour_build)):
        raster = tmp_path / f"{name}.tif"
        subprocess.run([gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiff32nc", "-r72",
                        f"-sOutputFile={raster}", str(_page(out, manifest))], check=True)
        with Image.open(raster) as image:
            maxima[name] = [band.getextrema()[1] for band in image.split()]
        ink = subprocess.run([gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=inkcov", "-o", "-",
                              str(_page(out, manifest))], capture_output=True, text=True, check=True).stdout
        maxima[name + "-inkcov"] = [float(v) for v in ink.split()[:4]]
    assert maxima["gray"][:3] == [0, 0, 0] and maxima["gray"][3] == 255
    assert maxima["gray-inkcov"][:3] == [0.0, 0.0, 0.0] and maxima["gray-inkcov"][3] > 0
    assert min(maxima["colour"][:3]) > 0  # control: the colour page does use C, M and Y


def test_black_and_white_page_passes_preflight_without_ghostscript(gray_build):
    out, result, manifest = gray_build
    settings = PreflightSettings(black_only=True, tac_method=TacMethod.PYTHON)
    report = preflight_file(_page(out, manifest), settings)
    assert report.passed, [f.text() for f in report.errors]
    assert "inks K" in report.of(Check.BLACK_ONLY)[0].message
    assert manifest["pages"][0]["preflight"]["result"] == "pass"
    # the build checked it as a black-and-white page
    assert "black-and-white page" in result.pages[0].report.of(Check.BLACK_ONLY)[0].message


# ------------------------------------------------------------------ PDF/X-4, bleed

def test_pdfx4_page_with_bleed(x4_build):
    out, result, manifest = x4_build
    path = _page(out, manifest)
    with pikepdf.open(path) as pdf:
        assert pdf.pdf_version == "1.6"
        xmp = pdf.Root.Metadata.read_bytes().decode()
        assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
        for key in ("xmpMM:DocumentID", "xmpMM:VersionID", "xmpMM:RenditionClass", "xmp:CreateDate"):
            assert f"<{key}>" in xmp
        assert len(pdf.Root.OutputIntents) == 1
        page = pdf.pages[0].obj
        media, bleed, trim = ([float(v) for v in page[k]] for k in ("/MediaBox", "/BleedBox", "/TrimBox"))
        assert media == bleed and "/ArtBox" not in page
        assert [round(t - b, 2) for t, b in zip(trim[:2], bleed[:2])] == [round(3 * MM, 2)] * 2
        assert round(trim[2] - trim[0], 2) == round(272 * MM, 2)
    assert manifest["pdfx"] == "PDF/X-4" and manifest["pages"][0]["bleed_mm"] == 3.0
    report = preflight_file(path, PreflightSettings(expect=PdfxVersion.X4, ink_limit=180))
    assert report.passed and report.claimed == "PDF/X-4", [f.text() for f in report.errors]


def test_ink_limit_setting_holds_for_the_photo(x4_build):
    out, _, manifest = x4_build
    with pikepdf.open(_page(out, manifest)) as pdf:
        (image,) = [x for x in pdf.pages[0].Resources.XObject.values() if x.Subtype == pikepdf.Name.Image]
        cmyk = pikepdf.PdfImage(image).as_pil_image()
    from layout.render.colour import total_ink
    assert total_ink(cmyk) <= 180
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["photos"][0]["max_ink"] <= 180


def test_pdfx_option_overrides_the_issue_setting(tmp_path):
    folder = write_issue(tmp_path / "issue", BASE_YAML)
    result = build(folder, tmp_path / "out", options=OutputOptions(pdfx=PdfxVersion.X4))
    assert result.pages[0].report.claimed == "PDF/X-4"
    with pikepdf.open(tmp_path / "out" / result.pages[0].name) as pdf:
        assert pdf.pdf_version == "1.6"


# ------------------------------------------------------------------- proofs with marks

def test_proof_has_marks_outside_the_trim_and_the_trimbox_unchanged(proof_build, colour_build):
    out, result, manifest = proof_build
    assert manifest["proof"] is True
    with pikepdf.open(_page(out, manifest)) as pdf:
        page = pdf.pages[0].obj
        media, trim = [float(v) for v in page.MediaBox], [float(v) for v in page.TrimBox]
    assert round(trim[2] - trim[0], 2) == round(272 * MM, 2) and round(trim[3] - trim[1], 2) == round(390 * MM, 2)
    assert [round(t - m, 2) for t, m in zip(trim[:2], media[:2])] == [round(MARK_ZONE, 2)] * 2
    assert [round(m - t, 2) for t, m in zip(trim[2:], media[2:])] == [round(MARK_ZONE, 2)] * 2
    # something is printed in the mark zone (crop marks, colour bar, slug) …
    document = pdfium.PdfDocument(str(_page(out, manifest)))
    image = document[0].render(scale=1).to_pil().convert("L")
    document.close()
    zone = int(MARK_ZONE) - 2
    strips = [image.crop((0, 0, image.width, zone)), image.crop((0, image.height - zone, image.width, image.height)),
              image.crop((0, 0, zone, image.height))]
    assert all(strip.getextrema()[0] < 128 for strip in strips)
    # … and the plant's file of the same page has nothing outside its trim
    plain_out, _, plain_manifest = colour_build
    with pikepdf.open(_page(plain_out, plain_manifest)) as pdf:
        assert [float(v) for v in pdf.pages[0].obj.MediaBox] == [float(v) for v in pdf.pages[0].obj.TrimBox]


def test_proof_passes_preflight_only_as_a_proof(proof_build):
    out, result, manifest = proof_build
    path = _page(out, manifest)
    assert manifest["pages"][0]["preflight"]["result"] == "pass"      # checked as a proof by the build
    strict = preflight_file(path, PreflightSettings(tac_method=TacMethod.PYTHON))
    assert strict.failed_checks == (Check.MARKS,)
    assert preflight_file(path, PreflightSettings(allow_marks=True)).passed


def test_a_proof_is_labelled_as_one_with_its_own_document_id(proof_build, colour_build):
    out, _, manifest = proof_build
    plain_out, _, plain_manifest = colour_build
    ids = []
    for path in (_page(out, manifest), out / "TEST_20230106.pdf", _page(plain_out, plain_manifest)):
        with pikepdf.open(path) as pdf:
            xmp = pdf.Root.Metadata.read_bytes().decode()
            ids.append(xmp.split("<xmpMM:DocumentID>")[1].split("<")[0])
            proof = path.parent == out
            assert str(pdf.docinfo.Title).startswith("校样 PROOF") is proof
            assert ("校样 PROOF" in xmp) is proof
    assert len(set(ids)) == 3   # a proof never shares the plant file's document id


def test_black_and_white_proof_marks_are_k_only(tmp_path):
    folder = write_issue(tmp_path / "issue", edit(BASE_YAML, "    template: tabloid\n", GRAY_PAGE))
    result = build(folder, tmp_path / "out", options=OutputOptions(marks=True))
    path = tmp_path / "out" / result.pages[0].name
    assert all(op[1:4] == (0.0, 0.0, 0.0) for op in _k_operands(path))
    report = preflight_file(path, PreflightSettings(allow_marks=True, black_only=True, tac_method=TacMethod.PYTHON))
    assert report.passed, [f.text() for f in report.errors]


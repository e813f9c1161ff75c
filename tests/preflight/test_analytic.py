"""Analytic ink (issue 10, item 2): computed from the composed page and the photos'
embedded pixels, it agrees with Ghostscript's raster within 2 % — on the seed page and
where black text overprints a photo — and preflight takes it instead of rasterizing."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from layout.compose import compose_issue
from layout.compose.items import ComposedPage, Picture, Rule, TextRun
from layout.model import load_issue
from layout.model.schema import FontRole, PageColour, PdfxVersion
from layout.preflight import (
    Check,
    InkMeasure,
    PreflightSettings,
    Severity,
    analytic_ink,
    cross_check_ink,
    embedded_pixels,
    preflight_bytes,
)
from layout.preflight.document import print_area
from layout.preflight.tac import ghostscript, raster_inks
from layout.render import PdfxSpec, PhotoRequest, RenderJob, finish_pdfx, page_boxes, prepare_photo, render_pdf
from layout.render.pdf import ink as printed_ink
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

WITHIN = 0.02   # relative


def _gs() -> str:
    gs = ghostscript()
    assert gs is not None, "Ghostscript (gs) is needed for these tests (Debian: ghostscript)"
    return gs


def _pixels(page: ComposedPage, request: PhotoRequest) -> dict[Picture, Image.Image]:
    """Each photo of the page converted as the build converts it, decoded as embedded."""
    return {item: embedded_pixels(prepare_photo(item, request, None).data)
            for item in page.items if isinstance(item, Picture)}


@pytest.fixture(scope="module")
def seed_composed(seed_folder):
    """(composed page, its photos' pixels) of the seed issue's one page, as the build makes them."""
    issue, _changes = normalize_issue(load_issue(seed_folder))
    (result,) = compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig.of(issue.typesetting), False)
    page, settings = issue.page(result.page.number), issue.print_settings
    return result.page, _pixels(result.page, PhotoRequest(page.colour, settings.ink_limit, settings.screen_ruling))


def _raster(path: Path, boxes: list[tuple[float, float, float, float]] | None = None, dpi: float = 72
            ) -> list[InkMeasure]:
    """Ghostscript's measure of the page at `path`: of its print area, or of each box
    (PDF coordinates) when given (the page cut down to the box, so that a fine raster
    stays small)."""
    with pikepdf.open(path) as pdf:
        if boxes is None:
            return [raster_inks(_gs(), path, pdf, [(1, print_area(pdf.pages[0]))], dpi)[1]]
        out = []
        for number, box in enumerate(boxes):
            for key in ("/MediaBox", "/CropBox", "/TrimBox", "/BleedBox"):
                pdf.pages[0].obj[key] = pikepdf.Array(box)
            cut = path.with_name(f"{path.stem}-box{number}.pdf")
            pdf.save(cut)
            with pikepdf.open(cut) as small:
                out.append(raster_inks(_gs(), cut, small, [(1, box)], dpi)[1])
        return out


def _photo_boxes(page: ComposedPage, path: Path) -> list[tuple[float, float, float, float]]:
    """Each photo's box in the PDF's coordinates (the trim's origin is the TrimBox's)."""
    with pikepdf.open(path) as pdf:
        x0, _y0, _x1, y1 = (float(v) for v in pdf.pages[0].TrimBox)
    return [(x0 + p.x, y1 - p.y - p.height, x0 + p.x + p.width, y1 - p.y)
            for p in page.items if isinstance(p, Picture)]


def _fine_raster(page: ComposedPage, pixels, path: Path) -> InkMeasure:
    """Ghostscript's page measure, photos rastered finer than their pixels (so every
    pixel is seen, as the analytic measure sees it) and the rest at 72 dpi."""
    dpi = 1.5 * max(im.size[0] / (p.width / 72) for p, im in pixels.items())
    measures = _raster(path) + _raster(path, _photo_boxes(page, path), dpi)
    return InkMeasure(max(m.total for m in measures),
                      tuple(max(m.channels[i] for m in measures) for i in range(4)), "Ghostscript")


def _close(ours: InkMeasure, theirs: InkMeasure) -> None:
    assert abs(ours.total - theirs.total) <= WITHIN * theirs.total, (ours, theirs)
    for a, b in zip(ours.channels, theirs.channels):
        assert abs(a - b) <= max(WITHIN * b, 1.0), (ours, theirs)


def test_seed_page_analytic_ink_agrees_with_ghostscript(seed_composed, seed_page_pdfs, tmp_path):
    page, pixels = seed_composed
    assert pixels, "the seed page has a photo: the measure is not only K text"
    ours = analytic_ink(page, pixels)
    path = tmp_path / "seed.pdf"
    path.write_bytes(next(iter(seed_page_pdfs.values())).read_bytes())
    _close(ours, _fine_raster(page, pixels, path))
    coarse = _raster(path)[0]   # what preflight's own 72 dpi raster sees: never more than analytic
    assert coarse.total <= ours.total + 0.5 and abs(coarse.total - ours.total) <= 0.03 * ours.total


# ---------------------------------------------------------------- a page of our own

TRIM = (200.0, 150.0)


def _photo_file(tmp_path: Path, colour=(60, 40, 150)) -> Path:
    path = tmp_path / "flat.jpg"
    Image.new("RGB", (400, 300), colour).save(path, format="JPEG", quality=95)
    return path


def _page(items) -> ComposedPage:
    return ComposedPage(1, "测试", TRIM[0], TRIM[1], tuple(items), "")


def _rendered(page: ComposedPage, issue, colour: PageColour, request: PhotoRequest) -> bytes:
    photos = {p: prepare_photo(p, request, None) for p in page.items if isinstance(p, Picture)}
    boxes = page_boxes(TRIM[0], TRIM[1], 0.0, False)
    job = RenderJob(issue.fonts, photos, colour, boxes, "test", dt.date(2023, 1, 6))
    return finish_pdfx(render_pdf(page, job), PdfxSpec(PdfxVersion.X1A, "test", dt.date(2023, 1, 6), "t.pdf", 1,
                                                        boxes))


def _headline(colour, y: float = 60.0) -> TextRun:
    """Six 28 pt characters across the photo."""
    return TextRun(tuple((ch, 30.0 + 30 * i) for i, ch in enumerate("图片上的标题")), y, 28.0, FontRole.HEI_BOLD,
                   colour=colour)


@pytest.fixture(scope="module")
def seed_fonts(seed_folder):
    return load_issue(seed_folder)


CMYK_PAGE = PhotoRequest(PageColour.CMYK, 240.0, 100.0)


def _measured(page: ComposedPage, photo: Picture, issue, tmp_path: Path) -> tuple[float, InkMeasure]:
    """(the photo's own largest C+M+Y+K, the page's analytic ink), after checking the
    analytic ink against Ghostscript's raster of the rendered page."""
    pixels = _pixels(page, CMYK_PAGE)
    ours = analytic_ink(page, pixels)
    path = tmp_path / "page.pdf"
    path.write_bytes(_rendered(page, issue, PageColour.CMYK, CMYK_PAGE))
    _close(ours, _fine_raster(page, pixels, path))
    return _photo_total(pixels[photo]), ours


def _photo_total(pixels: Image.Image) -> float:
    return sum(band.getextrema()[1] for band in pixels.split()) * 100 / 255   # a flat photo: max of the sum


def _cmy(pixels: Image.Image) -> float:
    return sum(band.getextrema()[1] for band in pixels.split()[:3]) * 100 / 255


@pytest.mark.parametrize("colour, overprints", [((0.0, 0.0, 0.0, 1.0), True), ((0.0, 1.0, 1.0, 0.0), False)])
def test_text_over_a_photo(seed_fonts, tmp_path, colour, overprints):
    """Solid black over a photo: the photo's C+M+Y plus 100 % K; a knock-out red: its own ink."""
    photo = Picture(_photo_file(tmp_path), 20.0, 20.0, 160.0, 110.0, (0, 0, 400, 300))
    page = _page([photo, _headline(colour), Rule(20, 140, 180, 140, 0.5)])
    photo_total, ours = _measured(page, photo, seed_fonts, tmp_path)
    cmy = _cmy(_pixels(page, CMYK_PAGE)[photo])
    expected = cmy + 100 if overprints else max(200.0, photo_total)
    assert ours.total == pytest.approx(expected, abs=0.5)


def test_text_beside_a_photo_is_not_over_it(seed_fonts, tmp_path):
    """The control: the same black headline below the photo adds only its own 100 %."""
    photo = Picture(_photo_file(tmp_path), 20.0, 20.0, 160.0, 60.0, (0, 0, 400, 150))
    page = _page([photo, _headline((0.0, 0.0, 0.0, 1.0), y=120.0)])
    photo_total, ours = _measured(page, photo, seed_fonts, tmp_path)
    assert _cmy(_pixels(page, CMYK_PAGE)[photo]) > 100, "test setup: a photo darker than black text alone"
    assert ours.total == pytest.approx(max(photo_total, 100.0), abs=0.5)


def test_black_and_white_page(seed_fonts, tmp_path):
    """On a grey page colours print as K and photos are grey: no C, M or Y anywhere."""
    request = PhotoRequest(PageColour.GRAY, 240.0, 100.0)
    photo = Picture(_photo_file(tmp_path), 20.0, 20.0, 160.0, 110.0, (0, 0, 400, 300))
    page = _page([photo, _headline((0.0, 1.0, 1.0, 0.0))])
    pixels = _pixels(page, request)
    assert {im.mode for im in pixels.values()} == {"L"}
    ours = analytic_ink(page, pixels, printed=lambda colour: printed_ink(colour, PageColour.GRAY))
    assert ours.channels[:3] == (0.0, 0.0, 0.0) and 0 < ours.total <= 100


# ------------------------------------------------------------ preflight takes it

def test_preflight_takes_the_analytic_measure_without_ghostscript(seed_composed, seed_page_pdfs, monkeypatch):
    page, pixels = seed_composed
    ours = analytic_ink(page, pixels)
    monkeypatch.setattr("layout.preflight.tac.ghostscript", lambda: pytest.fail("Ghostscript ran"))
    data = next(iter(seed_page_pdfs.values())).read_bytes()
    report = preflight_bytes(data, "seed.pdf", PreflightSettings(), inks=[ours])
    assert report.passed, [f.text() for f in report.errors]
    (ink,) = report.of(Check.INK)
    assert "analytic" in ink.message and f"max {ours.total:.0f}%" in ink.message
    over = preflight_bytes(data, "seed.pdf", PreflightSettings(ink_limit=200), inks=[ours])
    assert over.failed_checks == (Check.INK,)
    with pytest.raises(ValueError):
        preflight_bytes(data, "seed.pdf", PreflightSettings(), inks=[ours, ours])


def test_cross_check_with_ghostscript(seed_composed, seed_page_pdfs):
    page, pixels = seed_composed
    path = next(iter(seed_page_pdfs.values()))
    ours = analytic_ink(page, pixels)
    (agrees,) = cross_check_ink(path, [ours])
    assert agrees.severity is Severity.OK and "agrees" in agrees.message
    missed = InkMeasure(100.0, (0.0, 0.0, 0.0, 100.0), "a measure that missed the photo")
    (warned,) = cross_check_ink(path, [missed])
    assert warned.severity is Severity.WARNING and "does not know of" in warned.message
    (over,) = cross_check_ink(path, [ours], PreflightSettings(ink_limit=200))
    assert over.severity is Severity.ERROR


def test_embedded_pixels_are_ink_values():
    """PIL's CMYK decoding equals what the page's /Decode [1 0 …] gives a RIP."""
    out = io.BytesIO()
    Image.new("CMYK", (8, 8), (200, 30, 0, 255)).save(out, format="JPEG", quality=100)
    pixels = embedded_pixels(out.getvalue())
    assert pixels.mode == "CMYK"
    assert [band.getextrema()[1] for band in pixels.split()] == pytest.approx([200, 30, 0, 255], abs=3)

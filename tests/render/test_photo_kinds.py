"""Every kind of photo file prints its tones (layout/render/decode.py): 8- and 16-bit
grey PNG and TIFF, 32-bit and float grey, bilevel, palettes with and without
transparency, RGB with alpha, CMYK, and EXIF orientation. Each test draws the photo on a
page, rasterizes the PDF (pypdfium2) and measures the drawn pixels: the left half of
every test photo is a mid-grey, the right half black."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from layout.compose.items import ComposedPage, Picture
from layout.errors import PaibanError
from layout.model import load_issue
from layout.model.schema import PageColour
from layout.render import RenderJob, page_boxes, render_pdf
from layout.render.photos import PhotoRequest, prepare_photo

from conftest import write_issue

SIZE = (120, 80)          # px
BOX = 160.0               # pt: the photo's width on the page
MARGIN = 20.0


@pytest.fixture(scope="module")
def fonts(tmp_path_factory):
    return load_issue(write_issue(tmp_path_factory.mktemp("fonts") / "issue")).fonts


def halves(mode: str, mid: float, dark: float, size=SIZE) -> Image.Image:
    """An image of `mode`: the left half `mid`, the right half `dark` (pixel values)."""
    image = Image.new(mode, size, mid)
    image.paste(Image.new(mode, (size[0] // 2, size[1]), dark), (size[0] // 2, 0))
    return image


def drawn(fonts, path: Path, colour: PageColour = PageColour.CMYK, crop=None) -> tuple[float, float]:
    """Mean brightness (0 black – 255 white) of the left and right half of the photo as
    drawn on a page and rasterized."""
    if crop is None:
        with Image.open(path) as image:
            crop = (0, 0) + image.size
    width, height = crop[2] - crop[0], crop[3] - crop[1]
    picture = Picture(path, MARGIN, MARGIN, BOX, BOX * height / width, crop, "a")
    photo = prepare_photo(picture, PhotoRequest(colour, 240.0, 100.0), None)
    page = ComposedPage(1, "t", BOX + 2 * MARGIN, picture.height + 2 * MARGIN, (picture,), "")
    job = RenderJob(fonts, {picture: photo}, colour, page_boxes(page.width, page.height, 0.0, False), "t",
                    dt.date(2023, 1, 6))
    document = pdfium.PdfDocument(render_pdf(page, job))
    raster = document[0].render(scale=1.0).to_pil().convert("L")
    document.close()
    inset = 6
    top, bottom = int(MARGIN) + inset, int(MARGIN + picture.height) - inset
    left = raster.crop((int(MARGIN) + inset, top, int(MARGIN + BOX / 2) - inset, bottom))
    right = raster.crop((int(MARGIN + BOX / 2) + inset, top, int(MARGIN + BOX) - inset, bottom))
    return _mean(left), _mean(right)


def _mean(image: Image.Image) -> float:
    histogram = image.histogram()
    return sum(i * n for i, n in enumerate(histogram)) / max(sum(histogram), 1)


def prints_its_tones(left: float, right: float) -> bool:
    """A mid tone on the left, near black on the right (not a white or a black box)."""
    return 70 < left < 215 and right < 75 and left - right > 60


def _save(image: Image.Image, path: Path, **options) -> Path:
    image.save(path, **options)
    return path


def test_the_measure_sees_a_white_box(fonts, tmp_path):
    """Negative control: a white photo (what 16-bit grey used to print as) fails."""
    assert not prints_its_tones(*drawn(fonts, _save(Image.new("L", SIZE, 255), tmp_path / "white.png")))


@pytest.mark.parametrize("fmt", ["PNG", "TIFF"])
def test_sixteen_bit_grey_prints_its_tones(fonts, tmp_path, fmt):
    path = _save(halves("I;16", 32768, 1000), tmp_path / f"grey16.{fmt.lower()}", format=fmt)
    with Image.open(path) as image:
        assert image.mode.startswith("I;16")  # really 16 bits on disk
    assert prints_its_tones(*drawn(fonts, path))


def test_32_bit_and_float_grey_print_their_tones(fonts, tmp_path):
    assert prints_its_tones(*drawn(fonts, _save(halves("I", 32768, 1000), tmp_path / "i32.tif")))
    assert prints_its_tones(*drawn(fonts, _save(halves("F", 0.5, 0.02), tmp_path / "float.tif")))


def test_eight_bit_grey_and_bilevel(fonts, tmp_path):
    assert prints_its_tones(*drawn(fonts, _save(halves("L", 128, 5), tmp_path / "grey.png")))
    bilevel = Image.new("1", SIZE, 1)
    bilevel.paste(Image.new("1", (SIZE[0] // 2, SIZE[1]), 0), (SIZE[0] // 2, 0))
    checker = Image.eval(bilevel.convert("L"), lambda v: v)
    for x in range(0, SIZE[0] // 2, 2):             # a 50 % dither on the left
        for y in range(x % 4 // 2, SIZE[1], 2):
            checker.putpixel((x, y), 0)
    left, right = drawn(fonts, _save(checker.convert("1"), tmp_path / "bilevel.png"))
    assert right < 75 and 40 < left < 215


def test_palette_images_with_and_without_transparency(fonts, tmp_path):
    colours = halves("RGB", (150, 120, 90), (5, 5, 5))
    assert prints_its_tones(*drawn(fonts, _save(colours.convert("P", palette=Image.Palette.ADAPTIVE),
                                                tmp_path / "palette.png")))
    grey = halves("L", 128, 5).convert("P")
    assert prints_its_tones(*drawn(fonts, _save(grey, tmp_path / "grey-palette.png")))
    transparent = halves("RGB", (128, 128, 128), (5, 5, 5)).convert("P", palette=Image.Palette.ADAPTIVE)
    transparent.info["transparency"] = transparent.getpixel((SIZE[0] - 1, 0))   # the black half is see-through
    left, right = drawn(fonts, _save(transparent, tmp_path / "see-through.png", transparency=transparent.info["transparency"]))
    assert 70 < left < 215 and right > 240                                      # paper shows through


def test_alpha_is_laid_on_white_paper(fonts, tmp_path):
    rgba = halves("RGBA", (128, 128, 128, 255), (5, 5, 5, 255))
    rgba.paste(Image.new("RGBA", (10, SIZE[1]), (0, 0, 0, 0)), (0, 0))
    assert prints_its_tones(*drawn(fonts, _save(rgba, tmp_path / "alpha.png")))
    assert prints_its_tones(*drawn(fonts, _save(halves("LA", (128, 255), (5, 255)), tmp_path / "grey-alpha.png")))


def test_cmyk_jpeg_and_tiff(fonts, tmp_path):
    cmyk = halves("CMYK", (0, 0, 0, 110), (60, 50, 50, 250))
    assert prints_its_tones(*drawn(fonts, _save(cmyk, tmp_path / "cmyk.jpg", quality=95)))
    assert prints_its_tones(*drawn(fonts, _save(cmyk, tmp_path / "cmyk.tif")))
    assert prints_its_tones(*drawn(fonts, tmp_path / "cmyk.tif", colour=PageColour.GRAY))   # untagged CMYK, grey page


def test_a_grey_page_gets_the_tones_of_a_colour_photo(fonts, tmp_path):
    path = _save(halves("RGB", (150, 120, 90), (5, 5, 5)), tmp_path / "colour.jpg", quality=95)
    assert prints_its_tones(*drawn(fonts, path, colour=PageColour.GRAY))


def test_exif_orientation_is_applied_and_crops_are_in_upright_pixels(fonts, tmp_path):
    upright = halves("RGB", (128, 128, 128), (5, 5, 5))        # 120 × 80 as the reader sees it
    stored = upright.transpose(Image.Transpose.ROTATE_90)     # 80 × 120 as a phone stores it …
    exif = Image.Exif()
    exif[0x0112] = 6                                          # … tagged "rotate 90° clockwise to show"
    path = _save(stored, tmp_path / "phone.jpg", exif=exif.tobytes(), quality=95)
    assert prints_its_tones(*drawn(fonts, path, crop=(0, 0) + SIZE))
    # a crop of the upright left half is all mid-grey
    left, right = drawn(fonts, path, crop=(0, 0, SIZE[0] // 2, SIZE[1]))
    assert 70 < left < 215 and 70 < right < 215
    # negative control: without orientation the same file prints sideways
    plain = _save(stored, tmp_path / "plain.jpg", quality=95)
    assert not prints_its_tones(*drawn(fonts, plain, crop=(0, 0, 80, 120)))


def test_a_damaged_photo_is_an_error_naming_it(tmp_path):
    path = tmp_path / "broken.jpg"
    _save(halves("RGB", (128, 128, 128), (5, 5, 5)), path, quality=95)
    path.write_bytes(path.read_bytes()[:300])
    picture = Picture(path, 0, 0, 100, 66, (0, 0) + SIZE, "a")
    with pytest.raises(PaibanError, match="broken.jpg.*cannot be decoded"):
        prepare_photo(picture, PhotoRequest(PageColour.CMYK, 240.0, 100.0), None)


def test_decode_keeps_the_embedded_profile_only_when_it_fits(tmp_path):
    from PIL import ImageCms

    from layout.render.decode import decode_photo

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    colour = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 200, 30)).save(colour, format="PNG", icc_profile=srgb)
    assert decode_photo(colour.getvalue(), Path("c.png")).profile is not None
    grey = io.BytesIO()
    Image.new("L", (4, 4), 100).save(grey, format="PNG", icc_profile=srgb)   # an RGB profile on grey pixels
    assert decode_photo(grey.getvalue(), Path("g.png")).profile is None

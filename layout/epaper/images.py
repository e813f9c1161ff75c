"""Pictures for the screen: page images and story photos, in sRGB JPEG.

A page is drawn by the same renderer as the print files (layout.render.render_pdf), but
with its photos in sRGB instead of newsprint CMYK (a screen shows them as the
photographer saw them; on a black-and-white page they stay grey, as printed), then
rasterized with pypdfium2 at two widths: the screen image and the zoom image. Story
photos are the whole original (the page crops it to its box), scaled to fit
`PHOTO_WIDTH`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image, ImageCms

from layout.compose.items import ComposedPage, Picture
from layout.model.schema import FontSet, PageColour, Photo
from layout.render import PreparedPhoto, RenderJob, page_boxes, render_pdf
from layout.render.colour import newsprint

JPEG_QUALITY = 85
PHOTO_WIDTH = 1200  # px: the widest a story photo is stored
GREY_MODES = ("1", "L", "LA", "I", "I;16", "I;16B", "I;16L")


@dataclass(frozen=True, slots=True)
class Jpeg:
    """A JPEG and its size in pixels."""

    data: bytes
    width: int
    height: int


def page_images(page: ComposedPage, fonts: FontSet, colour: PageColour, title: str, date,
                widths: tuple[int, ...]) -> tuple[Jpeg, ...]:
    """The page rasterized at each of `widths` (px across the trim), as JPEGs."""
    scale = max(widths) / page.width  # photos are embedded at the largest size needed
    photos = {item: _page_photo(item, scale * 72, colour) for item in page.items if isinstance(item, Picture)}
    job = RenderJob(fonts, photos, colour, page_boxes(page.width, page.height, 0.0, False), title, date)
    document = pdfium.PdfDocument(render_pdf(page, job))
    try:
        # pdfium rounds the bitmap's size up: half a pixel less gives exactly `width`
        return tuple(_raster(document[0], (width - 0.5) / page.width, colour) for width in widths)
    finally:
        document.close()


def _raster(pdf_page, scale: float, colour: PageColour) -> Jpeg:
    """A black-and-white page is stored grey: no colour noise, a smaller file."""
    image = pdf_page.render(scale=scale).to_pil().convert("L" if colour is PageColour.GRAY else "RGB")
    return _jpeg(image)


def _page_photo(picture: Picture, dpi: float, colour: PageColour) -> PreparedPhoto:
    """A placed photo cropped as the page crops it, at `dpi` where placed, in sRGB (grey
    on a black-and-white page); the fields besides data and size are for print reports
    and left at zero."""
    with Image.open(picture.file) as opened:
        opened.load()
        image = to_srgb(opened).crop(picture.crop)
    size = (max(1, round(picture.width / 72 * dpi)), max(1, round(picture.height / 72 * dpi)))
    if size[0] < image.width:  # never enlarge: the browser does that as well as we could
        image = image.resize(size, Image.Resampling.LANCZOS)
    if colour is PageColour.GRAY:
        image = image.convert("L")
    encoded = _jpeg(image)
    return PreparedPhoto(encoded.data, image.mode, encoded.width, encoded.height, 0.0, 0.0, 0.0)


def story_photo(photo: Photo) -> Jpeg:
    """The whole photo in sRGB, at most PHOTO_WIDTH px wide."""
    with Image.open(photo.file) as opened:
        opened.load()
        image = to_srgb(opened)
    if image.width > PHOTO_WIDTH:
        image = image.resize((PHOTO_WIDTH, max(1, round(image.height * PHOTO_WIDTH / image.width))),
                             Image.Resampling.LANCZOS)
    return _jpeg(image)


def to_srgb(image: Image.Image) -> Image.Image:
    """RGB in sRGB, or L for grey sources: transparency on white paper, CMYK and tagged
    RGB through their profiles (an untagged CMYK file is taken as made for newsprint, as
    the print pipeline takes it)."""
    if image.mode in GREY_MODES:
        return _on_white(image).convert("L")
    embedded = image.info.get("icc_profile")
    if image.mode == "CMYK":
        source = _profile(embedded) or ImageCms.ImageCmsProfile(io.BytesIO(newsprint().data))
        return _converted(image, source)
    image = _on_white(image).convert("RGB")
    source = _profile(embedded)
    if source is None:
        return image
    return _converted(image, source)


def _converted(image, source):
    """`image` converted from the profile `source` to sRGB."""
    out = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
    assert out is not None  # None only with inPlace
    return out


def _on_white(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        return Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba)
    return image


def _profile(data: bytes | None):
    if not data:
        return None
    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(data))
    except (OSError, ImageCms.PyCMSError):
        return None  # a broken profile: the pixels taken as sRGB, as browsers do


def _jpeg(image: Image.Image) -> Jpeg:
    """Baseline JPEG, 4:4:4 (thin coloured rules stay sharp), no metadata: the same
    pixels always give the same bytes."""
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True, subsampling=0)
    return Jpeg(buffer.getvalue(), image.width, image.height)

"""Photos for the plate (layout/render/photos.py): effective resolution, resampling,
colour conversion for CMYK and black-and-white pages, the ink limit, the cache."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from layout.compose.items import Picture
from layout.model.schema import PageColour
from layout.render import photos
from layout.render.colour import total_ink
from layout.render.decode import decode_photo
from layout.render.photos import PhotoRequest, Resolution, effective_ppi, grade, prepare_photo

from conftest import write_photo

CMYK = PhotoRequest(PageColour.CMYK, 240.0, 100.0)
GRAY = PhotoRequest(PageColour.GRAY, 240.0, 100.0)


def placed(file: Path, pixels: tuple[int, int], width_pt: float) -> Picture:
    """The whole photo placed `width_pt` wide."""
    w, h = pixels
    return Picture(file, 0.0, 0.0, width_pt, width_pt * h / w, (0, 0, w, h), "a")


def decoded(photo) -> Image.Image:
    return Image.open(io.BytesIO(photo.data))


@pytest.fixture
def jpeg(tmp_path) -> Path:
    path = tmp_path / "photo.jpg"
    write_photo(path, (600, 400))
    return path


def test_effective_resolution_and_grades():
    seed_like = Picture(Path("x.jpg"), 0, 0, 85 / 25.4 * 72, 56, (0, 0, 640, 427))   # 640 px on 85 mm
    assert 190 <= effective_ppi(seed_like) <= 192
    assert grade(190, 150, 100) is Resolution.OK
    assert grade(120, 150, 100) is Resolution.LOW
    assert grade(99.9, 150, 100) is Resolution.TOO_LOW


def test_a_photo_within_the_screens_needs_is_embedded_at_its_own_pixels(jpeg):
    photo = prepare_photo(placed(jpeg, (600, 400), 216.0), CMYK, None)     # 3 in: 200 ppi
    assert (photo.width, photo.height) == (600, 400) and round(photo.ppi) == 200
    assert photo.mode == "CMYK" and decoded(photo).mode == "CMYK"


def test_a_photo_far_finer_than_the_screen_is_downsampled(jpeg):
    photo = prepare_photo(placed(jpeg, (600, 400), 72.0), CMYK, None)      # 1 in: 600 ppi
    assert round(photo.source_ppi) == 600
    assert round(photo.ppi) == 200 and (photo.width, photo.height) == (200, 133)   # 2 × 100 lpi
    just_above = prepare_photo(placed(jpeg, (600, 400), 150.0), CMYK, None)      # 288 ppi: kept
    assert just_above.width == 600


def test_colour_conversion_keeps_black_black_and_under_the_limit(tmp_path):
    path = tmp_path / "black.png"
    Image.new("RGB", (300, 200), (0, 0, 0)).save(path)
    photo = prepare_photo(placed(path, (300, 200), 72.0), CMYK, None)
    c, m, y, k = decoded(photo).getpixel((150, 100))
    assert k > 220 and c + m + y + k <= 240 * 255 / 100       # not Pillow's 0/0/0/255 nor 300 % CMY
    assert total_ink(decoded(photo)) <= 240


def test_ink_limit_is_a_setting(jpeg):
    photo = prepare_photo(placed(jpeg, (600, 400), 216.0), PhotoRequest(PageColour.CMYK, 150.0, 100.0), None)
    assert total_ink(decoded(photo)) <= 150 and photo.ink <= 150


def test_black_and_white_page_gets_a_grey_photo(jpeg):
    photo = prepare_photo(placed(jpeg, (600, 400), 216.0), GRAY, None)
    image = decoded(photo)
    assert photo.mode == image.mode == "L" and photo.colour_space == "DeviceGray"
    low, high = image.getextrema()
    assert low < high   # tone survives


def test_a_grey_source_stays_grey_on_a_colour_page(tmp_path):
    path = tmp_path / "grey.jpg"
    write_photo(path, (300, 200), mode="L")
    assert prepare_photo(placed(path, (300, 200), 72.0), CMYK, None).mode == "L"


def test_transparency_is_flattened_onto_paper(tmp_path):
    path = tmp_path / "alpha.png"
    Image.new("RGBA", (300, 200), (255, 0, 0, 0)).save(path)   # fully transparent red
    photo = prepare_photo(placed(path, (300, 200), 72.0), CMYK, None)
    assert max(decoded(photo).getpixel((10, 10))) <= 3           # white paper: no ink


def test_an_embedded_profile_is_used(tmp_path):
    path = tmp_path / "tagged.jpg"
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    Image.new("RGB", (10, 10), (10, 200, 30)).save(path, icc_profile=profile.tobytes())
    found = decode_photo(path.read_bytes(), path).profile
    assert ImageCms.getProfileDescription(found) == ImageCms.getProfileDescription(profile)
    Image.new("RGB", (10, 10), (10, 200, 30)).save(path)
    assert decode_photo(path.read_bytes(), path).profile is None       # untagged: taken as sRGB


def test_converted_photos_are_cached(jpeg, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    picture = placed(jpeg, (600, 400), 216.0)
    first = prepare_photo(picture, CMYK, cache)
    assert len(list(cache.rglob("*.jpg"))) == 1

    def no_conversion(*args):
        raise AssertionError("converted again although cached")

    monkeypatch.setattr(photos, "_convert", no_conversion)
    assert prepare_photo(picture, CMYK, cache) == first
    # a different page colour or ink limit is a different entry
    with pytest.raises(AssertionError, match="converted again"):
        prepare_photo(picture, GRAY, cache)


def test_a_damaged_cache_entry_is_converted_again(jpeg, tmp_path):
    cache = tmp_path / "cache"
    picture = placed(jpeg, (600, 400), 216.0)
    first = prepare_photo(picture, CMYK, cache)
    (entry,) = cache.rglob("*.jpg")
    entry.write_bytes(b"broken")
    assert prepare_photo(picture, CMYK, cache) == first
    (meta,) = cache.rglob("*.json")
    for damage in ("[]", "{}", '{"sha256": 5}', "not json", '{"mode": "CMYK"}'):
        meta.write_text(damage)
        assert prepare_photo(picture, CMYK, cache) == first          # converted again, no traceback
        assert prepare_photo(picture, CMYK, cache) == first          # and the entry is whole again


def test_default_cache_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("PAIBAN_CACHE", str(tmp_path / "a"))
    assert photos.default_cache_dir() == tmp_path / "a"
    monkeypatch.delenv("PAIBAN_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert photos.default_cache_dir() == tmp_path / "xdg" / "paiban"


def test_an_unwritable_cache_is_skipped(jpeg, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    photo = prepare_photo(placed(jpeg, (600, 400), 216.0), CMYK, blocked / "cache")
    assert photo.mode == "CMYK"

"""Photos at load (issue 11 item 3): decoded completely, damaged ones refused naming the
file and field, a pixel limit, JPEG and PNG only, sizes after EXIF orientation."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from conftest import BASE_YAML, edit, line_of, write_photo
from layout.errors import IssueError
from layout.model import load_issue
from layout.model.photos import PhotoProblem, check_photo

FIELD = "articles[1].photos[0].file"


def jpeg_bytes(size=(600, 400), **options) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 120, 40))
    for x in range(0, size[0], 8):
        image.paste((20, 60, 160), (x, 0, x + 1, size[1]))
    image.save(out, "JPEG", quality=80, **options)
    return out.getvalue()


def photo_problem(make_issue, data: bytes, name: str = "assets/photo.jpg", text: str = BASE_YAML):
    folder = make_issue(text)
    (folder / name).write_bytes(data)
    with pytest.raises(IssueError) as info:
        load_issue(folder)
    problem = next((p for p in info.value.problems if p.field == FIELD), None)
    assert problem is not None, str(info.value)
    assert problem.line == line_of(text, "- file:") and problem.file.name == "issue.yaml"
    assert name.rsplit("/", 1)[-1] in problem.message
    assert len(info.value.problems) == 1, str(info.value)  # no false follow-on problems
    return problem


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares `width` × `height` pixels (its data is a few bytes)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def test_a_good_photo_loads_with_its_size_and_digest(make_issue):
    photo = load_issue(make_issue()).articles[1].photos[0]
    assert photo.pixels == (600, 400) and photo.orientation == 1 and len(photo.digest) == 64


def test_a_truncated_jpeg(make_issue):
    assert "truncated" in photo_problem(make_issue, jpeg_bytes()[:5000]).message


def test_a_text_file_named_jpg(make_issue):
    assert "not an image" in photo_problem(make_issue, "这不是照片\n".encode()).message


def test_an_empty_file(make_issue):
    assert "empty" in photo_problem(make_issue, b"").message


def test_a_jpeg_with_a_stray_end_marker_in_its_scan(make_issue):
    data = bytearray(jpeg_bytes())
    scan = data.index(b"\xff\xda") + 300
    data[scan:scan + 4] = b"\xff\xd9\xff\xd9"
    assert "damaged" in photo_problem(make_issue, bytes(data)).message


@pytest.mark.parametrize("offset", [1500, 9000, 20000])
def test_a_jpeg_with_overwritten_scan_data(make_issue, offset):
    """Scan data overwritten with other bytes: Pillow decodes it without complaint (a
    colour-shifted band); libjpeg's strict decoding refuses it."""
    data = bytearray(jpeg_bytes((1200, 800)))
    at = data.index(b"\xff\xda") + offset
    data[at:at + 64] = bytes((i * 37 + 11) % 255 for i in range(64))  # no 0xFF: the markers stay intact
    assert "damaged" in photo_problem(make_issue, bytes(data)).message


def test_pillow_alone_would_accept_the_overwritten_jpeg():
    """The control for the case above: the damage is real and Pillow does not see it."""
    data = bytearray(jpeg_bytes((1200, 800)))
    at = data.index(b"\xff\xda") + 1500
    data[at:at + 64] = bytes((i * 37 + 11) % 255 for i in range(64))
    with Image.open(io.BytesIO(bytes(data))) as image:
        image.load()  # no error
    with pytest.raises(PhotoProblem):
        check_photo(bytes(data))


def test_a_30000_pixel_square_png_is_refused_at_once(make_issue):
    problem = photo_problem(make_issue, png_header_only(30000, 30000))
    assert "30000 × 30000" in problem.message or "too large" in problem.message


def test_a_photo_just_under_the_pixel_limit_is_only_read_for_its_header():
    with pytest.raises(PhotoProblem) as info:
        check_photo(png_header_only(9000, 9000))  # 81 MP: over the 80 MP limit, under Pillow's own
    assert "megapixels" in info.value.message


@pytest.mark.parametrize("kind", ["TIFF", "GIF", "WEBP", "BMP"])
def test_formats_other_than_jpeg_and_png_are_refused(make_issue, kind):
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (10, 20, 30)).save(out, kind)
    problem = photo_problem(make_issue, out.getvalue())
    assert f"{kind} images are not accepted" in problem.message and "JPEG" in problem.hint


def test_a_png_loads(make_issue):
    text = edit(BASE_YAML, "file: assets/photo.jpg", "file: assets/graphic.png")
    folder = make_issue(text)
    Image.new("I;16", (300, 200)).save(folder / "assets" / "graphic.png")
    assert load_issue(folder).articles[1].photos[0].pixels == (300, 200)


def test_a_damaged_png(make_issue):
    out = io.BytesIO()
    Image.effect_noise((200, 200), 40).save(out, "PNG")
    data = bytearray(out.getvalue())
    data[len(data) // 2] ^= 0xFF
    assert "damaged" in photo_problem(make_issue, bytes(data)).message


@pytest.mark.parametrize("orientation, pixels", [(1, (600, 400)), (3, (600, 400)), (6, (400, 600)), (8, (400, 600))])
def test_pixels_are_after_exif_orientation(make_issue, orientation, pixels):
    image = Image.open(io.BytesIO(jpeg_bytes()))
    exif = image.getexif()
    exif[0x0112] = orientation
    folder = make_issue()
    image.save(folder / "assets" / "photo.jpg", "JPEG", exif=exif.tobytes())
    photo = load_issue(folder).articles[1].photos[0]
    assert (photo.pixels, photo.orientation) == (pixels, orientation)


def test_a_progressive_and_a_greyscale_jpeg_load(make_issue, tmp_path):
    assert check_photo(jpeg_bytes(progressive=True)).pixels == (600, 400)
    write_photo(tmp_path / "grey.jpg", mode="L")
    assert check_photo((tmp_path / "grey.jpg").read_bytes()).format == "JPEG"


def test_a_photo_named_twice_is_read_once(make_issue, monkeypatch):
    import layout.model.articles as articles

    calls = []
    original = articles.read_photo
    monkeypatch.setattr(articles, "read_photo", lambda file: calls.append(file) or original(file))
    text = edit(BASE_YAML, "    body: articles/alpha.md\n",
                "    body: articles/alpha.md\n    photos:\n      - {file: assets/photo.jpg, caption: 同一张照片。}\n")
    issue = load_issue(make_issue(text))
    assert len(calls) == 1 and issue.articles[0].photos[0].digest == issue.articles[1].photos[0].digest

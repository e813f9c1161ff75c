"""The built files of the seed issue: fonts, QR code, manifest, determinism, page content.

All tests share one build of the seed issue (conftest.seed_build); only the
determinism test builds a second time.
"""

from __future__ import annotations

import hashlib
import io
from collections import Counter, defaultdict

import pikepdf
import pypdfium2 as pdfium
import pytest
import zxingcpp
from fontTools.ttLib import TTFont
from PIL import Image

from layout.build import build
from layout.model.schema import BlockKind, FontRole

from helpers import (
    CLOSING,
    LINE_START_FORBIDDEN,
    OPENING,
    SUBSET_TAG,
    Box,
    body_lines,
    body_order,
    column_left,
    column_of,
    match_page,
    moved,
    overprints,
    paragraph_starts,
    read_pdf,
    visible,
)

QR_DPI = 200
TOL = 0.05  # pt


def ps_name(path) -> str:
    with TTFont(path, lazy=True) as font:
        return font["name"].getDebugName(6)


@pytest.fixture(scope="session")
def role_fonts(seed_issue) -> dict[FontRole, str]:
    """Font role → PostScript name of the font file serving it."""
    return {role: ps_name(path) for role, path in seed_issue.fonts.files}


@pytest.fixture(scope="session")
def seed_matches(seed_issue, seed_pages):
    return {number: match_page(page.chars, seed_issue.articles_on(number), seed_issue.page(number).template)
            for number, page in seed_pages.items()}


# ------------------------------------------------------------------------- fonts

def _walk_fonts(resources, where, seen):
    """(where, resource name, font dict) for every font reachable from `resources`,
    through form XObjects too."""
    if resources is None:
        return
    fonts = resources.get("/Font")
    if fonts is not None:
        for name, font in fonts.items():
            yield where, name, font
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for name, xobj in xobjects.items():
            if xobj.get("/Subtype") == "/Form" and xobj.objgen not in seen:
                seen.add(xobj.objgen)
                yield from _walk_fonts(xobj.get("/Resources"), f"{where} {name}", seen)


def _font_descriptors(font):
    """(BaseFont, FontDescriptor) of a font and, for a composite font, its descendants."""
    subtype = font.get("/Subtype")
    assert subtype != "/Type3", "Type 3 fonts are not embedded outline fonts"
    out = [(str(font.get("/BaseFont", "")), font.get("/FontDescriptor"))]
    if subtype == "/Type0":
        out = [(str(font.BaseFont), None)]
        for desc in font.DescendantFonts:
            out.append((str(desc.get("/BaseFont", "")), desc.get("/FontDescriptor")))
    return out


def test_every_font_is_embedded_and_subset(seed_all_pdfs, seed_issue):
    originals = {ps_name(path): TTFont(path, lazy=True)["maxp"].numGlyphs for _, path in seed_issue.fonts.files}
    for path in seed_all_pdfs:
        with pikepdf.open(path) as pdf:
            count = 0
            for index, page in enumerate(pdf.pages):
                for where, name, font in _walk_fonts(page.obj.get("/Resources"), f"{path.name} page {index + 1}",
                                                     set()):
                    count += 1
                    for base, descriptor in _font_descriptors(font):
                        label = f"{where} font {name} ({base})"
                        assert SUBSET_TAG.match(base.lstrip("/")), f"{label}: BaseFont has no subset tag"
                        if descriptor is None:  # the Type0 parent: its descendant carries the program
                            continue
                        programs = [k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in descriptor]
                        assert programs, f"{label}: not embedded (no FontFile, FontFile2 or FontFile3)"
                        if programs == ["/FontFile2"]:
                            embedded = TTFont(io.BytesIO(descriptor.FontFile2.read_bytes()))
                            glyphs = embedded["maxp"].numGlyphs
                            source = base.lstrip("/")[7:]
                            assert source in originals, f"{label}: {source} is none of the issue's fonts"
                            assert glyphs < originals[source] / 10, \
                                f"{label}: {glyphs} glyphs embedded of {originals[source]}: not a subset"
            assert count >= 4, f"{path.name}: only {count} fonts; expected Song, Hei, Hei bold and Kai"


# --------------------------------------------------------------------------- QR code

@pytest.fixture(scope="session")
def seed_qr(seed_page_pdfs):
    """Page number → (decoded barcodes, rendered page image) at QR_DPI."""
    out = {}
    for number, path in seed_page_pdfs.items():
        document = pdfium.PdfDocument(str(path))
        try:
            image = document[0].render(scale=QR_DPI / 72).to_pil().convert("L")
        finally:
            document.close()
        out[number] = (zxingcpp.read_barcodes(image), image)
    return out


def _walk_images(resources, where, seen):
    """Names of every image XObject reachable from `resources`, through form XObjects."""
    xobjects = resources.get("/XObject") if resources is not None else None
    for name, xobj in (xobjects.items() if xobjects is not None else ()):
        if xobj.objgen in seen:
            continue
        seen.add(xobj.objgen)
        if xobj.get("/Subtype") == "/Image":
            yield f"{where}{name}"
        elif xobj.get("/Subtype") == "/Form":
            yield from _walk_images(xobj.get("/Resources"), f"{where}{name}/", seen)


def _qr_box_pt(barcode) -> Box:
    p = barcode.position
    xs = [p.top_left.x, p.top_right.x, p.bottom_left.x, p.bottom_right.x]
    ys = [p.top_left.y, p.top_right.y, p.bottom_left.y, p.bottom_right.y]
    k = 72 / QR_DPI
    return Box(min(xs) * k, min(ys) * k, (max(xs) + 1) * k, (max(ys) + 1) * k)


def test_qr_code_decodes_to_the_payload(seed_qr, seed_manifest, seed_issue):
    payload = seed_issue.footer.qr_payload
    assert payload == "https://www.jzrb.com.cn/jiefang/20230106"  # as written in issue.yaml
    for entry in seed_manifest["pages"]:
        barcodes, _ = seed_qr[entry["number"]]
        qrs = [b for b in barcodes if b.format == zxingcpp.BarcodeFormat.QRCode]
        assert len(qrs) == 1, f"page {entry['number']}: {len(qrs)} QR codes found"
        assert qrs[0].valid
        assert qrs[0].text == entry["qr"] == payload


def test_qr_code_error_correction_is_m_or_better(seed_qr):
    for number, (barcodes, _) in seed_qr.items():
        qr = next(b for b in barcodes if b.format == zxingcpp.BarcodeFormat.QRCode)
        assert qr.ec_level in ("M", "Q", "H"), f"page {number}: error correction {qr.ec_level!r}"


def test_qr_code_is_vector_and_the_photo_is_the_only_image(seed_qr, seed_page_pdfs, seed_pages, seed_issue):
    for number, path in seed_page_pdfs.items():
        photos = sum(len(a.photos) for a in seed_issue.articles_on(number))
        with pikepdf.open(path) as pdf:
            images = list(_walk_images(pdf.pages[0].obj.get("/Resources"), "", set()))
        assert len(images) == photos == 1, f"page {number}: image XObjects {images}, photos {photos}"
        qr = next(b for b in seed_qr[number][0] if b.format == zxingcpp.BarcodeFormat.QRCode)
        box = _qr_box_pt(qr)
        page = seed_pages[number]
        assert len(page.images) == photos
        assert not any(img.overlaps(box) for img in page.images), "an image lies under the QR code"
        vectors = [r for r in page.rects + page.curves if r.overlaps(box)]
        assert len(vectors) >= 21, f"page {number}: the QR code is not drawn as vector modules"


def test_qr_code_has_a_white_quiet_zone(seed_qr):
    """Four modules of white around the symbol (ISO/IEC 18004), so it scans in print."""
    for number, (barcodes, image) in seed_qr.items():
        qr = next(b for b in barcodes if b.format == zxingcpp.BarcodeFormat.QRCode)
        p = qr.position
        x0, x1 = min(p.top_left.x, p.bottom_left.x), max(p.top_right.x, p.bottom_right.x)
        y0, y1 = min(p.top_left.y, p.top_right.y), max(p.bottom_left.y, p.bottom_right.y)
        # the top-left finder pattern's top edge is a dark run of 7 modules
        y = y0 + 1
        x = x0
        while image.getpixel((x, y)) < 128:
            x += 1
        module = (x - x0) / 7
        assert module >= 2, f"page {number}: QR modules of {module:.1f} px at {QR_DPI} dpi"
        quiet = int(4 * module) - 2
        ring = [image.getpixel((x, y)) for x in range(x0 - quiet, x1 + quiet + 1) for y in (y0 - quiet, y1 + quiet)]
        ring += [image.getpixel((x, y)) for y in range(y0 - quiet, y1 + quiet + 1) for x in (x0 - quiet, x1 + quiet)]
        inside = [image.getpixel((x, y)) for x in range(x0 - quiet + 2, x0 - 2) for y in range(y0, y1)]
        assert min(ring + inside) > 200, f"page {number}: something dark within 4 modules of the QR code"


# ------------------------------------------------------------------------- manifest

def test_manifest_lists_every_page_with_checksums(seed_out, seed_manifest, seed_issue):
    m = seed_manifest
    assert m["paper"] == "焦作日报" and m["code"] == "JZRB" and m["date"] == "2023-01-06"
    assert [p["number"] for p in m["pages"]] == [p.number for p in seed_issue.pages]
    for entry in m["pages"]:
        assert set(entry) >= {"number", "file", "sha256", "qr"}
        path = seed_out / entry["file"]
        assert path.is_file(), entry["file"]
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["qr"] == seed_issue.footer.qr_payload
        assert entry["file"] == f"JZRB_20230106_{entry['section_code']}{entry['number']:02d}.pdf"
    whole = seed_out / m["issue_pdf"]["file"]
    assert m["issue_pdf"]["sha256"] == hashlib.sha256(whole.read_bytes()).hexdigest()
    listed = {e["file"] for e in m["pages"]} | {m["issue_pdf"]["file"]}
    assert {p.name for p in seed_out.glob("*.pdf")} == listed


def test_page_pdfs_have_one_page_and_the_issue_pdf_all(seed_out, seed_manifest):
    for entry in seed_manifest["pages"]:
        with pikepdf.open(seed_out / entry["file"]) as pdf:
            assert len(pdf.pages) == 1
    with pikepdf.open(seed_out / seed_manifest["issue_pdf"]["file"]) as pdf:
        assert len(pdf.pages) == len(seed_manifest["pages"])


def test_png_previews_are_written(seed_out, seed_manifest, seed_pages):
    for entry in seed_manifest["pages"]:
        png = (seed_out / entry["file"]).with_suffix(".png")
        assert png.is_file()
        with Image.open(png) as image:
            page = seed_pages[entry["number"]]
            assert abs(image.width / image.height - page.width / page.height) < 0.01


def test_build_leaves_no_staging_folder(seed_out):
    assert not [p for p in seed_out.iterdir() if p.name.startswith(".")]


# ---------------------------------------------------------------------- determinism

def test_two_builds_are_byte_identical(seed_folder, seed_out, tmp_path):
    again = tmp_path / "again"
    build(seed_folder, again)
    first = {p.name: p.read_bytes() for p in seed_out.iterdir() if p.suffix in (".pdf", ".json")}
    second = {p.name: p.read_bytes() for p in again.iterdir() if p.suffix in (".pdf", ".json")}
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, f"differ between two builds: {differ}"


# --------------------------------------------------------------------- page content

def test_header_is_on_every_page_in_the_top_tenth(seed_all_pdfs, seed_manifest):
    numbers = {p["file"]: [p["number"]] for p in seed_manifest["pages"]}
    numbers[seed_manifest["issue_pdf"]["file"]] = [p["number"] for p in seed_manifest["pages"]]
    for path in seed_all_pdfs:
        pages = read_pdf(path)
        page_numbers = numbers[path.name]
        assert len(pages) == len(page_numbers)
        for page, number in zip(pages, page_numbers):
            top = sorted((c for c in page.chars if c.bottom <= 0.1 * page.height), key=lambda c: c.x)
            text = "".join(c.text for c in top)
            for needle in ("焦作日报", "2023年1月6日", f"第{number}版", "解放新闻"):
                assert needle in text, f"{path.name} page {number}: {needle!r} not in the header band: {text!r}"


def _body_glyphs(seed_issue, seed_matches):
    """(page, article, glyphs of the body element in positional order)."""
    for page in seed_issue.pages:
        found, _ = seed_matches[page.number]
        for article in seed_issue.articles_on(page.number):
            if article.blocks:
                yield page, article, body_order(found[article.id]["body"], page.template)


def _roles(article, glyphs):
    """Expected role of each body glyph: byline, subhead or paragraph."""
    byline = len(visible(article.byline))
    roles = []
    for (start, kind), block in zip(paragraph_starts(article), article.blocks):
        n = len(visible(block.text)) + (byline if start == 0 else 0)
        for i in range(n):
            roles.append("subhead" if kind is BlockKind.SUBHEAD else ("byline" if start == 0 and i < byline
                                                                      else "paragraph"))
    assert len(roles) == len(glyphs)
    return roles


def test_body_text_is_9pt_song(seed_issue, seed_matches, role_fonts):
    song = role_fonts[FontRole.SONG]
    fonts = Counter()
    for page, article, glyphs in _body_glyphs(seed_issue, seed_matches):
        body_size = page.template.body_size
        assert body_size == 9.0
        for glyph, role in zip(glyphs, _roles(article, glyphs)):
            assert abs(glyph.size - body_size) <= TOL, f"{article.id}: {glyph.text!r} is {glyph.size} pt"
            fonts[glyph.font] += 1
            if role == "paragraph":
                assert glyph.font == song, f"{article.id}: paragraph glyph {glyph.text!r} in {glyph.font}"
    assert fonts.most_common(1)[0][0] == song
    assert fonts[song] / sum(fonts.values()) > 0.9


def test_body_lines_keep_the_line_pitch(seed_issue, seed_matches, role_fonts):
    """Baselines of one column differ by whole multiples of the line pitch (13.5 pt), and
    all columns share one baseline grid."""
    song = role_fonts[FontRole.SONG]
    for page in seed_issue.pages:
        pitch = page.template.line_pitch  # the seed's own template sets it in issue.yaml
        by_column = defaultdict(set)
        for p, _article, glyphs in _body_glyphs(seed_issue, seed_matches):
            if p is page:
                for g in glyphs:
                    if g.font == song:
                        by_column[column_of(g, page.template)].add(g.baseline)
        assert len(by_column) == page.template.columns
        everything = sorted(b for bs in by_column.values() for b in bs)
        for column, baselines in by_column.items():
            first = min(baselines)
            for b in baselines:
                steps = (b - first) / pitch
                assert abs(steps - round(steps)) * pitch <= TOL, \
                    f"page {page.number} column {column + 1}: baseline {b:.3f} is off the {pitch} pt pitch"
            assert len(baselines) >= 5
        for b in everything:
            steps = (b - everything[0]) / pitch
            assert abs(steps - round(steps)) * pitch <= TOL, f"baseline {b:.3f} is off the page's grid"


def test_paragraphs_indent_two_em_and_lines_are_flush(seed_issue, seed_matches):
    """First line of each paragraph starts 2 em (18 pt) in from its column; other lines at
    the column edge; every line but a paragraph's last ends at the column's right edge."""
    checked = 0
    for page, article, glyphs in _body_glyphs(seed_issue, seed_matches):
        t = page.template
        em = t.body_size
        starts = {offset: kind for offset, kind in paragraph_starts(article)}
        index = {id(g): i for i, g in enumerate(glyphs)}
        lines = body_lines(glyphs, t)
        kind_of = {}
        current = None
        for i in range(len(glyphs)):
            current = starts.get(i, current)
            kind_of[i] = current
        for n, line in enumerate(lines):
            first, last = index[id(line[0])], index[id(line[-1])]
            if kind_of[first] is BlockKind.SUBHEAD:
                continue
            col = column_of(line[0], t)
            left, right = column_left(col, t), column_left(col, t) + t.column_width
            x = line[0].x - left
            where = f"{article.id} line {n + 1} «{''.join(c.text for c in line)}»"
            if first in starts:  # a paragraph's first line
                allowed = (2 * em, 1.5 * em) if line[0].text in OPENING else (2 * em,)
            else:
                allowed = (0.0, -0.5 * em) if line[0].text in OPENING else (0.0,)
            assert any(abs(x - a) <= TOL for a in allowed), f"{where}: starts at +{x:.2f} pt, expected {allowed}"
            ends_paragraph = last + 1 == len(glyphs) or last + 1 in starts
            if not ends_paragraph:
                end = line[-1]
                if end.text in CLOSING or end.text in "，。、；：！？":  # its right half is blank, may be squeezed
                    ok = end.x1 - 0.5 * em - TOL <= right <= end.x1 + TOL
                else:
                    ok = abs(end.x1 - right) <= TOL
                assert ok, f"{where}: ends at {end.x1 - right:+.2f} pt from the column edge"
            checked += 1
    assert checked > 300


def test_no_body_line_breaks_a_prohibition(seed_issue, seed_matches):
    """As printed: no column line starts with ，。、；：！？ or a closing mark, none ends
    with an opening mark, and no —— or …… is split across lines."""
    bad = []
    count = 0
    for page, article, glyphs in _body_glyphs(seed_issue, seed_matches):
        lines = ["".join(c.text for c in line) for line in body_lines(glyphs, page.template)]
        count += len(lines)
        for before, after in zip(lines, lines[1:]):
            if after[0] in LINE_START_FORBIDDEN or before[-1] in OPENING:
                bad.append(f"{article.id}: «{before}» / «{after}»")
            if (before.endswith("—") and after.startswith("—")) or (before.endswith("…") and after.startswith("…")):
                bad.append(f"{article.id}: split unit «{before}» / «{after}»")
    assert count > 300
    assert not bad, "\n".join(bad)


def test_no_glyph_overprints_another(seed_pages):
    for number, page in seed_pages.items():
        clashes = overprints(page.chars)
        assert not clashes, f"page {number}: " + ", ".join(f"{a.text}@({a.x:.1f},{a.top:.1f}) on {b.text}"
                                                            for a, b in clashes[:10])
        # control: the check sees a glyph moved onto its neighbour
        inked_chars = [c for c in page.chars if not c.text.isspace()]
        k = len(inked_chars) // 2
        neighbour = inked_chars[k + 1]
        doctored = moved(inked_chars, k, x=neighbour.x, x1=neighbour.x1, top=neighbour.top,
                         bottom=neighbour.bottom, text="字")
        assert overprints(doctored)


def test_no_text_on_the_photo(seed_pages):
    for number, page in seed_pages.items():
        assert page.images
        for image in page.images:
            on = [c.text for c in page.chars if Box(c.x, c.top, c.x1, c.bottom).overlaps(image)]
            assert not on, f"page {number}: text printed on the photo: {''.join(on)}"


def test_headline_stack_sits_above_its_body(seed_issue, seed_matches):
    for page in seed_issue.pages:
        found, _ = seed_matches[page.number]
        for article in seed_issue.articles_on(page.number):
            parts = found[article.id]
            if "body" not in parts:
                continue
            body_top = min(c.top for c in parts["body"])
            body_left = min(c.x for c in parts["body"])
            body_right = max(c.x1 for c in parts["body"])
            previous = -1.0
            for name in ("kicker", "headline", "subhead"):
                if name in parts:
                    glyphs = parts[name]
                    assert previous <= min(c.top for c in glyphs), f"{article.id}: {name} above the one before"
                    previous = max(c.bottom for c in glyphs)
                    assert previous <= body_top, f"{article.id}: {name} runs into the body"
                    assert body_left - 0.5 <= min(c.x for c in glyphs) and max(c.x1 for c in glyphs) <= body_right + 0.5, \
                        f"{article.id}: {name} is wider than its module's columns"


def test_nothing_is_drawn_outside_the_page(seed_all_pdfs):
    for path in seed_all_pdfs:
        for number, page in enumerate(read_pdf(path), start=1):
            x0, y0, x1, y1 = page.mediabox
            assert (x0, y0) == (0, 0)
            for c in page.chars:
                assert 0 <= c.x and c.x1 <= x1 and 0 <= c.top and c.bottom <= y1, \
                    f"{path.name} page {number}: {c.text!r} at ({c.x:.1f}, {c.top:.1f}) is off the page"
            for box in page.images + page.rects + page.lines + page.curves:
                assert 0 <= box.x0 and box.x1 <= x1 and 0 <= box.top and box.bottom <= y1, \
                    f"{path.name} page {number}: graphic {box} is off the page"


def test_page_size_is_the_template_trim(seed_pages, seed_issue):
    for number, page in seed_pages.items():
        t = seed_issue.page(number).template
        assert abs(page.width - t.trim_width) <= TOL and abs(page.height - t.trim_height) <= TOL
        assert abs(page.width / 72 * 25.4 - 390) < 0.1 and abs(page.height / 72 * 25.4 - 545) < 0.1

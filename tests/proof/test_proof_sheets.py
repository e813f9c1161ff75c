"""Proof sheets of the seed issue, measured on the PDFs and PNGs: the full-size proof
(大样) on A2 with crop marks and the page at 100 %, the proof reduced to A3 with its
body text at 6 pt or more, leaders that end at their flagged lines, numbers that never
overlap, notes whole and apart, the slug's counts, page images and zoom tiles, the
watermark, proof.json; determinism; overset and lint errors marked. Each rule is read
back from the output and has a negative control."""

from __future__ import annotations

import io
import json

import pdfplumber
import pytest
from PIL import Image

from conftest import BASE_YAML, edit
from layout.model.units import MM
from layout.proof import ProofOptions, proof
from layout.proof.locate import page_lines
from layout.proof.paper import MIN_BODY, paper
from layout.render.proof import SLUG_SIZE, TEXT_SIZE, TITLE_SIZE, Sheet

from .conftest import FIRST_TIME, SEED
from .sheetread import (
    chars_in, distance, label_boxes, leader_problems, leader_tips, note_text, overlaps, slug_text, squeezed,
)


@pytest.fixture(scope="module")
def sheets(seed_proof):
    """(大样 page, A3 page) of the seed proof, read with pdfplumber."""
    out, result = seed_proof
    full = pdfplumber.open(out / f"{result.pages[0].stem}.pdf")
    reduced = pdfplumber.open(out / result.pages[0].a3_name)
    yield full.pages[0], reduced.pages[0]
    full.close()
    reduced.close()


@pytest.fixture(scope="module")
def seed_lines(seed_issue):
    from layout.compose import compose_issue
    from layout.text.config import TextConfig
    from layout.text.metrics import MetricsSet

    results = compose_issue(seed_issue, MetricsSet.for_fonts(seed_issue.fonts), TextConfig.of(seed_issue.typesetting),
                            draft=True)
    return page_lines(results[0])


def noted(result):
    """The findings noted on the sheets (errors and warnings)."""
    return [n for n in result.findings if n.spot is not None and n.finding.severity.value != "info"]


def test_the_proof_writes_both_sheets_the_image_tiles_record_and_page(seed_proof):
    out, result = seed_proof
    names = sorted(p.name for p in out.iterdir())
    assert names == ["JZRB_20230106_A05_proof.pdf", "JZRB_20230106_A05_proof.png", "JZRB_20230106_A05_proof_a3.pdf",
                     "index.html", "proof.json", "tiles"]
    record = json.loads((out / "proof.json").read_text(encoding="utf-8"))
    assert record["round"] == "一校" and record["time"] == "2023-01-05 21:30"
    assert record["revision"] == result.revision and len(result.revision) == 10
    warnings = sum(1 for n in result.findings if n.finding.severity.value == "warning")
    assert record["summary"] == {"pages": 1, "errors": 0, "warnings": warnings, "info": 41, "overset": 0}
    assert warnings >= 2  # the repeated sentence and the repeated word (网格员、网格员); 孤行 from the page
    page = record["pages"][0]
    assert page["sheet"]["paper"] == "A2" and page["reduced"]["paper"] == "A3"


# ------------------------------------------------------------------ paper

def test_the_full_size_proof_is_the_page_at_100_percent_on_A2_with_crop_marks(sheets, seed_proof):
    full, _reduced = sheets
    assert (full.width, full.height) == pytest.approx(paper("A2"), abs=0.01)
    sheet = seed_proof[1].pages[0].sheet
    x0, top, x1, bottom = sheet.trim
    assert (x1 - x0, bottom - top) == pytest.approx((390 * MM, 545 * MM), abs=0.01)  # the trim, at 100 %
    body = [c for c in full.chars if top < c["top"] < bottom and abs(c["size"] - 9.0) < 0.01]
    assert len(body) > 5000  # 小五 body at its own 9 pt
    black = [l for l in full.lines if tuple(l.get("stroking_color") or ()) == (0, 0, 0, 1)]
    marks = crop_marks_found(black, sheet.trim)
    assert marks == 8, marks  # two at each corner, on the trim's edges extended
    assert crop_marks_found(black, (x0 + 5, top, x1, bottom)) < 8  # negative control: a trim 5 pt off


def crop_marks_found(lines, trim) -> int:
    """How many lines lie on the extension of a trim edge, 3 mm or more outside it."""
    x0, top, x1, bottom = trim
    found = 0
    for l in lines:
        horizontal = abs(l["top"] - l["bottom"]) < 0.01
        if horizontal and any(abs(l["top"] - y) < 0.05 for y in (top, bottom)):
            found += l["x1"] <= x0 - 3 * MM + 0.05 or l["x0"] >= x1 + 3 * MM - 0.05
        elif not horizontal and any(abs(l["x0"] - x) < 0.05 for x in (x0, x1)):
            found += l["bottom"] <= top - 3 * MM + 0.05 or l["top"] >= bottom + 3 * MM - 0.05
    return found


def smallest_body(page) -> float:
    """The size the page's body text is drawn at: the commonest glyph size of the type
    (the proof's own notes, numbers and slug aside)."""
    from collections import Counter

    sizes = Counter(round(c["size"], 2) for c in page_type(page))
    return sizes.most_common(1)[0][0]


def page_type(page) -> list[dict]:
    """The characters of the page's own type: not the proof's notes, numbers, slug or
    watermark (drawn at their own sizes)."""
    own = (TEXT_SIZE, TITLE_SIZE, SLUG_SIZE)
    return [c for c in page.chars if c["size"] < 40 and all(abs(c["size"] - s) > 0.01 for s in own)]


def test_the_reduced_proof_fits_A3_and_its_body_text_is_at_least_6_pt(sheets, seed_proof):
    _full, reduced = sheets
    assert (reduced.width, reduced.height) == pytest.approx(paper("A3"), abs=0.01)
    assert smallest_body(reduced) >= MIN_BODY - 0.01  # 9 pt reduced to 67 %: 6.0 pt
    assert smallest_body(sheets[0]) == pytest.approx(9.0)
    for c in reduced.chars:  # everything on the sheet, inside its printable area
        assert 4 * MM < c["x0"] and c["x1"] < reduced.width - 4 * MM and 4 * MM < c["top"]
        assert c["bottom"] < reduced.height - 4 * MM
    notes = [c for c in reduced.chars if min(abs(c["size"] - s) for s in (TEXT_SIZE, TITLE_SIZE)) < 0.01]
    assert notes and all(c["size"] >= 6.5 for c in notes)  # notes at their own size, not reduced


def test_a_sheet_reduced_too_far_is_caught(seed_proof, tmp_path):
    """Negative control of the 6 pt rule: the page drawn at 55 % has 5 pt body text."""
    from dataclasses import replace

    from layout.render.proof import ProofMarks, page_pdf, proof_pdf

    page = seed_proof[1].pages[0]
    small = replace(page.reduced, scale=0.55)
    job = _job(seed_proof)
    pdf = proof_pdf(page_pdf(job[0], job[1]), job[1], ProofMarks(small), "test")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert smallest_body(doc.pages[0]) < MIN_BODY


def _job(seed_proof):
    """The seed's first page composed and a RenderJob for it (no photos: a draft)."""
    from layout.proof.build import composed
    from layout.render import PageBoxes, RenderJob
    from layout.render.boxes import Rect

    issue, _lines, normalized, _metrics, results = composed(SEED)
    page = results[0].page
    trim = Rect(0, 0, page.width, page.height)
    page = type(page)(page.number, page.section, page.width, page.height,
                      tuple(i for i in page.items if type(i).__name__ != "Picture"), page.qr_payload)
    return page, RenderJob(issue.fonts, {}, normalized.pages[0].colour, PageBoxes(trim, trim, None), "t", issue.date)


# ------------------------------------------------------------------ leaders, numbers, notes

def flagged_boxes(result, sheet: Sheet, lines) -> tuple[list, list[int]]:
    """Every line of the page as a box on `sheet`, and the index of each noted finding's
    first line."""
    boxes = [sheet.box((l.x0, l.top, l.x1, l.bottom)) for l in lines]
    flagged = []
    for n in noted(result):
        first = n.spot.first or n.spot.box
        flagged.append(next(i for i, l in enumerate(lines)
                            if abs(l.top - first[1]) < 0.01 and abs(l.x0 - first[0]) < 0.01))
    return boxes, flagged


@pytest.mark.parametrize("which", [0, 1], ids=["full-size", "A3"])
def test_every_leader_ends_at_its_flagged_line(sheets, seed_proof, seed_lines, which):
    page, result = sheets[which], seed_proof[1]
    sheet = result.pages[0].marks[which].sheet
    boxes, flagged = flagged_boxes(result, sheet, seed_lines)
    for index in flagged:  # the flagged line is drawn where its box says
        assert squeezed("".join(c["text"] for c in chars_in(page, boxes[index]) if c["size"] > 5)) == \
            squeezed(seed_lines[index].text)
    tips = leader_tips(page)
    assert len(tips) == len(flagged) >= 4
    assert leader_problems(tips, boxes, flagged) == []
    # negative control: leaders that stop at the edge of the type area (the old sheets)
    area = sheet.x + min(l.x0 for l in seed_lines) * sheet.scale
    edge = [(area - 2, t[1]) for t in tips]
    assert leader_problems(edge, boxes, flagged) != []


@pytest.mark.parametrize("which", [0, 1], ids=["full-size", "A3"])
def test_numbers_never_overlap_each_other_or_the_type(sheets, seed_proof, which):
    page, marks = sheets[which], seed_proof[1].pages[0].marks[which]
    labels = label_boxes(page, marks)
    assert sorted(labels) == [n.number for n in noted(seed_proof[1])]
    assert overlaps(list(labels.values())) == []
    type_chars = page_type(page)
    for box in labels.values():
        assert not [c["text"] for c in type_chars if _hit(box, c)], box
    # negative control: two numbers drawn at one place are caught
    one = next(iter(labels.values()))
    assert overlaps([one, (one[0] + 1, one[1] + 1, one[2] + 1, one[3] + 1)]) == [(0, 1)]


def _hit(box, c) -> bool:
    return c["x0"] < box[2] and box[0] < c["x1"] and c["top"] < box[3] and box[1] < c["bottom"]


@pytest.mark.parametrize("which", [0, 1], ids=["full-size", "A3"])
def test_every_note_is_its_finding_whole_apart_from_the_others_and_the_type(sheets, seed_proof, which):
    page, marks, result = sheets[which], seed_proof[1].pages[0].marks[which], seed_proof[1]
    messages = {n.number: n.finding.message for n in noted(result)}
    assert sorted(n.number for n in marks.notes) == sorted(messages)
    for note in marks.notes:
        assert note_text(page, note) == squeezed(messages[note.number]), note.number  # whole, nothing cut
    boxes = [(n.x - 2, n.top, n.x + n.width, n.top + n.height) for n in marks.notes]
    assert overlaps(boxes) == []
    type_chars = page_type(page)
    assert not [c["text"] for box in boxes for c in type_chars if _hit(box, c)]
    # negative control: a note cut with "…" is not its finding
    assert squeezed(messages[marks.notes[0].number][:12] + "…") != note_text(page, marks.notes[0])


def test_two_findings_on_one_line_get_two_numbers_and_two_notes(seed_proof):
    """The layout itself: flags on the same line stack their numbers and notes."""
    from layout.proof.sheet import Flag, sheet_marks
    from layout.text.metrics import MetricsSet

    from .conftest import SEED  # noqa: F401  (the seed's fonts)

    result = seed_proof[1]
    page = result.pages[0]
    line = noted(result)[0].spot.first
    flags = [Flag(i, "warning", f"{i}  W205 词语重复", "同一行上的第二条意见，文字要完整。" * 2, line, line) for i in (7, 8)]
    from layout.model import load_issue

    marks = sheet_marks(page.sheet, flags, (53.3, 1052.2), MetricsSet.for_fonts(load_issue(SEED).fonts), (), "")
    from layout.render.proof import label_size

    labels = [(c.label[0], c.label[1], c.label[0] + label_size(c.number)[0], c.label[1] + label_size(c.number)[1])
              for c in marks.callouts]
    assert len(labels) == 2 and overlaps(labels) == []
    notes = [(n.x, n.top, n.x + n.width, n.top + n.height) for n in marks.notes]
    assert len(notes) == 2 and overlaps(notes) == []
    assert all(distance(c.to_line[-1], page.sheet.box(line)) < 1.0 for c in marks.callouts)


def test_notes_that_no_margin_holds_are_listed_below_or_on_a_notes_page(tmp_path):
    """With every info finding noted (46 notes on one page), the margins overflow: the
    rest are listed by number below the page or on further pages; none is lost."""
    from layout.lint import Severity

    out = tmp_path / "all"
    result = proof(SEED, out, ProofOptions(round="一校", time=FIRST_TIME, margin=Severity.INFO, zoom_dpi=0))
    page = result.pages[0]
    expected = sorted(n.number for n in result.findings if n.spot is not None)
    for which, marks in enumerate(page.marks):
        listed = [n.number for n in marks.notes] + [n.number for p in marks.pages for n in p.notes]
        assert sorted(listed) == expected
        assert sorted(c.number for c in marks.callouts) == expected
        name = page.stem + ".pdf" if which == 0 else page.a3_name
        with pdfplumber.open(out / name) as pdf:
            assert len(pdf.pages) == 1 + len(marks.pages)
            for extra, sheet_page in zip(marks.pages, pdf.pages[1:]):
                for note in extra.notes:
                    message = next(n.finding.message for n in result.findings if n.number == note.number)
                    assert note_text(sheet_page, note) == squeezed(message)


def test_slug_counts_are_those_of_the_page(make_issue, tmp_path):
    """Two pages with different findings: each slug counts its own page's, as proof.json."""
    text = edit(two_pages(BASE_YAML), "place: {page: 1, column: 3, span: 3}", "place: {page: 2, column: 1, span: 3}")
    beta = "近日,河南省民政厅公布全省第一批\"双治理\"创新实验区(点)。\n\n网格员、网格员等一起开展工作。\n"
    out = tmp_path / "out"
    result = proof(make_issue(text, files={"articles/beta.md": beta}), out,
                   ProofOptions(time=FIRST_TIME, cache=None, zoom_dpi=0))
    record = json.loads((out / "proof.json").read_text(encoding="utf-8"))
    counts = []
    for page in result.pages:
        mine = [f for f in record["findings"] if f["page"] == page.number]
        want = tuple(sum(1 for f in mine if f["severity"] == s) for s in ("error", "warning", "info"))
        with pdfplumber.open(out / f"{page.stem}.pdf") as pdf:
            slug = slug_text(pdf.pages[0], page.sheet.trim[1])
        assert slug_counts(slug) == want, (page.number, slug)
        counts.append(want)
    assert counts[0] != counts[1]  # negative control: the pages' counts differ, so a slug of the issue's is caught


def two_pages(text: str) -> str:
    """BASE_YAML-like `text` with a second tabloid page."""
    return edit(text, "    template: tabloid\n    credits:\n      editor: 张三\n",
                "    template: tabloid\n    credits:\n      editor: 张三\n  - {number: 2, section: 综合, template: tabloid}\n")


def slug_counts(slug: str) -> tuple[int, int, int]:
    import re

    found = re.search(r"(\d+) errors?, (\d+) warnings?, (\d+) info on this page", slug)
    assert found, slug
    return tuple(int(g) for g in found.groups())


# ------------------------------------------------------------------ images

def test_the_page_image_and_its_zoom_tiles(seed_proof):
    out, result = seed_proof
    record = json.loads((out / "proof.json").read_text(encoding="utf-8"))
    page = record["pages"][0]
    sheet = result.pages[0].sheet
    with Image.open(out / page["png"]) as image:
        assert image.size == (page["width_px"], page["height_px"]) == result.pages[0].size
        assert image.width == pytest.approx(sheet.width * 100 / 72, abs=1)  # 100 dpi
        rgb = image.convert("RGB")
    reds = [rgb.getpixel((x, y)) for x in range(700, 900, 4) for y in range(1000, 1400, 4)]
    assert any(r > 200 and g < 200 and b < 200 for r, g, b in reds)  # the watermark over the page
    zoom = page["zoom"]
    assert zoom["dpi"] == 200 and zoom["tile"] == 512
    folder = out / zoom["folder"]
    tiles = sorted(folder.iterdir())
    assert len(tiles) == zoom["columns"] * zoom["rows"] > 20
    mosaic = Image.new("RGB", (zoom["width_px"], zoom["height_px"]), "white")
    for row in range(zoom["rows"]):
        for column in range(zoom["columns"]):
            with Image.open(folder / f"r{row}c{column}.png") as tile:
                assert tile.width <= 512 and tile.height <= 512
                mosaic.paste(tile.convert("RGB"), (column * 512, row * 512))
    # a 9 pt body character is 25 px tall at 200 dpi (at 100 dpi, 12.5 px: too coarse to read one)
    body_px = 9 * zoom["dpi"] / 72
    assert body_px >= 20 > 9 * 100 / 72
    # the mosaic is the page: a body line's ink where the record's first finding says
    x0, y0, x1, y1 = (v * 2 for v in record["findings"][0]["box_px"])
    ink = mosaic.crop((int(x0), int(y0), int(x1), int(y1))).convert("L")
    assert ink.getextrema()[0] < 80


def test_diagonal_watermark_across_the_trim(sheets, seed_proof):
    for page, sheet in zip(sheets, (seed_proof[1].pages[0].sheet, seed_proof[1].pages[0].reduced)):
        big = [c for c in page.chars if c["size"] > 100]
        assert "".join(c["text"] for c in big) == "校样"
        assert all(abs(c["matrix"][0] - 0.7071) < 0.001 and abs(c["matrix"][1] - 0.7071) < 0.001 for c in big)
        x0, top, x1, bottom = sheet.trim
        assert all(x0 < c["x0"] < x1 and top < c["top"] < bottom for c in big)


def test_slug_with_round_time_revision_and_paper_above_the_trim(sheets, seed_proof):
    full, reduced = sheets
    page = seed_proof[1].pages[0]
    slug = slug_text(full, page.sheet.trim[1])
    assert slug.startswith("校样 一校")  # the seed's proofs are in Chinese, the default
    assert "2023-01-05 21:30" in slug and f"修订 {seed_proof[1].revision}" in slug and "第5版" in slug
    assert "大样 A2 原大 100%" in slug and "不得付印" in slug
    assert "缩样 A3 缩至 67%（正文 6.0 磅）" in slug_text(reduced, page.reduced.trim[1])


def test_the_proof_is_in_chinese_by_default(make_issue, tmp_path, monkeypatch):
    monkeypatch.delenv("PAIBAN_LANG")
    result = proof(make_issue(), tmp_path / "zh", ProofOptions(time=FIRST_TIME, cache=None, zoom_dpi=0))
    page = result.pages[0]
    with pdfplumber.open(tmp_path / "zh" / f"{page.stem}.pdf") as pdf:
        slug = slug_text(pdf.pages[0], page.sheet.trim[1])
    assert slug.startswith("校样 一校") and "第1版" in slug and "大样" in slug and "不得付印" in slug


def test_the_same_time_gives_identical_files(tmp_path, seed_proof):
    from layout.i18n import using

    out = tmp_path / "again"
    with using("zh"):
        proof(SEED, out, ProofOptions(round="一校", time=FIRST_TIME))
    for name in ("JZRB_20230106_A05_proof.pdf", "JZRB_20230106_A05_proof_a3.pdf", "JZRB_20230106_A05_proof.png",
                 "proof.json", "index.html"):
        assert (out / name).read_bytes() == (seed_proof[0] / name).read_bytes(), name
    first, again = (sorted((p / "tiles").rglob("*.png")) for p in (seed_proof[0], out))
    assert [p.relative_to(seed_proof[0]) for p in first] == [p.relative_to(out) for p in again]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, again))


def test_overset_does_not_stop_a_proof_and_is_marked(make_issue, tmp_path):
    from conftest import ALPHA

    text = edit(BASE_YAML, "place: {page: 1, column: 1, span: 2}", "place: {page: 1, column: 1, span: 2, rows: 8}")
    body = ALPHA + "\n" + "\n\n".join(f"第{i}段补充的正文，用来把模块撑满，看看超出的文字怎样标出。" * 2
                                      for i in range(3, 9)) + "\n"
    result = proof(make_issue(text, files={"articles/alpha.md": body}), tmp_path / "out",
                   ProofOptions(time=FIRST_TIME, cache=None, zoom_dpi=0))
    overset = [n for n in result.findings if n.finding.code == "E106"]
    assert result.overset == 1 and len(overset) == 1 and overset[0].spot is not None
    page = pdfplumber.open(io.BytesIO(result.pages[0].pdf)).pages[0]
    red_text = [c for c in page.chars if c["non_stroking_color"] == (0.0, 1.0, 1.0, 0.0) and c["size"] < 20]
    assert red_text, "overset copy is drawn in red"
    assert overset[0].number in label_boxes(page, result.pages[0].marks[0])


def test_copy_errors_are_marked_in_red(make_issue, tmp_path):
    alpha = ("第一段正文,用来检查排版。今天天气很好,我们去公园散步,然后\n\n回家吃饭。\n\n"
             "第二段正文,说一件完整的事情,到此结束。\n\n第二段正文,说一件完整的事情,到此结束。\n")
    result = proof(make_issue(files={"articles/alpha.md": alpha}), tmp_path / "out",
                   ProofOptions(time=FIRST_TIME, cache=None, zoom_dpi=0))
    errors = {n.finding.code: n for n in result.findings if n.finding.severity.value == "error"}
    assert set(errors) == {"E101", "E102"} and all(n.spot for n in errors.values())
    page = pdfplumber.open(io.BytesIO(result.pages[0].pdf)).pages[0]
    assert {errors["E101"].number, errors["E102"].number} <= set(label_boxes(page, result.pages[0].marks[0]))
    red = [r for r in page.rects if r["stroking_color"] == (0.0, 1.0, 1.0, 0.0)]
    assert len(red) >= 2


def test_findings_in_a_jumped_article_and_in_the_furniture_are_placed(make_issue, tmp_path):
    paragraph = "解放区商务局围绕保障商品供应提振消费信心恢复接触性消费工作主线积极组织辖区重点商贸企业开展节庆促销活动。"
    body = "\n\n".join([paragraph * 3] * 5 + ["最后一段，写到一半就断开了，然后", "接着写完。"]) + "\n"
    text = two_pages(edit(BASE_YAML, "place: {page: 1, column: 1, span: 2}",
                          "place: [{page: 1, column: 1, span: 2, rows: 14}, {page: 2, column: 1, span: 3}]"))
    text = edit(text, "      - 扫一扫 关注我们", "      - 扫一扫,关注我们")
    result = proof(make_issue(text, files={"articles/alpha.md": body}), tmp_path / "out",
                   ProofOptions(time=FIRST_TIME, cache=None, zoom_dpi=0))
    spots = {(n.finding.code, n.finding.where.field): n.spot for n in result.findings}
    assert spots[("E101", "paragraph 2")].page == 1
    assert spots[("E102", "paragraph 7")].page == 2  # the break is in the continuation on page 2
    footer = spots[("I301", "issue.qr.lines[0]")]
    assert footer is not None and footer.page == 1 and footer.top > 900  # by the QR code at the foot
    page2 = pdfplumber.open(io.BytesIO(result.pages[1].pdf)).pages[0]
    spot = spots[("E102", "paragraph 7")]
    line = "".join(c["text"] for c in chars_in(page2, result.pages[1].sheet.box(spot.first), pad=1.0))
    assert line.startswith("接着写完")

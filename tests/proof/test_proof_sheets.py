"""Proof sheets of the seed issue, measured on the PDF and PNG: the 校样 watermark, the
slug outside the trim, one margin note per finding next to the line it concerns, the
line outlined, page images, proof.json; determinism; overset and lint errors marked."""

from __future__ import annotations

import io
import json

import pdfplumber
import pytest
from PIL import Image

from conftest import BASE_YAML, edit
from layout.compose.grid import ASCENT
from layout.proof import ProofOptions, proof
from layout.proof.locate import page_lines
from layout.render.proof import BOTTOM_ZONE, NOTE_ZONE, TITLE_SIZE, TOP_ZONE

from .conftest import FIRST_TIME, SEED


@pytest.fixture(scope="module")
def seed_sheet(seed_proof):
    out, result = seed_proof
    pdf = pdfplumber.open(out / f"{result.pages[0].stem}.pdf")
    return pdf.pages[0]


def trim_of(page) -> tuple[float, float, float, float]:
    """(x0, top, x1, bottom) of the trim on the proof sheet, pt from its top-left."""
    return NOTE_ZONE, TOP_ZONE, page.width - NOTE_ZONE, page.height - BOTTOM_ZONE


def test_the_proof_writes_pdf_png_record_and_page(seed_proof):
    out, result = seed_proof
    names = sorted(p.name for p in out.iterdir())
    assert names == ["JZRB_20230106_A05_proof.pdf", "JZRB_20230106_A05_proof.png", "index.html", "proof.json"]
    record = json.loads((out / "proof.json").read_text(encoding="utf-8"))
    assert record["round"] == "一校" and record["time"] == "2023-01-05 21:30"
    assert record["revision"] == result.revision and len(result.revision) == 10
    warnings = sum(1 for n in result.findings if n.finding.severity.value == "warning")
    assert record["summary"] == {"pages": 1, "errors": 0, "warnings": warnings, "info": 41, "overset": 0}
    assert warnings >= 2  # the repeated sentence and the repeated word (网格员、网格员); 孤行 from the page


def test_diagonal_watermark_across_the_trim(seed_sheet):
    big = [c for c in seed_sheet.chars if c["size"] > 100]
    assert "".join(c["text"] for c in big) == "校样"
    assert all(abs(c["matrix"][0] - 0.7071) < 0.001 and abs(c["matrix"][1] - 0.7071) < 0.001 for c in big)  # 45°
    x0, top, x1, bottom = trim_of(seed_sheet)
    for c in big:
        assert x0 < c["x0"] < x1 and top < c["top"] < bottom


def test_slug_with_round_time_and_revision_above_the_trim(seed_sheet, seed_proof):
    _x0, top, _x1, _bottom = trim_of(seed_sheet)
    slug = "".join(c["text"] for c in seed_sheet.chars if c["bottom"] < top)
    assert slug.startswith("校样 一校")
    assert "2023-01-05 21:30" in slug and f"修订 {seed_proof[1].revision}" in slug and "第5版" in slug


def note_titles(page) -> dict[int, tuple[float, float]]:
    """Note number → (x, top) of each note's title line (7 pt, in a side margin)."""
    x0, _top, x1, _bottom = trim_of(page)
    rows: dict[tuple[bool, float], list] = {}
    for c in page.chars:
        if abs(c["size"] - TITLE_SIZE) < 0.01 and (c["x1"] < x0 or c["x0"] > x1):
            rows.setdefault((c["x0"] < x0, round(c["top"], 1)), []).append(c)
    out = {}
    for chars in rows.values():
        chars.sort(key=lambda c: c["x0"])
        head = "".join(c["text"] for c in chars).split()
        if len(head) > 1 and head[0].isdigit() and head[1][:1] in "EWI":
            out[int(head[0])] = (chars[0]["x0"], chars[0]["top"])
    return out


def test_every_finding_worth_a_look_has_a_note_in_the_margin(seed_sheet, seed_proof):
    """Errors and warnings are noted on the sheet; info (punctuation the build converts)
    stays in proof.json and on the proof page unless asked for."""
    result = seed_proof[1]
    on_page = [n.number for n in result.findings if n.spot is not None]
    worth = [n.number for n in result.findings if n.spot is not None and n.finding.severity.value != "info"]
    assert len(on_page) == len(result.findings) and len(worth) >= 2
    assert sorted(note_titles(seed_sheet)) == worth


def test_info_notes_on_the_sheet_when_asked(tmp_path, seed_proof):
    import pdfplumber

    from layout.lint import Severity
    out = tmp_path / "all"
    result = proof(SEED, out, ProofOptions(round="一校", time=FIRST_TIME, margin=Severity.INFO))
    with pdfplumber.open(out / "JZRB_20230106_A05_proof.pdf") as pdf:
        titles = note_titles(pdf.pages[0])
    assert sorted(titles) == [n.number for n in result.findings if n.spot is not None]


def test_the_warning_note_sits_beside_its_line_which_is_outlined(seed_sheet, seed_proof):
    warning = next(n for n in seed_proof[1].findings if n.finding.code == "W201")
    x, top = note_titles(seed_sheet)[warning.number]
    line_top = TOP_ZONE + warning.spot.top
    left, _top, right, _bottom = trim_of(seed_sheet)
    if NOTE_ZONE + warning.spot.x0 < (left + right) / 2:
        assert x < NOTE_ZONE  # the left margin: the line is on the left half of the page
    else:
        assert x > right  # the right margin
    assert abs(top - line_top) < 30, (top, line_top)
    orange = [r for r in seed_sheet.rects if r["stroking_color"] == (0.0, 0.55, 1.0, 0.0)]
    assert any(abs(r["top"] - (line_top - 1)) < 1 and r["x0"] < NOTE_ZONE + warning.spot.x0 < r["x1"] for r in orange)


def test_spots_are_the_lines_holding_the_characters_concerned(seed_proof, seed_issue):
    from layout.compose import compose_issue
    from layout.text.config import TextConfig
    from layout.text.metrics import MetricsSet

    results = compose_issue(seed_issue, MetricsSet.for_fonts(seed_issue.fonts), TextConfig.of(seed_issue.typesetting),
                            draft=True)
    lines = page_lines(results[0])
    warning = next(n for n in seed_proof[1].findings if n.finding.code == "W201")
    line = next(l for l in lines if abs(l.baseline - ASCENT * l.size - warning.spot.top) < 0.01
                and abs(l.x0 - warning.spot.x0) < 0.01)
    assert line.text.startswith("层次最高。解放区被评为")  # the repeated clause starts on this line


def test_page_image_matches_the_record_and_shows_the_watermark(seed_proof):
    out, result = seed_proof
    record = json.loads((out / "proof.json").read_text(encoding="utf-8"))
    page = record["pages"][0]
    with Image.open(out / page["png"]) as image:
        assert image.size == (page["width_px"], page["height_px"]) == result.pages[0].size
        rgb = image.convert("RGB")
    # the watermark's red shows in the middle of the trim, over blank paper
    reds = [rgb.getpixel((x, y)) for x in range(900, 1100, 4) for y in range(1000, 1400, 4)]
    assert any(r > 200 and g < 200 and b < 200 for r, g, b in reds)


def test_the_same_time_gives_identical_files(tmp_path, seed_proof):
    out = tmp_path / "again"
    proof(SEED, out, ProofOptions(round="一校", time=FIRST_TIME))
    for name in ("JZRB_20230106_A05_proof.pdf", "JZRB_20230106_A05_proof.png", "proof.json", "index.html"):
        assert (out / name).read_bytes() == (seed_proof[0] / name).read_bytes(), name


def test_overset_does_not_stop_a_proof_and_is_marked(make_issue, tmp_path):
    from conftest import ALPHA

    text = edit(BASE_YAML, "place: {page: 1, column: 1, span: 2}", "place: {page: 1, column: 1, span: 2, rows: 8}")
    body = ALPHA + "\n" + "\n\n".join(f"第{i}段补充的正文，用来把模块撑满，看看超出的文字怎样标出。" * 2
                                      for i in range(3, 9)) + "\n"
    result = proof(make_issue(text, files={"articles/alpha.md": body}), tmp_path / "out",
                   ProofOptions(time=FIRST_TIME, cache=None))
    overset = [n for n in result.findings if n.finding.code == "E106"]
    assert result.overset == 1 and len(overset) == 1 and overset[0].spot is not None
    page = pdfplumber.open(io.BytesIO(result.pages[0].pdf)).pages[0]
    red_text = [c for c in page.chars if c["non_stroking_color"] == (0.0, 1.0, 1.0, 0.0) and c["size"] < 20]
    assert red_text, "overset copy is drawn in red"
    assert overset[0].number in note_titles(page)


def test_copy_errors_are_marked_in_red(make_issue, tmp_path):
    alpha = ("第一段正文,用来检查排版。今天天气很好,我们去公园散步,然后\n\n回家吃饭。\n\n"
             "第二段正文,说一件完整的事情,到此结束。\n\n第二段正文,说一件完整的事情,到此结束。\n")
    result = proof(make_issue(files={"articles/alpha.md": alpha}), tmp_path / "out",
                   ProofOptions(time=FIRST_TIME, cache=None))
    errors = {n.finding.code: n for n in result.findings if n.finding.severity.value == "error"}
    assert set(errors) == {"E101", "E102"} and all(n.spot for n in errors.values())
    page = pdfplumber.open(io.BytesIO(result.pages[0].pdf)).pages[0]
    assert {errors["E101"].number, errors["E102"].number} <= set(note_titles(page))
    red = [r for r in page.rects if r["stroking_color"] == (0.0, 1.0, 1.0, 0.0)]
    assert len(red) >= 2


def test_findings_in_a_jumped_article_and_in_the_furniture_are_placed(make_issue, tmp_path):
    paragraph = "解放区商务局围绕保障商品供应提振消费信心恢复接触性消费工作主线积极组织辖区重点商贸企业开展节庆促销活动。"
    body = "\n\n".join([paragraph * 3] * 5 + ["最后一段，写到一半就断开了，然后", "接着写完。"]) + "\n"
    text = edit(edit(BASE_YAML, "place: {page: 1, column: 1, span: 2}",
                     "place: [{page: 1, column: 1, span: 2, rows: 14}, {page: 2, column: 1, span: 3}]"),
                """    template: tabloid
    credits:
      editor: 张三
""", """    template: tabloid
    credits:
      editor: 张三
  - {number: 2, section: 综合, template: tabloid}
""")
    text = edit(text, "      - 扫一扫 关注我们", "      - 扫一扫,关注我们")
    result = proof(make_issue(text, files={"articles/alpha.md": body}), tmp_path / "out",
                   ProofOptions(time=FIRST_TIME, cache=None))
    spots = {(n.finding.code, n.finding.where.field): n.spot for n in result.findings}
    assert spots[("E101", "paragraph 2")].page == 1
    assert spots[("E102", "paragraph 7")].page == 2  # the break is in the continuation on page 2
    footer = spots[("I301", "issue.qr.lines[0]")]
    assert footer is not None and footer.page == 1 and footer.top > 900  # by the QR code at the foot
    page2 = pdfplumber.open(io.BytesIO(result.pages[1].pdf)).pages[0]
    spot = spots[("E102", "paragraph 7")]
    line = "".join(c["text"] for c in page2.chars if abs(c["top"] - (TOP_ZONE + spot.top)) < 1
                   and NOTE_ZONE + spot.x0 - 1 <= c["x0"] <= NOTE_ZONE + spot.x1)
    assert line.startswith("接着写完")

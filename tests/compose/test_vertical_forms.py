"""Vertical headlines draw the vertical forms of punctuation (GB/T 15834-2011 §5.2, clreq
Appendix A.5; issue 9 item 7): quotation marks as corner brackets ﹃﹄ ﹁﹂, brackets,
dashes, ellipses, 。，、 in their vertical forms. The bundled fonts map the Unicode
vertical presentation forms to their own `vert` glyphs (fonts/build.py); a font without
them falls back to turned corner brackets. Measured on the PDF the renderer writes."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from fontTools.ttLib import TTFont

from layout.compose.items import ComposedPage
from layout.compose.vertical import vertical_lines, vertical_runs
from layout.model import load_issue
from layout.model.schema import FontRole, FontSet, PageColour
from layout.render.boxes import page_boxes
from layout.render.pdf import RenderJob, render_pdf
from layout.text.metrics import MetricsSet
from layout.text.vertical import VERTICAL_FORMS

from conftest import BASE_YAML, edit

ROOT = Path(__file__).resolve().parents[2]
HEADLINE = "“解放元素”——报告（上）‘新’，好。"
FORMS = "﹃﹄︱︵︶﹁﹂︐︒"


@pytest.fixture
def article_and_fonts(make_issue):
    text = edit(BASE_YAML, "headline: 测试标题一", f"headline: {HEADLINE}\n    headline_vertical: true")
    issue = load_issue(make_issue(text))
    return issue.articles[0], issue.fonts


def drawn(lines, fonts: FontSet, tmp_path: Path) -> list[dict]:
    """The headline's characters as pdfplumber reads them from the rendered page."""
    runs = vertical_runs(lines, 20.0, 80.0, 20.0, "a")
    page = ComposedPage(1, "测试", 200.0, 600.0, tuple(runs), "https://example.com")
    job = RenderJob(fonts, {}, PageColour.CMYK, page_boxes(200.0, 600.0, 0.0, False), "t", dt.date(2023, 1, 6))
    pdf = tmp_path / "v.pdf"
    pdf.write_bytes(render_pdf(page, job))
    with pdfplumber.open(pdf) as doc:
        return [c for c in doc.pages[0].chars if c["size"] > 20]


def test_bundled_fonts_map_the_vertical_forms_to_their_vert_glyphs():
    for path in sorted((ROOT / "fonts").glob("*.ttf")):
        with TTFont(path) as font:
            cmap, gsub = font.getBestCmap(), font["GSUB"].table
        vert: dict[str, str] = {}
        for record in gsub.FeatureList.FeatureRecord:
            if record.FeatureTag == "vert":
                for index in record.Feature.LookupListIndex:
                    lookup = gsub.LookupList.Lookup[index]
                    for sub in lookup.SubTable:
                        vert.update(getattr(sub.ExtSubTable if lookup.LookupType == 7 else sub, "mapping", {}))
        for ch in "，。（）《》「」『』":
            form = VERTICAL_FORMS[ch][0]
            assert cmap[ord(form)] == vert[cmap[ord(ch)]], (path.name, ch)


def test_the_pdf_draws_the_vertical_forms_upright(article_and_fonts, tmp_path):
    article, fonts = article_and_fonts
    chars = drawn(vertical_lines(article, 600.0, MetricsSet.for_fonts(fonts)), fonts, tmp_path)
    text = "".join(c["text"] for c in chars)
    assert all(f in text for f in FORMS), text
    assert not set(text) & set("“”‘’（）—，。"), text
    assert all(c["upright"] for c in chars)  # nothing turned: the forms are vertical glyphs


def test_negative_control_without_metrics_the_marks_are_turned(article_and_fonts, tmp_path):
    article, fonts = article_and_fonts
    chars = drawn(vertical_lines(article, 600.0), fonts, tmp_path)
    turned = {c["text"] for c in chars if not c["upright"]}
    assert {"“", "”", "—", "（", "）"} <= turned and not set(FORMS) & {c["text"] for c in chars}


def test_a_font_without_the_forms_falls_back_to_turned_corner_brackets(article_and_fonts, tmp_path):
    """A user's font with no vertical presentation forms: “” become 『』 turned 90°, which
    read as ﹃﹄; the other marks turn or sit in the corner as before."""
    article, fonts = article_and_fonts
    plain = tmp_path / "NoForms.ttf"
    with TTFont(dict(fonts.files)[FontRole.HEI_BOLD]) as font:
        for table in font["cmap"].tables:
            for cp in [cp for cp in table.cmap if 0xFE10 <= cp <= 0xFE4F]:
                del table.cmap[cp]
        font.save(plain)
    fonts = replace(fonts, files=tuple((r, plain if r is FontRole.HEI_BOLD else p) for r, p in fonts.files))
    chars = drawn(vertical_lines(article, 600.0, MetricsSet.for_fonts(fonts)), fonts, tmp_path)
    turned = {c["text"] for c in chars if not c["upright"]}
    assert {"『", "』", "「", "」", "（", "）"} <= turned, turned
    assert not set(FORMS) & {c["text"] for c in chars} and "“" not in {c["text"] for c in chars}


def test_narrow_glyphs_are_centred_in_their_cell(make_issue):
    text = edit(BASE_YAML, "headline: 测试标题一", "headline: 第38届\n    headline_vertical: true")
    issue = load_issue(make_issue(text, name="narrow"))
    (line,) = vertical_lines(issue.articles[0], 600.0, MetricsSet.for_fonts(issue.fonts))
    assert line.shifts[0] == 0.0 and 0.2 < line.shifts[1] < 0.35  # 第 full width, 3 a half-em digit


def test_a_line_feed_starts_a_new_vertical_line(make_issue):
    text = edit(BASE_YAML, "headline: 测试标题一", 'headline: "解放区\\n扎实推进"\n    headline_vertical: true')
    issue = load_issue(make_issue(text, name="feed"))
    lines = vertical_lines(issue.articles[0], 600.0, MetricsSet.for_fonts(issue.fonts))
    assert [ln.text for ln in lines] == ["解放区", "扎实推进"]

"""Round trip: every character of the copy (as the build normalizes it) is in the built
PDFs' text layer, in order, and nothing else is printed in the article area.

How an article is found on the page (the PDF carries no article ids):

1. content-stream order: each element of the copy (headline, subhead, byline + body,
   caption + credit, licence), whitespace removed, must be one contiguous run of the
   page's glyphs, each glyph claimed at most once. A dropped, doubled or altered glyph
   breaks the run.
2. position alone: the claimed glyphs, re-read by position (body: column, line, x;
   headlines and captions: line, x), must spell the element again. A glyph drawn in the
   wrong place breaks this even when the content stream is right.
3. what is left over is furniture, and must sit in the header or footer band.

The helpers are themselves checked on doctored copies of the seed page (negative
controls at the end of this file).
"""

from __future__ import annotations

import dataclasses

import pytest

from helpers import (
    PChar,
    TextLayer,
    article_elements,
    body_order,
    check_positions,
    inked,
    match_page,
    moved,
    read_pdf,
    visible,
)


@pytest.fixture(scope="session")
def seed_matches(seed_issue, seed_pages):
    """Page number → (glyphs by article and element, leftover furniture glyphs)."""
    return {number: match_page(page.chars, seed_issue.articles_on(number), seed_issue.page(number).template)
            for number, page in seed_pages.items()}


def test_every_page_of_the_issue_has_a_pdf(seed_issue, seed_pages):
    assert sorted(seed_pages) == sorted(p.number for p in seed_issue.pages)


def test_every_article_is_on_its_page_in_order(seed_issue, seed_matches):
    """Round trip of every headline, subhead, byline, body, caption, credit and licence."""
    for page in seed_issue.pages:
        found, _ = seed_matches[page.number]
        for article in seed_issue.articles_on(page.number):
            names = [e.name for e in article_elements(article)]
            assert names, f"article '{article.id}' has no copy"
            assert sorted(found.get(article.id, {})) == sorted(names), article.id


def test_the_seed_copy_is_not_trivially_small(seed_issue, seed_matches):
    """Guards the round trip against vacuous success (e.g. an issue that loads empty)."""
    total = sum(len(e.text) for a in seed_issue.articles for e in article_elements(a))
    assert total > 5000
    assert {a.id for a in seed_issue.articles} >= {"jiefang-elements", "education-review", "flower-photo",
                                                  "fengyuan-community", "credit-system", "minsheng-lists",
                                                  "commerce-new-year"}


def test_nothing_else_is_printed_in_the_article_area(seed_pages, seed_matches, seed_issue):
    """Glyphs that belong to no article are page furniture: header (top 10 %) or footer
    (bottom 10 %) only. A duplicated line or stray text in a module would land here."""
    for number, page in seed_pages.items():
        _, leftover = seed_matches[number]
        stray = [c for c in leftover if 0.1 * page.height < c.top and c.bottom < 0.9 * page.height]
        assert not stray, f"page {number}: text outside any article: {''.join(c.text for c in stray)!r}"
        # and the furniture is what it should be, nothing more
        text = "".join(c.text for c in leftover)
        assert seed_issue.paper in text
        for line in seed_issue.footer.lines:
            assert visible(line) in text


def test_normalized_copy_is_what_is_printed(seed_matches, seed_issue):
    """The build prints the normalized text, not the raw text: the half-width commas of
    the seed files appear as full-width ones."""
    found, _ = seed_matches[seed_issue.pages[0].number]
    body = "".join(c.text for c in found["jiefang-elements"]["body"])
    assert "," not in body and "，" in body
    assert "本报讯（记者詹长松）" in body


def test_whole_issue_pdf_has_the_same_text_as_the_page_pdfs(seed_out, seed_manifest, seed_pages):
    whole = read_pdf(seed_out / seed_manifest["issue_pdf"]["file"])
    assert len(whole) == len(seed_manifest["pages"])
    for page_text, entry in zip(whole, seed_manifest["pages"]):
        single = seed_pages[entry["number"]]
        assert [(c.text, round(c.x, 2), round(c.baseline, 2)) for c in page_text.chars] == \
               [(c.text, round(c.x, 2), round(c.baseline, 2)) for c in single.chars]


def test_build_report_lists_every_normalization(seed_build, seed_out):
    import json

    _, result = seed_build
    report = json.loads((seed_out / "report.json").read_text(encoding="utf-8"))
    assert report["normalization"]["count"] == len(result.changes) == len(report["normalization"]["changes"])
    assert len(result.changes) > 100  # the seed copy has half-width punctuation throughout
    assert any("jiefang-elements.md:1:" in line and "'，'" in line for line in report["normalization"]["changes"])
    assert report["overset"] == []


# -------------------------------------------------------------- negative controls

def _seed_body(seed_pages, seed_issue):
    number = seed_issue.pages[0].number
    page = seed_pages[number]
    article = next(a for a in seed_issue.articles_on(number) if a.id == "credit-system")
    element = next(e for e in article_elements(article) if e.name == "body")
    return page, article, element


def test_control_a_dropped_glyph_is_detected(seed_pages, seed_issue):
    page, _article, element = _seed_body(seed_pages, seed_issue)
    chars = inked(page.chars)
    layer = TextLayer(chars)
    start = layer.text.find(element.text)
    assert start >= 0
    doctored = chars[:start + 200] + chars[start + 201:]  # one glyph of the body lost
    with pytest.raises(AssertionError, match="not a contiguous run"):
        TextLayer(doctored).claim(element.text, "credit-system body")


def test_control_a_dropped_character_of_the_copy_is_detected(seed_pages, seed_issue):
    page, _article, element = _seed_body(seed_pages, seed_issue)
    short = element.text[:300] + element.text[301:]
    assert short != element.text
    with pytest.raises(AssertionError, match="not a contiguous run"):
        TextLayer(page.chars).claim(short, "credit-system body minus one character")


def test_control_a_glyph_claimed_twice_is_detected(seed_pages, seed_issue):
    page, _article, element = _seed_body(seed_pages, seed_issue)
    layer = TextLayer(page.chars)
    layer.claim(element.text, "first time")
    with pytest.raises(AssertionError):
        layer.claim(element.text, "second time")


def test_control_a_misplaced_glyph_is_detected(seed_pages, seed_issue):
    """The content stream is intact but one glyph is drawn a line lower: reading by
    position finds it."""
    page, article, element = _seed_body(seed_pages, seed_issue)
    template = seed_issue.pages[0].template
    glyphs = TextLayer(page.chars).claim(element.text, "credit-system body")
    check_positions(glyphs, element.text, "body", template, "intact")  # passes untouched
    k = 150
    doctored = list(moved(glyphs, k, baseline=glyphs[k].baseline + template.line_pitch))
    with pytest.raises(AssertionError, match="read by position"):
        check_positions(doctored, element.text, "body", template, "doctored")


def test_control_two_swapped_glyphs_are_detected(seed_pages, seed_issue):
    page, _article, element = _seed_body(seed_pages, seed_issue)
    template = seed_issue.pages[0].template
    glyphs = list(TextLayer(page.chars).claim(element.text, "credit-system body"))
    a, b = 40, 41
    assert glyphs[a].text != glyphs[b].text
    glyphs[a], glyphs[b] = (dataclasses.replace(glyphs[a], x=glyphs[b].x, x1=glyphs[b].x1),
                            dataclasses.replace(glyphs[b], x=glyphs[a].x, x1=glyphs[a].x1))
    with pytest.raises(AssertionError, match="read by position"):
        check_positions(glyphs, element.text, "body", template, "swapped")


def test_control_synthetic_columns_read_in_column_order(seed_issue):
    """Two columns side by side on the same baselines read column by column."""
    template = seed_issue.pages[0].template
    left = template.area_left
    right = left + template.column_width + template.gutter

    def glyph(ch, x, baseline):
        return PChar(ch, x, x + 9, baseline, baseline - 8, baseline + 1, 9.0, "Song", "AAAAAA+")

    chars = [glyph("甲", left, 100), glyph("丙", right, 100), glyph("乙", left, 113.5), glyph("丁", right, 113.5)]
    assert "".join(c.text for c in body_order(chars, template)) == "甲乙丙丁"
    check_positions(chars, "甲乙丙丁", "body", template, "synthetic")
    with pytest.raises(AssertionError):
        check_positions(chars, "甲丙乙丁", "body", template, "synthetic, read across")

"""The proof page (index.html) in headless Chromium: thumbnails load, a click opens the
page large and zooms it, a finding's number shows its mark on the page image where
proof.json says, the mark leads back to its row, filters hide rows, and the second
round shows what changed.

Needs Playwright (`pip install playwright`) and Debian's Chromium (`apt-get install
chromium`, at /usr/bin/chromium or $PAIBAN_CHROMIUM); skipped with a message otherwise.
Playwright's own browser downloads are never used.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def record(folder: Path) -> dict:
    return json.loads((folder / "proof.json").read_text(encoding="utf-8"))


def shown(page, selector: str) -> bool:
    """Wait (up to 3 s) for `selector` to be visible: links act on hashchange, which the
    browser dispatches after the click returns."""
    page.wait_for_selector(selector, state="visible", timeout=3000)
    return True


def gone(page, selector: str) -> bool:
    page.wait_for_selector(selector, state="hidden", timeout=3000)
    return True


def in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(selector, """el => { const r = el.getBoundingClientRect();
        return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; }""")


def test_thumbnails_show_every_page_image(open_page, seed_proof):
    page = open_page(seed_proof[0])
    thumbs = page.locator("figure.thumb img")
    assert thumbs.count() == len(record(seed_proof[0])["pages"]) == 1
    assert thumbs.first.evaluate("img => img.complete && img.naturalWidth") == record(seed_proof[0])["pages"][0]["width_px"]
    assert page.locator("#viewer").is_hidden()


def test_a_thumbnail_opens_the_page_large_and_a_click_zooms(open_page, seed_proof, tmp_path):
    page = open_page(seed_proof[0])
    page.click("figure.thumb a")
    assert shown(page, "#viewer") and shown(page, "#page-5")
    fitted = page.eval_on_selector("#page-5 img", "img => img.getBoundingClientRect().width")
    assert 200 < fitted < 1400
    page.click("#page-5 img", position={"x": 100, "y": 100})
    zoom = record(seed_proof[0])["pages"][0]["zoom"]
    width = page.eval_on_selector("#page-5", "s => s.getBoundingClientRect().width")
    assert abs(width - zoom["width_px"]) < 1  # full size: the zoom tiles, one tile pixel per screen pixel
    page.screenshot(path=str(tmp_path / "zoomed.png"))
    page.keyboard.press("Escape")
    assert gone(page, "#viewer")


def test_a_finding_number_shows_its_mark_where_the_record_says(open_page, seed_proof):
    data = record(seed_proof[0])
    warning = next(f for f in data["findings"] if f["code"] == "W201")
    page = open_page(seed_proof[0])
    page.click(f"a[href='#mark-{warning['number']}']")
    mark = f"#mark-{warning['number']}"
    assert shown(page, "#viewer") and shown(page, mark) and in_viewport(page, mark)
    assert "flash" in page.get_attribute(mark, "class")
    offset = page.evaluate(f"""() => {{ const m = document.querySelector('{mark}').getBoundingClientRect();
        const i = document.querySelector('#page-5 .tiles').getBoundingClientRect();
        return [m.left - i.left, m.top - i.top, m.width, m.height]; }}""")
    k = data["pages"][0]["zoom"]["dpi"] / data["dpi"]  # the mark is shown on the zoom tiles
    x0, y0, x1, y1 = warning["box_px"]
    assert offset == pytest.approx([k * x0, k * y0, k * (x1 - x0), k * (y1 - y0)], abs=1.5 * k)


def test_full_size_shows_zoom_tiles_sharp_enough_for_single_characters(open_page, seed_proof):
    """At full size the page is its zoom tiles (200 dpi: a 9 pt body character is 25 px),
    loaded where one looks; the 100 dpi page image is shown only fitted (the negative
    control: it has half the pixels per character)."""
    data = record(seed_proof[0])
    zoom, dpi = data["pages"][0]["zoom"], data["dpi"]
    assert zoom["dpi"] / 72 * 9 >= 24 > dpi / 72 * 9  # px per 9 pt character: tiles vs the page image
    warning = next(f for f in data["findings"] if f["code"] == "W201")
    page = open_page(seed_proof[0])
    page.click(f"a[href='#mark-{warning['number']}']")
    assert shown(page, "#page-5 .tiles") and gone(page, "#page-5 img.base")
    page.wait_for_function("""() => [...document.querySelectorAll('#page-5 .tiles img')].some(
        i => i.complete && i.naturalWidth > 0 && i.getBoundingClientRect().bottom > 0
             && i.getBoundingClientRect().top < innerHeight)""", timeout=5000)
    loaded = page.eval_on_selector_all("#page-5 .tiles img", """els => els.filter(i => i.complete && i.naturalWidth)
        .map(i => [i.naturalWidth, i.getBoundingClientRect().width])""")
    assert loaded and all(abs(n - w) < 1 for n, w in loaded)  # one tile pixel per screen pixel
    count = page.eval_on_selector_all("#page-5 .tiles img", "els => els.length")
    assert count == zoom["rows"] * zoom["columns"] and len(loaded) < count  # lazily: only what is seen
    page.click("#viewer .zoom")  # back to fitted: the page image again
    assert shown(page, "#page-5 img.base") and gone(page, "#page-5 .tiles")


def test_a_mark_leads_back_to_its_row(open_page, seed_proof):
    number = next(f["number"] for f in record(seed_proof[0])["findings"] if f["code"] == "W201")
    page = open_page(seed_proof[0])
    page.goto((seed_proof[0] / "index.html").as_uri() + f"#mark-{number}")
    assert shown(page, "#viewer")
    page.click(f"#mark-{number}", force=True)
    assert gone(page, "#viewer")
    assert "flash" in page.get_attribute(f"#f-{number}", "class") and in_viewport(page, f"#f-{number}")


def test_errors_and_warnings_first_info_hidden_until_asked(open_page, seed_proof):
    page = open_page(seed_proof[0])
    assert page.locator("tr.finding.warning").first.is_visible()
    assert not page.locator("tr.finding.info").first.is_visible()  # hidden by default
    severities = page.locator("tr.finding").evaluate_all("rows => rows.map(r => r.className.split(' ')[1])")
    assert severities == sorted(severities, key=["error", "warning", "info"].index)  # the worst first
    groups = page.locator("tr.group").all_inner_texts()
    assert any("第5版" in g and "《" in g for g in groups)  # grouped by page and story headline
    page.check(".filters input[value=info]")
    assert page.locator("tr.finding.info").first.is_visible()
    page.uncheck(".filters input[value=warning]")
    assert gone(page, "tr.finding.warning >> nth=0")
    assert "未签" in page.locator("header .signoff").inner_text()  # the page's sign-off state


def test_the_second_round_shows_what_changed_first(open_page, second_proof, tmp_path):
    page = open_page(second_proof[0])
    assert page.locator("#changes").is_visible()
    order = page.evaluate("[...document.querySelectorAll('main > section')].map(s => s.id)")
    assert order.index("changes") < order.index("findings") < order.index("pages")  # changes near the top
    assert "2023年" in page.locator("#change-commerce-new-year ins").all_inner_texts()
    assert "进一步" in page.locator("#change-credit-system del").all_inner_texts()
    pair = page.locator("#changes .pair img")
    assert pair.count() == 2  # the old page beside the new one, changed lines outlined
    assert all(pair.nth(i).evaluate("img => img.complete && img.naturalWidth") > 1000 for i in range(2))
    links = page.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert not [l for l in links if l and l.startswith("file:")]  # relative links only
    assert page.locator("ol.steps li a").count() == 2  # the changes to step through
    page.screenshot(path=str(tmp_path / "changes.png"), full_page=True)
    page.click("#changes .pair a")
    assert shown(page, "#diff-5")


@pytest.mark.parametrize("size", [(390, 844), (768, 1024)], ids=["phone", "tablet"])
def test_usable_on_a_phone_and_a_tablet(open_page, second_proof, size, tmp_path):
    page = open_page(second_proof[0], size)
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]  # no sideways scrolling
    message = page.locator("tr.finding td:last-child").first.bounding_box()
    assert message["x"] >= 0 and message["x"] + message["width"] <= size[0]
    page.screenshot(path=str(tmp_path / f"phone-{size[0]}.png"), full_page=False)
    page.click("#pages figure.thumb a")
    assert shown(page, "#page-5")
    close = page.locator("#viewer .close").bounding_box()
    assert close and 0 <= close["x"] and close["x"] + close["width"] <= size[0] and 0 <= close["y"] < size[1]
    page.click("#viewer .close")
    assert gone(page, "#viewer")


def test_a_broken_issue_shows_as_an_error_on_the_open_page(open_page, make_issue, tmp_path):
    from layout.proof import ProofOptions, proof
    from layout.proof.watch import show_error

    out = tmp_path / "live"
    proof(make_issue(), out, ProofOptions(live=True, cache=None))
    page = open_page(out)
    assert not page.locator("#live-error").is_visible()
    show_error(out, "issue.yaml:3: issue.date: not a date")
    page.wait_for_selector("#live-error", state="visible", timeout=5000)
    assert "issue.yaml:3" in page.locator("#live-error").inner_text()


def test_a_live_proof_page_reloads_when_the_watcher_writes_a_new_proof(open_page, make_issue, tmp_path):
    from layout.proof import ProofOptions, proof

    out = tmp_path / "live"
    proof(make_issue(), out, ProofOptions(live=True, cache=None))
    page = open_page(out)
    page.goto((out / "index.html").as_uri() + "#page-1")
    assert shown(page, "#page-1")
    page.wait_for_timeout(1200)  # a look at live.js with the same stamp: no reload
    page.evaluate("window.stillHere = true")
    with page.expect_event("load", timeout=5000):
        (out / "live.js").write_text('window.paibanLive && window.paibanLive("a newer proof");\n', encoding="utf-8")
    assert page.evaluate("window.stillHere") is None  # reloaded …
    assert shown(page, "#page-1")  # … and back on the page it showed

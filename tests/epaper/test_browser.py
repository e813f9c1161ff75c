"""The e-paper in headless Chromium (Debian's, started by Playwright): clicking each
story's area on each page image opens that story; no horizontal overflow on a phone
(390 px) or a desktop; no console errors and no request outside the site folder; the
zoom and the lit areas work. Skipped, with the reason, only where Chromium or
Playwright is missing."""

from __future__ import annotations

import json

import pytest

PHONE = (390, 844)
DESKTOP = (1366, 900)


@pytest.fixture
def visit(browser):
    """visit(built, file, size) -> a Playwright page showing that file of the site.
    Every request outside the site folder is refused and recorded; the test fails on
    any console error, script error or such request."""
    opened, problems = [], []

    def opener(built, name: str, size=DESKTOP):
        context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        page = context.new_page()
        root = built.folder.as_uri() + "/"
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(root)
                   else (problems.append(f"request outside the site: {route.request.url}"), route.abort()))
        page.goto(root + name)
        page.wait_for_load_state("load")
        opened.append(context)
        return page

    yield opener
    for context in opened:
        context.close()
    assert problems == [], problems


def index_of(built) -> dict:
    return json.loads(built.read("stories.json"))


def overflow(page) -> int:
    """How many CSS px the document is wider than the window (0: no horizontal scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


CATCH_CLICKS = """() => { window.clicked = [];
  document.addEventListener("click", e => { const a = e.target.closest("a");
    window.clicked.push(a ? a.getAttribute("href") : null); e.preventDefault(); }, true); }"""


def test_clicking_each_area_opens_its_story(site, visit):
    """Each area is clicked with the mouse at its middle, where a reader would: the link
    under the pointer must be the area's story (the click is caught before it leaves
    the page); then the first area of each page is clicked for real and must open the
    story with its headline."""
    index = index_of(site)
    headlines = {s["html"]: s["headline"] or "图片新闻" for s in index["stories"]}
    clicked = []
    for sheet in index["pages"]:
        page = visit(site, sheet["html"])
        page.evaluate(CATCH_CLICKS)
        areas = page.locator("a.area")
        targets = [areas.nth(i).get_attribute("href") for i in range(areas.count())]
        for i in range(areas.count()):
            areas.nth(i).click()
        assert page.evaluate("window.clicked") == targets, sheet["html"]
        clicked += targets
        page.reload()
        areas.first.click()
        page.wait_for_url("**/" + targets[0])
        assert page.locator("h1").inner_text().replace("\n", "") == headlines[targets[0]].replace("\n", "")
    assert set(clicked) == set(headlines)  # every story opened from a page image


def test_a_click_beside_the_areas_opens_nothing(seed_site, visit):
    page = visit(seed_site, "index.html")
    page.evaluate(CATCH_CLICKS)
    page.locator(".frame img").click(position={"x": 3, "y": 3})  # the page's top margin: no story there
    assert page.evaluate("window.clicked") == [None]


def test_no_horizontal_overflow_on_a_phone_or_a_desktop(site, visit):
    """Every file of the site at 390 px and at 1366 px (one load, the window resized)."""
    names = sorted(p.name for p in site.folder.glob("*.html"))
    page = visit(site, names[0], PHONE)
    for name in names:
        page.goto(site.folder.as_uri() + "/" + name, wait_until="domcontentloaded")  # images have their sizes
        for size in (PHONE, DESKTOP):
            page.set_viewport_size({"width": size[0], "height": size[1]})
            assert overflow(page) <= 0, f"{name} at {size[0]} px is {overflow(page)} px too wide"
        page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})


def test_overflow_is_found(seed_site, visit):
    page = visit(seed_site, "index.html", PHONE)
    page.evaluate("document.querySelector('.panel').insertAdjacentHTML('beforeend', "
                  "'<div style=\"width: 900px\">wide</div>')")
    assert overflow(page) > 0


def test_a_request_outside_the_site_is_caught(seed_site, browser, tmp_path):
    context = browser.new_context()
    page = context.new_page()
    seen = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
               else (seen.append(route.request.url), route.abort()))
    page.goto(seed_site.folder.as_uri() + "/index.html")
    page.evaluate("new Image().src = 'https://cdn.example.com/x.png'")
    page.wait_for_timeout(200)
    context.close()
    assert seen == ["https://cdn.example.com/x.png"]


def test_the_phone_shows_the_page_and_readable_text(multi_site, visit):
    page = visit(multi_site, "page-A01.html", PHONE)
    width = page.evaluate("document.querySelector('.frame img').getBoundingClientRect().width")
    assert 330 <= width <= 390
    assert page.evaluate("document.querySelector('.frame img').naturalWidth") > 0  # the image loaded
    page.goto(multi_site.folder.as_uri() + "/story-metro-trial.html")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.body p')).fontSize)")
    assert size >= 16
    assert page.evaluate("document.querySelector('figure img').naturalWidth") > 0


def test_zoom_shows_the_large_image_and_areas_still_work(multi_site, visit):
    page = visit(multi_site, "page-A01.html", DESKTOP)
    before = page.evaluate("document.querySelector('.frame').getBoundingClientRect().width")
    page.locator("button.zoom").click()
    page.wait_for_function("document.querySelector('.frame img').complete && "
                           "document.querySelector('.frame img').currentSrc.endsWith('page-A01-zoom.jpg')")
    assert page.evaluate("document.querySelector('.frame').getBoundingClientRect().width") == pytest.approx(2 * before, abs=1)
    assert page.evaluate("document.querySelector('.frame img').naturalWidth") == 2000  # the zoom image itself
    assert page.locator("button.zoom").get_attribute("aria-pressed") == "true"
    assert overflow(page) <= 0  # the image scrolls inside its frame, not the page
    area = page.locator('a.area[href="story-one-network.html"]')
    area.scroll_into_view_if_needed()
    area.click()
    page.wait_for_url("**/story-one-network.html")


def test_a_title_lights_its_areas_on_the_page(multi_site, visit):
    page = visit(multi_site, "page-A01.html", DESKTOP)
    page.locator('.titles a[href="story-vegetables.html"]').hover()
    lit = page.evaluate("[...document.querySelectorAll('a.area.lit')].map(a => a.getAttribute('href'))")
    assert lit == ["story-vegetables.html"]
    page.mouse.move(1, 1)
    assert page.evaluate("document.querySelectorAll('a.area.lit').length") == 0

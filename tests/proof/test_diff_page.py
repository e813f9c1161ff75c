"""The changes on the proof page in headless Chromium (二校 of the edited seed against
its 一校): the old page beside the new one, the changed lines outlined on both, a list
of the changes stepped through with previous / next, the current change ringed on
both pages and scrolled into view; on a phone the two pages stack without overflow."""

from __future__ import annotations

PHONE = (390, 844)


def marks(page, key: str) -> list[dict]:
    """The boxes (CSS px) of the line marks of step `key` and of their images."""
    return page.eval_on_selector_all(f'.lm[data-step="{key}"]', """els => els.map(el => {
        const r = el.getBoundingClientRect(), i = el.closest('.frame').querySelector('img').getBoundingClientRect();
        return {x0: r.left, y0: r.top, x1: r.right, y1: r.bottom, ix0: i.left, iy0: i.top, ix1: i.right,
                iy1: i.bottom, side: el.closest('figure').className}; })""")


def test_old_and_new_pages_side_by_side_with_changed_lines(open_page, second_proof):
    out = second_proof[0]
    page = open_page(out)
    figures = page.eval_on_selector_all("#changes .pair figure img", "els => els.map(e => e.naturalWidth)")
    assert len(figures) == 2 and all(w > 0 for w in figures)  # both images load
    steps = page.eval_on_selector_all("ol.steps li[data-step]", "els => els.map(e => e.textContent)")
    assert len(steps) == 2 and any("2023年" in s for s in steps) and any("进一步" in s for s in steps)
    assert all("《" not in s or "第" in s for s in steps)


def test_stepping_rings_each_change_on_both_pages(open_page, second_proof):
    out = second_proof[0]
    page = open_page(out)
    page.click(".stepper .next")
    assert page.inner_text(".stepper .at") == "1 / 2"
    first = page.get_attribute("ol.steps li.current", "data-step")
    ringed = marks(page, first)
    assert {m["side"] for m in ringed} == {"before", "after"}  # on the old page and the new
    line = 14.5 / 72 * 100  # a body line's height in image px: 14.5 pt at the record's dpi
    for m in ringed:
        scale = (m["ix1"] - m["ix0"]) / page.eval_on_selector("#changes .pair img", "e => e.naturalWidth")
        assert m["ix0"] <= m["x0"] < m["x1"] <= m["ix1"] and m["iy0"] <= m["y0"] < m["y1"] <= m["iy1"]
        assert (m["y1"] - m["y0"]) / scale < 2.5 * line  # a line, not a story's rectangle
    assert page.eval_on_selector_all(".lm.current", "els => els.length") == len(ringed)
    assert page.eval_on_selector(".lm.current", """el => { const r = el.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight; }""")  # scrolled into view
    page.click(".stepper .next")
    assert page.inner_text(".stepper .at") == "2 / 2"
    assert page.get_attribute("ol.steps li.current", "data-step") != first
    page.click(".stepper .next")  # past the last: back to the first
    assert page.get_attribute("ol.steps li.current", "data-step") == first
    page.click(".stepper .prev")
    assert page.inner_text(".stepper .at") == "2 / 2"


def test_a_change_in_the_list_is_ringed_when_clicked(open_page, second_proof):
    page = open_page(second_proof[0])
    key = page.get_attribute("ol.steps li[data-step]:last-child", "data-step")
    page.click(f'ol.steps li[data-step="{key}"] a')
    assert page.get_attribute("ol.steps li.current", "data-step") == key
    assert len(marks(page, key)) >= 2 and page.eval_on_selector_all(
        f'.lm.current:not([data-step="{key}"])', "els => els.length") == 0


def test_the_changes_on_a_phone(open_page, second_proof):
    page = open_page(second_proof[0], PHONE)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE[0]
    boxes = page.eval_on_selector_all("#changes .pair figure", "els => els.map(e => e.getBoundingClientRect().top)")
    assert len(boxes) == 2 and boxes[0] != boxes[1]  # one above the other
    page.click(".stepper .next")
    page.click(".stepper .next")  # the bar is still in reach after the page scrolled to the change
    assert page.inner_text(".stepper .at") == "2 / 2"
    for selector in (".stepper .prev", ".stepper .next", ".after .lm.current"):  # the new page's ring in view
        box = page.eval_on_selector(selector, """e => { const r = e.getBoundingClientRect();
            return [r.left, r.top, r.right, r.bottom]; }""")
        assert 0 <= box[0] and box[2] <= PHONE[0] and 0 <= box[1] and box[3] <= PHONE[1], (selector, box)

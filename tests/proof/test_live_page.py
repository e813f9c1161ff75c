"""The open proof page under `paiban watch` (headless Chromium): when the issue stops
loading, the page shows the watcher's error in a red bar over the last good proof, and
keeps showing it until a proof is written again; then the bar goes."""

from __future__ import annotations

import datetime as dt

from layout.proof import ProofOptions, proof
from layout.proof.watch import show_error

ERROR = "issue.yaml:7: pages.0.number: not a whole number: [ — write the page number, e.g. 1"
LIVE = ProofOptions(time=dt.datetime(2023, 1, 5, 21, 30), cache=None, live=True, zoom_dpi=0)


def banner(page) -> tuple[bool, str]:
    return page.evaluate("""() => { const b = document.getElementById('live-error');
        return [!b.hidden && b.getBoundingClientRect().height > 0, b.textContent]; }""")


def test_a_broken_issue_shows_on_the_open_page_until_it_is_fixed(open_page, make_issue, tmp_path):
    folder, out = make_issue(), tmp_path / "out"
    proof(folder, out, LIVE)
    page = open_page(out)
    assert banner(page) == [False, ""]  # the negative control: no error, no bar
    show_error(out, ERROR)
    page.wait_for_selector("#live-error", state="visible", timeout=5000)
    page.wait_for_timeout(2200)  # two more looks at live.js: the bar stays while the issue is broken
    shown, text = banner(page)
    assert shown and text == ERROR
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert page.eval_on_selector("#live-error", "e => e.getBoundingClientRect().top") == 0  # seen wherever one is
    proof(folder, out, LIVE)  # fixed: the same proof as before the slip (no reload needed)
    page.wait_for_selector("#live-error", state="hidden", timeout=5000)
    assert banner(page)[0] is False

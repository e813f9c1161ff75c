"""Pages made in parallel are the same bytes as pages made one by one, in page order
(layout/pipeline.py, layout/workers.py)."""

from __future__ import annotations

import json

import pikepdf

from layout.build import OutputOptions, build

from .conftest import TWO_PAGES, snapshot
from conftest import write_issue


def test_one_and_two_workers_give_byte_identical_files(two_issues, tmp_path):
    first, _ = two_issues
    sets = {}
    for workers in (1, 2):
        build(first, tmp_path / f"w{workers}", png=True, options=OutputOptions(workers=workers))
        sets[workers] = snapshot(tmp_path / f"w{workers}")
    assert sets[1] == sets[2]
    assert sorted(sets[1]) == ["TEST_20230106.pdf", "TEST_20230106_A01.pdf", "TEST_20230106_A01.png",
                               "TEST_20230106_A02.pdf", "TEST_20230106_A02.png", "manifest.json", "report.json"]


def test_pages_are_listed_in_page_order_whatever_order_the_issue_gives(two_issues, tmp_path):
    pages = TWO_PAGES.index("  - number: 1\n"), TWO_PAGES.index("  - number: 2\n"), TWO_PAGES.index("articles:\n")
    reordered = TWO_PAGES[:pages[0]] + TWO_PAGES[pages[1]:pages[2]] + TWO_PAGES[pages[0]:pages[1]] + TWO_PAGES[pages[2]:]
    folder = write_issue(tmp_path / "issue", reordered)
    build(folder, tmp_path / "out", options=OutputOptions(workers=2))
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert [p["number"] for p in manifest["pages"]] == [1, 2]
    with pikepdf.open(tmp_path / "out" / "TEST_20230106.pdf") as whole:
        for index, name in enumerate(("TEST_20230106_A01.pdf", "TEST_20230106_A02.pdf")):
            with pikepdf.open(tmp_path / "out" / name) as one:
                assert whole.pages[index].Contents.read_bytes() == one.pages[0].Contents.read_bytes()

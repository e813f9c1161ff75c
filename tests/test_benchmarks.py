"""The benchmarks stay runnable (benchmarks/README.md): the paiban side of
`bench_build.py` on a small issue — the generated issue builds, and the two warm cases
rebuild exactly the page they edit, each run (the same page again; a page not edited
before). Typst's cases need the `bench` extra and are not run here."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_warm_cases_rebuild_one_page_each_run(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    import bench_build

    issue = bench_build.make_issue(3, tmp_path)
    again, first = bench_build.warm_rebuilds(issue, tmp_path)
    for run in (again, first, again, first):
        wall, _rss, cpu = run()  # asserts one page redrawn
        assert wall > 0 and cpu > 0
    assert sys.modules["bench_build"] is bench_build

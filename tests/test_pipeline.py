"""The page line (layout/pipeline.py): pages composed, drawn and checked in the workers
as soon as what they need is known, with the same files whatever the number of workers,
jumps waiting for the page they come from, drawing stopped once the build must fail,
and the first error in page order reported."""

from __future__ import annotations

import shutil

import pytest

from layout import pipeline
from layout.build import OutputOptions, build
from layout.compose.issue import IssueComposition
from layout.compose.memo import PageMemo
from layout.errors import IssueError
from layout.model import load_issue
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

from build.conftest import snapshot
from conftest import ALPHA, BASE_YAML, ROOT, edit, write_issue

JUMPING = ROOT / "issues" / "xinan-weekend-2023-03-18"  # page 1's stories jump to pages 3 and 4

THREE_PAGES = edit(BASE_YAML, "articles:\n", "".join(
    f"  - number: {n}\n    section: 本地\n    template: tabloid\n    credits:\n      editor: 李四\n" for n in (2, 3))
    + "articles:\n")
THREE_PAGES += "".join(f"""  - id: page{n}
    headline: 第{n}版的稿件
    body: articles/page{n}.md
    place: {{page: {n}, column: 1, span: 2, rows: ROWS{n}}}
""" for n in (2, 3))


def three_pages(tmp_path, rows2: int, rows3: int):
    """A three-page issue whose pages 2 and 3 each hold one explicitly placed story of
    the given heights (grid lines)."""
    text = edit(edit(THREE_PAGES, "ROWS2", str(rows2)), "ROWS3", str(rows3))
    body = ALPHA * 6
    return write_issue(tmp_path / f"issue-{rows2}-{rows3}", text, {"articles/page2.md": body, "articles/page3.md": body})


def composition(folder) -> IssueComposition:
    issue, _ = normalize_issue(load_issue(folder))
    return IssueComposition(issue, MetricsSet.for_fonts(issue.fonts), TextConfig.of(issue.typesetting),
                            memo=PageMemo())


def test_a_jumping_issue_gives_the_same_files_with_one_and_two_workers(tmp_path):
    sets = {}
    for workers in (1, 2):
        build(JUMPING, tmp_path / f"w{workers}", options=OutputOptions(workers=workers))
        sets[workers] = snapshot(tmp_path / f"w{workers}")
    assert sets[1] == sets[2]
    assert len([name for name in sets[1] if name.endswith(".pdf")]) == 5  # 4 pages and the issue PDF


def test_a_continued_page_waits_for_the_page_its_jump_comes_from():
    work = composition(JUMPING)
    first = [page.number for page in work.ready()]
    assert first == [1, 2]                     # no text carried to them: both start at once
    assert work.ready() == []                  # pages 3 and 4 wait for page 1 (the control: 2 did not)
    page1 = work.issue.page(1)
    work.add(page1, work.compose(page1))
    assert [page.number for page in work.ready()] == [3, 4]
    assert work.carried_to(work.issue.page(3))   # page 1's story carries text on to page 3


def test_drawing_stops_once_a_page_fails_but_every_page_is_composed(tmp_path, monkeypatch):
    drawn = []
    real = pipeline.run_page

    def counting(task, folder):
        drawn.append(task.name)
        return real(task, folder)

    monkeypatch.setattr(pipeline, "run_page", counting)
    fine = three_pages(tmp_path, 30, 30)
    build(fine, tmp_path / "fine", options=OutputOptions(workers=1))
    assert len(drawn) == 3                      # the control: a good issue draws every page
    drawn.clear()
    bad = three_pages(tmp_path, 5, 5)           # pages 2 and 3 both overset
    with pytest.raises(IssueError) as raised:
        build(bad, tmp_path / "bad", options=OutputOptions(workers=1))
    assert len(drawn) == 2                      # pages 1 and 2 drawn; page 2 failed, so page 3 was not
    message = str(raised.value)
    assert "'page2' (page 2)" in message and "'page3' (page 3)" in message  # page 3 composed all the same
    assert not (tmp_path / "bad").exists()


def test_the_first_error_in_page_order_is_reported_whatever_finishes_first(tmp_path):
    folder = three_pages(tmp_path, 30, 30)
    yaml = (folder / "issue.yaml").read_text(encoding="utf-8")
    for n in (2, 3):  # an explicit module over another on pages 2 and 3: compose_page refuses both
        yaml += (f"  - id: over{n}\n    headline: 压在上面的稿件\n    body: articles/page{n}.md\n"
                 f"    place: {{page: {n}, column: 2, span: 2, row: 1, rows: 9}}\n")
    (folder / "issue.yaml").write_text(yaml, encoding="utf-8")
    for workers in (1, 2):
        with pytest.raises(IssueError) as raised:
            build(folder, tmp_path / f"out{workers}", options=OutputOptions(workers=workers))
        assert "'over2' overlaps" in str(raised.value)
        assert "over3" not in str(raised.value)
    shutil.rmtree(folder)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_missing_glyph_found_while_the_pages_start_stops_the_build(tmp_path, workers):
    """The glyph check runs in the building process while the workers compose the first
    pages; its error is the build's (before an overset on the same page) and nothing is
    written. The control: the same issue without the character builds."""
    folder = three_pages(tmp_path, 5, 30)                  # page 2 is overset as well
    body = (folder / "articles" / "page2.md").read_text(encoding="utf-8")
    (folder / "articles" / "page2.md").write_text(body + "\n生僻字\U00020000。\n", encoding="utf-8")
    with pytest.raises(IssueError) as raised:
        build(folder, tmp_path / "out", options=OutputOptions(workers=workers))
    assert "\U00020000" in str(raised.value) and "overset" not in str(raised.value)
    assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]  # no staging folder left
    fine = three_pages(tmp_path / "control", 30, 30)
    build(fine, tmp_path / "control" / "out", options=OutputOptions(workers=workers))


def test_a_lone_changed_page_is_made_without_forking_workers(tmp_path, monkeypatch):
    """A warm rebuild with one page changed composes and draws it in the building
    process (forking workers costs more than the page); two changed pages (the control)
    go to the workers."""
    import concurrent.futures

    from layout.build import Builder

    pools = []
    real = concurrent.futures.ProcessPoolExecutor

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs):
            pools.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counting)
    folder = three_pages(tmp_path, 30, 30)
    builder = Builder(folder, options=OutputOptions(workers=2))
    builder.build(tmp_path / "out")
    assert len(pools) == 1                                    # the cold build: workers
    body = folder / "articles" / "page2.md"
    body.write_text(body.read_text(encoding="utf-8").replace("。", "呢。", 1), encoding="utf-8")
    builder.build(tmp_path / "out")
    assert len(pools) == 1 and len(builder.redrawn) == 1      # one page: no fork
    for name in ("page2.md", "page3.md"):
        body = folder / "articles" / name
        body.write_text(body.read_text(encoding="utf-8").replace("。", "啊。", 1), encoding="utf-8")
    builder.build(tmp_path / "out")
    assert len(pools) == 2 and len(builder.redrawn) == 2      # the control: two pages, workers


@pytest.mark.parametrize("workers", [1, 2])
def test_a_build_that_keeps_nothing_gives_the_same_files_and_holds_no_text(tmp_path, monkeypatch, workers):
    """`paiban build` (remember=False): each page, once drawn, is held without its lines
    (memory flat in the page count), and the files are byte-identical to a build that
    keeps its pages for a rebuild; the control, remember=True, keeps the text."""
    from layout.compose.items import TextRun
    from layout.compose import issue as composing

    kept: dict[bool, list] = {}
    finish = composing.IssueComposition.finish

    def finished(self):
        out = finish(self)
        kept[self.remember] = list(out)
        return out

    monkeypatch.setattr(composing.IssueComposition, "finish", finished)
    sets = {}
    for remember in (True, False):
        composing.MEMO.clear()
        build(JUMPING, tmp_path / f"r{remember}", options=OutputOptions(workers=workers), remember=remember)
        sets[remember] = snapshot(tmp_path / f"r{remember}")
    assert sets[True] == sets[False]
    runs = {remember: sum(isinstance(i, TextRun) for r in results for i in r.page.items)
            + sum(len(m.items) for r in results for m in r.modules) for remember, results in kept.items()}
    assert runs[True] > 1000 and runs[False] == 0

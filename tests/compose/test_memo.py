"""Pages remembered by content (layout.compose.memo): a rebuild composes again only the
pages whose inputs changed, and what it gives is what a cold compose gives."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from helpers import compose_folder
from layout.compose import compose_issue
from layout.compose.memo import PageMemo
from layout.model import load_issue
from layout.model.schema import FontRole
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

ROOT = Path(__file__).resolve().parents[2]


def compose(folder: Path, memo: PageMemo):
    return compose_folder(folder, memo=memo)[1]


def test_an_issue_loaded_again_is_not_composed_again(tmp_path):
    memo = PageMemo()
    first = compose(ROOT / "issues" / "chengbei-2023-03-15", memo)
    assert (memo.hits, memo.misses) == (0, 3)
    again = compose(ROOT / "issues" / "chengbei-2023-03-15", memo)       # new objects, the same content
    assert (memo.hits, memo.misses) == (3, 3)
    assert again == first


def test_an_edited_story_recomposes_its_page_only_and_as_a_cold_compose_would(tmp_path):
    folder = tmp_path / "chengbei"
    shutil.copytree(ROOT / "issues" / "chengbei-2023-03-15", folder)
    memo = PageMemo()
    before = compose(folder, memo)
    story = folder / "articles" / "basketball-final.md"                   # on page 3, placed automatically
    assert any(m.article.id == "basketball-final" for m in before[2].modules)
    story.write_text(story.read_text(encoding="utf-8").replace("决赛", "总决赛", 1), encoding="utf-8")
    after = compose(folder, memo)
    assert (memo.hits, memo.misses) == (2, 4)                            # pages 1 and 2 remembered
    assert after[:2] == before[:2] and after[2] != before[2]             # control: the edit is on the page
    cold = compose(folder, PageMemo())
    assert after == cold


def test_the_fonts_content_is_in_the_key(tmp_path):
    """The same issue with another font in a role is composed anew (negative control for a
    key by name: the font file keeps its name, its content changes)."""
    folder = tmp_path / "seed"
    shutil.copytree(ROOT / "issues" / "jiefang-2023-01-06", folder)
    memo = PageMemo()
    compose(folder, memo)
    issue, _ = normalize_issue(load_issue(folder))
    kai, song = issue.fonts.path(FontRole.KAI), issue.fonts.path(FontRole.SONG)
    local = folder / "fonts"
    local.mkdir()
    shutil.copy(kai, local / "Body.ttf")
    first = _with_body(folder, local / "Body.ttf", memo)
    shutil.copy(song, local / "Body.ttf")                                 # same name, other content
    second = _with_body(folder, local / "Body.ttf", memo)
    assert memo.misses == 3 and first != second


def _with_body(folder: Path, body: Path, memo: PageMemo):
    issue, _ = normalize_issue(load_issue(folder))
    files = tuple((role, body if role is FontRole.SONG else path) for role, path in issue.fonts.files)
    issue = replace(issue, fonts=replace(issue.fonts, files=files))
    return compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig.of(issue.typesetting),
                         draft=True, memo=memo)


def test_a_rebuild_sets_again_only_the_edited_paragraph(tmp_path, monkeypatch):
    """The paragraphs memo (memo.LINES): the page an edit recomposes sets again only the
    paragraph edited (at the widths tried), every other paragraph of the page taken as set
    before; the page is what a cold compose gives. The control: with the memo emptied
    first, the same rebuild sets the page's other paragraphs too."""
    from layout.compose import measure
    from layout.compose.memo import LINES

    folder = tmp_path / "chengbei"
    shutil.copytree(ROOT / "issues" / "chengbei-2023-03-15", folder)
    memo = PageMemo()
    compose(folder, memo)
    story = folder / "articles" / "basketball-final.md"
    story.write_text(story.read_text(encoding="utf-8").replace("加时赛中", "加时赛里", 1), encoding="utf-8")
    set_now: list[str] = []
    real = measure.set_paragraph
    monkeypatch.setattr(measure, "set_paragraph", lambda spans, *a: set_now.append("".join(s.text for s in spans))
                        or real(spans, *a))
    after = compose(folder, memo)
    assert set_now and all("加时赛里" in text for text in set_now)
    set_now.clear()
    LINES.clear()
    cold = compose(folder, PageMemo())
    assert cold == after
    assert any("加时赛里" not in text for text in set_now)  # the control: other paragraphs set too


def test_a_build_that_keeps_nothing_remembers_no_paragraph(tmp_path):
    """`paiban build` (nothing kept for a rebuild: IssueComposition(remember=False)) puts
    no paragraph in the memo, so its memory does not grow with the copy; the control:
    remembering, it does."""
    from layout.compose.issue import IssueComposition
    from layout.compose.memo import LINES

    issue, _ = normalize_issue(load_issue(ROOT / "issues" / "chengbei-2023-03-15"))
    metrics, text = MetricsSet.for_fonts(issue.fonts), TextConfig.of(issue.typesetting)
    LINES.clear()
    for remember in (False, True):
        work = IssueComposition(issue, metrics, text, draft=True, memo=PageMemo(), remember=remember)
        for page in issue.pages:
            work.add(page, work.compose(page))
        assert (len(LINES) > 0) is remember

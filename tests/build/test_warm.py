"""The warm path (layout.build.Builder with layout/model/memo.py and layout/render/kept.py):
a rebuild after an edit gives the files of a cold build of the edited issue, every edit
of the copy is seen (nothing stale served from the memos), unchanged page files are
linked from the last set only while they are the files written then, and a failed
rebuild leaves the old set whole."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace

import pytest

from helpers import read_pdf, visible
from layout.build import Builder, OutputOptions, build
from layout.errors import PaibanError
from layout.preflight.report import TacMethod

from .conftest import snapshot

FAST = OutputOptions(workers=1, tac=TacMethod.PYTHON)
PAGE1, PAGE2 = "TEST_20230106_A01.pdf", "TEST_20230106_A02.pdf"


def page_text(path) -> str:
    return "".join(c.text for page in read_pdf(path) for c in page.chars)


@pytest.fixture
def warm(two_issues, tmp_path):
    """(issue folder, Builder that has built it once into tmp_path/out)."""
    folder = tmp_path / "issue"
    shutil.copytree(two_issues[0], folder)
    builder = Builder(folder, options=FAST)
    builder.build(tmp_path / "out", png=True)
    return folder, builder


def append(body, text: str) -> None:
    body.write_text(body.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


def test_an_edit_is_rebuilt_like_a_cold_build_and_the_unchanged_page_linked(warm, tmp_path):
    folder, builder = warm
    check_edit_rebuilt(folder, builder, tmp_path)


def test_with_two_workers_too(two_issues, tmp_path):
    folder = tmp_path / "issue"
    shutil.copytree(two_issues[0], folder)
    builder = Builder(folder, options=replace(FAST, workers=2))
    builder.build(tmp_path / "out", png=True)
    check_edit_rebuilt(folder, builder, tmp_path)


def check_edit_rebuilt(folder, builder, tmp_path) -> None:
    """Page 2 edited and rebuilt: page 1 linked, the set equal to a cold build's."""
    inode = os.stat(tmp_path / "out" / PAGE1).st_ino
    append(folder / "articles" / "beta.md", "新加的一段正文。")   # beta is on page 2
    builder.build(tmp_path / "out", png=True)
    assert builder.redrawn == (PAGE2,)
    assert builder.linked == (PAGE1, PAGE1[:-4] + ".png")          # the same file, not written again
    assert os.stat(tmp_path / "out" / PAGE1).st_ino == inode
    build(folder, tmp_path / "cold", png=True, options=FAST)
    assert snapshot(tmp_path / "out") == snapshot(tmp_path / "cold")


def test_every_edit_of_the_copy_is_seen_and_an_edit_undone_too(warm, tmp_path):
    folder, builder = warm
    body = folder / "articles" / "beta.md"
    original = body.read_bytes()
    append(body, "编辑刚刚补写的句子。")
    builder.build(tmp_path / "out")
    assert "编辑刚刚补写的句子" in visible(page_text(tmp_path / "out" / PAGE2))
    body.write_bytes(original.replace("近日".encode(), "昨日".encode()))  # same length, other words
    builder.build(tmp_path / "out")
    text = visible(page_text(tmp_path / "out" / PAGE2))
    assert "昨日" in text and "近日" not in text and "编辑刚刚补写的句子" not in text
    body.write_bytes(original)                                      # back to bytes seen before
    builder.build(tmp_path / "out")
    text = visible(page_text(tmp_path / "out" / PAGE2))
    assert "近日" in text and "昨日" not in text                     # negative control of the memo's key


def test_an_edit_needing_normalization_is_normalized(warm, tmp_path):
    folder, builder = warm
    append(folder / "articles" / "beta.md", "他说...好的。")
    result = builder.build(tmp_path / "out")
    assert "他说……好的" in visible(page_text(tmp_path / "out" / PAGE2))
    assert any(c.edit.before == "..." and c.article == "beta" for c in result.changes)


def test_a_page_file_touched_in_the_output_folder_is_written_again_not_linked(warm, tmp_path):
    folder, builder = warm
    kept = (tmp_path / "out" / PAGE1).read_bytes()
    (tmp_path / "out" / PAGE1).write_bytes(b"%PDF- someone else's bytes")
    append(folder / "articles" / "beta.md", "又一段。")
    builder.build(tmp_path / "out", png=True)
    assert PAGE1 not in builder.linked and builder.redrawn == (PAGE2,)
    assert (tmp_path / "out" / PAGE1).read_bytes() == kept


def test_a_rebuild_into_another_folder_writes_every_file(warm, tmp_path):
    folder, builder = warm
    builder.build(tmp_path / "elsewhere", png=True)
    assert builder.linked == () and builder.redrawn == ()
    assert snapshot(tmp_path / "elsewhere") == snapshot(tmp_path / "out")


def test_a_failed_rebuild_leaves_the_old_set_whole(warm, tmp_path):
    folder, builder = warm
    before = snapshot(tmp_path / "out")
    append(folder / "articles" / "beta.md", "很长的一段正文。" * 2000)  # overset: the build stops
    with pytest.raises(PaibanError):
        builder.build(tmp_path / "out", png=True)
    assert snapshot(tmp_path / "out") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["issue", "out"]  # no staging left beside it


def test_the_builder_is_ready_to_compose_after_its_first_build(two_issues, tmp_path):
    """After its first build (pages made by workers) the builder's process has the
    segmenter's dictionary loaded, so the first edit it recomposes here does not wait
    for it; the control: a plain build() made with workers leaves this process without."""
    from layout.text.words import load_dictionary

    folder = tmp_path / "issue"
    shutil.copytree(two_issues[0], folder)
    load_dictionary.cache_clear()
    build(folder, tmp_path / "cold", options=replace(FAST, workers=2))
    assert load_dictionary.cache_info().currsize == 0
    Builder(folder, options=replace(FAST, workers=2)).build(tmp_path / "out")
    assert load_dictionary.cache_info().currsize == 1

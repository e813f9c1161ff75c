"""The warm builder (layout.build.Builder): a rebuild draws only the pages whose composed
content or settings changed, and gives the same files as a cold build."""

from __future__ import annotations

import shutil

from layout.build import Builder, OutputOptions, build
from layout.preflight.report import TacMethod

from .conftest import snapshot

FAST = OutputOptions(workers=1, tac=TacMethod.PYTHON)


def test_a_rebuild_draws_only_the_changed_page_and_matches_a_cold_build(two_issues, tmp_path):
    folder = tmp_path / "issue"
    shutil.copytree(two_issues[0], folder)
    builder = Builder(folder, options=FAST)
    builder.build(tmp_path / "out", png=True)
    assert builder.redrawn == ("TEST_20230106_A01.pdf", "TEST_20230106_A02.pdf")
    builder.build(tmp_path / "out", png=True)
    assert builder.redrawn == ()                                  # nothing changed: nothing drawn
    body = folder / "articles" / "beta.md"                        # beta is on page 2
    body.write_text(body.read_text(encoding="utf-8") + "\n新加的一段正文。\n", encoding="utf-8")
    builder.build(tmp_path / "out", png=True)
    assert builder.redrawn == ("TEST_20230106_A02.pdf",)
    build(folder, tmp_path / "cold", png=True, options=FAST)
    assert snapshot(tmp_path / "out") == snapshot(tmp_path / "cold")

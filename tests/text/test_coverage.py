"""A character no configured font has stops the build, naming article, paragraph and
character (layout.text.copyedit.check_coverage), and nothing is written."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont

from layout.build import build
from layout.errors import IssueError
from layout.model import load_issue

from conftest import BASE_YAML, edit, line_of

MISSING = "\U00020000"  # 𠀀 CJK Unified Ideographs Extension B, first character
TIBETAN = "\u0f40"      # ཀ TIBETAN LETTER KA


@pytest.fixture(scope="module")
def font_cmaps():
    from layout.model.fonts import DEFAULT_FONT_FILES, bundled_font_dir

    cmaps = {}
    for role, name in DEFAULT_FONT_FILES.items():
        with TTFont(bundled_font_dir() / name, lazy=True) as font:
            cmaps[role] = set(font.getBestCmap())
    return cmaps


def test_the_test_characters_are_really_missing_from_every_font(font_cmaps):
    for role, cmap in font_cmaps.items():
        assert ord(MISSING) not in cmap, f"{role.value} font has U+20000: pick another test character"
        assert ord(TIBETAN) not in cmap, f"{role.value} font has U+0F40: pick another test character"
        assert ord("解") in cmap  # control: a character every face has


def test_missing_character_in_a_paragraph_stops_the_build(make_issue, tmp_path):
    body = "第一段，没有问题。\n\n第二段有一个生僻字" + MISSING + "，排不出来。\n"
    folder = make_issue(files={"articles/beta.md": body})
    load_issue(folder)  # the loader accepts it: a real character, not a control or private-use one
    out = tmp_path / "out"
    with pytest.raises(IssueError) as info:
        build(folder, out)
    message = str(info.value)
    assert "beta" in message and "paragraph 2" in message
    assert MISSING in message and "U+20000" in message
    assert "beta.md:3:" in message  # the body file and the paragraph's line
    assert len(info.value.problems) == 1
    assert not out.exists() or not any(out.iterdir())


def test_missing_character_in_a_caption_and_headline_are_all_reported(make_issue, tmp_path):
    text = edit(BASE_YAML, "caption: 图为测试照片", "caption: 图为" + TIBETAN + "测试照片")
    text = edit(text, "headline: 测试标题一", "headline: 测试" + MISSING + "标题一")
    with pytest.raises(IssueError) as info:
        build(make_issue(text), tmp_path / "out")
    problems = info.value.problems
    assert len(problems) == 2
    headline = next(p for p in problems if "headline" in p.field)
    caption = next(p for p in problems if "caption" in p.field)
    assert "alpha" in headline.field and MISSING in headline.message
    assert "beta" in caption.field and TIBETAN in caption.message and "U+0F40" in caption.message
    assert caption.line == line_of(text, "- file: assets/photo.jpg")
    assert headline.line == line_of(text, "- id: alpha")
    assert not (tmp_path / "out").exists()

"""Fonts for ReportLab by content (layout/render/fonts.py, fontcache.py): two issues with a
`fonts/Body.ttf` each get their own font in one process; parsed fonts come back from the
cache folder unchanged; a damaged font or cache entry is an error for people or a fresh
parse, never a traceback."""

from __future__ import annotations

import shutil

import pikepdf
import pytest

from layout.build import OutputOptions, build
from layout.errors import PaibanError
from layout.model.schema import FontRole, FontSet
from layout.render import fontcache
from layout.render.fonts import font_name, parse, register_fonts

from conftest import BASE_YAML, ROOT, edit, write_issue

FONTS = ROOT / "fonts"


def _issue_with_body_font(folder, source: str):
    """An issue whose song (body) font is its own fonts/Body.ttf, a copy of `source`."""
    yaml = edit(BASE_YAML, "pages:\n", "fonts:\n  song: fonts/Body.ttf\npages:\n")
    issue = write_issue(folder, yaml)
    (issue / "fonts").mkdir()
    shutil.copyfile(FONTS / source, issue / "fonts" / "Body.ttf")
    return issue


def _embedded(path) -> set[str]:
    with pikepdf.open(path) as pdf:
        return {str(f.BaseFont).split("+", 1)[1] for f in pdf.pages[0].Resources.Font.values()}


def test_two_issues_with_a_body_ttf_each_get_their_own_font(tmp_path):
    serif = _issue_with_body_font(tmp_path / "serif", "NotoSerifSC-Regular.ttf")
    kai = _issue_with_body_font(tmp_path / "kai", "PaibanWenKai-Regular.ttf")
    one = build(serif, tmp_path / "out1", options=OutputOptions(workers=1))
    two = build(kai, tmp_path / "out2", options=OutputOptions(workers=1))
    assert "NotoSerifCJKsc-Regular" in _embedded(one.pages[0].path)
    assert "NotoSerifCJKsc-Regular" not in _embedded(two.pages[0].path)   # not the first issue's Body.ttf
    assert "PaibanWenKai-Regular" in _embedded(two.pages[0].path)


def test_names_follow_content_not_path(tmp_path):
    a, b = tmp_path / "a.ttf", tmp_path / "b.ttf"
    shutil.copyfile(FONTS / "NotoSansSC-Regular.ttf", a)
    shutil.copyfile(FONTS / "NotoSansSC-Regular.ttf", b)
    assert font_name(a) == font_name(b)
    shutil.copyfile(FONTS / "NotoSansSC-Bold.ttf", b)          # same path, other content
    assert font_name(a) != font_name(b)


def test_only_the_roles_asked_for_are_registered(tmp_path):
    fonts = FontSet(((FontRole.SONG, FONTS / "NotoSerifSC-Regular.ttf"), (FontRole.KAI, FONTS / "PaibanWenKai-Regular.ttf")))
    assert set(register_fonts(fonts, [FontRole.SONG])) == {FontRole.SONG}


def test_a_damaged_font_is_an_error_naming_it(tmp_path):
    for content in (b"not a font at all", (FONTS / "NotoSansSC-Bold.ttf").read_bytes()[:3000]):
        path = tmp_path / "Broken.ttf"
        path.write_bytes(content)
        with pytest.raises(PaibanError, match="Broken.ttf: cannot use this font for 'song'"):
            register_fonts(FontSet(((FontRole.SONG, path),)))


def test_a_parsed_font_comes_back_from_the_cache_unchanged(tmp_path):
    path = FONTS / "PaibanWenKai-Regular.ttf"
    digest = "0" * 64
    fresh = parse("paiban-test-fresh", path)
    assert fontcache.load_parsed("paiban-test-cached", path, digest, tmp_path) is None     # nothing yet
    fontcache.store_parsed(fresh, digest, tmp_path)
    cached = fontcache.load_parsed("paiban-test-cached", path, digest, tmp_path)
    skip = {"_pdfScale", "filename"}
    assert {k: v for k, v in cached.face.__dict__.items() if k not in skip} == \
        {k: v for k, v in fresh.face.__dict__.items() if k not in skip}
    assert cached.face._pdfScale(1000) == fresh.face._pdfScale(1000)
    assert cached.shapable == fresh.shapable and cached._asciiReadable == fresh._asciiReadable
    assert cached.stringWidth("排版 paiban", 9) == fresh.stringWidth("排版 paiban", 9)
    (entry,) = (tmp_path / "fonts").iterdir()
    for damage in (b"", entry.read_bytes()[:1000], b"\x00garbage"):
        entry.write_bytes(damage)
        assert fontcache.load_parsed("paiban-test-cached", path, digest, tmp_path) is None


def test_pdfs_are_the_same_with_fonts_from_the_cache(tmp_path):
    """Two fresh processes, the second reading every font from the cache the first
    filled, give identical files."""
    import os
    import subprocess
    import sys

    issue = write_issue(tmp_path / "issue")
    env = {**os.environ, "PAIBAN_CACHE": str(tmp_path / "cache"),
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    for out in ("cold", "warm"):
        done = subprocess.run([sys.executable, "-m", "layout", "build", str(issue), "-o", str(tmp_path / out),
                               "--tac", "python"], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    assert list((tmp_path / "cache" / "fonts").glob("*.marshal"))
    cold = {p.name: p.read_bytes() for p in (tmp_path / "cold").iterdir()}
    assert cold == {p.name: p.read_bytes() for p in (tmp_path / "warm").iterdir()}

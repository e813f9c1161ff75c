"""Font metrics by content (issue 11 item 8, issue 10 item 3): immutable, cached by the
font file's SHA-256 (never by its name or path), read once per process and only when a
role is measured."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from layout.model.schema import FontRole, FontSet
from layout.text import metrics as m
from layout.text.metrics import FontFileError, MetricsSet, load_font_metrics

FONTS = Path(__file__).resolve().parents[2] / "fonts"
SONG = FONTS / "NotoSerifSC-Regular.ttf"
KAI = FONTS / "PaibanWenKai-Regular.ttf"


def test_widths_cannot_be_changed():
    metrics = load_font_metrics(SONG)
    with pytest.raises(TypeError):
        metrics.widths["一"] = 2.0  # type: ignore[index]
    assert metrics.advance("一") == 1.0


def test_one_content_is_parsed_once_whatever_its_path(tmp_path, monkeypatch):
    calls = []
    real = m.read_advances
    monkeypatch.setattr(m, "read_advances", lambda data: calls.append(1) or real(data))
    font = tmp_path / "a" / "Body.ttf"
    font.parent.mkdir()
    font.write_bytes(SONG.read_bytes() + b"\0" * 4)  # a content no other test has loaded
    copy = tmp_path / "b" / "Other.ttf"
    copy.parent.mkdir()
    shutil.copy(font, copy)
    assert load_font_metrics(font) is load_font_metrics(copy) and len(calls) == 1


def test_two_files_with_one_name_keep_their_own_metrics(tmp_path):
    """Two issues each with a fonts/Body.ttf: the second does not get the first's metrics."""
    first, second = tmp_path / "one" / "Body.ttf", tmp_path / "two" / "Body.ttf"
    for path, source in ((first, SONG), (second, KAI)):
        path.parent.mkdir()
        shutil.copy(source, path)
    a, b = load_font_metrics(first), load_font_metrics(second)
    assert a.digest != b.digest and a != b and a.advance("A") != b.advance("A")


def test_an_edited_file_is_read_again(tmp_path):
    font = tmp_path / "Body.ttf"
    shutil.copy(SONG, font)
    before = load_font_metrics(font)
    font.write_bytes(KAI.read_bytes())
    assert load_font_metrics(font).digest != before.digest


def test_nothing_is_read_until_a_role_is_measured(tmp_path, monkeypatch):
    read = []
    monkeypatch.setattr(m, "_load", lambda path, *stat: read.append(Path(path).name) or m.FontMetrics("x", {}))
    fonts = FontSet(((FontRole.SONG, SONG), (FontRole.KAI, KAI), (FontRole.HEI, tmp_path / "missing.ttf")))
    metrics = MetricsSet.for_fonts(fonts)
    assert read == []
    metrics.get(FontRole.SONG)
    assert read == [SONG.name]  # the Kai font and the missing Hei font were never opened


def test_a_file_that_is_no_font_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"not a font at all, just some text" * 10)
    with pytest.raises(FontFileError, match="bad.ttf: not a usable"):
        load_font_metrics(bad)
    with pytest.raises(FontFileError, match="cannot read"):
        load_font_metrics(tmp_path / "nowhere.ttf")


QUOTES = {"“": "open", "‘": "open", "”": "close", "’": "close"}


def badly_set_quotes(path: Path) -> list[str]:
    """Quotation marks of the font at `path` not set as Chinese sets them (GB/T 15834
    §4.1): a full em, the ink of an opening mark in the right half, of a closing mark in
    the left half."""
    from fontTools.ttLib import TTFont

    bad = []
    with TTFont(path, lazy=True) as font:  # closed: an open file left to the collector warns in a later test
        upm, cmap, glyf = font["head"].unitsPerEm, font.getBestCmap(), font["glyf"]
        for ch, side in QUOTES.items():
            name = cmap[ord(ch)]
            glyph = glyf[name]
            inked_right = glyph.xMin >= upm / 2 if side == "open" else glyph.xMax <= upm / 2
            if font["hmtx"][name][0] != upm or not inked_right:
                bad.append(ch)
    return bad


FONTS = sorted((Path(__file__).resolve().parents[2] / "fonts").glob("*.ttf"))


@pytest.mark.parametrize("font", FONTS, ids=[f.stem for f in FONTS])
def test_every_bundled_font_sets_quotes_full_width(font):
    assert badly_set_quotes(font) == []


def test_negative_control_a_narrow_quote_is_found(tmp_path):
    """The check on a copy of the Kai font with “ made 0.35 em (as LXGW WenKai draws it)."""
    from fontTools.ttLib import TTFont

    kai = next(f for f in FONTS if "WenKai" in f.name)
    with TTFont(kai) as font:
        name = font.getBestCmap()[ord("“")]
        font["hmtx"][name] = (350, font["hmtx"][name][1])
        font.save(tmp_path / "narrow.ttf")
    assert badly_set_quotes(tmp_path / "narrow.ttf") == ["“"]


def test_a_parse_kept_in_the_cache_folder_is_read_back_by_the_next_process(tmp_path, monkeypatch):
    """The next process finds the parse by the font's content and does not parse again;
    a damaged cache file (the control) is parsed again and replaced."""
    font = tmp_path / "fonts" / "Body.ttf"
    font.parent.mkdir()
    shutil.copyfile(SONG, font)
    cache = tmp_path / "cache"
    monkeypatch.setattr(m, "_PARSED", {})
    first = load_font_metrics(font, cache)
    (stored,) = cache.glob("metrics-v1-*.bin")
    assert first.digest in stored.name

    def fresh_process():
        monkeypatch.setattr(m, "_PARSED", {})
        m._load.cache_clear()

    parsed = []
    real = m.read_advances
    monkeypatch.setattr(m, "read_advances", lambda data: parsed.append(1) or real(data))
    fresh_process()
    again = load_font_metrics(font, cache)
    assert parsed == [] and dict(again.widths) == dict(first.widths) and again == first
    stored.write_bytes(stored.read_bytes()[:-5])  # damaged
    fresh_process()
    assert dict(load_font_metrics(font, cache).widths) == dict(first.widths) and parsed == [1]
    assert len(stored.read_bytes()) % 12 == 0

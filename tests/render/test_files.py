"""Files land whole: the output folder switched whole from a staging folder beside it,
the hot folder fed file by file from outside it (manifest last); byte-identical on
rebuild with or without the photo cache; photo resolution errors and warnings reach
the person building. Faults and kills: tests/build/."""

from __future__ import annotations

import hashlib
import json
import os
import re

import pytest

from layout.build import OutputOptions, build
from layout.errors import IssueError, PaibanError
from layout.render import hotfolder, outfolder

from conftest import BASE_YAML, line_of, write_issue, write_photo


@pytest.fixture
def issue(tmp_path):
    return write_issue(tmp_path / "issue")


def _renames(monkeypatch) -> list[tuple[str, str]]:
    """Record every rename the hot-folder delivery makes (and still make it)."""
    seen = []
    real = os.rename

    def record(source, target):
        seen.append((str(source), str(target)))
        real(source, target)

    monkeypatch.setattr(hotfolder.os, "rename", record)
    return seen


def test_the_output_folder_is_switched_whole_from_a_staging_folder_beside_it(issue, tmp_path, monkeypatch):
    swaps = []
    real = outfolder.exchange
    monkeypatch.setattr(outfolder, "exchange", lambda a, b: swaps.append((a, b)) or real(a, b))
    out = tmp_path / "out"
    build(issue, out, png=True)               # a new folder: renamed into place
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    build(issue, out, png=True)               # an existing one: exchanged in one step
    ((staging, target),) = swaps
    assert target == out and staging.parent == out.parent and staging.name.startswith(".out.paiban-new-")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["issue", "out"]   # nothing left beside it
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_deliver_places_only_the_plant_set_in_the_hot_folder(issue, tmp_path, monkeypatch):
    hot = tmp_path / "hot"
    renames = _renames(monkeypatch)
    result = build(issue, tmp_path / "out", png=True, options=OutputOptions(deliver=hot, force="test delivery"))
    assert sorted(p.name for p in hot.iterdir()) == ["TEST_20230106_A01.pdf", "manifest.json"]
    into_hot = [(s, t) for s, t in renames if os.path.dirname(t) == str(hot)]
    assert os.path.basename(into_hot[-1][1]) == "manifest.json"
    assert all(os.path.dirname(os.path.dirname(s)) == str(tmp_path) for s, _ in into_hot)  # staged outside it
    manifest = json.loads((hot / "manifest.json").read_text(encoding="utf-8"))
    assert "issue_pdf" not in manifest   # the whole-issue file is not for the press
    for entry in manifest["pages"]:
        assert hashlib.sha256((hot / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]
        assert (hot / entry["file"]).read_bytes() == (tmp_path / "out" / entry["file"]).read_bytes()
    assert [p.name for p in result.delivered] == ["TEST_20230106_A01.pdf", "manifest.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hot", "issue", "out"]


def test_deliver_refuses_proofs_with_marks(issue, tmp_path):
    with pytest.raises(PaibanError, match="not for the plant"):
        build(issue, tmp_path / "out", options=OutputOptions(marks=True, deliver=tmp_path / "hot"))
    assert not (tmp_path / "out").exists() and not (tmp_path / "hot").exists()


def test_rebuilds_are_byte_identical_with_and_without_the_cache(issue, tmp_path):
    cache = tmp_path / "cache"
    outs = [tmp_path / name for name in ("cold", "warm", "none")]
    build(issue, outs[0], options=OutputOptions(cache=cache))
    build(issue, outs[1], options=OutputOptions(cache=cache))
    build(issue, outs[2], options=OutputOptions(cache=None))
    contents = [{p.name: p.read_bytes() for p in out.iterdir()} for out in outs]
    assert contents[0] == contents[1] == contents[2]
    assert list(cache.rglob("*.jpg"))


def _photo_issue(tmp_path, pixels):
    folder = write_issue(tmp_path / "issue")
    write_photo(folder / "assets" / "photo.jpg", pixels)
    return folder


def test_a_photo_below_the_error_threshold_stops_the_build(tmp_path):
    folder = _photo_issue(tmp_path, (240, 160))           # ≈ 66 ppi over two tabloid columns
    with pytest.raises(IssueError) as info:
        build(folder, tmp_path / "out")
    (problem,) = info.value.problems
    assert problem.file.name == "issue.yaml" and problem.line == line_of(BASE_YAML, "- file: assets/photo.jpg")
    assert problem.field == "articles[1].photos[0].file"
    assert "66 ppi" in problem.message and "below 100 ppi" in problem.message
    assert not (tmp_path / "out").exists()


def test_draft_builds_a_coarse_photo_but_preflight_and_delivery_refuse_it(tmp_path):
    folder = _photo_issue(tmp_path, (240, 160))
    result = build(folder, tmp_path / "out", draft=True)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    preflight = manifest["pages"][0]["preflight"]
    assert preflight["result"] == "fail" and "below 100 ppi" in preflight["errors"][0]
    assert not result.pages[0].report.passed
    with pytest.raises(PaibanError, match="failed preflight"):
        build(folder, tmp_path / "out2", draft=True, options=OutputOptions(deliver=tmp_path / "hot", force="test"))
    assert not (tmp_path / "hot").exists()


def test_a_soft_photo_is_a_warning(tmp_path):
    folder = _photo_issue(tmp_path, (440, 293))           # ≈ 120 ppi
    result = build(folder, tmp_path / "out")
    assert [w for w in result.warnings if re.search(r"\b1[12]\d ppi", w) and "print soft" in w and "issue.yaml:" in w]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["pages"][0]["preflight"]
    assert entry["result"] == "pass" and any("below 150 ppi" in w for w in entry["warnings"])


def test_thresholds_are_settings(tmp_path):
    yaml = BASE_YAML.replace("pages:\n", "print:\n  ppi_warning: 60\n  ppi_error: 50\npages:\n", 1)
    folder = write_issue(tmp_path / "issue", yaml)
    write_photo(folder / "assets" / "photo.jpg", (240, 160))
    result = build(folder, tmp_path / "out")
    assert result.pages[0].report.passed and not [w for w in result.warnings if "ppi" in w]

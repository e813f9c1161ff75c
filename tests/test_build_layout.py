"""What the build does with the composer's findings and the sign-off: holes and unplaced
articles listed in report.json and as warnings in a draft; delivery to the plant only
for pages signed off (签发) at their current revision, or with --force and a reason,
which the manifest records."""

from __future__ import annotations

import json

import pytest

from conftest import BASE_YAML, edit
from layout.build import OutputOptions, build
from layout.errors import PaibanError
from layout.preflight import TacMethod


def test_a_draft_lists_holes_in_the_report_and_as_warnings(make_issue, tmp_path):
    folder = make_issue(edit(BASE_YAML, "  holes: allow            # a test page: two small articles on a tabloid page\n", ""))
    result = build(folder, tmp_path / "out", draft=True, options=OutputOptions(workers=1, tac=TacMethod.PYTHON))
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["layout"]["holes"] and all({"page", "column", "line", "lines"} <= set(h) for h in report["layout"]["holes"])
    assert any("hole (天窗)" in w for w in result.warnings)


def test_negative_control_the_same_issue_without_draft_is_refused(make_issue, tmp_path):
    folder = make_issue(edit(BASE_YAML, "  holes: allow            # a test page: two small articles on a tabloid page\n", ""))
    with pytest.raises(PaibanError, match="hole"):
        build(folder, tmp_path / "out", options=OutputOptions(workers=1, tac=TacMethod.PYTHON))
    assert not (tmp_path / "out").exists()


def test_holes_allowed_are_warnings_of_a_normal_build(make_issue, tmp_path):
    result = build(make_issue(), tmp_path / "out", options=OutputOptions(workers=1, tac=TacMethod.PYTHON))
    assert any("hole (天窗)" in w for w in result.warnings)


def test_delivery_refuses_pages_not_signed_off(make_issue, tmp_path):
    folder = make_issue()
    with pytest.raises(PaibanError, match=r"第1版 not signed off \(签发\)"):
        build(folder, tmp_path / "out", options=OutputOptions(workers=1, deliver=tmp_path / "hot", tac=TacMethod.PYTHON))
    assert not (tmp_path / "hot").exists() or not any((tmp_path / "hot").iterdir())
    assert not (tmp_path / "out").exists()


def test_signed_pages_are_delivered(make_issue, tmp_path):
    from layout.proof.build import composed
    from layout.proof.signoff import sign

    folder = make_issue()
    for result in composed(folder).results:
        sign(folder, result, "张三", "值班主任")
    build(folder, tmp_path / "out", options=OutputOptions(workers=1, deliver=tmp_path / "hot", tac=TacMethod.PYTHON))
    manifest = json.loads((tmp_path / "hot" / "manifest.json").read_text(encoding="utf-8"))
    assert [p["number"] for p in manifest["pages"]] == [1] and "signoff_override" not in manifest


def test_force_delivers_unsigned_pages_and_the_manifest_says_why(make_issue, tmp_path):
    folder = make_issue()
    build(folder, tmp_path / "out", options=OutputOptions(workers=1, deliver=tmp_path / "hot", tac=TacMethod.PYTHON,
                                                          force="值班主任电话确认 22:40"))
    manifest = json.loads((tmp_path / "hot" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["signoff_override"] == {"pages": [1], "reason": "值班主任电话确认 22:40"}

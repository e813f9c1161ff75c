"""Finding ids stay the same across rounds while the finding does; a finding the
second round no longer has is listed as resolved, a new one is marked new."""

from __future__ import annotations

import json


def findings(folder) -> dict:
    return {f["id"]: f for f in json.loads((folder / "proof.json").read_text(encoding="utf-8"))["findings"]}


def test_the_same_finding_has_the_same_id_in_the_next_round(seed_proof, second_proof):
    first, second = findings(seed_proof[0]), findings(second_proof[0])
    repeated = [i for i, f in first.items() if f["code"] == "W205"]
    assert repeated and all(i in second for i in repeated)  # 网格员、网格员: untouched by the edits
    assert len(set(first)) == len(first)  # ids are unique within a round


def test_ids_change_with_the_finding(make_issue, tmp_path):
    """Negative control: a different repeated word is a different finding."""
    from layout.proof import ProofOptions, proof

    a = make_issue(files={"articles/alpha.md": "社区网格员、网格员等力量参与。\n"}, name="a")
    b = make_issue(files={"articles/alpha.md": "社区志愿者、志愿者等力量参与。\n"}, name="b")
    proof(a, tmp_path / "pa", ProofOptions(cache=None))
    proof(b, tmp_path / "pb", ProofOptions(cache=None))
    ida = {i for i, f in findings(tmp_path / "pa").items() if f["code"] == "W205"}
    idb = {i for i, f in findings(tmp_path / "pb").items() if f["code"] == "W205"}
    assert ida and idb and ida != idb

"""`paiban watch` on the warm path: the process remembers body files and normalized copy
by content (layout/model/memo.py), so every edit must still show on the proof, an edit
undone too (the bytes seen before: served from the memo, and right)."""

from __future__ import annotations

import time

from layout.model import memo
from layout.proof import ProofOptions

from .conftest import FIRST_TIME
from .test_proof_watch import Watcher, rewrite


def proof_json(out) -> str:
    return (out / "proof.json").read_text(encoding="utf-8")


def test_every_edit_shows_on_the_proof_an_undone_one_too(make_issue, tmp_path):
    folder = make_issue()
    body, out = folder / "articles" / "beta.md", tmp_path / "out"
    with Watcher(folder, out, ProofOptions(time=FIRST_TIME, cache=None)) as watcher:
        watcher.wait(1)
        hits = memo.COPY.hits
        steps = (("近日", "最近"), ("最近", "近日"), ("近日", "日前"))
        for run, (old, new) in enumerate(steps, start=2):
            time.sleep(0.05)
            rewrite(body, old, new)
            _t, event = watcher.wait(run)
            assert event.result.rendered == (1,)
            text = proof_json(out)
            assert new in text and old not in text, (old, new)
    assert memo.COPY.hits > hits  # the unchanged body file came from the memo, not parsed again

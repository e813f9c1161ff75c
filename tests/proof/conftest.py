"""Fixtures of the proof tests: the seed issue proofed once per session, and a second
proof of an edited copy of it compared with the first (what an editor's 二校 shows).

tests/proof is a package, so this conftest does not shadow tests/conftest.py (which
other test modules import as `conftest`).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from layout.i18n import using
from layout.proof import ProofOptions, proof

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "issues" / "jiefang-2023-01-06"
FIRST_TIME = dt.datetime(2023, 1, 5, 21, 30)
SECOND_TIME = dt.datetime(2023, 1, 5, 22, 10)
# The edits of the second round: a word added in one story, one cut in another.
EDITS = {"articles/commerce-new-year.md": ("在刚刚过去的元旦假期里", "在刚刚过去的2023年元旦假期里"),
         "articles/credit-system.md": ("为进一步总结宣传", "为总结宣传")}


def edited_copy(target: Path, edits: dict[str, tuple[str, str]] = EDITS) -> Path:
    """A copy of the seed issue at `target` with `edits` (file: (old, new)) made."""
    shutil.copytree(SEED, target)
    for name, (old, new) in edits.items():
        file = target / name
        text = file.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"test setup: {old!r} not once in {name}"
        file.write_text(text.replace(old, new), encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def seed_proof(tmp_path_factory):
    """(folder, ProofResult) of the seed issue proofed once: 一校 at a fixed time, in
    Chinese (as editors get it)."""
    out = tmp_path_factory.mktemp("proof") / "first"
    with using("zh"):
        return out, proof(SEED, out, ProofOptions(round="一校", time=FIRST_TIME))


@pytest.fixture(scope="session")
def second_proof(tmp_path_factory, seed_proof):
    """(folder, ProofResult, issue folder) of the edited seed proofed as 二校 against the
    first proof."""
    base = tmp_path_factory.mktemp("proof2")
    issue = edited_copy(base / "issue")
    out = base / "second"
    with using("zh"):
        result = proof(issue, out, ProofOptions(round="二校", time=SECOND_TIME, previous=seed_proof[0]))
    return out, result, issue


@pytest.fixture(autouse=True)
def english_messages(monkeypatch):
    """The proof tests read English messages, but for the seed's proofs (made in
    Chinese, the default: `seed_proof`, `second_proof`); the tests of the default
    delete PAIBAN_LANG themselves."""
    monkeypatch.setenv("PAIBAN_LANG", "en")


# ------------------------------------------------------------------ headless Chromium (the proof page)

# `browser` (headless Chromium) is in tests/conftest.py.


@pytest.fixture
def open_page(browser):
    """open_page(folder) -> a Playwright page showing folder/index.html; fails the test
    on any script error."""
    pages, errors = [], []

    def opener(folder: Path, size=(1400, 900)):
        page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto((folder / "index.html").as_uri())
        page.wait_for_load_state("load")
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()
    assert errors == [], errors

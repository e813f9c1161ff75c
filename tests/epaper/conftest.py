"""Fixtures of the e-paper tests: the seed issue and the four-page test issue
(qingchuan-2024-03-15, with a jump from page 1 to page 3, photos, a photo story and a
black-and-white page) each built into a site once per session, with what the pipeline
made of them (the normalized issue and the composed pages) to check the site against.

tests/epaper is a package, so this conftest does not shadow tests/conftest.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from layout.compose import PageResult, compose_issue
from layout.epaper import EpaperOptions, EpaperResult, epaper
from layout.model import load_issue
from layout.model.schema import Issue
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SEED = ROOT / "issues" / "jiefang-2023-01-06"
MULTI = HERE / "qingchuan-2024-03-15"


@dataclass(frozen=True)
class Built:
    """A site and what it was made from: the issue as the pipeline set it (normalized)
    and its composed pages."""

    folder: Path
    result: EpaperResult
    issue: Issue
    pages: tuple[PageResult, ...]

    def read(self, name: str) -> str:
        return (self.folder / name).read_text(encoding="utf-8")


def build_site(issue_folder: Path, out: Path, options: EpaperOptions = EpaperOptions()) -> Built:
    result = epaper(issue_folder, out, options)
    issue = normalize_issue(load_issue(issue_folder))[0]
    pages = compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig.of(issue.typesetting))
    return Built(out, result, issue, pages)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Built:
    return build_site(SEED, tmp_path_factory.mktemp("epaper-seed") / "site")


@pytest.fixture(scope="session")
def multi_site(tmp_path_factory) -> Built:
    return build_site(MULTI, tmp_path_factory.mktemp("epaper-multi") / "site",
                      EpaperOptions(base_url="https://epaper.qcrb.example.cn/20240315"))


@pytest.fixture(scope="session", params=["seed", "multi"])
def site(request) -> Built:
    return request.getfixturevalue(f"{request.param}_site")


# `browser` (headless Chromium) is in tests/conftest.py.

"""Fixtures of the advertising tests: issues with booked ads (广告) whose files the tests
make (tests/ads/makeads.py), and one built issue with an ad of every good kind, shared
by the tests that read its page PDFs.

tests/ads is a package, so this conftest does not shadow tests/conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.build import build
from layout.model.schema import PdfxVersion

from .makeads import image_ad, vector_ad
from conftest import BASE_YAML, edit, write_issue

BROADSHEET = edit(BASE_YAML, "template: tabloid", "template: broadsheet")
TWO_PAGES = edit(BROADSHEET, "articles:\n", "  - number: 2\n    section: 广告\n    template: broadsheet\narticles:\n")


def ads_yaml(ads: list[dict[str, str]], base: str = BROADSHEET) -> str:
    """`base` with an `ads:` list, one entry per dict (values written as given: YAML)."""
    lines = ["ads:"]
    for ad in ads:
        spec = {"id": ad["id"], "advertiser": "测试商行", "booking": f"GG-{ad['id']}", "place": "{page: 1}", **ad}
        first = True
        for key, value in spec.items():
            lines.append(f"  {'- ' if first else '  '}{key}: {value}")
            first = False
    return base + "\n".join(lines) + "\n"


def issue_with_ads(folder: Path, ads: list[dict[str, str]], base: str = BROADSHEET) -> Path:
    """An issue folder at `folder` (BASE_YAML on a broadsheet page) with `ads`; their
    files are made by the caller into folder / "ads"."""
    write_issue(folder, ads_yaml(ads, base))
    (folder / "ads").mkdir()
    return folder


# The built issue of good ads: page 1 with a 170 × 80 mm PDF/X-1a ad at the foot of
# columns 5–8, a CMYK TIFF and a grey JPEG placed automatically; page 2 a PDF/X-4 ad.
GOOD_ADS = [
    {"id": "jiadian", "file": "ads/jiadian.pdf", "size": "{width: 170mm, height: 80mm}",
     "place": "{page: 1, column: 5, row: foot}", "advertiser": "焦作家电城", "booking": "GG-2023-0106-01"},
    {"id": "band", "file": "ads/band.tif", "size": "{width: 80mm, height: 50mm}"},
    {"id": "grey", "file": "ads/grey.jpg", "size": "{width: 80mm, height: 40mm}"},
    {"id": "bank", "file": "ads/bank.pdf", "size": "{width: 170mm, height: 60mm}", "place": "{page: 2, row: foot}"},
]


def make_good_ads(folder: Path) -> Path:
    issue_with_ads(folder, GOOD_ADS, TWO_PAGES)
    vector_ad(folder / "ads/jiadian.pdf", 170, 80)
    image_ad(folder / "ads/band.tif", 80, 50)
    image_ad(folder / "ads/grey.jpg", 80, 40, mode="L", fmt="JPEG")
    vector_ad(folder / "ads/bank.pdf", 170, 60, level=PdfxVersion.X4, colour=(1.0, 0.4, 0.0, 0.0))
    return folder


@pytest.fixture(scope="session")
def good_ads(tmp_path_factory) -> tuple[Path, Path]:
    """(issue folder, output folder) of the good-ads issue, built once."""
    folder = make_good_ads(tmp_path_factory.mktemp("ads") / "issue")
    out = folder.parent / "out"
    build(folder, out)
    return folder, out

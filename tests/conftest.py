"""Shared fixtures: the seed issue built once per session, and small synthetic issues.

The seed build is the expensive part of the suite (~2 s); every test that looks at
its output shares `seed_build`. Synthetic issues are written into `tmp_path` by
`make_issue`, starting from a small valid definition (`BASE_YAML`) that a test edits
with `edit()`, which fails loudly when the text to replace is not there; session-wide
ones (built once, shared) by `write_issue`. Converted photos are cached in a temporary
folder of the session ($PAIBAN_CACHE), never in the user's cache.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir
from PIL import Image, ImageDraw

from layout.build import build
from layout.model import load_issue
from layout.text.copyedit import normalize_issue

from helpers import read_pdf

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "issues" / "jiefang-2023-01-06"
os.environ["PAIBAN_CACHE"] = tempfile.mkdtemp(prefix="paiban-tests-cache-")

BASE_YAML = """\
issue:
  paper: 测试日报
  code: TEST
  date: 2023-01-06
  number: 1
  running_number: 100
  edition: 测试版
  holes: allow            # a test page: two small articles on a tabloid page
  qr:
    payload: "https://example.com/test/20230106"
    lines:
      - 扫一扫 关注我们
pages:
  - number: 1
    section: 要闻
    template: tabloid
    credits:
      editor: 张三
articles:
  - id: alpha
    headline: 测试标题一
    byline: 本报讯(记者张三)
    body: articles/alpha.md
    place: {page: 1, column: 1, span: 2}
  - id: beta
    headline: 第二篇测试稿件
    body: articles/beta.md
    photos:
      - file: assets/photo.jpg
        caption: 图为测试照片,用于检查图片说明。
        credit: 本报记者 张三 摄
    place: {page: 1, column: 3, span: 3}
"""

ALPHA = """\
第一段正文,用来检查排版。今天天气很好,我们去公园散步。

第二段正文:解放区商务局围绕"保障商品供应"工作主线,开展节庆促销活动。
"""

BETA = """\
近日,河南省民政厅公布全省第一批"双治理"创新实验区(点)。

据悉,去年9月份,河南省民政厅印发通知,决定在全省开展创新实验工作。
"""


def edit(text: str, old: str, new: str, count: int = 1) -> str:
    """`text` with `old` replaced by `new`; `old` must occur exactly `count` times."""
    found = text.count(old)
    assert found == count, f"test setup: {old!r} occurs {found} times, expected {count}"
    return text.replace(old, new)


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the `occurrence`-th line of `text` containing `needle`."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(hits) >= occurrence, f"test setup: {needle!r} is on {len(hits)} lines"
    return hits[occurrence - 1]


def write_photo(path: Path, size=(600, 400), mode: str = "RGB") -> None:
    """A test photo: orange with blue stripes every 8 px (600 × 400 px is ≈ 166 ppi in
    the base issue's two-column photo)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, (200, 120, 40))
    draw = ImageDraw.Draw(image)
    for x in range(0, size[0], 8):
        draw.line([(x, 0), (x, size[1] - 1)], fill=(20, 60, 160))
    image.convert(mode).save(path, format="JPEG", quality=80)


def write_issue(folder: Path, yaml: str = BASE_YAML, files: dict[str, str | None] | None = None) -> Path:
    """An issue folder at `folder`: `yaml` as issue.yaml plus the default body files and
    photo (a value of None leaves that file out)."""
    folder.mkdir(parents=True)
    (folder / "issue.yaml").write_text(yaml, encoding="utf-8")
    contents: dict[str, str | None] = {"articles/alpha.md": ALPHA, "articles/beta.md": BETA,
                                       "assets/photo.jpg": ""}
    contents.update(files or {})
    for rel, text in contents.items():
        if text is None:
            continue
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(".jpg"):
            write_photo(path)
        else:
            path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def make_issue(tmp_path):
    """make_issue(yaml=BASE_YAML, files={relative path: text or None}) -> issue folder.

    The default files are articles/alpha.md, articles/beta.md and assets/photo.jpg;
    a value of None leaves that file out."""

    def make(yaml: str = BASE_YAML, files: dict[str, str | None] | None = None, name: str = "issue") -> Path:
        return write_issue(tmp_path / name, yaml, files)

    return make


# ------------------------------------------------------------------ the seed issue

@pytest.fixture(scope="session")
def seed_folder() -> Path:
    assert (SEED / "issue.yaml").is_file(), f"seed issue missing at {SEED}"
    return SEED


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory, seed_folder):
    """(output folder, BuildResult) of the seed issue, built once (with PNGs)."""
    out = tmp_path_factory.mktemp("seed") / "out"
    result = build(seed_folder, out, png=True)
    return out, result


@pytest.fixture(scope="session")
def seed_out(seed_build) -> Path:
    return seed_build[0]


@pytest.fixture(scope="session")
def seed_issue(seed_folder):
    """The seed issue as the build sets it: loaded and copy-normalized."""
    issue, _changes = normalize_issue(load_issue(seed_folder))
    return issue


@pytest.fixture(scope="session")
def seed_manifest(seed_out) -> dict:
    return json.loads((seed_out / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_page_pdfs(seed_out, seed_manifest) -> dict[int, Path]:
    """Page number → that page's own PDF."""
    return {p["number"]: seed_out / p["file"] for p in seed_manifest["pages"]}


@pytest.fixture(scope="session")
def seed_pages(seed_page_pdfs) -> dict[int, object]:
    """Page number → PageText of the page's own PDF (read once)."""
    out = {}
    for number, path in seed_page_pdfs.items():
        pages = read_pdf(path)
        assert len(pages) == 1, f"{path.name} has {len(pages)} pages, expected 1"
        out[number] = pages[0]
    return out


@pytest.fixture(scope="session")
def seed_all_pdfs(seed_out) -> list[Path]:
    pdfs = sorted(seed_out.glob("*.pdf"))
    assert pdfs, "the build wrote no PDF"
    return pdfs


# Hypothesis keeps no example database and its caches go to the system temp folder, so the
# suite writes nothing into the repository (pytest's own .pytest_cache aside).
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "paiban-tests-hypothesis")
settings.register_profile("paiban", database=None, deadline=None)
settings.load_profile("paiban")


# ------------------------------------------------------------------ headless Chromium

CHROMIUM = Path(os.environ.get("PAIBAN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Debian's, never Playwright's download), for one test module:
    Playwright's sync API allows one instance at a time. The proof page and the e-paper
    are tested in it (.ci/run installs chromium)."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed (pip install playwright): not tested in a browser")
    if not CHROMIUM.is_file():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set PAIBAN_CHROMIUM): "
                    "not tested in a browser")
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except Error as exc:
            pytest.skip(f"Chromium at {CHROMIUM} does not start headless: {exc}")
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _no_paragraph_remembered():
    """Each test composes with no paragraph remembered from another test (layout.compose.memo
    LINES, keyed by content and settings, not by the engine's rules): a test that changes
    a rule to show it matters sees every paragraph set anew."""
    from layout.compose.memo import LINES

    LINES.clear()

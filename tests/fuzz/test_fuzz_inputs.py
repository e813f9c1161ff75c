"""Fuzzing the model stage (issue 11 item 10): mutated issue.yaml, body files and photos.

Whatever the bytes, loading ends in a valid Issue or an IssueError naming a file — never
another exception, never a hang. Successful loads go on through copy normalization and
the glyph check, which must hold the same promise. Run time is kept to a few seconds.
"""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import ALPHA, BASE_YAML, write_issue
from layout.errors import IssueError
from layout.model import load_issue
from layout.text.copyedit import check_coverage, normalize_issue
from layout.text.metrics import MetricsSet

SECONDS = 10.0  # a hang, not a benchmark: the longest a load may take, whatever the input, on a busy machine
EXAMPLES = int(os.environ.get("PAIBAN_FUZZ_EXAMPLES", "25"))  # more for a deeper run: PAIBAN_FUZZ_EXAMPLES=2000
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                derandomize=True)
ODD = ["\u202e", "\u200b", "\ufeff", "\u0301", "\U0001f600", "\x00", "\x07", "\x1b", "\u2028", "\ud7ff", "\uffff",
       "\u3000", "\t", "\r", "\n", "&a ", "*a ", "!!python/name:os.system ", "!include x ", "<<: ", "- ", "? ",
       "[", "{", "}", "]", ":", "#", "'", '"', "|", ">", "%YAML 1.1\n", "---\n", "...\n", ".nan", "-.inf",
       "2023-02-30", "0x1F", "1_000", "99999999999999999999", "~", "null", "yes", "-1", "0"]
SCALARS = ["null", "[]", "{}", "[1, [2, [3]]]", "{a: {b: c}}", ".nan", ".inf", "-1", "0", "1e308", "-99999999999",
           "2023-02-30", "2023-01-06 10:00:00", "true", "''", '"\\a"', "&x [*x]", "!!binary aGk=", "x" * 3000]
METRICS: dict[str, MetricsSet] = {}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return write_issue(tmp_path_factory.mktemp("fuzz") / "issue")


def survive(folder: Path) -> None:
    """Load `folder`; only our own errors may come out, in bounded time."""
    start = time.perf_counter()
    try:
        issue = load_issue(folder)
        normalized, _changes = normalize_issue(issue)
        if "metrics" not in METRICS:
            METRICS["metrics"] = MetricsSet.for_fonts(issue.fonts)
        check_coverage(normalized, METRICS["metrics"])
    except IssueError as exc:
        assert exc.problems and all(isinstance(p.file, Path) and str(p) for p in exc.problems)
    assert time.perf_counter() - start < SECONDS, "too slow"


def mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Apply (position, how many bytes to drop, what to insert) edits."""
    out = bytearray(data)
    for position, drop, insert in edits:
        at = position % (len(out) + 1)
        out[at:at + drop] = insert
    return bytes(out)


byte_edits = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 8), st.binary(max_size=8)), min_size=1,
                      max_size=6)
text_edits = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 8),
                                st.sampled_from(ODD).map(lambda s: s.encode("utf-8", "surrogatepass"))),
                      min_size=1, max_size=6)


@FUZZ
@given(edits=byte_edits)
def test_issue_yaml_with_random_bytes(folder, edits):
    (folder / "issue.yaml").write_bytes(mutate(BASE_YAML.encode("utf-8"), edits))
    survive(folder)


@FUZZ
@given(edits=text_edits)
def test_issue_yaml_with_odd_text_and_yaml_syntax(folder, edits):
    (folder / "issue.yaml").write_bytes(mutate(BASE_YAML.encode("utf-8"), edits))
    survive(folder)


@FUZZ
@given(cut=st.integers(0, len(BASE_YAML.encode("utf-8"))))
def test_issue_yaml_truncated(folder, cut):
    (folder / "issue.yaml").write_bytes(BASE_YAML.encode("utf-8")[:cut])
    survive(folder)


VALUE_LINES = [i for i, line in enumerate(BASE_YAML.splitlines()) if ": " in line and not line.rstrip().endswith(":")]


@FUZZ
@given(line=st.sampled_from(VALUE_LINES), value=st.sampled_from(SCALARS) | st.text(max_size=30))
def test_issue_yaml_with_a_value_of_another_type(folder, line, value):
    lines = BASE_YAML.splitlines()
    key = lines[line].split(": ", 1)[0]
    lines[line] = f"{key}: {value}"
    (folder / "issue.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    survive(folder)


@FUZZ
@given(depth=st.integers(1, 6000), flow=st.booleans())
def test_deep_nesting(folder, depth, flow):
    nested = "[" * depth + "]" * depth if flow else "".join("  " * i + f"k{i}:\n" for i in range(min(depth, 300)))
    (folder / "issue.yaml").write_text(BASE_YAML + "deep:\n  " + nested.replace("\n", "\n  ") + "\n", encoding="utf-8")
    survive(folder)


@FUZZ
@given(levels=st.integers(1, 12), width=st.integers(1, 12))
def test_alias_bombs(folder, levels, width):
    lines = ["bomb:", "  l0: &l0 [x]"] + [f"  l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]"
                                         for i in range(1, levels)]
    (folder / "issue.yaml").write_text(BASE_YAML + "\n".join(lines) + "\n", encoding="utf-8")
    survive(folder)


@FUZZ
@given(edits=byte_edits | text_edits, encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_body_files(folder, edits, encoding):
    (folder / "issue.yaml").write_text(BASE_YAML, encoding="utf-8")
    (folder / "articles" / "alpha.md").write_bytes(mutate(ALPHA.encode(encoding), edits))
    survive(folder)


@FUZZ
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_body_files_of_any_unicode(folder, text):
    (folder / "issue.yaml").write_text(BASE_YAML, encoding="utf-8")
    (folder / "articles" / "alpha.md").write_text(text, encoding="utf-8")
    survive(folder)


def _photo(kind: str) -> bytes:
    out = io.BytesIO()
    Image.effect_noise((96, 64), 50).convert("RGB").save(out, kind)
    return out.getvalue()


PHOTOS = {"JPEG": _photo("JPEG"), "PNG": _photo("PNG")}


@FUZZ
@given(kind=st.sampled_from(sorted(PHOTOS)), edits=byte_edits, cut=st.none() | st.integers(0, 4000))
def test_damaged_photos(folder, kind, edits, cut):
    (folder / "issue.yaml").write_text(BASE_YAML, encoding="utf-8")
    (folder / "articles" / "alpha.md").write_text(ALPHA, encoding="utf-8")
    data = mutate(PHOTOS[kind], edits)
    (folder / "assets" / "photo.jpg").write_bytes(data[:cut] if cut is not None else data)
    survive(folder)

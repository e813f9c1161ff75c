"""Fuzzing the model stage (issue 11 item 10): mutated issue.yaml, body files and photos,
and the newsroom's files (issue 13): damaged Word zips and odd XML inside sound ones,
ninjs JSON of any shape, plain-text exports, photos with damaged IPTC and XMP.

Whatever the bytes, loading ends in a valid Issue or an IssueError naming a file — never
another exception, never a hang. Successful loads go on through copy normalization and
the glyph check, which must hold the same promise. Run time is kept to a few seconds.
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import ALPHA, BASE_YAML, write_issue

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "model"))  # the newsroom files the model tests make
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


# ----------------------------------------------------------- newsroom body files

def _issue_with_body(root: Path, name: str, extra: str = "") -> Path:
    """An issue whose first article's body is `articles/NAME` (no headline in issue.yaml:
    the body file must bring one, or the load says so)."""
    text = BASE_YAML.replace("    headline: 测试标题一\n", "").replace("articles/alpha.md", f"articles/{name}{extra}")
    return write_issue(root, text)


def _docx_bytes() -> bytes:
    """A Word file with everything the reader handles: styles, bold, a table, a comment,
    a footnote, numbering, an emphasis mark."""
    from newsroom_files import add_footnote, append_xml, run_xml, word

    document = word()
    document.add_heading("制度建设", level=2)
    p = document.add_paragraph()
    p.add_run("一是").bold = True
    p.add_run("强化组织领导，")
    append_xml(p, run_xml("必须落实", '<w:em w:val="dot"/>'))
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 1).text = "项目", "4所"
    document.add_comment(p.runs, text="核实", author="王编辑")
    document.add_paragraph("完善制度。", style="List Number")
    add_footnote(document, document.paragraphs[2], "数据来自统计局。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def docx_folder(tmp_path_factory) -> Path:
    return _issue_with_body(tmp_path_factory.mktemp("fuzz-docx") / "issue", "alpha.docx")


DOCX: dict[str, bytes] = {}


def docx_bytes() -> bytes:
    """The Word file, made once (not a fixture: Hypothesis would print it in a report)."""
    if "docx" not in DOCX:
        DOCX["docx"] = _docx_bytes()
    return DOCX["docx"]


@FUZZ
@given(edits=byte_edits, cut=st.none() | st.integers(0, 20000))
def test_damaged_word_files(docx_folder, edits, cut):
    data = mutate(docx_bytes(), edits)
    (docx_folder / "articles" / "alpha.docx").write_bytes(data[:cut] if cut is not None else data)
    survive(docx_folder)


@FUZZ
@given(edits=text_edits | st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 40), st.sampled_from(
    [b"<w:ins>", b"</w:p>", b"<w:p>", b'<w:numPr><w:numId w:val="9"/></w:numPr>', b"<w:br/>", b"<w:tbl>", b"&amp;",
     b"<!DOCTYPE x>", b"<w:sym w:char=\"F0A7\"/>", b"<w:footnoteReference w:id=\"7\"/>", b"\xff\xfe", b""])),
    min_size=1, max_size=6), part=st.sampled_from(["word/document.xml", "word/styles.xml", "word/numbering.xml",
                                                   "word/footnotes.xml", "word/comments.xml"]))
def test_word_files_with_odd_xml_inside_a_sound_zip(docx_folder, edits, part):
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(docx_bytes())), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, mutate(data, edits) if info.filename == part else data)
    (docx_folder / "articles" / "alpha.docx").write_bytes(out.getvalue())
    survive(docx_folder)


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                        max_size=4), max_leaves=20)
NINJS_KEYS = ["headlines", "bodies", "by", "byline", "headline", "subheadline", "body_html", "body_text",
              "associations", "pubstatus", "renditions", "descriptions", "value", "role", "contenttype", "href", "type"]


@pytest.fixture(scope="module")
def ninjs_folder(tmp_path_factory) -> Path:
    return _issue_with_body(tmp_path_factory.mktemp("fuzz-ninjs") / "issue", "alpha.json")


@FUZZ
@given(edits=byte_edits | text_edits)
def test_ninjs_with_random_bytes(ninjs_folder, edits):
    import json

    from newsroom_files import ninjs_item

    data = json.dumps(ninjs_item(), ensure_ascii=False, indent=1).encode("utf-8")
    (ninjs_folder / "articles" / "alpha.json").write_bytes(mutate(data, edits))
    survive(ninjs_folder)


@FUZZ
@given(key=st.sampled_from(NINJS_KEYS), value=JSON_VALUES, html=st.lists(
    st.sampled_from(list("<>/\"=& \n中文ab") + ["<p>", "</p>", "<b>", "<table>", "<td>", "<tr>", "<br>",
                                               "<script>", "<em class=dots>", "</em>", "<h2>", "&#0;", "&lt;"]),
    max_size=40).map("".join))
def test_ninjs_with_values_of_any_type(ninjs_folder, key, value, html):
    import copy
    import json

    from newsroom_files import ninjs_item

    item = ninjs_item()
    item["bodies"][1]["value"] = html
    item[key] = value
    pictures = item["associations"]
    if isinstance(pictures, list) and pictures and isinstance(pictures[0], dict):
        pictures[0][key] = copy.deepcopy(value)  # a copy: `associations: [{}]` would hold itself
    (ninjs_folder / "articles" / "alpha.json").write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
    survive(ninjs_folder)


@pytest.fixture(scope="module")
def plain_folder(tmp_path_factory) -> Path:
    return _issue_with_body(tmp_path_factory.mktemp("fuzz-plain") / "issue", "alpha.txt", "\n    body_format: plain")


@FUZZ
@given(lines=st.lists(st.sampled_from(["引题：", "【主题】", "副题:", "作者：", "责任编辑：", "正文：", "小标题：", "",
                                       "\u3000\u3000", "标题", "段落文字。", "*x*", "\t", "：", "【】"]) |
                      st.text(max_size=12), max_size=12),
       encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_plain_text_exports(plain_folder, lines, encoding):
    text = "\n".join("".join(line) if isinstance(line, list) else line for line in lines)
    (plain_folder / "articles" / "alpha.txt").write_bytes(text.encode(encoding, errors="replace"))
    survive(plain_folder)


@FUZZ
@given(edits=byte_edits, where=st.sampled_from(["iim", "xmp"]))
def test_photos_with_damaged_metadata(folder, edits, where):
    from newsroom_files import iim, photo_bytes, with_iim, xmp

    (folder / "issue.yaml").write_text(BASE_YAML.replace("        caption: 图为测试照片,用于检查图片说明。\n", ""),
                                       encoding="utf-8")
    (folder / "articles" / "alpha.md").write_text(ALPHA, encoding="utf-8")
    if where == "iim":
        data = with_iim(photo_bytes(size=(64, 48)), mutate(iim({(2, 120): "图为测试。", (2, 80): "马强"}), edits))
    else:
        data = photo_bytes(size=(64, 48), xmp=mutate(xmp(caption="图为测试。", creator=["马强"]), edits))
    (folder / "assets" / "photo.jpg").write_bytes(data)
    survive(folder)

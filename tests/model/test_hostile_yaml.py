"""issue.yaml as a hostile user writes it (issue 11): each case is refused quickly with a
file:line message, never a traceback or a hang, and a negative control shows the
reader still accepts the legitimate form."""

from __future__ import annotations

import time

import pytest

from conftest import BASE_YAML, edit, line_of
from layout.errors import IssueError
from layout.model import load_issue
from layout.model.yamlsrc import MAX_DEPTH, read_yaml

LAUGHS = "".join(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9 if prev else ['lol'] * 9)}]\n"
                 for prev, name in zip(["", "a", "b", "c", "d", "e", "f"], "abcdefg"))


def refused(folder, seconds: float = 1.0) -> IssueError:
    start = time.perf_counter()
    with pytest.raises(IssueError) as info:
        load_issue(folder)
    assert time.perf_counter() - start < seconds, "refused, but too slowly"
    return info.value


def only_problem(error: IssueError, line: int, *words: str):
    problem = next((p for p in error.problems if p.line == line), None)
    assert problem is not None, f"no problem on line {line}: {error}"
    for word in words:
        assert word in str(problem), str(problem)
    return problem


def test_billion_laughs_is_refused_in_well_under_a_second(make_issue):
    assert len(LAUGHS) < 700
    error = refused(make_issue(BASE_YAML + "extra:\n" + "".join("  " + line for line in LAUGHS.splitlines(True))))
    assert "expands to more than" in str(error)


def test_a_few_aliases_are_fine(make_issue):
    """Negative control: anchors, aliases and `<<` merges that expand modestly load."""
    text = edit(BASE_YAML, "    place: {page: 1, column: 1, span: 2}\n",
                "    place: &left {page: 1, column: 1, span: 2}\n")
    text = edit(text, "    place: {page: 1, column: 3, span: 3}\n", "    place:\n      <<: *left\n      column: 3\n      span: 3\n")
    issue = load_issue(make_issue(text))
    assert (issue.articles[1].placement.column, issue.articles[1].placement.span) == (3, 3)


def test_a_50_megabyte_issue_yaml_is_refused_at_once(make_issue):
    folder = make_issue()
    with (folder / "issue.yaml").open("r+b") as stream:
        stream.truncate(50_000_000)  # sparse: the reader refuses it by its size
    error = refused(folder, 0.5)
    assert "50.0 MB" in str(error) and "at most 2 MB" in str(error)


def test_a_self_referencing_alias(make_issue):
    text = BASE_YAML + "x: &a [*a]\n"
    only_problem(refused(make_issue(text)), line_of(text, "x: &a"), "refers to the value that contains it")


def test_5000_deep_nesting_is_refused(make_issue):
    text = BASE_YAML + "x: " + "[" * 5000 + "]" * 5000 + "\n"
    error = refused(make_issue(text))
    assert error.problems[0].line == line_of(text, "x: [[")


def test_deep_block_nesting_names_the_limit(make_issue):
    text = BASE_YAML + "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 5)) + "  " * (MAX_DEPTH + 5) + "v\n"
    assert f"more than {MAX_DEPTH} levels" in str(refused(make_issue(text)))


@pytest.mark.parametrize("value", ["!!python/name:os.system", "!!python/object/apply:os.system [ls]",
                                   "!include other.yaml", "!include {file: x}", "!!set {a, b}", "!!binary aGVsbG8="])
def test_unknown_tags_are_file_line_errors(make_issue, value):
    text = edit(BASE_YAML, "  edition: 测试版\n", f"  edition: {value}\n")
    only_problem(refused(make_issue(text)), line_of(text, "edition:"), "unknown tag")


def test_plain_yaml_tags_are_fine(make_issue):
    text = edit(BASE_YAML, "  edition: 测试版\n", "  edition: !!str 2023\n")
    assert load_issue(make_issue(text)).edition == "2023"


@pytest.mark.parametrize("raw, name", [("\x07", "BELL"), ("\x1b", "ESCAPE"), ("\x7f", "DELETE"), ("\x85", "NEXT LINE")])
def test_control_characters_are_file_line_column_errors(make_issue, raw, name):
    text = edit(BASE_YAML, "  edition: 测试版\n", f"  edition: 测试{raw}版\n")
    problem = only_problem(refused(make_issue(text)), line_of(text, "edition:"), f"U+{ord(raw):04X}", name)
    assert problem.column == len("  edition: 测试") + 1


def test_an_escaped_control_character_is_an_error_too(make_issue):
    text = edit(BASE_YAML, "  edition: 测试版\n", '  edition: "测试\\a版"\n')
    only_problem(refused(make_issue(text)), line_of(text, "edition:"), "U+0007")


def test_an_impossible_date(make_issue):
    text = edit(BASE_YAML, "  date: 2023-01-06", "  date: 2023-02-30")
    only_problem(refused(make_issue(text)), line_of(text, "date:"), "2023-02-30", "not a real date")


def test_a_date_with_a_time_is_not_a_date(make_issue):
    text = edit(BASE_YAML, "  date: 2023-01-06", "  date: 2023-01-06 10:30:00")
    only_problem(refused(make_issue(text)), line_of(text, "date:"), "issue.date", "without a time")


def test_more_than_one_document(make_issue):
    text = BASE_YAML + "---\nissue: {}\n"
    only_problem(refused(make_issue(text)), line_of(text, "---"), "more than one YAML document")


def test_an_undefined_alias(make_issue):
    text = edit(BASE_YAML, "  edition: 测试版\n", "  edition: *nowhere\n")
    only_problem(refused(make_issue(text)), line_of(text, "edition:"), "*nowhere")


def test_a_mapping_as_a_key(make_issue):
    text = BASE_YAML + "? {a: 1}\n: 2\n"
    assert "a key must be text" in str(refused(make_issue(text)))


def test_utf16_issue_yaml_says_to_save_as_utf8(make_issue):
    folder = make_issue()
    (folder / "issue.yaml").write_text(BASE_YAML, encoding="utf-16")
    assert "UTF-16" in str(refused(folder))


def test_gb18030_issue_yaml_names_the_encoding(make_issue):
    folder = make_issue()
    (folder / "issue.yaml").write_bytes(BASE_YAML.encode("gb18030"))
    error = refused(folder)
    assert "GB18030" in str(error) and error.problems[0].line == line_of(BASE_YAML, "测试日报")


def test_utf8_bom_issue_yaml_is_fine(make_issue):
    folder = make_issue()
    (folder / "issue.yaml").write_bytes(b"\xef\xbb\xbf" + BASE_YAML.encode("utf-8"))
    assert load_issue(folder).paper == "测试日报"


def test_numbers_written_plain_keep_their_text_in_text_fields(tmp_path):
    file = tmp_path / "x.yaml"
    file.write_text("serial: 0371\nedition: yes\nnumber: 0371\n", encoding="utf-8")
    data, lines = read_yaml(file)
    assert lines.raw[("serial",)] == "0371" and lines.raw[("edition",)] == "yes"
    from layout.model.fields import Checker

    check = Checker(lines)
    assert check.get(data, (), "serial", str) == "0371" and check.get(data, (), "edition", str) == "yes"
    assert check.get(data, (), "number", int) == 371  # decimal, not YAML 1.1 octal


def test_a_symlink_loop_as_a_body_path(make_issue):
    folder = make_issue()
    (folder / "articles" / "loop.md").symlink_to(folder / "articles" / "loop.md")
    text = edit(BASE_YAML, "body: articles/alpha.md", "body: articles/loop.md")
    (folder / "issue.yaml").write_text(text, encoding="utf-8")
    only_problem(refused(folder), line_of(text, "loop.md"), "articles[0].body")


def test_a_file_name_too_long_for_the_file_system(make_issue):
    text = edit(BASE_YAML, "body: articles/alpha.md", "body: " + "x" * 3000)
    only_problem(refused(make_issue(text)), line_of(text, "body: xxx"), "cannot be looked up")

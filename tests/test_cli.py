"""The `paiban build` command: exit status, messages, and nothing written on failure."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BASE_YAML, ROOT, edit, line_of
from layout.cli import main


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run(args, capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)


def untouched(out) -> bool:
    return not out.exists() or not any(out.iterdir())


def test_invalid_issue_exits_1_names_file_and_line_and_writes_nothing(make_issue, tmp_path):
    text = edit(BASE_YAML, "  number: 1\n", "  number: abc\n")
    folder, out = make_issue(text), tmp_path / "out"
    result = run(sys.executable, "-m", "layout", "build", str(folder), "-o", str(out))
    assert result.returncode == 1, result.stderr
    assert f"issue.yaml:{line_of(text, 'number: abc')}: issue.number:" in result.stderr
    assert "Traceback" not in result.stderr
    assert untouched(out)


CONSOLE_SCRIPT = Path(sys.executable).with_name("paiban")  # installed beside the interpreter by pip


def test_console_script_reports_yaml_syntax_errors(make_issue, tmp_path):
    assert CONSOLE_SCRIPT.is_file(), f"the paiban console script is not installed at {CONSOLE_SCRIPT} (pip install -e .)"
    text = edit(BASE_YAML, "  edition: 测试版", "  edition: 测试版: 第二版")
    out = tmp_path / "out"
    out.mkdir()  # an existing, empty output folder stays empty
    result = run(str(CONSOLE_SCRIPT), "build", str(make_issue(text)), "-o", str(out))
    assert result.returncode == 1
    assert re.search(rf"issue\.yaml:{line_of(text, 'edition:')}:", result.stderr), result.stderr
    assert untouched(out)


def test_failed_build_leaves_an_existing_output_folder_as_it_was(make_issue, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("earlier work", encoding="utf-8")
    text = edit(BASE_YAML, "body: articles/alpha.md", "body: articles/gone.md")
    assert main(["build", str(make_issue(text)), "-o", str(out)]) == 1
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    err = capsys.readouterr().err
    assert f"issue.yaml:{line_of(text, 'gone.md')}: articles[0].body:" in err
    assert "nothing was written" in err


def test_missing_glyph_exits_1_and_writes_nothing(make_issue, tmp_path, capsys):
    body = "第一段。\n\n第二段有一个生僻字\U00020000。\n"
    out = tmp_path / "out"
    assert main(["build", str(make_issue(files={"articles/alpha.md": body})), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "alpha" in err and "paragraph 2" in err and "\U00020000" in err
    assert untouched(out)


def _overset_issue(make_issue):
    long_body = "\n\n".join("解放区扎实推进社会信用体系建设，完善政策制度，打牢组织基础。" * 4 for _ in range(6))
    text = edit(BASE_YAML, "{page: 1, column: 1, span: 2}", "{page: 1, column: 1, span: 2, rows: 8}")
    return make_issue(text, files={"articles/alpha.md": long_body})


def test_overset_text_fails_the_build_and_writes_nothing(make_issue, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(_overset_issue(make_issue)), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "overset" in err and "alpha" in err
    assert untouched(out)


def test_draft_build_writes_overset_into_the_report(make_issue, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(_overset_issue(make_issue)), "-o", str(out), "--draft"]) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert len(report["overset"]) == 1 and "alpha" in report["overset"][0]
    assert "DRAFT" in capsys.readouterr().out


def test_valid_issue_builds_every_file(make_issue, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(make_issue()), "-o", str(out), "--png"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "TEST_20230106.pdf", "TEST_20230106_A01.pdf", "TEST_20230106_A01.png", "manifest.json", "report.json"]
    stdout = capsys.readouterr().out
    assert "wrote 2 PDFs" in stdout
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["pages"][0]["qr"] == "https://example.com/test/20230106"


def test_build_needs_an_output_folder(make_issue, capsys):
    with pytest.raises(SystemExit) as info:
        main(["build", str(make_issue())])
    assert info.value.code == 2


def test_missing_issue_folder(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "nowhere"), "-o", str(out)]) == 1
    assert "issue.yaml" in capsys.readouterr().err
    assert untouched(out)


def test_build_reports_preflight_and_delivers(make_issue, tmp_path, capsys):
    out, hot = tmp_path / "out", tmp_path / "hot"
    assert main(["build", str(make_issue()), "-o", str(out), "--pdfx", "x-4", "--no-cache",
                 "--deliver", str(hot), "--force", "test: not signed"]) == 0
    stdout = capsys.readouterr().out
    assert "TEST_20230106_A01.pdf: preflight PASS (PDF/X-4; 0 errors, 0 warnings)" in stdout
    assert f"delivered 1 page files and manifest.json to {hot}" in stdout
    assert sorted(p.name for p in hot.iterdir()) == ["TEST_20230106_A01.pdf", "manifest.json"]


def test_build_with_marks_makes_proofs(make_issue, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(make_issue()), "-o", str(out), "--marks", "--tac", "python"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["proof"] is True and manifest["pages"][0]["preflight"]["result"] == "pass"
    assert main(["preflight", str(out / "TEST_20230106_A01.pdf")]) == 1
    assert "beyond the trim" in capsys.readouterr().out
    assert main(["preflight", "--proof", str(out / "TEST_20230106_A01.pdf")]) == 0


def test_build_refuses_to_deliver_proofs(make_issue, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(make_issue()), "-o", str(out), "--marks", "--deliver", str(tmp_path / "hot")]) == 1
    assert "not for the plant" in capsys.readouterr().err
    assert untouched(out)


def test_preflight_needs_a_file(capsys):
    with pytest.raises(SystemExit) as info:
        main(["preflight"])
    assert info.value.code == 2


# ------------------------------------------------------------------ never a traceback

def _failing_command(monkeypatch, exc: BaseException, name: str = "lint") -> None:
    """Make `paiban {name}` raise `exc` from inside the given stage's code."""
    import layout.commands.lint as command

    def run_(args):
        raise exc

    monkeypatch.setattr(command, "run", run_)
    original = command.register

    def register(subparsers):
        original(subparsers)
        subparsers.choices[name].set_defaults(func=run_)

    monkeypatch.setattr(command, "register", register)


def test_unexpected_exception_is_an_internal_error_naming_command_stage_and_issue(monkeypatch, capsys, tmp_path):
    monkeypatch.delenv("PAIBAN_DEBUG", raising=False)
    _failing_command(monkeypatch, ZeroDivisionError("division by zero"))
    assert main(["lint", str(tmp_path / "the-issue")]) == 2
    err = capsys.readouterr().err
    assert "internal error" in err and "`paiban lint`" in err and "the-issue" in err
    assert "ZeroDivisionError: division by zero" in err and "report it" in err and "PAIBAN_DEBUG=1" in err
    assert "Traceback" not in err


def test_debug_variable_shows_the_traceback(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("PAIBAN_DEBUG", "1")
    _failing_command(monkeypatch, ZeroDivisionError("division by zero"))
    assert main(["lint", str(tmp_path)]) == 2
    assert "Traceback" in capsys.readouterr().err


def test_stage_is_the_innermost_frame_in_the_package():
    from layout.cli import stage_of
    from layout.model.units import parse_length

    try:
        parse_length(object())
    except ValueError as exc:
        assert stage_of(exc.__traceback__) == "model"
    assert stage_of(None) == "command"


def test_ctrl_c_exits_130_and_says_nothing_was_written(monkeypatch, capsys, tmp_path):
    _failing_command(monkeypatch, KeyboardInterrupt())
    assert main(["lint", str(tmp_path)]) == 130
    err = capsys.readouterr().err
    assert "interrupted, nothing was written" in err and "Traceback" not in err


@pytest.mark.parametrize("exc, words", [
    (OSError(28, "No space left on device", "/out/page.pdf"), ("No space left", "/out/page.pdf", "free some space")),
    (PermissionError(13, "Permission denied", "/hot"), ("Permission denied", "/hot", "permissions")),
    (OSError(30, "Read-only file system", "/ro"), ("Read-only", "choose another folder")),
    (MemoryError(), ("out of memory",)),
])
def test_a_bad_environment_is_a_message_and_exit_1(monkeypatch, capsys, tmp_path, exc, words):
    _failing_command(monkeypatch, exc)
    assert main(["lint", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    for word in words:
        assert word in err
    assert "Traceback" not in err and "internal error" not in err


def test_a_paiban_error_escaping_a_command_is_its_message_and_exit_1(monkeypatch, capsys, tmp_path):
    from layout.errors import Diagnostic, IssueError

    problem = Diagnostic(tmp_path / "issue.yaml", 3, "issue.date", "no such day", "write YYYY-MM-DD", column=9)
    _failing_command(monkeypatch, IssueError([problem]))
    assert main(["lint", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'issue.yaml'}:3:9: issue.date: no such day; write YYYY-MM-DD" in err


def test_help_outside_the_venv_says_how_to_install(tmp_path):
    """`python3 -m layout --help` with none of the dependencies importable."""
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text("import sys\nfor name in ('yaml', 'PIL', 'reportlab', 'pikepdf', 'fontTools', 'qrcode'):\n"
                       "    sys.modules[name] = None\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}
    result = subprocess.run([sys.executable, "-m", "layout", "--help"], capture_output=True, text=True,
                            timeout=60, cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert "is not installed" in result.stderr and "pip install -e ." in result.stderr
    assert "Traceback" not in result.stderr


def test_only_the_command_given_is_imported():
    code = ("import sys\nfrom layout.cli import build_parser\nbuild_parser(['diff', 'a', 'b'])\n"
            "print(sorted(m for m in sys.modules if m.startswith('layout.commands.')))")
    result = run(sys.executable, "-c", code)
    assert result.stdout.strip() == "['layout.commands.diff']", result.stdout + result.stderr


def test_console_entry_point_flushes_and_exits_with_the_status(tmp_path):
    """`python -m layout` runs console(): output complete, status kept, exit handlers run."""
    marker = tmp_path / "atexit-ran"
    code = ("import atexit, sys\n"
            f"atexit.register(lambda: open({str(marker)!r}, 'w').close())\n"
            "sys.argv = ['paiban', 'build', 'nowhere', '-o', 'out']\n"
            "from layout.cli import console\nconsole()\n")
    result = run(sys.executable, "-c", code)
    assert result.returncode == 1 and "no issue.yaml" in result.stderr
    assert marker.exists()
    version = run(sys.executable, "-m", "layout", "--version")
    assert version.returncode == 0 and version.stdout.startswith("paiban ")


def test_a_file_that_is_not_utf8_escaping_a_stage_is_a_message(monkeypatch, capsys, tmp_path):
    _failing_command(monkeypatch, UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"))
    assert main(["lint", str(tmp_path / "copy.txt")]) == 1
    err = capsys.readouterr().err
    assert "copy.txt is not UTF-8 text" in err and "Traceback" not in err


@pytest.mark.parametrize("change", [
    ("  edition: 测试版\n", "  edition: !!python/name:os.system\n"),
    ("  edition: 测试版\n", "  edition: 测试\x07版\n"),
    ("  date: 2023-01-06", "  date: 2023-02-30"),
    ("  - number: 1\n", "  - number: -1\n"),
    ("      editor: 张三\n", "      editor: [詹长松, 王]\n"),
], ids=["tag", "bel", "date", "page-number", "editor-list"])
def test_hostile_issue_yaml_exits_1_with_a_message(make_issue, tmp_path, capsys, change):
    text = edit(BASE_YAML, *change)
    out = tmp_path / "out"
    assert main(["build", str(make_issue(text)), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "issue.yaml:" in err and "Traceback" not in err and "internal error" not in err
    assert untouched(out)


def test_a_truncated_photo_exits_1_and_writes_nothing(make_issue, tmp_path, capsys):
    folder = make_issue()
    photo = folder / "assets" / "photo.jpg"
    photo.write_bytes(photo.read_bytes()[:3000])
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "articles[1].photos[0].file" in err and "photo.jpg" in err and "truncated" in err
    assert untouched(out)


def test_a_file_library_error_escaping_a_stage_is_a_damaged_file_message(monkeypatch, capsys, tmp_path):
    import struct

    _failing_command(monkeypatch, struct.error("unpack requires a buffer of 4 bytes"))
    assert main(["lint", str(tmp_path / "copy.txt")]) == 1
    err = capsys.readouterr().err
    assert "looks damaged" in err and "copy.txt" in err and "Traceback" not in err


def test_messages_in_chinese(make_issue, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PAIBAN_LANG", "zh")
    text = edit(BASE_YAML, "      editor: 张三\n", "      editor: [詹长松, 王]\n")
    assert main(["build", str(make_issue(text)), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"issue.yaml:{line_of(text, 'editor:')}: pages[0].credits.editor: 应为文本，实为列表" in err
    monkeypatch.setenv("PAIBAN_LANG", "en")
    _failing_command(monkeypatch, KeyboardInterrupt())
    assert main(["lint", str(tmp_path)]) == 130
    assert "interrupted, nothing was written" in capsys.readouterr().err


def test_argparse_usage_errors_in_the_language_asked_and_english_after(monkeypatch, capsys):
    """argparse's own lines (usage, a missing argument) follow `--lang`, before or after
    the command, and PAIBAN_LANG; negative control: the next call without them is English
    again (argparse's gettext is put back)."""
    import argparse
    import gettext

    monkeypatch.setenv("PAIBAN_LANG", "en")
    for argv in (["build", "--lang", "zh"], ["--lang", "zh", "build"], ["--lang=zh", "build"]):
        with pytest.raises(SystemExit) as info:
            main(argv)
        err = capsys.readouterr().err
        assert info.value.code == 2 and "用法：paiban build" in err and "缺少必需的参数：issue, -o/--out" in err, err
    monkeypatch.setenv("PAIBAN_LANG", "zh")
    with pytest.raises(SystemExit):
        main(["bogus"])
    assert "无效的选择：'bogus'" in capsys.readouterr().err
    monkeypatch.setenv("PAIBAN_LANG", "en")
    with pytest.raises(SystemExit):
        main(["build"])
    err = capsys.readouterr().err
    assert "usage: paiban build" in err and "the following arguments are required" in err and "用法" not in err
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]


def test_lang_before_the_command_sets_the_language_of_its_messages(make_issue, tmp_path, capsys, monkeypatch):
    """`paiban --lang zh COMMAND`: the command's messages in Chinese, the file:line:field
    form kept; only that command is imported."""
    monkeypatch.setenv("PAIBAN_LANG", "en")
    text = edit(BASE_YAML, "      editor: 张三\n", "      editor: [詹长松, 王]\n")
    assert main(["--lang", "zh", "lint", str(make_issue(text))]) == 1
    captured = capsys.readouterr()
    err = captured.err + captured.out
    assert f"issue.yaml:{line_of(text, 'editor:')}: E100 pages[0].credits.editor: 应为文本，实为列表" in err, err
    code = ("import sys\nfrom layout.cli import build_parser\nbuild_parser(['--lang', 'zh', 'diff', 'a', 'b'])\n"
            "print(sorted(m for m in sys.modules if m.startswith('layout.commands.')))")
    assert run(sys.executable, "-c", code).stdout.strip() == "['layout.commands.diff']"

"""The `paiban proof` command: options, the summary at the end, the previous proof kept
and compared, errors for people; progress shown only on a terminal."""

from __future__ import annotations

import io
import json
import re

from conftest import BASE_YAML, edit, line_of
from layout.cli import main
from layout.proof.progress import Progress, interactive


def proof_json(out) -> dict:
    return json.loads((out / "proof.json").read_text(encoding="utf-8"))


def test_proof_command_writes_the_set_and_sums_up(make_issue, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["proof", str(make_issue()), "-o", str(out), "--round", "2", "--time", "2023-01-06 21:30",
                 "--no-cache"]) == 0
    summary = capsys.readouterr().out
    assert summary.startswith("paiban proof: 1 page in ")
    assert re.search(r"0 errors, \d+ warnings?, 6 info; overset 0 modules; revision ", summary)
    assert f"open {out / 'index.html'}" in summary
    record = proof_json(out)
    assert (record["round"], record["time"]) == ("二校", "2023-01-06 21:30")
    assert not (out / "rounds").exists()


def test_a_second_proof_keeps_the_first_and_shows_the_changes(make_issue, tmp_path, capsys):
    from conftest import ALPHA

    folder, out = make_issue(), tmp_path / "out"
    assert main(["proof", str(folder), "-o", str(out), "--time", "2023-01-06 21:30", "--no-cache"]) == 0
    (folder / "articles" / "alpha.md").write_text(ALPHA.replace("公园", "人民公园"), encoding="utf-8")
    assert main(["proof", str(folder), "-o", str(out), "--round", "二校", "--time", "2023-01-06 22:00",
                 "--no-cache"]) == 0
    assert "compared with" in capsys.readouterr().out
    kept = sorted((out / "rounds").iterdir())
    assert [k.name.split("-")[:2] for k in kept] == [["01", "一校"]]
    assert proof_json(kept[0])["time"] == "2023-01-06 21:30"
    assert 'href="rounds/01-一校' in (out / "index.html").read_text(encoding="utf-8")
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="changes"' in page and "<ins>人民</ins>" in page
    assert (out / "diff" / "TEST_20230106_A01_proof_diff.png").is_file()


def test_no_previous_compares_with_nothing(make_issue, tmp_path):
    folder, out = make_issue(), tmp_path / "out"
    for _ in range(2):
        assert main(["proof", str(folder), "-o", str(out), "--no-previous", "--no-cache"]) == 0
    assert not (out / "rounds").exists() and 'id="changes"' not in (out / "index.html").read_text(encoding="utf-8")


def test_an_issue_that_does_not_load_is_an_error_for_people(make_issue, tmp_path, capsys):
    text = edit(BASE_YAML, "  number: 1\n", "  number: abc\n")
    out = tmp_path / "out"
    assert main(["proof", str(make_issue(text)), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"issue.yaml:{line_of(text, 'number: abc')}: issue.number:" in err and "Traceback" not in err
    assert not out.exists()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_only(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("PAIBAN_NO_PROGRESS", raising=False)
    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = Progress("paiban proof", stream)
        progress("page 5", 0, 2)
        progress("page 6", 1, 2)
        progress.finish()
    assert "\r" in terminal.getvalue() and "1/2 page 6" in terminal.getvalue()
    assert pipe.getvalue() == ""


def test_no_progress_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert not interactive(Terminal())


def test_build_reports_progress_per_page_and_ends_with_a_summary(make_issue, tmp_path, capsys):
    from layout.build import build

    calls = []
    build(make_issue(), tmp_path / "built", progress=lambda label, done, total: calls.append((label, done, total)))
    assert calls == [("page 1", 0, 1), ("done", 1, 1)]
    assert main(["build", str(make_issue(name="again")), "-o", str(tmp_path / "out")]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("summary: 1 page, 0 preflight errors, ") and "overset 0 modules" in last

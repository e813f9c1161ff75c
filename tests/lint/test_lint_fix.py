"""`paiban lint --fix`: the diff of the certain corrections; files written (atomically)
only with --write; a fix whose place is not unique on its line is left alone."""

from __future__ import annotations

from layout.cli import main

COPY = "# 标题\n\n第一段正文,用来检查排版。。今天天气很好,我们去公园散步。\n\n第二段有全角数字２０２３年。\n"
FIXED = "# 标题\n\n第一段正文，用来检查排版。今天天气很好，我们去公园散步。\n\n第二段有全角数字2023年。\n"


def test_fix_shows_a_diff_and_writes_nothing(tmp_path, capsys):
    file = tmp_path / "copy.md"
    file.write_text(COPY, encoding="utf-8")
    assert main(["lint", "--fix", str(file)]) == 0
    out, err = capsys.readouterr()
    assert "-第一段正文,用来检查排版。。" in out and "+第一段正文，用来检查排版。今天" in out
    assert "4 corrections in 1 file" in err and "not written" in err
    assert file.read_text(encoding="utf-8") == COPY


def test_fix_write_applies_and_lists_them(tmp_path, capsys):
    file = tmp_path / "copy.md"
    file.write_text(COPY, encoding="utf-8")
    assert main(["lint", "--fix", "--write", str(file)]) == 0
    err = capsys.readouterr().err
    assert file.read_text(encoding="utf-8") == FIXED
    assert f"{file}:3: W204 “。。” → “。”" in err and "written" in err
    assert not [p for p in tmp_path.iterdir() if p.name != "copy.md"]  # no temporary file left
    assert main(["lint", str(file)]) == 0  # nothing left to fix


def test_a_fix_whose_place_is_ambiguous_is_skipped(tmp_path):
    """Negative control: a place that occurs twice on its line (the file changed since
    it was read, or markup between) is not touched."""
    from layout.lint.findings import Finding, Fix
    from layout.lint.fix import plan

    file = tmp_path / "copy.md"
    file.write_text("甲,乙甲,乙\n", encoding="utf-8")
    finding = Finding(file, 1, "W202", "…", fixes=(Fix(",", "，", "甲", "乙"),))
    files, applied = plan([finding])
    assert files == () and [a.done for a in applied] == [False]
    files, applied = plan([Finding(file, 1, "W202", "…", fixes=(Fix(",", "，", "", "乙甲"),))])
    assert files[0].after == "甲，乙甲,乙\n" and applied[0].done


def test_fix_in_an_issue_folder_changes_its_body_files(make_issue, capsys):
    folder = make_issue()
    assert main(["lint", "--fix", "--write", str(folder)]) == 0
    assert "用来检查排版。今天" in (folder / "articles" / "alpha.md").read_text(encoding="utf-8")
    assert "，" in (folder / "articles" / "alpha.md").read_text(encoding="utf-8")
    assert "written" in capsys.readouterr().err.splitlines()[-1]


def test_write_without_fix_is_refused(tmp_path, capsys):
    file = tmp_path / "copy.md"
    file.write_text(COPY, encoding="utf-8")
    assert main(["lint", "--write", str(file)]) == 2
    assert file.read_text(encoding="utf-8") == COPY

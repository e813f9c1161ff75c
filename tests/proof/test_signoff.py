"""Sign-off (签发): a plain-text record in the issue folder, page states 未签 / 已签 /
改后待签 that follow the page's content, and `unsigned()` for --deliver."""

from __future__ import annotations

import datetime as dt

import pytest

from layout.cli import main
from layout.compose import compose_issue
from layout.model import load_issue
from layout.proof.build import composed
from layout.proof.signoff import SIGNOFF_FILE, PageState, page_revision, read_signatures, states, unsigned
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

NIGHT = "2023-01-05 23:40"


@pytest.fixture
def issue(make_issue):
    return make_issue()


def test_signing_a_page_records_one_plain_line_and_the_page_is_signed(issue, capsys):
    assert main(["signoff", str(issue), "--page", "1", "--by", "李四", "--time", NIGHT, "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "已签" in out and "李四" in out
    lines = [l for l in (issue / SIGNOFF_FILE).read_text(encoding="utf-8").splitlines() if not l.startswith("#")]
    results = composed(issue).results
    assert lines == [f"1\t{page_revision(results[0].page)}\t{NIGHT}\t值班主任\t李四"]
    assert states(issue, results)[1].state is PageState.SIGNED
    assert unsigned(issue, results) == ()


def test_a_page_changed_after_signing_waits_for_a_new_signature(issue):
    """Negative control: one character changed on the page → 改后待签, and unsigned()."""
    main(["signoff", str(issue), "--page", "1", "--by", "李四", "--role", "总编辑", "--time", NIGHT])
    body = issue / "articles" / "alpha.md"
    body.write_text(body.read_text(encoding="utf-8").replace("今天天气很好", "今天天气不错"), encoding="utf-8")
    results = composed(issue).results
    state = states(issue, results)[1]
    assert state.state is PageState.CHANGED and state.last.role == "总编辑"
    assert unsigned(issue, results) == (1,)
    main(["signoff", str(issue), "--page", "1", "--by", "李四"])
    assert unsigned(issue, composed(issue).results) == ()
    assert len(read_signatures(issue)) == 2


def test_unsigned_without_a_file_and_for_the_pages_the_build_composes(issue):
    """The build composes without --draft; a clean page has the same revision there."""
    raw = load_issue(issue)
    normalized, _ = normalize_issue(raw)
    built = compose_issue(normalized, MetricsSet.for_fonts(raw.fonts), TextConfig.of(normalized.typesetting))
    assert unsigned(issue, built) == (1,)
    main(["signoff", str(issue), "--page", "1", "--by", "李四"])
    assert unsigned(issue, built) == ()


def test_the_revision_does_not_depend_on_the_time_or_the_path(issue, make_issue):
    moved = make_issue(name="elsewhere")
    assert page_revision(composed(issue).results[0].page) == page_revision(composed(moved).results[0].page)


def test_bad_requests_are_messages_not_tracebacks(issue, capsys):
    assert main(["signoff", str(issue), "--page", "9", "--by", "李四"]) == 1
    assert "no page 9" in capsys.readouterr().err
    assert main(["signoff", str(issue), "--page", "1"]) == 2
    assert "--by" in capsys.readouterr().err
    (issue / SIGNOFF_FILE).write_text("5 abc\n", encoding="utf-8")
    assert main(["signoff", str(issue)]) == 1
    assert f"{SIGNOFF_FILE}:1:" in capsys.readouterr().err
    assert not list(issue.glob(".signoff-*"))


def test_time_is_recorded(issue):
    main(["signoff", str(issue), "--page", "1", "--by", "王五", "--time", "2023-01-05 23:59"])
    assert read_signatures(issue)[0].time == "2023-01-05 23:59"
    assert dt.datetime.fromisoformat(read_signatures(issue)[0].time)

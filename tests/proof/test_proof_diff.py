"""What changed between two proofs: changed regions on the page images (only where type
changed, not where proof marks did), characters added and removed per article, the
`paiban diff` command on proof folders and on issue folders."""

from __future__ import annotations

import json
import re

import pytest
from PIL import Image, ImageDraw

from layout.cli import main
from layout.proof import ProofOptions, compare, load_proof, proof
from layout.proof.diff import changed_regions, text_change
from layout.proof.linediff import LineState, box_px

from .conftest import EDITS, SECOND_TIME, edited_copy


def blank(size=(400, 300)) -> Image.Image:
    image = Image.new("RGB", size, (255, 255, 255))
    ImageDraw.Draw(image).rectangle((20, 20, 380, 30), fill=(0, 0, 0))  # a line of "type"
    return image


def test_changed_type_gives_a_region_round_it():
    old, new = blank(), blank()
    ImageDraw.Draw(new).rectangle((100, 200, 160, 210), fill=(0, 0, 0))
    (box,) = changed_regions(old, new)
    assert box[0] <= 100 and box[1] <= 200 and box[2] >= 160 and box[3] >= 210
    assert box[2] - box[0] < 100 and box[3] - box[1] < 40


def test_proof_marks_in_colour_are_not_changes():
    old, new = blank(), blank()
    draw = ImageDraw.Draw(new)
    draw.rectangle((18, 18, 382, 32), outline=(230, 0, 0), width=2)  # a highlight outline
    draw.line((0, 150, 399, 150), fill=(47, 127, 209), width=1)     # a note's leader
    draw.text((50, 100), "17", fill=(232, 135, 14))                 # a note number
    assert changed_regions(old, new) == ()


def test_nearby_changes_make_one_region_far_ones_two():
    old, new = blank(), blank()
    draw = ImageDraw.Draw(new)
    draw.rectangle((50, 100, 60, 108), fill=(0, 0, 0))
    draw.rectangle((70, 100, 80, 108), fill=(0, 0, 0))
    draw.rectangle((300, 250, 310, 258), fill=(0, 0, 0))
    assert len(changed_regions(old, new)) == 2


def test_text_change_counts_characters_and_keeps_context():
    change = text_change("a", "标题", "在刚刚过去的元旦假期里，解放区", "在刚刚过去的2023年元旦假期里，解放区")
    assert (change.added, change.removed) == (5, 0)
    assert change.inline() == "在刚刚过去的{+2023年+}元旦假期里，解放区"


def test_seed_second_proof_outlines_the_two_edited_paragraphs(second_proof, seed_proof):
    out, result, _issue = second_proof
    comparison = compare(load_proof(seed_proof[0]), load_proof(out), out / "diff")
    (page,) = comparison.pages
    assert page.status == "changed" and page.image == "JZRB_20230106_A05_proof_diff.png"
    area = sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in page.regions)
    assert 1 <= len(page.regions) <= 4 and area < 0.05 * page.width * page.height
    with Image.open(comparison.folder / page.image) as image:
        assert image.size == (page.width, page.height)
    # each region lies over one of the two edited stories, wherever the page placed them
    spans = _story_spans(out, ("commerce-new-year", "credit-system"))
    for x0, _y0, x1, _y1 in page.regions:
        centre = (x0 + x1) / 2 / page.width
        assert any(a <= centre <= b for a, b in spans), (centre, spans)


def test_seed_second_proof_compares_line_by_line(second_proof, seed_proof):
    """The two edits are two changes, each outlining the line that holds it on both
    pages (not the story's rectangle); the lines after an edit that only reflowed are
    told apart; a page compared with itself has none (the negative control)."""
    comparison = compare(load_proof(seed_proof[0]), load_proof(second_proof[0]), second_proof[0] / "diff2")
    (page,) = comparison.pages
    steps = {(s.article, s.before, s.after) for s in page.lines.steps}
    assert steps == {("commerce-new-year", "", "2023年"), ("credit-system", "进一步", "")}
    new_lines = load_proof(second_proof[0]).page(5)["lines"]
    scale = load_proof(second_proof[0]).record["dpi"] / 72.0
    by_box = {box_px(row, scale): row for row in new_lines}
    changed = [by_box[m.box] for m in page.lines.new if m.state is LineState.CHANGED]
    assert len(changed) <= 4 and any("2023" in row[8] for row in changed)
    assert all(row[4] in ("commerce-new-year", "credit-system") for row in changed)
    reflowed = [m for m in page.lines.new if m.state is LineState.REFLOWED]
    assert reflowed and all(by_box[m.box][4] in ("commerce-new-year", "credit-system") for m in reflowed)
    assert page.other == ()  # nothing but type changed
    with Image.open(comparison.folder / page.old_image) as before:
        assert before.size == (page.old_width, page.old_height)
    same = compare(load_proof(second_proof[0]), load_proof(second_proof[0]), second_proof[0] / "diff3")
    assert same.pages[0].lines.steps == () and same.pages[0].regions == ()


def _story_spans(out, articles) -> list[tuple[float, float]]:
    """(left, right) of the edited stories' modules, as fractions of the page width."""
    from layout.compose import compose_issue
    from layout.compose.grid import Grid
    from layout.model import load_issue
    from layout.text.config import TextConfig
    from layout.text.copyedit import normalize_issue
    from layout.text.metrics import MetricsSet

    from .conftest import SEED

    issue, _ = normalize_issue(load_issue(SEED))
    (result,) = compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig.of(issue.typesetting))
    grid = Grid(issue.pages[0].template)
    return [(grid.column_x(m.frame.column) / result.page.width,
             (grid.column_x(m.frame.column) + grid.span_width(m.frame.span)) / result.page.width)
            for m in result.modules if m.article.id in articles]


def test_seed_second_proof_lists_added_and_removed_characters(second_proof, seed_proof):
    comparison = compare(load_proof(seed_proof[0]), load_proof(second_proof[0]), second_proof[0] / "diff")
    changes = {c.article: c for c in comparison.articles}
    assert set(changes) == {"commerce-new-year", "credit-system"}
    assert (changes["commerce-new-year"].added, changes["commerce-new-year"].removed) == (5, 0)
    assert ("+", "2023年") in changes["commerce-new-year"].pieces
    assert (changes["credit-system"].added, changes["credit-system"].removed) == (0, 3)
    assert ("-", "进一步") in changes["credit-system"].pieces


def test_a_proof_compared_with_itself_is_unchanged(seed_proof, tmp_path):
    proof_set = load_proof(seed_proof[0])
    comparison = compare(proof_set, proof_set, tmp_path / "same")
    assert [p.status for p in comparison.pages] == ["unchanged"] and comparison.articles == ()
    assert not comparison.changed


def test_diff_command_on_two_proofs(second_proof, seed_proof, tmp_path, capsys):
    out = tmp_path / "d"
    assert main(["diff", str(seed_proof[0]), str(second_proof[0]), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "page 5: changed" in text and "{+2023年+}" in text and "[-进一步-]" in text
    assert (out / "diff.html").is_file() and (out / "JZRB_20230106_A05_proof_diff.png").is_file()
    assert main(["diff", "--json", str(seed_proof[0]), str(second_proof[0]), "-o", str(out)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pages"][0]["status"] == "changed" and data["pages"][0]["regions"]
    assert {a["id"]: (a["added"], a["removed"]) for a in data["articles"]} == {
        "commerce-new-year": (5, 0), "credit-system": (0, 3)}


@pytest.mark.parametrize("missing", ["old", "new"])
def test_diff_of_a_folder_without_a_proof_says_so(seed_proof, tmp_path, capsys, missing):
    empty = tmp_path / "empty"
    empty.mkdir()
    folders = [str(empty), str(seed_proof[0])] if missing == "old" else [str(seed_proof[0]), str(empty)]
    assert main(["diff", *folders, "-o", str(tmp_path / "o")]) == 1
    assert "no proof.json" in capsys.readouterr().err


def test_diff_command_on_two_issue_folders(make_issue, tmp_path, capsys):
    from conftest import ALPHA

    old = make_issue(name="old")
    new = make_issue(files={"articles/alpha.md": ALPHA.replace("今天天气很好", "今天天气晴朗")}, name="new")
    assert main(["diff", str(old), str(new), "-o", str(tmp_path / "d")]) == 0
    text = capsys.readouterr().out
    assert "page 1: changed" in text and "[-很好-]{+晴朗+}" in text
    assert main(["diff", str(old), str(new)]) == 1  # issue folders need -o
    assert "-o DIR" in capsys.readouterr().err


def test_edited_copy_helper_makes_the_edits(tmp_path):
    folder = edited_copy(tmp_path / "x")
    for name, (old, new) in EDITS.items():
        text = (folder / name).read_text(encoding="utf-8")
        assert new in text and old not in text


def test_a_changed_photo_is_a_change_to_step_through(tmp_path, seed_proof):
    """A photo that changed (no text did) is outlined on both pages and listed as a step
    of its own, with where on the page it is; the text-only second round (the control)
    has no such step."""
    issue = edited_copy(tmp_path / "issue", {})
    photo = issue / "assets" / "flower.jpg"
    with Image.open(photo) as image:
        image.convert("RGB").rotate(180).save(photo, quality=90)
    out = tmp_path / "second"
    proof(issue, out, ProofOptions(round="二校", time=SECOND_TIME, previous=seed_proof[0]))
    comparison = compare(load_proof(seed_proof[0]), load_proof(out), out / "diff3")
    (page,) = comparison.pages
    assert page.status == "changed" and page.lines is not None and page.lines.steps == ()
    assert len(page.other) >= 1
    html = (out / "index.html").read_text(encoding="utf-8")
    steps = re.findall(r'<li id="step-(5-x\d+)" data-step="\1">(.*?)</li>', html)
    assert len(steps) == len(page.other) and all("a photo or a rule changed" in text for _key, text in steps)
    for key, _text in steps:  # ringed on the old page and on the new
        assert html.count(f'class="lm" data-step="{key}"') == 2


def test_a_text_edit_lists_no_photo_step(second_proof):
    html = (second_proof[0] / "index.html").read_text(encoding="utf-8")
    assert 'data-step="5-x' not in html and 'data-step="5-1"' in html

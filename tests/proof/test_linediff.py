"""Line-level comparison of two proofs' pages (layout/proof/linediff.py) on synthetic
line records: the lines that hold a changed character are outlined, lines that only
reflowed are told apart, a deleted paragraph does not make the ones after it changed."""

from __future__ import annotations

from layout.proof.linediff import LineState, line_diff

LEAD = 14.5  # pt between lines


def lines_of(paragraphs: list[str], per_line: int = 6, article: str = "a", x0: float = 50.0) -> list[list]:
    """proof.json line rows for `paragraphs` set `per_line` characters a line, one column."""
    rows, top = [], 100.0
    for index, text in enumerate(paragraphs):
        for start in range(0, len(text), per_line):
            piece = text[start:start + per_line]
            rows.append([x0, top, x0 + 9.0 * len(piece), top + 9.0, article, "body", index, start, piece])
            top += LEAD
    return rows


PARAS = ["甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未", "春夏秋冬东南西北上下左右", "一二三四五六七八九十百千"]


def changed(marks) -> list[tuple]:
    return [m.box for m in marks if m.state is LineState.CHANGED]


def test_the_same_lines_have_no_changes():
    diff = line_diff(lines_of(PARAS), lines_of(PARAS), 2.0)
    assert diff.steps == () and diff.old == () and diff.new == () and not diff.changed


def test_a_word_replaced_outlines_only_its_line_on_both_pages():
    new = [PARAS[0].replace("壬癸", "ＡＢ"), PARAS[1], PARAS[2]]
    diff = line_diff(lines_of(PARAS), lines_of(new), 2.0)
    (step,) = diff.steps
    assert (step.before, step.after, step.block) == ("壬癸", "ＡＢ", 0)
    box = lines_of(PARAS)[1]  # 壬癸 are in the second line of the first paragraph
    expected = (round((box[0] - 1) * 2), round((box[1] - 1) * 2), round((box[2] + 1) * 2), round((box[3] + 1) * 2))
    assert changed(diff.new) == [expected] and changed(diff.old) == [expected]
    assert all(m.state is LineState.CHANGED for m in diff.new)  # nothing reflowed: the same breaks


def test_an_insertion_outlines_its_line_and_marks_the_rest_of_the_paragraph_reflowed():
    new = [PARAS[0].replace("丙丁", "丙ＸＹ丁"), PARAS[1], PARAS[2]]
    before, after = lines_of(PARAS, per_line=7), lines_of(new, per_line=7)  # 18 and 20 characters: 3 lines each
    diff = line_diff(before, after, 1.0)
    assert len(diff.steps) == 1 and diff.steps[0].after == "ＸＹ" and diff.steps[0].before == ""
    assert len(changed(diff.new)) == 1 and len(changed(diff.old)) == 1  # the old line where it goes
    reflowed = [m for m in diff.new if m.state is LineState.REFLOWED]
    assert len(reflowed) == 2 and all(m.step is None for m in reflowed)  # the paragraph's other two lines
    first = {round(r[1] - 1) for r in after if r[6] == 0}
    assert {m.box[1] for m in diff.new} == first  # the other paragraphs are not marked


def test_a_deleted_paragraph_leaves_the_following_paragraphs_unchanged():
    new = [PARAS[0], PARAS[2]]  # the second paragraph cut: the third's block index drops to 1
    diff = line_diff(lines_of(PARAS), lines_of(new), 1.0)
    assert len(diff.steps) == 1 and diff.steps[0].before.strip("¶") == PARAS[1]
    assert len(changed(diff.old)) == 2  # the cut paragraph's two lines
    old_rows = lines_of(PARAS)
    cut = {(round(r[0] - 1), round(r[1] - 1)) for r in old_rows if r[6] == 1}
    assert {m.box[:2] for m in diff.old if m.state is LineState.CHANGED} == cut


def test_each_story_is_compared_on_its_own():
    old = lines_of(PARAS[:1], article="a") + lines_of(PARAS[1:2], article="b", x0=300.0)
    new = lines_of(PARAS[:1], article="a") + lines_of([PARAS[1].replace("东南", "西东")], article="b", x0=300.0)
    diff = line_diff(old, new, 1.0)
    assert {s.article for s in diff.steps} == {"b"}
    assert all(m.box[0] >= 299 for m in diff.new + diff.old)

"""Real PDF annotations on proof sheets: one note per noted finding, at its place, with
its code, message and stable id; an editor's reply in one round shows in the next."""

from __future__ import annotations

import json

import pikepdf

from layout.proof import ProofOptions, proof
from layout.proof.annotate import PREFIX, read_replies


def notes_of(pdf_file) -> list:
    with pikepdf.open(pdf_file) as doc:
        return [(str(a.NM), str(a.Contents), [float(v) for v in a.Rect]) for a in doc.pages[0].get("/Annots", [])
                if str(a.get("/Subtype")) == "/Text"]


def test_each_noted_finding_is_a_pdf_note_at_its_place(make_issue, tmp_path):
    """On both sheets, a note per noted finding on the number beside its line: at the
    line's height, outside the type, on the line's side of the page."""
    out = tmp_path / "one"
    result = proof(make_issue(), out, ProofOptions(cache=None, zoom_dpi=0))
    record = json.loads((out / "proof.json").read_text(encoding="utf-8"))
    noted = [f for f in record["findings"] if f["severity"] != "info" and f["box_px"]]
    page = result.pages[0]
    for name, sheet in ((page.stem + ".pdf", page.sheet), (page.a3_name, page.reduced)):
        notes = notes_of(out / name)
        assert noted and sorted(n[0] for n in notes) == sorted(PREFIX + f["id"] for f in noted)
        for nm, contents, rect in notes:
            item = next(n for n in result.findings if PREFIX + n.id == nm)
            assert contents.startswith(f"{item.number} {item.finding.code}: ")
            x0, top, x1, bottom = sheet.box(item.spot.first or item.spot.box)
            note_top, note_bottom = sheet.height - rect[3], sheet.height - rect[1]
            assert abs((note_top + note_bottom) / 2 - (top + bottom) / 2) < 8  # at the line's height
            assert rect[2] < x0 or rect[0] > x1  # beside it, not over it


def test_a_reply_in_one_round_is_shown_in_the_next(make_issue, tmp_path):
    folder = make_issue()
    first = tmp_path / "first"
    proof(folder, first, ProofOptions(cache=None))
    record = json.loads((first / "proof.json").read_text(encoding="utf-8"))
    pdf = first / record["pages"][0]["pdf"]
    with pikepdf.open(pdf, allow_overwriting_input=True) as doc:
        page = doc.pages[0]
        ours = next(a for a in page.Annots if str(a.get("/NM", "")).startswith(PREFIX))
        page.Annots.append(doc.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=ours.Rect, IRT=ours,
            T=pikepdf.String("王编辑"), Contents=pikepdf.String("已知，版面留白是有意的"))))
        key = str(ours.NM)[len(PREFIX):]
        doc.save(pdf)
    assert read_replies(first) == {key: "王编辑: 已知，版面留白是有意的"}
    second = tmp_path / "second"
    proof(folder, second, ProofOptions(cache=None, previous=first))
    page = (second / "index.html").read_text(encoding="utf-8")
    assert "已知，版面留白是有意的" in page and f'data-id="{key}"' in page


def test_no_replies_without_answers(make_issue, tmp_path):
    """Negative control: our own notes are not replies."""
    out = tmp_path / "one"
    proof(make_issue(), out, ProofOptions(cache=None))
    assert read_replies(out) == {}


def icon_free(annot) -> bool:
    """A note drawn as nothing: an appearance of its own with no content, so no reader
    draws its default note icon over the type beside the number."""
    look = annot.get("/AP", {}).get("/N")
    return look is not None and look.read_bytes().strip() == b""


def test_notes_draw_no_icon_over_the_type(seed_proof):
    out, result = seed_proof
    with pikepdf.open(out / result.pages[0].a3_name) as doc:
        annots = [a for a in doc.pages[0].get("/Annots", []) if str(a.get("/Subtype")) == "/Text"]
        assert annots and all(icon_free(a) for a in annots)
        bare = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text)
        assert not icon_free(bare)  # negative control: a note without an appearance gets the reader's icon

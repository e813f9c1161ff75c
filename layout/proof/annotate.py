"""Real PDF annotations on proof sheets: a note (a /Text annotation, the "sticky note"
of every PDF reader) per finding at its place on the page — on the finding's number
beside its line, drawn as nothing (an empty appearance) so no icon covers the type:
the printed number is what one clicks — with its code and message,
so an editor can read it, answer it (a reply: /IRT) or mark it (a review /State) in any
reader; and reading those answers back from the previous round.

Our notes carry /T "paiban" and /NM "paiban:ID" (the finding's stable id, layout.proof.
numbering.finding_id). Boxes are pt on the sheet from its top-left, y down.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf

AUTHOR = "paiban"
PREFIX = "paiban:"
COLOURS = {"error": (0.82, 0.01, 0.11), "warning": (0.91, 0.53, 0.05), "info": (0.18, 0.5, 0.82)}


@dataclass(frozen=True, slots=True)
class Annotation:
    """One finding to note: its stable id, number, code, severity, message and the box
    (x0, top, x1, bottom) of the number beside its line, pt from the sheet's top-left."""

    id: str
    number: int
    code: str
    severity: str
    message: str
    box: tuple[float, float, float, float]


def annotate(pdf: bytes, notes: list[Annotation] | tuple[Annotation, ...]) -> bytes:
    """`pdf` (a one-page proof sheet) with a /Text annotation per note, saved
    deterministically; unchanged when there are no notes."""
    if not notes:
        return pdf
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        add_notes(doc, notes)
        out = io.BytesIO()
        doc.save(out, deterministic_id=True)
    return out.getvalue()


def add_notes(doc: pikepdf.Pdf, notes: list[Annotation] | tuple[Annotation, ...]) -> None:
    """A /Text annotation per note on the first page of the open `doc`."""
    if not notes:
        return
    page = doc.pages[0]
    height = float(page.MediaBox[3])
    annots = page.obj.get("/Annots", pikepdf.Array())
    for note in notes:
        x0, top, x1, bottom = note.box
        look = doc.make_stream(b"", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                               BBox=pikepdf.Array([0, 0, round(x1 - x0, 2), round(bottom - top, 2)]))
        annots.append(doc.make_indirect(pikepdf.Dictionary(
            AP=pikepdf.Dictionary(N=look),  # drawn as nothing: the number printed there is the mark, and a
            #                                 reader's default note icon would cover the type beside it
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text,
            Rect=pikepdf.Array([round(v, 2) for v in (x0, height - bottom, x1, height - top)]),
            Contents=pikepdf.String(f"{note.number} {note.code}: {note.message}"),
            T=pikepdf.String(AUTHOR), NM=pikepdf.String(PREFIX + note.id), Subj=pikepdf.String(note.code),
            Name=pikepdf.Name.Comment, Open=False, F=0, C=pikepdf.Array(COLOURS.get(note.severity, (0, 0, 0))),
            M=pikepdf.String("D:20230101000000Z"))))
    page.obj.Annots = annots


def read_replies(folder: Path) -> dict[str, str]:
    """Finding id → what editors answered on the proof sheets in `folder`: the text of
    replies to our notes (and review states such as Accepted or Completed), joined."""
    found: dict[str, list[str]] = {}
    for file in sorted(Path(folder).glob("*_proof*.pdf")):
        try:
            with pikepdf.open(file) as doc:
                for page in doc.pages:
                    _replies(page, found)
        except (pikepdf.PdfError, OSError):
            continue
    return {key: " / ".join(texts) for key, texts in found.items()}


def _replies(page, found: dict[str, list[str]]) -> None:
    annots = list(page.obj.get("/Annots", ()))
    ours = {}
    for annot in annots:
        name = str(annot.get("/NM", ""))
        if name.startswith(PREFIX):
            ours[annot.objgen] = name[len(PREFIX):]
            if str(annot.get("/T", "")) != AUTHOR or not str(annot.get("/Contents", "")):
                continue
    for annot in annots:
        parent = annot.get("/IRT")
        if parent is None or parent.objgen not in ours:
            continue
        state = str(annot.get("/State", ""))
        text = str(annot.get("/Contents", "")).strip() or state
        who = str(annot.get("/T", "")).strip()
        if text:
            found.setdefault(ours[parent.objgen], []).append(f"{who}: {text}" if who else text)

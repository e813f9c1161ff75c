"""One page's proof sheets: the full-size proof (大样) and the proof reduced to A3,
each with its notes, as PDFs with a PDF note per finding; an image of the 大样 for the
proof page and zoom tiles of it at a resolution that shows single characters.

The page is drawn once (layout/render/proof.py `page_pdf`) and placed on both sheets.
"""

from __future__ import annotations

import hashlib
import io
import math
import shutil
from collections import Counter
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from layout.compose import PageResult
from layout.compose.items import ComposedPage, Picture, QrCode, Rule, TextRun
from layout.i18n import _
from layout.lint.findings import CODES, counted
from layout.model.schema import Issue, RunKind
from layout.proof.annotate import Annotation, add_notes
from layout.proof.locate import Numbered
from layout.proof.paper import MIN_BODY, body_on_paper, full_sheet, legible, reduced_sheet
from layout.proof.sheet import Flag, sheet_marks
from layout.render.proof import ProofMarks, Sheet, SheetKind, label_size, page_pdf, png_bytes, proof_pdf, rasterize
from layout.text.metrics import MetricsSet

TILE = 512  # px: zoom tiles are this square (the last row and column smaller)


@dataclass(frozen=True, slots=True)
class SlugInfo:
    """What every sheet's slug says of the proof: round, time and the issue's revision."""

    round: str
    time: str
    revision: str


@dataclass(frozen=True, slots=True)
class Zoom:
    """Zoom tiles of a page image: `folder` (relative to the proof folder) of
    `TILE`-px PNGs named r{row}c{column}.png, at `dpi`, of an image `width` × `height` px."""

    folder: str
    dpi: float
    width: int
    height: int

    @property
    def columns(self) -> int:
        return -(-self.width // TILE)

    @property
    def rows(self) -> int:
        return -(-self.height // TILE)


@dataclass(frozen=True, slots=True)
class ProofPage:
    """One page's proof: file stem, the 大样 PDF and the reduced (A3) PDF, the 大样's
    image (`png`, `size` px) and zoom tiles, both sheets, the page's body size (pt), the
    time and revision it was drawn at (kept while the page does not change)."""

    number: int
    section: str
    stem: str
    pdf: bytes
    a3: bytes
    png: bytes
    size: tuple[int, int]
    sheet: Sheet
    reduced: Sheet
    body: float
    time: str
    revision: str
    zoom: Zoom | None = None
    marks: tuple[ProofMarks, ...] = ()  # what each sheet (大样, A3) shows: callouts and notes

    @property
    def a3_name(self) -> str:
        return self.stem + "_a3.pdf"


def draw_page(issue: Issue, result: PageResult, items: list[Numbered], counts: str, stamp: SlugInfo,
              job, metrics: MetricsSet, dpi: float, zoom_dpi: float, stem: str) -> ProofPage:
    """Both proof sheets of a page and the 大样's image. `items` are the findings to
    note on it, `counts` what the slug says is on the page, `job` the RenderJob (fonts,
    photos, colour)."""
    composed = result.page
    content = content_extent(composed)
    body = body_size(composed, issue.page(composed.number).template.body_size)
    flags = [flag(n) for n in items if n.spot is not None]
    base = page_pdf(composed, job)
    title = _("{paper} {date}, page {page} {section}: proof").format(
        paper=issue.paper, date=f"{issue.date:%Y-%m-%d}", page=composed.number, section=composed.section)
    pdfs, sheets, drawn = [], [], []
    for sheet in (full_sheet(composed.width, composed.height),
                  reduced_sheet(composed.width, composed.height, body, content)):
        marks = sheet_marks(sheet, flags, content, metrics, slug(issue, composed.number, stamp, counts, sheet, body),
                            _("page {page}: notes continued (the numbers are those beside the lines)").format(
                                page=composed.number))
        notes = pdf_notes(marks, items)
        pdfs.append(proof_pdf(base, job, marks, title, partial(add_notes, notes=notes)))
        sheets.append(sheet)
        drawn.append(marks)
    image = rasterize(pdfs[0], dpi)
    zoom = zoom_of(stem, pdfs[0], sheets[0], zoom_dpi)
    return ProofPage(composed.number, composed.section, stem, pdfs[0], pdfs[1], png_bytes(image), image.size,
                     sheets[0], sheets[1], body, stamp.time, stamp.revision, zoom, tuple(drawn))


def flag(item: Numbered) -> Flag:
    """The finding as a flag on the sheet: number, severity, title, message, box."""
    f, spot = item.finding, item.spot
    assert spot is not None
    title = f"{item.number}  {f.code} {_(CODES[f.code].title)}"
    return Flag(item.number, f.severity.value, title, f.message, spot.box, spot.first or spot.box)


def pdf_notes(marks: ProofMarks, items: list[Numbered]) -> list[Annotation]:
    """A PDF note per callout, by the number beside its line."""
    by_number = {n.number: n for n in items}
    out = []
    for c in marks.callouts:
        n = by_number[c.number]
        width, height = label_size(c.number)
        out.append(Annotation(n.id, n.number, n.finding.code, n.finding.severity.value, n.finding.message,
                              (c.label[0], c.label[1], c.label[0] + width, c.label[1] + height)))
    return out


def content_extent(page: ComposedPage) -> tuple[float, float]:
    """The left and right edge of everything drawn on the page, pt from the trim's left
    (the trim itself when nothing is drawn)."""
    xs: list[float] = []
    for item in page.items:
        if isinstance(item, TextRun) and item.glyphs:
            xs += [item.glyphs[0][1], item.glyphs[-1][1] + item.size]
        elif isinstance(item, Rule):
            xs += [item.x0, item.x1]
        elif isinstance(item, Picture):
            xs += [item.x, item.x + item.width]
        elif isinstance(item, QrCode):
            xs += [item.x, item.x + item.size]
    return (max(0.0, min(xs)), min(page.width, max(xs))) if xs else (0.0, page.width)


def body_size(page: ComposedPage, default: float) -> float:
    """The page's body size, pt: the size most of its body text is set in."""
    sizes: Counter[float] = Counter()
    for item in page.items:
        if isinstance(item, TextRun) and item.kind is RunKind.BODY:
            sizes[round(item.size, 2)] += len(item.glyphs)
    return sizes.most_common(1)[0][0] if sizes else default


def slug(issue: Issue, number: int, stamp: SlugInfo, counts: str, sheet: Sheet, body: float) -> tuple[str, str]:
    """The two slug lines: the proof (round, time, revision) and the page; then what
    the sheet is (大样 on A2 at 100 %, or reduced to A3 and the body size it prints at),
    the findings on the page and that the sheet is not for the plant."""
    page = issue.page(number)
    first = _("proof {round}   {time}   revision {revision}   {paper} {date}   page {page} {section}").format(
        round=stamp.round, time=stamp.time, revision=stamp.revision, paper=issue.paper, date=f"{issue.date:%Y-%m-%d}",
        page=number, section=page.section)
    paper = sheet.paper or _("{width:.0f} × {height:.0f} mm").format(width=sheet.width / 2.8346, height=sheet.height / 2.8346)
    if sheet.kind is SheetKind.FULL:
        what = _("full-size proof on {paper}, 100 %").format(paper=paper)
    elif legible(sheet, body):
        what = _("reduced to {scale:.0f} % on {paper} (body text {size:.1f} pt)").format(
            scale=sheet.scale * 100, paper=paper, size=body_on_paper(sheet, body))
    else:
        what = _("reduced to {scale:.0f} % on {paper}: body text {size:.1f} pt, under {least:.0f} pt; "
                 "read the full-size proof").format(scale=sheet.scale * 100, paper=paper,
                                                    size=body_on_paper(sheet, body), least=MIN_BODY)
    second = "   ".join((what, counts, _("paiban proof, not for the plant")))
    return (first, second)


def page_counts(items: list[Numbered]) -> str:
    """`2 errors, 1 warning, 41 info on this page`: every finding on the page, noted in
    the margin or not."""
    return _("{counts} on this page").format(counts=counted([n.finding.severity for n in items]))


# ------------------------------------------------------------------ zoom tiles

def zoom_of(stem: str, pdf: bytes, sheet: Sheet, dpi: float) -> Zoom | None:
    """Where the zoom tiles of the sheet in `pdf` go, named by its content (so a
    changed page gets a new folder and an unchanged one keeps its tiles)."""
    if dpi <= 0:
        return None
    digest = hashlib.sha256(pdf).hexdigest()[:10]
    scale = dpi / 72.0
    # pdfium makes an image ceil(size × scale) px: the tiles' grid must add up to it
    return Zoom(f"tiles/{stem}-{digest}", dpi, math.ceil(sheet.width * scale - 1e-6), math.ceil(sheet.height * scale - 1e-6))


def write_tiles(out: Path, page: ProofPage) -> None:
    """The page's zoom tiles into `out`/`page.zoom.folder` (written whole: a temporary
    folder renamed), unless they are there already."""
    zoom = page.zoom
    if zoom is None or (Path(out) / zoom.folder).is_dir():
        return
    from PIL import Image

    image = rasterize(page.pdf, zoom.dpi).quantize(colors=256, dither=Image.Dither.NONE, method=Image.Quantize.FASTOCTREE)
    final = Path(out) / zoom.folder
    staging = final.with_name(final.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for row in range(-(-image.height // TILE)):
        for column in range(-(-image.width // TILE)):
            box = (column * TILE, row * TILE, min(image.width, (column + 1) * TILE),
                   min(image.height, (row + 1) * TILE))
            buffer = io.BytesIO()
            image.crop(box).save(buffer, format="PNG", compress_level=1)
            (staging / f"r{row}c{column}.png").write_bytes(buffer.getvalue())
    staging.rename(final)


def remove_stale_tiles(out: Path, pages) -> None:
    """Tile folders in `out`/tiles that none of `pages` uses (left by earlier proofs)."""
    keep = {Path(p.zoom.folder).name for p in pages if p.zoom is not None}
    folder = Path(out) / "tiles"
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.is_dir() and entry.name not in keep:
                shutil.rmtree(entry, ignore_errors=True)

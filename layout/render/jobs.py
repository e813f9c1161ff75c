"""One page from composed to checked file: photos converted, drawn with ReportLab,
finished as PDF/X, written into the staging folder, preflighted there (and a PNG when
asked). A `PageTask` holds everything a worker process needs, a `PageRecord` what
comes back: small (no page bytes), so pages stream to disk and memory stays flat.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from layout.compose.items import ComposedPage, Picture
from layout.model.schema import FontSet, PageColour, PdfxVersion
from layout.preflight.report import FileReport, PreflightSettings
from layout.render.boxes import PageBoxes
from layout.render.photos import PhotoRequest, PreparedPhoto, prepare_photo

if TYPE_CHECKING:  # for the annotation only: merge_memo imports it when first asked
    from layout.render.merge import MergeMemo


@dataclass(frozen=True, slots=True)
class PageTask:
    """A page to make: `name` its file name; `document` the stable name its XMP ids
    derive from (replacements share version 1's), `version` its revision; `modified`
    its date stamp; `slug` the proof slug (None: a plant file)."""

    page: ComposedPage
    name: str
    fonts: FontSet
    colour: PageColour
    boxes: PageBoxes
    title: str
    date: dt.date
    pdfx: PdfxVersion
    document: str
    version: int
    photos: PhotoRequest
    preflight: PreflightSettings
    cache: Path | None = None
    slug: str | None = None
    png: bool = False
    modified: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class PhotoInfo:
    """What the report says of one converted photo: `photo` without its bytes."""

    picture: Picture
    photo: PreparedPhoto


@dataclass(frozen=True, slots=True)
class PageRecord:
    """A finished page file in `folder`: its name, SHA-256, size in bytes, preflight
    report, its photos as converted, and its PNG's name ("" without)."""

    name: str
    sha256: str
    size: int
    report: FileReport
    photos: tuple[PhotoInfo, ...]
    png: str = ""


def run_page(task: PageTask, folder: Path) -> PageRecord:
    """Make `task`'s page file in `folder`; returns its record."""
    from layout.preflight import preflight_file
    from layout.render.pdf import RenderJob, render_pdf
    from layout.render.pdfx import PdfxSpec, finish_pdfx

    photos = _photos(task)
    job = RenderJob(task.fonts, photos, task.colour, task.boxes, task.title, task.date, task.slug, task.cache)
    spec = PdfxSpec(task.pdfx, task.title, task.date, task.document, task.version, task.boxes, task.modified,
                    proof=task.slug is not None)
    data = finish_pdfx(render_pdf(task.page, job), spec)
    path = folder / task.name
    _write(path, data)
    report = preflight_file(path, task.preflight, task.name, _inks(task, photos))
    png = ""
    if task.png:
        from layout.render.png import png_bytes

        png = task.name[:-4] + ".png"
        _write(folder / png, png_bytes(path))
    infos = tuple(PhotoInfo(p, replace(ph, data=b"")) for p, ph in photos.items())
    return PageRecord(task.name, hashlib.sha256(data).hexdigest(), len(data), report, infos, png)


def _inks(task: PageTask, photos: dict[Picture, PreparedPhoto]):
    """The page's ink from what it draws (layout.preflight.analytic: photo pixels as
    embedded, painted colours, overprinting black) unless a raster measure was asked
    for (`--tac gs` or `python`); None lets preflight measure."""
    from layout.preflight.report import TacMethod

    if task.preflight.tac_method is not TacMethod.AUTO:
        return None
    from layout.preflight import analytic_ink, embedded_pixels
    from layout.render.pdf import ink

    pixels = {picture: embedded_pixels(photo.data) for picture, photo in photos.items()}
    bleed = task.boxes.trim.x0 - task.boxes.bleed.x0 if task.boxes.bleed is not None else 0.0
    return [analytic_ink(task.page, pixels, lambda colour: ink(colour, task.colour), bleed)]


def _write(path: Path, data: bytes) -> None:
    """Write a file of the set, flushed; a write fault as an error for people."""
    from layout.render.outfolder import os_problem, write_synced

    try:
        write_synced(path, data)
    except OSError as exc:
        raise os_problem(exc, path.name, path.parent) from None


def _photos(task: PageTask) -> dict[Picture, PreparedPhoto]:
    """Every photo of the page converted for its plate (from the cache when there)."""
    pictures = [item for item in task.page.items if isinstance(item, Picture)]
    return {p: prepare_photo(p, task.photos, task.cache) for p in pictures}



class PageCache:
    """Pages already made in this process (the warm builder's): a task made before gives
    the same file, so its record and bytes are kept and written again instead of drawn.
    One entry per file name: the latest."""

    def __init__(self) -> None:
        self._made: dict[str, tuple[PageTask, PageRecord, dict[str, bytes], int]] = {}
        self._serial = 0
        self._merged: MergeMemo | None = None

    def merge_memo(self) -> MergeMemo:
        """The objects of the page files the last whole-issue PDF was joined from
        (layout.render.merge.MergeMemo), made on first use."""
        if self._merged is None:
            from layout.render.merge import MergeMemo
            self._merged = MergeMemo()
        return self._merged

    def stamps(self) -> dict[str, int]:
        """File name → serial number of its entry (a new one each time the page is made)."""
        return {name: entry[3] for name, entry in self._made.items()}

    def put(self, task: PageTask, record: PageRecord, folder: Path) -> None:
        files = {name: (folder / name).read_bytes() for name in (record.name, record.png) if name}
        self._serial += 1
        self._made[task.name] = (task, record, files, self._serial)

    def write(self, task: PageTask, folder: Path) -> PageRecord | None:
        """Write the files of `task`, if it was made before, into `folder`; its record,
        or None."""
        entry = self._made.get(task.name)
        if entry is None or entry[0] != task:
            return None
        for name, data in entry[2].items():
            _write(folder / name, data)
        return entry[1]

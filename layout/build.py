"""`build()`: the whole pipeline, one stage per line.

The output folder holds the old set or the new one, never a mix: every file is written
into a staging folder beside it and the folder is switched whole at the end
(layout/render/outfolder.py); a hot folder gets the plant's files one by one, manifest
last, before the switch (layout/render/hotfolder.py). Pages are drawn and checked in
worker processes as soon as their inputs are known, composed there too, and stream to the
staging folder (layout/pipeline.py, layout/workers.py). Page files
for the plant are named by `page_file()`: `{code}_{YYYYMMDD}_{section}{page:02}.pdf`,
`_v2`, `_v3`… for replacement pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from layout.collector import Collections, quiet_collector
from layout.compose import PageResult
from layout.compose.issue import IssueComposition
from layout.compose.items import Picture
from layout.compose.report import hole_problem, layout_report
from layout.compose.report import problems as layout_problems
from layout.errors import IssueError, OversetError, PaibanError, Problem
from layout.i18n import N_, _
from layout.model import load_issue
from layout.model.report import model_report
from layout.model.schema import HolePolicy, Issue, Page, PdfxVersion
from layout.model.units import MM
from layout.preflight.report import Check, PreflightSettings, TacMethod
from layout.render.adfile import ad_entries, check_ads, with_ads
from layout.render.hotfolder import HotFolder
from layout.render.jobs import PageCache, PageRecord, PageTask
from layout.render.manifest import NAMING, PageFile, colour_name, dump_json, manifest, report, to_json
from layout.render.outfolder import OutputFolder, check_creatable
from layout.render.photos import RESAMPLE_ABOVE, PhotoRequest, Resolution, default_cache_dir, effective_ppi, grade
from layout.text.config import TextConfig
from layout.text.copyedit import CopyChange, check_coverage, normalize_issue
from layout.text.metrics import MetricsSet

if TYPE_CHECKING:  # for the annotation only: layout.render.merge is imported where the issue PDF is written
    from layout.render.merge import MergeMemo

__all__ = ["NAMING", "BuildResult", "Builder", "OutputOptions", "PageFile", "build", "file_stem", "page_file"]
Progress = Callable[[str, int, int], None]  # (label, done, total), e.g. layout.proof.progress.Progress
DEFAULT = Path("<default cache>")  # OutputOptions.cache: the user's cache folder, found when the build runs


@dataclass(frozen=True, slots=True)
class OutputOptions:
    """How the files are made: `pdfx` overrides the issue's `print.pdfx`; `marks` makes
    desktop proofs (crop and registration marks, colour bar, slug); `deliver` is a hot
    folder to place the finished page set in; `cache` the folder for converted photos
    (None: convert every time; by default $PAIBAN_CACHE or ~/.cache/paiban, looked up
    when the build runs); `tac` how preflight measures ink; `workers` how many
    processes draw pages (None: one per core)."""

    pdfx: PdfxVersion | None = None
    marks: bool = False
    deliver: Path | None = None
    cache: Path | None = DEFAULT
    tac: TacMethod = TacMethod.AUTO
    workers: int | None = None
    force: str = ""  # why pages not signed off (签发) at their current revision are delivered anyway

    def cache_folder(self) -> Path | None:
        return default_cache_dir() if self.cache == DEFAULT else self.cache


@dataclass(frozen=True, slots=True)
class BuildResult:
    out: Path
    files: tuple[Path, ...]
    changes: tuple[CopyChange, ...]
    overset: tuple[str, ...] = field(default=())
    warnings: tuple[str, ...] = field(default=())
    pages: tuple[PageFile, ...] = field(default=())
    delivered: tuple[Path, ...] = field(default=())


def build(folder: Path, out: Path, draft: bool = False, png: bool = False,
          options: OutputOptions | None = None, progress: Progress | None = None,
          reuse: PageCache | None = None, remember: bool = True) -> BuildResult:
    """Build the issue in `folder` into `out`: one PDF/X file per page, the whole issue as
    one PDF, manifest.json and report.json (and page PNGs with `png`). `progress` is told
    (label, done, total) as each page is finished. `out` is replaced whole, and only
    when everything (delivery included) succeeded. Pages `reuse` made before (same
    composed page, same settings) are not drawn again (`Builder`). Without `remember`
    (the `paiban build` command: its process ends with the build) nothing is kept for a
    rebuild and each page, once drawn, is held only as the checks and reports need it,
    so memory does not grow with the page count (not when delivering to a hot folder:
    the sign-off check reads each whole page)."""
    options = options or OutputOptions()
    target, hot = _targets(Path(out), options)               # refused before any work when unusable
    issue = _with_pdfx(load_issue(Path(folder)), options.pdfx)  # model: issue files → Issue
    issue, ad_reports = check_ads(issue, draft, options.tac)  # ads: every ad file preflighted before it is placed
    issue, changes = normalize_issue(issue)                 # text: GB/T 15834 copy normalization
    metrics = MetricsSet.for_fonts(issue.fonts, options.cache_folder())  # text: font metrics by role (parses cached)
    coverage = partial(check_coverage, issue, metrics)      # text: every character has a glyph (while pages start)
    with ExitStack() as stack:
        stack.enter_context(target)                         # lock OUT, clean up after killed builds
        if hot is not None:
            stack.enter_context(hot)
        work = IssueComposition(issue, metrics, TextConfig.of(issue.typesetting), draft,
                                remember=remember or hot is not None)  # (sign-off reads each whole page)
        results, pages, records = make_pages(work, options, target, png, progress, reuse, coverage)  # compose → render → check
        overset, tightened = overset_report(results), adjustments(results)
        if overset and not draft:
            raise OversetError(_("overset (超版: text that does not fit its module):") + "\n" + "\n".join(overset))
        if hot is not None:
            _check_signoff(Path(folder), results, options.force)  # 签发: what goes to the plant is signed
        notes = photo_notes(issue, results, draft)          # photo resolution where placed
        _check_pages(pages, draft, hot is not None)
        notes = finish_notes(notes, records)                # with what converting each photo found
        whole = _write_issue_files(issue, pages, target, options,  # the issue PDF, then the manifest last
                                   reuse.merge_memo() if reuse is not None else None)
        ads = ad_entries(results, ad_reports, pages)  # ads: booking, page, box, file SHA-256, preflight
        target.write("report.json", partial(dump_json, with_ads(report(changes, (overset, tightened), notes, pages)
                                                             | {"layout": layout_report(results, work.unplaced_copy())}
                                                             | model_report(issue), ads)))  # (written as made)
        target.write("manifest.json", to_json(with_ads(_forced(manifest(issue, pages, options.marks,
                                                                        whole),
                                                               options, results, folder), ads)))
        delivered = hot.deliver({p.name: p.path for p in pages},
                                to_json(with_ads(_forced(manifest(issue, pages, options.marks), options, results,
                                                         folder), ads))) \
            if hot else ()
        written = target.commit()                           # the new set in, whole
    pages = tuple(replace(p, path=target.out / p.name) for p in pages)
    return BuildResult(target.out, written, changes, overset, tuple(str(n) for n in issue.notices)
                       + _layout_warnings(issue, results, draft) + _warnings(notes, pages), pages, delivered)


def _layout_warnings(issue: Issue, results: tuple[PageResult, ...], draft: bool) -> tuple[str, ...]:
    """What the composer found that did not stop the build: everything, in a draft
    (holes 天窗, unplaced articles, lines outside their module); holes the issue allows."""
    if draft:
        return tuple(str(p) for p in layout_problems(issue, results))
    if issue.holes is HolePolicy.ALLOW:
        return tuple(str(hole_problem(issue, r, h)) for r in results for h in r.holes)
    return ()


def _check_signoff(folder: Path, results: tuple[PageResult, ...], force: str) -> None:
    """Refuse to deliver pages not signed off (签发) at their current revision, unless
    `force` gives the reason (it goes into the manifest)."""
    from layout.proof.signoff import unsigned

    missing = unsigned(folder, results)
    if missing and not force.strip():
        pages = _(", ").join(f"第{n}版" for n in missing)
        raise PaibanError(_("not delivered: {pages} not signed off (签发) at their current revision; sign them with "
                            "`paiban signoff ISSUE --page N --by NAME`, or deliver anyway with --force REASON").format(
                                pages=pages))


def _forced(record: dict, options: OutputOptions, results: tuple[PageResult, ...], folder: Path) -> dict:
    """The manifest with the pages delivered unsigned and the reason given, when --force was."""
    if not options.force.strip() or options.deliver is None:
        return record
    from layout.proof.signoff import unsigned

    return record | {"signoff_override": {"pages": list(unsigned(folder, results)), "reason": options.force.strip()}}


class Builder:
    """A warm build for the evening's rebuilds (`paiban watch`, a newsroom service): each
    `build()` reads the issue again and writes the whole set like `build()`, but what did
    not change is not made again: body files and issue.yaml with the same bytes are not
    parsed, copy already normalized is not normalized (layout/model/memo.py), pages whose
    composed content and settings did not change are not composed (layout/compose/memo.py)
    nor drawn and checked, and their files are hard-linked from the set switched in last
    when they are still the files written then (layout/render/kept.py). Fonts stay
    registered and parsed, metrics and converted photos cached, for the life of the process.

        builder = Builder(Path("issues/jiefang-2023-01-06"), draft=True)
        result = builder.build(Path("out"))        # cold: every page drawn
        …                                          # an editor saves a body file
        result = builder.build(Path("out"))        # only the pages that changed are drawn
        builder.redrawn                            # their file names, last build
        builder.linked                             # the files linked from the last set
    """

    def __init__(self, folder: Path, draft: bool = False, options: OutputOptions | None = None):
        from layout.render.kept import KeptPages

        self.folder, self.draft = Path(folder), draft
        self.options = options or OutputOptions()
        self.cache = KeptPages()
        self.redrawn: tuple[str, ...] = ()
        self.linked: tuple[str, ...] = ()
        self.collections = Collections()  # full collections between builds (layout/collector.py)

    def build(self, out: Path, png: bool = False, progress: Progress | None = None) -> BuildResult:
        from layout.render.outfolder import target_path

        before = self.cache.stamps()
        self.cache.out, self.cache.linked = target_path(Path(out)), []
        with quiet_collector():  # no full scan of every page kept (layout/collector.py)
            result = build(self.folder, out, self.draft, png, self.options, progress, reuse=self.cache)
        if not before:  # the first build: its pages were made by workers, a rebuild's page is made here
            _ready_to_compose()
        self.collections.built()
        after = self.cache.stamps()
        self.redrawn = tuple(sorted(name for name, stamp in after.items() if before.get(name) != stamp))
        self.linked = tuple(sorted(self.cache.linked))
        return result


def _ready_to_compose() -> None:
    """Load in this process what composing a page needs once per process and the page
    workers loaded for themselves: the word segmenter's dictionary for headline breaks
    (≈ 30 ms), which the first page an edit recomposes here would otherwise wait for."""
    from layout.text.words import NoSegmenter, load_dictionary

    try:
        load_dictionary()
    except (NoSegmenter, OSError, RuntimeError):  # a warm-up only: a headline that needs it says why
        pass


def _targets(out: Path, options: OutputOptions) -> tuple[OutputFolder, HotFolder | None]:
    """The output folder and hot folder, checked before the build starts."""
    if options.deliver is not None and options.marks:
        raise PaibanError(_("--deliver with --marks: proofs with marks are not for the plant; "
                            "build without --marks to deliver"))
    target = OutputFolder(out)
    check_creatable(target.out, N_("the output folder"))
    hot = HotFolder(options.deliver) if options.deliver is not None else None
    if hot is not None:
        check_creatable(hot.hot, N_("the hot folder"))
        if hot.hot == target.out:
            raise PaibanError(_("the hot folder and the output folder must be different folders"))
    return target, hot


def _with_pdfx(issue: Issue, pdfx: PdfxVersion | None) -> Issue:
    """`issue` with its PDF/X level overridden (from the command line), if given."""
    if pdfx is None:
        return issue
    return replace(issue, print_settings=replace(issue.print_settings, pdfx=pdfx))


def overset_report(results: tuple[PageResult, ...]) -> tuple[str, ...]:
    """One line per module whose text did not fit (in a draft, it shows in red)."""
    lines = []
    for result in results:
        for module in result.modules:
            rest = module.overset
            if rest.units:
                src = module.article.parts[module.part].source
                rows = -(-sum(u.rows for u in rest.units) // max(module.text_columns, 1))
                lines.append(f"{src}: " + _("article '{article}' (page {page}): {lines} lines, {chars} characters "
                                            "over; give it about {rows} more grid lines across its {columns} "
                                            "columns, or cut from “{start}…”: the overset copy is “{text}”").format(
                    article=module.article.id, page=result.page.number, lines=rest.lines, chars=len(rest.text),
                    rows=rows, columns=module.text_columns, start=rest.text[:12], text=rest.text))
    return tuple(lines)


def adjustments(results: tuple[PageResult, ...]) -> tuple[str, ...]:
    """One line per module whose copy was set tighter to fit (紧排, the article's `tighten`)
    (holes and unplaced articles are under "layout" in report.json)."""
    return tuple(f"{m.article.placement.source}: " + _("article '{article}' (page {page}) set {em} em per "
                                                         "character tighter to fit (紧排)").format(
                     article=m.article.id, page=r.page.number, em=f"{m.tightened:.2f}")
                 for r in results for m in r.modules if m.tightened)


def file_stem(issue: Issue) -> str:
    """`{code}_{YYYYMMDD}`: the whole-issue file's name without extension."""
    return f"{issue.code}_{issue.date:%Y%m%d}"


def page_file(issue: Issue, page: Page) -> str:
    """The plant's name for a page file: `JZRB_20230106_A01.pdf`; `…_A01_v2.pdf` for the
    first replacement of that page."""
    version = f"_v{page.version}" if page.version > 1 else ""
    return f"{file_stem(issue)}_{page.section_code}{page.number:02d}{version}.pdf"


# ------------------------------------------------------------------------- photos

def photo_notes(issue: Issue, results, draft: bool) -> list[dict]:
    """A report entry per placed photo, in page order; resolution too low stops the
    build (unless `draft`) with the photo's file, line and field named."""
    notes, problems = [], []
    for result in sorted(results, key=lambda r: r.page.number):
        for picture in (item for item in result.page.items if isinstance(item, Picture)):
            note, problem = _resolution_note(issue, issue.page(result.page.number), picture)
            notes.append(note)
            problems += [problem] if problem else []
    if problems and not draft:
        raise IssueError(problems)
    return notes


def _resolution_note(issue: Issue, page: Page, picture: Picture) -> tuple[dict, Problem | None]:
    """The report entry for one placed photo, and a Problem when it is below ppi_error
    (the conversion's figures are added when the page is made)."""
    settings = issue.print_settings
    ppi = effective_ppi(picture)
    status = grade(ppi, settings.ppi_warning, settings.ppi_error)
    file, line, field_ = _photo_source(issue, picture)
    facts = {"file": picture.file.name, "ppi": f"{ppi:.0f}", "mm": f"{picture.width / MM:.0f}",
             "error": f"{settings.ppi_error:g}", "warning": f"{settings.ppi_warning:g}"}
    if status is Resolution.TOO_LOW:
        text = _("photo '{file}' is {ppi} ppi where placed ({mm} mm wide), below {error} ppi: use a larger "
                 "original or place it smaller")
    elif status is Resolution.LOW:
        text = _("photo '{file}' is {ppi} ppi where placed ({mm} mm wide), below {warning} ppi: it will print soft")
    else:
        text = _("photo '{file}' is {ppi} ppi where placed ({mm} mm wide)")
    text = text.format(**facts)
    note = {"page": page.number, "article": picture.article, "file": picture.file.name, "ppi": round(ppi, 1),
            "status": status.value, "message": f"{file}:{line}: {field_}: {text}", "_picture": picture}
    problem = Problem(file, line, field_, text) if status is Resolution.TOO_LOW else None
    return note, problem


def _photo_source(issue: Issue, picture: Picture):
    """(file, line, field) of the photo entry `picture` came from."""
    for i, article in enumerate(issue.articles):
        if article.id != picture.article:
            continue
        for j, photo in enumerate(article.photos):
            if photo.file == picture.file:
                return photo.source.file, photo.source.line, f"articles[{i}].photos[{j}].file"
    return issue.source.file, 0, "articles"


def finish_notes(notes: list[dict], records: list[PageRecord]) -> list[dict]:
    """The notes with what the conversion of each photo found."""
    by_picture = {info.picture: info.photo for record in records for info in record.photos}
    out = []
    for note in notes:
        picture = note["_picture"]
        info = by_picture[picture]
        entry = {k: v for k, v in note.items() if k != "_picture"}
        entry.update({"embedded_ppi": round(info.ppi, 1), "resampled": info.width != picture.crop[2] - picture.crop[0],
                      "colour": info.colour_space, "max_ink": info.ink})
        out.append({k: entry[k] for k in ("page", "article", "file", "ppi", "embedded_ppi", "resampled", "colour",
                                          "max_ink", "status", "message")})
    return out


# --------------------------------------------------------------------- page files

def make_pages(work: IssueComposition, options: OutputOptions, target: OutputFolder, png: bool,
               progress: Progress | None, reuse: PageCache | None = None,
               meanwhile: Callable[[], None] | None = None
               ) -> tuple[tuple[PageResult, ...], tuple[PageFile, ...], list[PageRecord]]:
    """Every page composed, drawn, finished as PDF/X, written to the staging folder and
    preflighted there, by worker processes as soon as each page's inputs are known
    (layout/pipeline.py); the composed pages (the issue's checks passed; in the issue's
    order), the page files and the workers' records (in page-number order). `meanwhile`
    runs in this process while the first pages are composed."""
    from layout.pipeline import compose_and_make
    from layout.render.fonts import register_fonts
    from layout.workers import default_workers

    issue = work.issue
    if len(issue.pages) > 1 and (options.workers or default_workers()) > 1:  # once, before the workers fork
        register_fonts(issue.fonts, None, options.cache_folder())  # (one page: only the fonts it draws with)
    total = len(issue.pages)
    finished: list[PageRecord] = []
    numbers = {page_file(issue, page): page.number for page in issue.pages}

    def done(record: PageRecord) -> None:
        if progress:
            progress(f"page {numbers[record.name]}", len(finished), total)
        finished.append(record)

    def make_task(result: PageResult) -> PageTask:
        return page_task(issue, result, options, png)

    results, records = compose_and_make(work, make_task, target.folder, options.workers, done, reuse, meanwhile)
    if progress:
        progress("done", total, total)
    pages = tuple(PageFile(issue.page(r.page.number), rec.name, target.path(rec.name), rec.sha256, rec.size,
                           rec.report) for r, rec in zip(results, records))
    order = sorted(range(len(results)), key=lambda i: results[i].page.number)
    return results, tuple(pages[i] for i in order), [records[i] for i in order]


def page_task(issue: Issue, result: PageResult, options: OutputOptions, png: bool = False) -> PageTask:
    """What a worker needs to make one page's file."""
    from layout.render.boxes import page_boxes
    from layout.render.pdfx import LABEL

    page, composed = issue.page(result.page.number), result.page
    settings = issue.print_settings
    name = page_file(issue, page)
    boxes = page_boxes(composed.width, composed.height, page.template.bleed, options.marks)
    title = f"{issue.paper} {issue.date:%Y-%m-%d} 第{page.number}版 {page.section}".strip()
    slug = (f"{name}   {title}   {colour_name(page)}   {LABEL[settings.pdfx]}   "
            "PROOF with marks, not for the plant") if options.marks else None
    return PageTask(composed, name, issue.fonts, page.colour, boxes, title, issue.date, settings.pdfx,
                    page_file(issue, replace(page, version=1)), page.version,  # replacements share the document id
                    PhotoRequest(page.colour, settings.ink_limit, settings.screen_ruling),
                    _preflight_settings(issue, page, options), options.cache_folder(), slug, png,
                    revision_stamp(issue, page))


def revision_stamp(issue: Issue, page: Page) -> dt.datetime | None:
    """The date a replacement page carries: its `revised` time when the issue gives one,
    else the issue date at 00:00 plus one minute per version after the first, so every
    version has its own, later date and rebuilds stay identical. None for version 1."""
    revised = getattr(page, "revised", None)
    if isinstance(revised, dt.datetime):
        return revised
    if page.version <= 1:
        return None
    return dt.datetime(issue.date.year, issue.date.month, issue.date.day) + dt.timedelta(minutes=page.version - 1)


def _preflight_settings(issue: Issue, page: Page, options: OutputOptions) -> PreflightSettings:
    from layout.model.schema import PageColour
    from layout.render.colour import newsprint

    s = issue.print_settings
    return PreflightSettings(ink_limit=s.ink_limit, ppi_warning=s.ppi_warning, ppi_error=s.ppi_error,
                             ppi_max=RESAMPLE_ABOVE * s.screen_ruling, output_condition=newsprint().identifier,
                             expect=s.pdfx, allow_marks=options.marks, black_only=page.colour is PageColour.GRAY,
                             tac_method=options.tac)


def preflight_failures(pages: tuple[PageFile, ...]) -> list[str]:
    """One line per preflight error of the page files."""
    return [f"{p.name}: {f.check.title}: {f.text()}" for p in pages for f in p.report.errors]


def _check_pages(pages: tuple[PageFile, ...], draft: bool, delivering: bool) -> None:
    """Preflight errors stop the build (unless `draft`) and always stop a delivery —
    before anything is switched or delivered."""
    failures = preflight_failures(pages)
    if failures and not draft:
        raise PaibanError(_("preflight failed (files the plant would reject):") + "\n" + "\n".join(failures))
    failing = [p.name for p in pages if not p.report.passed]
    if failing and delivering:
        raise PaibanError(_("not delivered: {pages} failed preflight; build without --deliver to see the draft, "
                            "fix the page and deliver again").format(pages=", ".join(failing)))


# ------------------------------------------------------------------- the file set

def _write_issue_files(issue: Issue, pages: tuple[PageFile, ...], target: OutputFolder,
                       options: OutputOptions, memo: MergeMemo | None = None) -> tuple[str, str]:
    """The whole-issue PDF, from the staged page files, into the staging folder; `memo`
    (a warm builder's) keeps what the unchanged pages were written as. Its (name,
    SHA-256), for the manifest."""
    from layout.render.merge import write_merged
    from layout.render.outfolder import os_problem, sync_file
    from layout.render.pdfx import PdfxSpec

    whole = f"{file_stem(issue)}.pdf"
    spec = PdfxSpec(issue.print_settings.pdfx, f"{issue.paper} {issue.date:%Y-%m-%d}", issue.date, whole,
                    proof=options.marks)
    try:
        digest = write_merged([p.path for p in pages], spec, target.path(whole), memo, [p.sha256 for p in pages])
        sync_file(target.path(whole))
    except OSError as exc:
        raise os_problem(exc, whole, target.out) from None
    return whole, digest


def _warnings(notes: list[dict], pages: tuple[PageFile, ...]) -> tuple[str, ...]:
    warnings = tuple(n["message"] for n in notes if n["status"] != Resolution.OK.value)
    return warnings + tuple(f"{p.name}: {w.text()}" for p in pages for w in p.report.warnings
                            if w.check is not Check.RESOLUTION)  # already named above, with file and line

"""`build()`: the whole pipeline, one stage per line.

Nothing is written until every page has been composed, rendered and preflighted; files
then land in the output folder by rename (manifest last), so a failed build leaves no
partial output. Page files for the plant are named by `page_file()`:
`{code}_{YYYYMMDD}_{section}{page:02}.pdf`, `_v2`, `_v3`… for replacement pages.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from layout.compose import PageResult, compose_issue
from layout.compose.items import Picture
from layout.errors import IssueError, OversetError, PaibanError, Problem
from layout.model import load_issue
from layout.model.schema import Issue, Page, PageColour, PdfxVersion
from layout.model.units import MM
from layout.preflight import Check, FileReport, PreflightSettings, TacMethod, preflight_bytes
from layout.render import (
    PdfxSpec, PhotoRequest, PreparedPhoto, RenderJob, finish_pdfx, merge_pdfs, page_boxes, png_bytes,
    prepare_photo, render_pdf, write_set,
)
from layout.render.colour import newsprint
from layout.render.pdfx import LABEL
from layout.render.photos import RESAMPLE_ABOVE, Resolution, default_cache_dir, effective_ppi, grade
from layout.text.config import TextConfig
from layout.text.copyedit import CopyChange, check_coverage, normalize_issue
from layout.text.metrics import MetricsSet

NAMING = "{code}_{YYYYMMDD}_{section}{page:02}[_v{version}].pdf"
Progress = Callable[[str, int, int], None]  # (label, done, total), e.g. layout.proof.progress.Progress


@dataclass(frozen=True, slots=True)
class OutputOptions:
    """How the files are made: `pdfx` overrides the issue's `print.pdfx`; `marks` makes
    desktop proofs (crop and registration marks, colour bar, slug); `deliver` is a hot
    folder to place the finished page set in; `cache` the folder for converted photos
    (None: convert every time); `tac` how preflight measures ink."""

    pdfx: PdfxVersion | None = None
    marks: bool = False
    deliver: Path | None = None
    cache: Path | None = field(default_factory=default_cache_dir)
    tac: TacMethod = TacMethod.AUTO


@dataclass(frozen=True, slots=True)
class PageFile:
    """One finished page file and its preflight report."""

    page: Page
    name: str
    data: bytes
    report: FileReport


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
          options: OutputOptions = OutputOptions(), progress: Progress | None = None) -> BuildResult:
    """Build the issue in `folder` into `out`: one PDF/X file per page, the whole issue as
    one PDF, manifest.json and report.json (and page PNGs with `png`). `progress` is told
    (label, done, total) as each page is drawn."""
    _check_options(options)
    issue = _with_pdfx(load_issue(Path(folder)), options.pdfx)  # model: issue files → Issue
    issue, changes = normalize_issue(issue)                 # text: GB/T 15834 copy normalization
    metrics = MetricsSet.for_fonts(issue.fonts)             # text: font metrics by role
    check_coverage(issue, metrics)                          # text: every character has a glyph
    results = compose_issue(issue, metrics, TextConfig.of(issue.typesetting), draft)  # text → flow → compose
    overset = overset_report(results)
    tightened = adjustments(results)
    if overset and not draft:
        raise OversetError("overset (text that does not fit its module):\n" + "\n".join(overset))
    photos, photo_notes = _photos(issue, results, options.cache, draft)  # render: photos for newsprint
    pages = tuple(_page_file(issue, r, photos, options) for r in _each(results, progress))  # render + preflight
    failures = preflight_failures(pages)
    if failures and not draft:
        raise PaibanError("preflight failed (files the plant would reject):\n" + "\n".join(failures))
    files = _files(issue, pages, changes, (overset, tightened), photo_notes, options, png)
    written = write_set(Path(out), files)                   # files land whole, manifest last
    delivered = deliver(issue, pages, files, options) if options.deliver else ()
    warnings = tuple(n["message"] for n in photo_notes if n["status"] != Resolution.OK.value)
    warnings += tuple(f"{p.name}: {w.text()}" for p in pages for w in p.report.warnings
                      if w.check is not Check.RESOLUTION)  # already named above, with file and line
    return BuildResult(Path(out), written, changes, overset, warnings, pages, delivered)


def _each(results: tuple[PageResult, ...], progress: Progress | None):
    """`results` one by one, telling `progress` as each page starts and when all are done."""
    for i, result in enumerate(results):
        if progress:
            progress(f"page {result.page.number}", i, len(results))
        yield result
    if progress:
        progress("done", len(results), len(results))


def _check_options(options: OutputOptions) -> None:
    if options.deliver is not None and options.marks:
        raise PaibanError("--deliver with --marks: proofs with marks are not for the plant; "
                          "build without --marks to deliver")


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
                lines.append(f"{src}: article '{module.article.id}' (page {result.page.number}): "
                             f"{rest.lines} lines, {len(rest.text)} characters over; give it about "
                             f"{rows} more grid lines across its {module.text_columns} columns, or cut "
                             f"from “{rest.text[:12]}…”: the overset copy is “{rest.text}”")
    return tuple(lines)


def adjustments(results: tuple[PageResult, ...]) -> tuple[str, ...]:
    """One line per module whose copy was set tighter to fit (紧排, the article's `tighten`),
    and per page where automatic placement left grid cells empty."""
    tightened = tuple(f"{m.article.placement.source}: article '{m.article.id}' (page {r.page.number}) set "
                      f"{m.tightened:.2f} em per character tighter to fit"
                      for r in results for m in r.modules if m.tightened)
    return tightened + tuple(f"page {r.page.number}: automatic placement left {r.unfilled} grid cells "
                             "(column × line) empty" for r in results if r.unfilled)


def file_stem(issue: Issue) -> str:
    """`{code}_{YYYYMMDD}`: the whole-issue file's name without extension."""
    return f"{issue.code}_{issue.date:%Y%m%d}"


def page_file(issue: Issue, page: Page) -> str:
    """The plant's name for a page file: `JZRB_20230106_A01.pdf`; `…_A01_v2.pdf` for the
    first replacement of that page."""
    version = f"_v{page.version}" if page.version > 1 else ""
    return f"{file_stem(issue)}_{page.section_code}{page.number:02d}{version}.pdf"


# ------------------------------------------------------------------------- photos

def _photos(issue: Issue, results, cache: Path | None, draft: bool) -> tuple[dict, list[dict]]:
    """Every photo converted for its page; resolution too low stops the build (unless
    `draft`) with the photo's file, line and field named."""
    converted: dict[int, dict[Picture, PreparedPhoto]] = {}
    notes, problems = [], []
    settings = issue.print_settings
    for result in results:
        page = issue.page(result.page.number)
        request = PhotoRequest(page.colour, settings.ink_limit, settings.screen_ruling)
        pictures = [item for item in result.page.items if isinstance(item, Picture)]
        converted[page.number] = {p: prepare_photo(p, request, cache) for p in pictures}
        for picture in pictures:
            note, problem = _resolution_note(issue, page, picture, converted[page.number][picture])
            notes.append(note)
            problems += [problem] if problem else []
    if problems and not draft:
        raise IssueError(problems)
    return converted, notes


def _resolution_note(issue: Issue, page: Page, picture: Picture, photo: PreparedPhoto) -> tuple[dict, Problem | None]:
    """The report entry for one placed photo, and a Problem when it is below ppi_error."""
    settings = issue.print_settings
    ppi = effective_ppi(picture)
    status = grade(ppi, settings.ppi_warning, settings.ppi_error)
    file, line, field_ = _photo_source(issue, picture)
    message = (f"{file}:{line}: {field_}: photo '{picture.file.name}' is {ppi:.0f} ppi where placed "
               f"({picture.width / MM:.0f} mm wide)")
    if status is Resolution.TOO_LOW:
        message += f", below {settings.ppi_error:g} ppi: use a larger original or place it smaller"
    elif status is Resolution.LOW:
        message += f", below {settings.ppi_warning:g} ppi: it will print soft"
    note = {"page": page.number, "article": picture.article, "file": picture.file.name, "ppi": round(ppi, 1),
            "embedded_ppi": round(photo.ppi, 1), "resampled": photo.width != picture.crop[2] - picture.crop[0],
            "colour": photo.colour_space, "max_ink": photo.ink, "status": status.value, "message": message}
    problem = Problem(file, line, field_, message.split(f"{field_}: ", 1)[1]) if status is Resolution.TOO_LOW else None
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


# --------------------------------------------------------------------- page files

def _page_file(issue: Issue, result: PageResult, photos: dict, options: OutputOptions) -> PageFile:
    """One page drawn, finished as PDF/X and preflighted."""
    page, composed = issue.page(result.page.number), result.page
    settings = issue.print_settings
    name = page_file(issue, page)
    boxes = page_boxes(composed.width, composed.height, page.template.bleed, options.marks)
    title = f"{issue.paper} {issue.date:%Y-%m-%d} 第{page.number}版 {page.section}".strip()
    slug = (f"{name}   {title}   {_colour_name(page)}   {LABEL[settings.pdfx]}   "
            "PROOF with marks, not for the plant") if options.marks else None
    job = RenderJob(issue.fonts, photos[page.number], page.colour, boxes, title, issue.date, slug)
    document = page_file(issue, replace(page, version=1))  # replacements share the document id
    data = finish_pdfx(render_pdf(composed, job),                           # render: ReportLab page
                       PdfxSpec(settings.pdfx, title, issue.date, document, page.version, boxes))
    report = preflight_bytes(data, name, _preflight_settings(issue, page, options))  # preflight
    return PageFile(page, name, data, report)


def _colour_name(page: Page) -> str:
    return "Gray" if page.colour is PageColour.GRAY else "CMYK"


def _preflight_settings(issue: Issue, page: Page, options: OutputOptions) -> PreflightSettings:
    s = issue.print_settings
    return PreflightSettings(ink_limit=s.ink_limit, ppi_warning=s.ppi_warning, ppi_error=s.ppi_error,
                             ppi_max=RESAMPLE_ABOVE * s.screen_ruling, output_condition=newsprint().identifier,
                             expect=s.pdfx, allow_marks=options.marks, black_only=page.colour is PageColour.GRAY,
                             tac_method=options.tac)


def preflight_failures(pages: tuple[PageFile, ...]) -> list[str]:
    """One line per preflight error of the page files."""
    return [f"{p.name}: {f.check.title}: {f.text()}" for p in pages for f in p.report.errors]


# ------------------------------------------------------------------- the file set

def _files(issue: Issue, pages: tuple[PageFile, ...], changes, fit, photo_notes, options, png: bool) -> dict:
    """Every output file, name → bytes: pages, whole issue, PNGs, report, manifest (last)."""
    files = {p.name: p.data for p in pages}
    title = f"{issue.paper} {issue.date:%Y-%m-%d}"
    whole = f"{file_stem(issue)}.pdf"
    files[whole] = merge_pdfs([p.data for p in pages],
                              PdfxSpec(issue.print_settings.pdfx, title, issue.date, whole))
    if png:
        for p in pages:
            files[p.name[:-4] + ".png"] = png_bytes(p.data)
    files["report.json"] = _json(_report(changes, fit, photo_notes, pages))
    files["manifest.json"] = _json(manifest(issue, pages, options, (whole, files[whole])))
    return files


def _json(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def manifest(issue: Issue, pages: tuple[PageFile, ...], options: OutputOptions, whole=None) -> dict:
    """What the plant receives: per page its file, SHA-256, section, colour, preflight."""
    profile = newsprint()
    out = {"paper": issue.paper, "code": issue.code, "date": issue.date.isoformat(),
           "issue_number": issue.issue_number, "running_number": issue.running_number,
           "pdfx": LABEL[issue.print_settings.pdfx], "naming": NAMING, "proof": options.marks,
           "output_intent": {"identifier": profile.identifier, "profile": profile.description,
                             "profile_sha256": profile.sha256},
           "ink_limit": issue.print_settings.ink_limit,
           "pages": [_manifest_page(issue, p) for p in pages]}
    if whole is not None:
        out["issue_pdf"] = {"file": whole[0], "sha256": hashlib.sha256(whole[1]).hexdigest()}
    return out


def _manifest_page(issue: Issue, p: PageFile) -> dict:
    t = p.page.template
    return {"number": p.page.number, "section": p.page.section, "section_code": p.page.section_code,
            "version": p.page.version, "file": p.name, "sha256": hashlib.sha256(p.data).hexdigest(),
            "bytes": len(p.data), "colour": _colour_name(p.page),
            "trim_mm": [round(t.trim_width / MM, 1), round(t.trim_height / MM, 1)],
            "bleed_mm": round(t.bleed / MM, 1),
            "preflight": {"result": "pass" if p.report.passed else "fail",
                          "errors": [f"{f.check.title}: {f.text()}" for f in p.report.errors],
                          "warnings": [f"{f.check.title}: {f.text()}" for f in p.report.warnings]},
            "qr": issue.footer.qr_payload}


def _report(changes, fit, photo_notes, pages) -> dict:
    """report.json: normalization changes, overset and 紧排 adjustments (`fit`: both, as
    lines), photo checks, preflight results."""
    overset, tightened = fit
    return {"normalization": {"count": len(changes), "changes": [str(c) for c in changes]},
            "overset": list(overset), "adjusted": list(tightened), "photos": photo_notes,
            "preflight": {p.name: "pass" if p.report.passed else "fail" for p in pages}}


def deliver(issue: Issue, pages: tuple[PageFile, ...], files: dict, options: OutputOptions) -> tuple[Path, ...]:
    """Place the page files and a manifest of them in the hot folder, each atomically,
    the manifest last. Refuses pages that failed preflight."""
    failing = [p.name for p in pages if not p.report.passed]
    if failing:
        raise PaibanError(f"not delivered: {', '.join(failing)} failed preflight (see manifest.json)")
    plant = {p.name: files[p.name] for p in pages}
    plant["manifest.json"] = _json(manifest(issue, pages, options))
    return write_set(options.deliver, plant, sync=True)

"""`proof()`: an issue's proof set for editors, one stage per step.

The pages are composed as a draft (overset shows in red and does not stop anything),
the copy is linted, every finding is placed next to the line it concerns, and each page
is drawn on a proof sheet (watermark, slug, margin notes: layout/render/proof.py) and
rasterized. `ProofState` carries what the last run made, so the watcher re-renders only
pages whose content or notes changed. Output (DIR):

- `{code}_{YYYYMMDD}_{section}{page:02}_proof.pdf` and `.png` per page;
- `proof.json`: the round, time, revision, pages, numbered findings with their place
  on the page images, and every article's text (what `paiban diff` compares);
- `index.html`: the proof page (layout/proof/html.py); `diff/` when a previous proof
  is given.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from layout.build import page_file
from layout.compose import PageResult, compose_issue
from layout.compose.items import ComposedPage, Picture
from layout.i18n import _
from layout.lint import Finding, Severity, lint_issue
from layout.lint.findings import counted

SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
from layout.model import load_issue
from layout.model.loader import ISSUE_FILE
from layout.model.schema import Issue
from layout.model.yamlsrc import read_yaml
from layout.proof.locate import Spot, article_lines, furniture_spot, locate, page_lines
from layout.proof.annotate import Annotation, annotate
from layout.proof.diff import compare, load_proof
from layout.proof.html import index_html
from layout.proof.revision import issue_files, revision
from layout.proof.sheet import Numbered, page_marks
from layout.proof.signoff import states as signoff_states
from layout.render import PhotoRequest, RenderJob, prepare_photo, write_set
from layout.render.adfile import ad_findings, check_ads  # ads
from layout.render.photos import default_cache_dir
from layout.render.proof import BOTTOM_ZONE, NOTE_ZONE, TOP_ZONE, ProofMarks, proof_boxes, proof_png, render_proof
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

ROUNDS = ("一校", "二校", "三校")
PROOF_JSON = "proof.json"
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class ProofOptions:
    """`round` 一校/二校/三校 (or any label); `time` the proof's time (None: now, local);
    `dpi` of the page images; `previous` an earlier proof folder to compare with;
    `cache` the folder for converted photos; `live` makes the proof page reload itself
    when the watcher writes a new proof; `margin` the least severe finding noted in the
    sheet's margins (info notes, such as punctuation the build converts, stay in
    proof.json and on the proof page but off the sheet unless asked for)."""

    round: str = ROUNDS[0]
    time: dt.datetime | None = None
    dpi: float = 100.0
    previous: Path | None = None
    cache: Path | None = field(default_factory=default_cache_dir)
    live: bool = False
    margin: Severity = Severity.WARNING  # the least severe finding noted on the sheet


@dataclass(frozen=True, slots=True)
class ProofPage:
    """One rendered proof sheet: its files' names, contents, image size in pixels, and
    the time and revision it was rendered at (kept while the page does not change)."""

    number: int
    section: str
    stem: str
    pdf: bytes
    png: bytes
    size: tuple[int, int]
    time: str
    revision: str


@dataclass
class ProofState:
    """What the last proof run made, by page number: what the sheet was drawn from (see
    `_sheet_key`) and the sheet (private, mutable state of the watch loop)."""

    pages: dict[int, tuple[tuple, ProofPage]] = field(default_factory=dict)
    photos: dict = field(default_factory=dict)
    diff: dict = field(default_factory=dict)  # layout.proof.diff.compare's memo


@dataclass(frozen=True, slots=True)
class ProofResult:
    """What a proof run wrote: folder, pages, numbered findings, pages rendered anew
    (the rest were unchanged), overset modules, seconds taken, issue files read, the
    issue's revision and the seconds until the page files were written."""

    out: Path
    pages: tuple[ProofPage, ...]
    findings: tuple[Numbered, ...]
    rendered: tuple[int, ...]
    overset: int
    seconds: float
    files: tuple[Path, ...]
    revision: str
    pages_seconds: float = 0.0  # until the page files were written (then: the proof page)
    signoff: tuple = ()  # layout.proof.signoff.PageSignoff per page

    def count(self, severity: Severity) -> int:
        return sum(1 for n in self.findings if n.finding.severity is severity)


def proof(folder: Path, out: Path, options: ProofOptions = ProofOptions(), state: ProofState | None = None,
          progress: Progress | None = None) -> ProofResult:
    """Proof the issue in `folder` into `out`. Raises IssueError when the issue does not
    load or lay out (overset does not stop a proof)."""
    start = time.perf_counter()
    folder, state = Path(folder), state if state is not None else ProofState()
    issue, lines, normalized, metrics, results = composed(folder)  # model, text, compose (as a draft)
    findings = lint_issue(issue, lines, metrics, results)        # lint: copy, glyphs, fit, overset
    findings = (*findings, *ad_findings(results))                # ads: an ad file that failed its preflight
    numbered = number_findings(issue, normalized, results, findings)  # where each finding is
    files = issue_files(folder, issue)
    stamp = SlugInfo(options.round, _time(options), revision(folder, files))
    pages, rendered = _sheets(normalized, results, numbered, stamp, options, state, metrics, progress)
    overset = sum(1 for n in numbered if n.finding.code == "E106")
    signed = tuple(signoff_states(folder, results).values())     # 签发: 未签 / 已签 / 改后待签
    result = ProofResult(Path(out), pages, numbered, rendered, overset, 0.0, files, stamp.revision, 0.0, signed)
    record = _write_pages(normalized, result, stamp, options)    # page files, proof.json
    pages_seconds = time.perf_counter() - start
    _write_index(record, result, stamp, options, state.diff)     # diff with a previous proof, index.html
    return replace(result, seconds=time.perf_counter() - start, pages_seconds=pages_seconds)


@dataclass(frozen=True, slots=True)
class Composed:
    """An issue as loaded (`issue`, before normalization) with its issue.yaml line map,
    as normalized, its fonts' metrics and its pages composed as a draft."""

    issue: Issue
    lines: object
    normalized: Issue
    metrics: MetricsSet
    results: tuple[PageResult, ...]

    def __iter__(self):
        return iter((self.issue, self.lines, self.normalized, self.metrics, self.results))


def composed(folder: Path) -> Composed:
    """Load, normalize and compose (as a draft: overset shows, does not stop) the issue
    in `folder`. Raises IssueError when it does not load or lay out."""
    issue = load_issue(folder)                                   # model: issue files → Issue
    lines = read_yaml(Path(folder) / ISSUE_FILE)[1]
    normalized, _changes = normalize_issue(issue)                # text: GB/T 15834 normalization
    normalized, _ads = check_ads(normalized, draft=True)         # ads: failing ad files placed and marked
    metrics = MetricsSet.for_fonts(issue.fonts)                  # text: font metrics
    results = compose_issue(normalized, metrics, TextConfig.of(normalized.typesetting), draft=True)
    return Composed(issue, lines, normalized, metrics, results)


def _time(options: ProofOptions) -> str:
    moment = options.time or dt.datetime.now().replace(microsecond=0)
    return moment.strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True, slots=True)
class SlugInfo:
    round: str
    time: str
    revision: str


# ------------------------------------------------------------------ findings on pages

def number_findings(raw: Issue, issue: Issue, results: tuple[PageResult, ...],
                    findings: tuple[Finding, ...]) -> tuple[Numbered, ...]:
    """Findings numbered from 1 in reading order, each with the spot on the pages it
    concerns (None for findings not on a page: issue.yaml problems, footer lines)."""
    lines = [line for r in results for line in page_lines(r)]
    by_id = {a.id: a for a in issue.articles}
    raw_by_id = {a.id: a for a in raw.articles}
    found = {a.id: article_lines(a, lines) for a in issue.articles}
    out = []
    ids: dict[str, int] = {}
    ordered = sorted(findings, key=lambda f: SEVERITY_RANK[f.severity])  # errors first, then reading order
    for number, finding in enumerate(ordered, start=1):
        art, where = finding.where.article, finding.where
        if where.page is not None and where.box is not None:   # read from the page: its own place
            spot = Spot(where.page, *where.box)
        elif where.field in ("hole", "unplaced", "jump"):
            spot = None
        else:
            spot = (locate(finding, raw_by_id.get(art), by_id.get(art), found.get(art)) if art
                    else furniture_spot(finding, lines))
        key = finding_id(finding, folder_of(raw))
        ids[key] = ids.get(key, 0) + 1
        out.append(Numbered(number, finding, spot, key if ids[key] == 1 else f"{key}-{ids[key]}"))
    return tuple(out)


DIGITS = re.compile(r"\d+")


def folder_of(issue: Issue) -> Path:
    return Path(issue.source.file).parent


def finding_id(finding: Finding, folder: Path) -> str:
    """A finding's id, the same in every round while the finding is the same: its code
    and a hash of its file (by name in the issue folder), article, field and message
    with the numbers taken out (a line or character count moves when copy above it
    changes; the finding stays)."""
    try:
        name = Path(finding.file).resolve().relative_to(Path(folder).resolve()).as_posix()
    except ValueError:
        name = Path(finding.file).name
    text = "\0".join((finding.code, name, finding.where.article, DIGITS.sub("#", finding.where.field),
                      DIGITS.sub("#", finding.message)))
    return f"{finding.code}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}"


# ------------------------------------------------------------------ sheets

def _sheets(issue: Issue, results, numbered, stamp: SlugInfo, options: ProofOptions, state: ProofState,
            metrics: MetricsSet, progress: Progress | None) -> tuple[tuple[ProofPage, ...], tuple[int, ...]]:
    """Every page's proof sheet: from `state` where neither the page nor its notes
    changed, else drawn and rasterized anew."""
    pages, rendered = [], []
    for i, result in enumerate(results):
        composed, page = result.page, issue.page(result.page.number)
        on_page = [n for n in numbered if n.spot is not None and n.spot.page == page.number]
        mine = [n for n in on_page if SEVERITY_RANK[n.finding.severity] <= SEVERITY_RANK[options.margin]]
        area = (page.template.area_left, page.template.area_left + page.template.area_width)
        marks = page_marks("", mine, (composed.width, composed.height), area, metrics)
        key = _sheet_key(issue, page, composed, marks, options) + (page_counts(on_page),)
        old = state.pages.get(page.number)
        if old is not None and old[0] == key:
            pages.append(old[1])
            continue
        if progress:
            progress(f"page {page.number}", i, len(results))
        sheet = _render(issue, result, marks, stamp, options, state, page_counts(on_page))
        sheet = replace(sheet, pdf=annotate(sheet.pdf, [Annotation(n.id, n.number, n.finding.code,
                                                                   n.finding.severity.value, n.finding.message,
                                                                   (n.spot.x0, n.spot.top, n.spot.x1, n.spot.bottom))
                                                        for n in mine]))
        state.pages[page.number] = (key, sheet)
        pages.append(sheet)
        rendered.append(page.number)
    if progress:
        progress("done", len(results), len(results))
    return tuple(pages), tuple(rendered)


def _sheet_key(issue: Issue, page, composed: ComposedPage, marks: ProofMarks, options: ProofOptions) -> tuple:
    """Everything a proof sheet is drawn from but the slug's time and revision (a page
    that did not change keeps the time and revision it was drawn at): the composed page,
    its notes, colour, fonts, print settings, the photos' files as they are now, the
    round and the resolution."""
    photos = tuple((i.file, i.file.stat().st_mtime_ns, i.file.stat().st_size)
                   for i in composed.items if isinstance(i, Picture))
    return (composed, marks, page.colour, issue.fonts, issue.print_settings, photos, options.round, options.dpi)


def slug(issue: Issue, number: int, stamp: SlugInfo, counts: str) -> str:
    """The slug line above the trim."""
    page = issue.page(number)
    return (f"校样 {stamp.round}   {stamp.time}   修订 {stamp.revision}   {issue.paper} "
            f"{issue.date:%Y-%m-%d} 第{number}版 {page.section}   {counts}   paiban proof — not for the plant")


def _render(issue: Issue, result: PageResult, marks: ProofMarks, stamp: SlugInfo, options: ProofOptions,
            state: ProofState, counts: str) -> ProofPage:
    """Draw one proof sheet (layout/render/proof.py) and rasterize it; `counts` goes in
    the slug."""
    page, composed = issue.page(result.page.number), result.page
    marks = replace(marks, slug=slug(issue, page.number, stamp, counts))
    photos = _photos(issue, page, composed, options, state)
    title = f"{issue.paper} {issue.date:%Y-%m-%d} 第{page.number}版 {page.section} 校样"
    job = RenderJob(issue.fonts, photos, page.colour, proof_boxes(composed.width, composed.height), title, issue.date)
    pdf = render_proof(composed, job, marks)
    png, size = proof_png(pdf, options.dpi)
    stem = page_file(issue, page)[:-4] + "_proof"
    return ProofPage(page.number, page.section, stem, pdf, png, size, stamp.time, stamp.revision)


def page_counts(numbered: list[Numbered]) -> str:
    """`2 errors, 1 warning, 41 info on this page`: every finding on the page, noted in
    the margin or not."""
    return _("{counts} on this page").format(counts=counted([n.finding.severity for n in numbered]))


def _photos(issue: Issue, page, composed: ComposedPage, options: ProofOptions, state: ProofState) -> dict:
    """The page's photos converted for print (kept in `state` between runs)."""
    settings = issue.print_settings
    request = PhotoRequest(page.colour, settings.ink_limit, settings.screen_ruling)
    out = {}
    for picture in (i for i in composed.items if isinstance(i, Picture)):
        key = (picture, request, picture.file.stat().st_mtime_ns)
        if key not in state.photos:
            state.photos[key] = prepare_photo(picture, request, options.cache)
        out[picture] = state.photos[key]
    return out


# ------------------------------------------------------------------ files

def _write_pages(issue: Issue, result: ProofResult, stamp: SlugInfo, options: ProofOptions) -> dict:
    """The files of the pages drawn anew and proof.json; returns proof.json's record."""
    files = {}
    for page in result.pages:
        if page.number in result.rendered or not (result.out / (page.stem + ".png")).is_file():
            files[page.stem + ".pdf"] = page.pdf
            files[page.stem + ".png"] = page.png
    record = proof_record(issue, result, stamp, options)
    files[PROOF_JSON] = (json.dumps(record, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    write_set(result.out, files)
    return record


def _write_index(record: dict, result: ProofResult, stamp: SlugInfo, options: ProofOptions, memo: dict) -> None:
    """The diff with a previous proof, then index.html (and, when live, live.js, which
    tells an open proof page to reload)."""
    comparison = None
    if options.previous is not None and (Path(options.previous) / PROOF_JSON).is_file():
        comparison = compare(load_proof(Path(options.previous)), load_proof(result.out), result.out / "diff", memo)
    live = f"{stamp.revision} {stamp.time} {','.join(map(str, result.rendered))}" if options.live else ""
    page = {"index.html": index_html(record, comparison, options.previous, live, kept_rounds(result.out),
                                     previous_answers(options.previous)).encode("utf-8")}
    if live:
        page["live.js"] = f"window.paibanLive && window.paibanLive({json.dumps(live)});\n".encode("utf-8")
    write_set(result.out, page)


def kept_rounds(out: Path) -> tuple[tuple[str, str], ...]:
    """(label, link relative to `out`) of every earlier round kept in `out`/rounds."""
    found = []
    for folder in sorted((Path(out) / "rounds").glob("*/proof.json")):
        try:
            record = json.loads(folder.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        found.append((f"{record.get('round', '')} {record.get('time', '')}", f"rounds/{folder.parent.name}/index.html"))
    return tuple(found)


def previous_answers(previous: Path | None) -> dict:
    """Finding id → the editors' replies on the previous round's proof PDFs."""
    if previous is None:
        return {}
    from layout.proof.annotate import read_replies

    return read_replies(Path(previous))


def proof_record(issue: Issue, result: ProofResult, stamp: SlugInfo, options: ProofOptions) -> dict:
    """proof.json: what the proof shows and where, for the proof page and for diff."""
    scale = options.dpi / 72.0
    pages = {p.number: p for p in result.pages}
    headlines = {a.id: a.headline for a in issue.articles}
    return {
        "proof": 1, "paper": issue.paper, "code": issue.code, "date": issue.date.isoformat(),
        "round": stamp.round, "time": stamp.time, "revision": stamp.revision, "dpi": options.dpi,
        "summary": {"pages": len(result.pages), "errors": result.count(Severity.ERROR),
                    "warnings": result.count(Severity.WARNING), "info": result.count(Severity.INFO),
                    "overset": result.overset},
        "pages": [_page_record(p, scale) for p in result.pages],
        "findings": [_finding_record(n, pages, scale, headlines) for n in result.findings],
        "articles": article_texts(issue),
        "signoff": {str(s.page): {"state": s.state.name.lower(), "label": s.state.value, "revision": s.revision,
                                  "by": s.last.name if s.last else "", "role": s.last.role if s.last else "",
                                  "time": s.last.time if s.last else ""} for s in result.signoff},
    }


def _page_record(page: ProofPage, scale: float) -> dict:
    width_px, height_px = page.size
    trim_w = width_px / scale - 2 * NOTE_ZONE
    trim_h = height_px / scale - TOP_ZONE - BOTTOM_ZONE
    trim = [NOTE_ZONE * scale, TOP_ZONE * scale, (NOTE_ZONE + trim_w) * scale, (TOP_ZONE + trim_h) * scale]
    return {"number": page.number, "section": page.section, "pdf": page.stem + ".pdf", "png": page.stem + ".png",
            "width_px": width_px, "height_px": height_px, "trim_px": [round(v, 1) for v in trim],
            "time": page.time, "revision": page.revision}


def spot_px(spot: Spot, scale: float) -> list[float]:
    """A spot's box on the page image, px from its top-left."""
    return [round((NOTE_ZONE + spot.x0 - 1) * scale, 1), round((TOP_ZONE + spot.top - 1) * scale, 1),
            round((NOTE_ZONE + spot.x1 + 1) * scale, 1), round((TOP_ZONE + spot.bottom + 1) * scale, 1)]


def _finding_record(n: Numbered, pages: dict, scale: float, headlines: dict[str, str]) -> dict:
    """A finding for proof.json: number, stable id, lint's fields, the story's headline,
    and its page and box on the page image (None when it is not on a page)."""
    record = {"number": n.number, "id": n.id, **n.finding.as_json(),
              "headline": headlines.get(n.finding.where.article, "")}
    if n.spot is not None and n.spot.page in pages:
        record.update(page=n.spot.page, box_px=spot_px(n.spot, scale))
    else:
        record.update(page=n.finding.where.page, box_px=None)
    return record


def article_texts(issue: Issue) -> list[dict]:
    """Every article's copy as set, one paragraph a line: what `paiban diff` compares."""
    out = []
    for article in issue.articles:
        parts = [article.kicker, article.headline, article.subhead, article.byline]
        parts += [block.text for block in article.blocks]
        parts += [f"{p.caption} {p.credit}".strip() for p in article.photos]
        out.append({"id": article.id, "headline": article.headline,
                    "pages": sorted({p.page for p in article.parts}), "text": "\n".join(t for t in parts if t)})
    return out

"""`proof()`: an issue's proof set for editors, one stage per step.

The pages are composed as a draft (overset shows in red and does not stop anything),
the copy is linted, every finding is placed next to the line it concerns, and each page
is drawn on two proof sheets — the full-size proof (大样) and one reduced to A3 — with
their notes (layout/proof/sheets.py), and imaged. `ProofState` carries what the last
run made, so the watcher re-renders only pages whose content or notes changed.
Output (DIR):

- `{code}_{YYYYMMDD}_{section}{page:02}_proof.pdf` (大样), `…_proof_a3.pdf` (A3) and
  `…_proof.png` (the 大样's image) per page; `tiles/…/` zoom tiles of the image;
- `proof.json`: the round, time, revision, pages, numbered findings with their place
  on the page images, and every article's text (layout/proof/record.py);
- `index.html`: the proof page (layout/proof/html.py); `diff/` when a previous proof
  is given.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from layout.build import page_file
from layout.compose import PageResult, compose_issue
from layout.compose.items import ComposedPage, Picture
from layout.i18n import language, using
from layout.lint import Severity, lint_issue
from layout.model import load_issue
from layout.model.loader import ISSUE_FILE
from layout.model.schema import Issue
from layout.model.yamlsrc import read_yaml
from layout.proof.diff import compare, load_proof
from layout.proof.html import index_html
from layout.proof.locate import Numbered, page_lines
from layout.proof.numbering import SEVERITY_RANK, number_findings, page_of
from layout.proof.record import ad_records, proof_record
from layout.proof.revision import issue_files, revision
from layout.proof.sheets import ProofPage, SlugInfo, draw_page, flag, page_counts, remove_stale_tiles, write_tiles
from layout.proof.signoff import states as signoff_states
from layout.render import PageBoxes, PhotoRequest, RenderJob, prepare_photo, write_set
from layout.render.adfile import ad_findings, check_ads  # ads
from layout.render.boxes import Rect
from layout.render.photos import default_cache_dir
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

ROUNDS = ("一校", "二校", "三校")
PROOF_JSON = "proof.json"
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class ProofOptions:
    """`round` 一校/二校/三校 (or any label); `time` the proof's time (None: now, local);
    `dpi` of the page images and `zoom_dpi` of their zoom tiles (0: none); `previous`
    an earlier proof folder to compare with; `cache` the folder for converted photos;
    `live` makes the proof page reload itself when the watcher writes a new proof;
    `margin` the least severe finding noted on the sheets (info notes, such as
    punctuation the build converts, stay in proof.json and on the proof page but off
    the sheets unless asked for)."""

    round: str = ROUNDS[0]
    time: dt.datetime | None = None
    dpi: float = 100.0
    previous: Path | None = None
    cache: Path | None = field(default_factory=default_cache_dir)
    live: bool = False
    margin: Severity = Severity.WARNING  # the least severe finding noted on the sheet
    zoom_dpi: float = 200.0


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
          progress: Progress | None = None, tiles: bool = True) -> ProofResult:
    """Proof the issue in `folder` into `out`, in Chinese unless another language is
    chosen (--lang, PAIBAN_LANG). Raises IssueError when the issue does not load or lay
    out (overset does not stop a proof). With `tiles` false the zoom tiles of pages
    drawn anew are left for `finish_tiles` (the watcher: the page comes back first)."""
    with using(language(default="zh")):
        return _proof(folder, out, options, state, progress, tiles)


def _proof(folder: Path, out: Path, options: ProofOptions, state: ProofState | None, progress: Progress | None,
           tiles: bool) -> ProofResult:
    start = time.perf_counter()
    folder, state = Path(folder), state if state is not None else ProofState()
    issue, yaml_lines, normalized, metrics, results = composed(folder)  # model, text, compose (as a draft)
    findings = lint_issue(issue, yaml_lines, metrics, results)        # lint: copy, glyphs, fit, overset
    findings = (*findings, *ad_findings(results))                     # ads: an ad file that failed its preflight
    lines = [line for r in results for line in page_lines(r)]
    numbered = number_findings(issue, normalized, results, findings, lines)  # where each finding is
    files = issue_files(folder, issue)
    stamp = SlugInfo(options.round, _time(options), revision(folder, files))
    pages, rendered = _sheets(normalized, results, numbered, stamp, options, state, metrics, progress)
    overset = sum(1 for n in numbered if n.finding.code == "E106")
    signed = tuple(signoff_states(folder, results).values())          # 签发: 未签 / 已签 / 改后待签
    result = ProofResult(Path(out), pages, numbered, rendered, overset, 0.0, files, stamp.revision, 0.0, signed)
    record = proof_record(normalized, stamp, options.dpi, pages, numbered, lines, _summary(result), signed,
                          ad_records(results))                        # ads: every booked ad, passed or not
    _write_pages(result, record)                                       # page files, proof.json
    pages_seconds = time.perf_counter() - start
    if tiles:
        finish_tiles(result)                                           # zoom tiles of the pages drawn anew
    _write_index(record, result, stamp, options, state.diff)          # diff with a previous proof, index.html
    return replace(result, seconds=time.perf_counter() - start, pages_seconds=pages_seconds)


def finish_tiles(result: ProofResult) -> None:
    """Write the zoom tiles of the result's pages that have none yet, and remove tiles
    no page uses any more."""
    for page in result.pages:
        write_tiles(result.out, page)
    remove_stale_tiles(result.out, result.pages)


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
    yaml_lines = read_yaml(Path(folder) / ISSUE_FILE)[1]
    normalized, _changes = normalize_issue(issue)                # text: GB/T 15834 normalization
    normalized, _ads = check_ads(normalized, draft=True)         # ads: failing ad files placed and marked
    metrics = MetricsSet.for_fonts(issue.fonts)                  # text: font metrics
    results = compose_issue(normalized, metrics, TextConfig.of(normalized.typesetting), draft=True, workers=None)
    return Composed(issue, yaml_lines, normalized, metrics, results)


def _time(options: ProofOptions) -> str:
    moment = options.time or dt.datetime.now().replace(microsecond=0)
    return moment.strftime("%Y-%m-%d %H:%M")


def _summary(result: ProofResult) -> dict:
    return {"pages": len(result.pages), "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING), "info": result.count(Severity.INFO),
            "overset": result.overset}


# ------------------------------------------------------------------ sheets

def _sheets(issue: Issue, results, numbered: tuple[Numbered, ...], stamp: SlugInfo, options: ProofOptions,
            state: ProofState, metrics: MetricsSet, progress: Progress | None) -> tuple[tuple[ProofPage, ...],
                                                                                       tuple[int, ...]]:
    """Every page's proof sheets: from `state` where neither the page nor its notes
    changed, else drawn and imaged anew."""
    pages, rendered = [], []
    for i, result in enumerate(results):
        number = result.page.number
        on_page = [n for n in numbered if page_of(n) == number]
        mine = [n for n in on_page if n.spot is not None
                and SEVERITY_RANK[n.finding.severity] <= SEVERITY_RANK[options.margin]]
        counts = page_counts(on_page)
        key = _sheet_key(issue, result.page, tuple(flag(n) for n in mine), counts, options)
        old = state.pages.get(number)
        if old is not None and old[0] == key:
            pages.append(old[1])
            continue
        if progress:
            progress(f"page {number}", i, len(results))
        sheet = _render(issue, result, mine, counts, stamp, options, state, metrics)
        state.pages[number] = (key, sheet)
        pages.append(sheet)
        rendered.append(number)
    if progress:
        progress("done", len(results), len(results))
    return tuple(pages), tuple(rendered)


def _sheet_key(issue: Issue, composed: ComposedPage, flags: tuple, counts: str, options: ProofOptions) -> tuple:
    """Everything a proof sheet is drawn from but the slug's time and revision (a page
    that did not change keeps the time and revision it was drawn at): the composed page,
    its notes and counts, colour, fonts, print settings, the photos' files as they are
    now, the round, the resolutions and the language."""
    page = issue.page(composed.number)
    photos = tuple((i.file, i.file.stat().st_mtime_ns, i.file.stat().st_size)
                   for i in composed.items if isinstance(i, Picture))
    return (composed, flags, counts, page.colour, issue.fonts, issue.print_settings, photos, options.round,
            options.dpi, options.zoom_dpi, language(default="zh"))


def _render(issue: Issue, result: PageResult, items: list[Numbered], counts: str, stamp: SlugInfo,
            options: ProofOptions, state: ProofState, metrics: MetricsSet) -> ProofPage:
    """Draw one page's proof sheets (layout/proof/sheets.py) and image the 大样."""
    page, composed = issue.page(result.page.number), result.page
    trim = Rect(0.0, 0.0, composed.width, composed.height)
    job = RenderJob(issue.fonts, _photos(issue, page, composed, options, state), page.colour,
                    PageBoxes(trim, trim, None), "", issue.date)
    stem = page_file(issue, page)[:-4] + "_proof"
    return draw_page(issue, result, items, counts, stamp, job, metrics, options.dpi, options.zoom_dpi, stem)


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

def _write_pages(result: ProofResult, record: dict) -> None:
    """The files of the pages drawn anew (or missing) and proof.json."""
    files = {}
    for page in result.pages:
        if page.number in result.rendered or not (result.out / (page.stem + ".png")).is_file():
            files[page.stem + ".pdf"] = page.pdf
            files[page.a3_name] = page.a3
            files[page.stem + ".png"] = page.png
    files[PROOF_JSON] = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    write_set(result.out, files)


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


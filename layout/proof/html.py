"""The proof page, DIR/index.html: static, one file, no network.

Thumbnails of every page (click: the page opens large; click the page to switch
between fit-to-window and full size), the findings as a table whose numbers jump to
their mark on the page (and each mark back to its row), and, when there is a previous
proof, what changed: page images with the changed regions outlined and every article's
added and removed characters. Works from file:// in any current browser; without
JavaScript the large pages are shown in full below the table.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

from layout.i18n import N_, _, language
from layout.proof import diffpage
from layout.proof.diff import Comparison, TextChange
from layout.proof.diffpage import STATUS, other_steps_html, pair_html, stepper, steps_html

SEVERITY_NAMES = {"error": N_("errors"), "warning": N_("warnings"), "info": N_("info")}  # shown through _()

STYLE = """
:root { --error: #d0021b; --warning: #e8870e; --info: #2f7fd1; --ink: #222; --line: #ddd; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
       system-ui, sans-serif; color: var(--ink); background: #f4f4f1; }
header { padding: 14px 24px 8px; background: #fff; border-bottom: 1px solid var(--line); position: sticky; top: 0;
         z-index: 5; }
h1 { font-size: 20px; margin: 0 0 4px; } h1 .round { color: var(--error); border: 2px solid var(--error);
     padding: 0 6px; margin-left: 8px; font-size: 16px; }
.meta { margin: 0; color: #555; } .meta b { font-weight: 600; }
nav a { margin-right: 16px; } main { padding: 8px 24px 40px; }
h2 { font-size: 17px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; margin-top: 28px; }
.thumbs { display: flex; flex-wrap: wrap; gap: 18px; }
figure.thumb { margin: 0; background: #fff; padding: 8px; border: 1px solid var(--line); width: 260px; }
figure.thumb img { width: 100%; height: auto; display: block; cursor: zoom-in; border: 1px solid #eee; }
figure.thumb figcaption { margin-top: 6px; font-size: 13px; }
.badge { display: inline-block; min-width: 1.6em; padding: 0 5px; border-radius: 9px; color: #fff;
         font-size: 12px; text-align: center; margin-left: 3px; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); }
.badge.info { background: var(--info); } .badge.ok { background: #2a9d4b; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line); }
th { background: #fafafa; font-weight: 600; }
tr.finding td.num a { font-weight: 700; text-decoration: none; }
tr.error td.sev { color: var(--error); } tr.warning td.sev { color: var(--warning); }
tr.info td.sev { color: var(--info); } tr.flash { animation: flash 1.6s; }
@keyframes flash { from { background: #fff3a0; } to { background: #fff; } }
.filters label { margin-right: 14px; } td.where { white-space: nowrap; font-family: monospace; font-size: 12px; }
body.hide-info tr.info, body.hide-warning tr.warning { display: none; }
.changes .article { background: #fff; border: 1px solid var(--line); padding: 8px 12px; margin: 10px 0; }
.changes .text { font-size: 15px; line-height: 1.8; }
del { background: #ffd7d7; color: #a00; text-decoration: line-through; }
ins { background: #d4f5d4; color: #064; text-decoration: none; }
.viewer { position: fixed; inset: 0; background: rgba(40, 40, 40, .94); z-index: 10; display: flex;
          flex-direction: column; }
.viewer[hidden] { display: none; }
.viewer .bar { color: #fff; padding: 8px 16px; display: flex; gap: 14px; align-items: center; }
.viewer .bar button { font: inherit; padding: 2px 10px; cursor: pointer; }
.viewer .bar a { color: #cde; } .viewer .stage { overflow: auto; flex: 1; padding: 0 16px 16px; }
.sheet { position: relative; margin: 0 auto; background: #fff; }
.sheet[hidden] { display: none; }
.sheet img { display: block; width: 100%; height: auto; cursor: zoom-in; }
.stage.full .sheet { width: max-content !important; } .stage.full .sheet img { width: auto; max-width: none; cursor: zoom-out; }
.sheet .tiles { display: none; line-height: 0; } .tiles img { display: block; }
.stage.full .sheet.zoomable > img.base { display: none; } .stage.full .sheet.zoomable .tiles { display: grid; }
.mark { position: absolute; border: 2px solid transparent; border-radius: 2px; }
.mark:hover, .mark.flash { border-color: var(--info); } .mark.error:hover, .mark.error.flash { border-color: var(--error); }
.mark.warning:hover, .mark.warning.flash { border-color: var(--warning); }
.mark span { display: none; position: absolute; left: 0; top: -18px; font: bold 11px/14px sans-serif; color: #fff;
             background: var(--info); padding: 0 4px; border-radius: 3px; white-space: nowrap; }
.mark:hover span, .mark.flash span { display: block; }
.mark.error span { background: var(--error); } .mark.warning span { background: var(--warning); }
.mark.flash { animation: ring 1.8s 2; } @keyframes ring { 50% { box-shadow: 0 0 0 8px rgba(255, 220, 0, .8); } }
.noscript-pages img { max-width: 100%; }
img { max-width: 100%; }
tr.group td { background: #f0efe9; font-weight: 600; }
tr.new td.num::after { content: var(--new-label); color: #fff; background: var(--error); font-size: 11px; padding: 0 3px;
                       border-radius: 3px; margin-left: 3px; }
.state { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; margin-left: 4px; color: #fff; }
.state.unsigned { background: #888; } .state.signed { background: #2a9d4b; } .state.changed { background: var(--warning); }
.signoff span { margin-right: 10px; white-space: nowrap; }
.rounds a { margin-right: 10px; } .resolved li { color: #555; } .resolved del { background: none; color: #2a9d4b; }
#live-error { background: var(--error); color: #fff; padding: 10px 24px; white-space: pre-wrap; font-family: monospace;
              position: fixed; top: 0; left: 0; right: 0; z-index: 20; max-height: 40vh; overflow: auto; }
#live-error[hidden] { display: none; }
@media (max-width: 900px) {
  header { position: static; padding: 10px 12px 6px; } main { padding: 6px 12px 30px; }
  figure.thumb { width: 100%; } nav a { display: inline-block; margin: 4px 12px 4px 0; }
  table, tbody, tr, td { display: block; width: 100%; } tr:first-child th { display: none; }
  th { display: none; } tr.finding { border-bottom: 1px solid var(--line); padding: 4px 0; }
  td { border: 0; padding: 1px 6px; } td.where { white-space: normal; word-break: break-all; }
  .viewer .bar { flex-wrap: wrap; gap: 8px; padding: 6px 8px; }
  .viewer .bar .close { font-size: 18px; padding: 6px 14px; } .viewer .stage { padding: 0 4px 8px; }
}
"""

SCRIPT = """
(function () {
  const viewer = document.getElementById('viewer'), stage = viewer.querySelector('.stage');
  const title = viewer.querySelector('.title'), pdf = viewer.querySelector('.pdf');
  function sheetOf(el) { return el.closest('.sheet'); }
  function show(sheet, full) {
    viewer.hidden = false;
    document.querySelectorAll('.sheet').forEach(s => { s.hidden = s !== sheet; });
    stage.classList.toggle('full', !!full);
    title.textContent = sheet.dataset.title;
    pdf.href = sheet.dataset.pdf || '#'; pdf.hidden = !sheet.dataset.pdf;
    fit(sheet);
  }
  function fit(sheet) {
    const img = sheet.querySelector('img');
    const room = Math.min(stage.clientWidth - 32, (stage.clientHeight - 16) * img.width / img.height);
    sheet.style.width = stage.classList.contains('full') ? '' : Math.max(200, room) + 'px';
  }
  function close() { viewer.hidden = true; }
  function route() {
    const id = decodeURIComponent(location.hash.slice(1));
    const el = id && document.getElementById(id);
    if (!el) { close(); return; }
    if (el.classList.contains('sheet')) { show(el, false); stage.scrollTop = 0; return; }
    if (el.classList.contains('mark')) {
      show(sheetOf(el), true);
      el.scrollIntoView({block: 'center', inline: 'center'});
      el.classList.remove('flash'); void el.offsetWidth; el.classList.add('flash');
      return;
    }
    close();
    if (el.tagName === 'TR') { el.classList.remove('flash'); void el.offsetWidth; el.classList.add('flash'); }
    el.scrollIntoView({block: 'center'});
  }
  stage.addEventListener('click', e => {
    if (e.target.tagName !== 'IMG') return;
    const sheet = sheetOf(e.target), full = !stage.classList.contains('full');
    const r = sheet.getBoundingClientRect(), fx = (e.clientX - r.left) / r.width, fy = (e.clientY - r.top) / r.height;
    show(sheet, full);  // full size: the zoom tiles (when there are) in place of the page image
    stage.scrollLeft = fx * sheet.clientWidth - stage.clientWidth / 2;
    stage.scrollTop = fy * sheet.clientHeight - stage.clientHeight / 2;
  });
  viewer.querySelector('.close').addEventListener('click', () => { history.pushState(null, '', '#pages'); close(); });
  viewer.querySelector('.zoom').addEventListener('click', () => {
    const sheet = [...document.querySelectorAll('.sheet')].find(s => !s.hidden);
    if (sheet) show(sheet, !stage.classList.contains('full'));
  });
  document.addEventListener('keydown', e => { if (e.key === 'Escape' && !viewer.hidden) viewer.querySelector('.close').click(); });
  window.addEventListener('resize', () => { const s = [...document.querySelectorAll('.sheet')].find(x => !x.hidden); if (s) fit(s); });
  window.addEventListener('hashchange', route);
  document.querySelectorAll('.filters input').forEach(box => box.addEventListener('change', () =>
    document.body.classList.toggle('hide-' + box.value, !box.checked)));
  document.addEventListener('error', e => {  // a zoom tile the watcher has not written yet: try again
    const img = e.target;
    if (!img.closest || !img.closest('.tiles') || (+img.dataset.tries || 0) >= 20) return;
    img.dataset.tries = (+img.dataset.tries || 0) + 1;
    setTimeout(() => { img.src = img.src.split('?')[0] + '?' + Date.now(); }, 1000);
  }, true);
  route();
})();
"""


def esc(text: object) -> str:
    """`text` escaped for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


LABELS = frozenset((N_("Changes"), N_("Findings"), N_("Pages"), N_("sign-off:"), N_("earlier rounds:"),
                    N_("No findings: the copy is clean."), N_("show on the page"), N_("reply:"), N_("that proof"),
                    N_("No text changed."), N_("page {page}"), N_("Ads"), N_("ad"), N_("advertiser"),
                    N_("booking"), N_("page"), N_("size (mm)"), N_("file"), N_("ad preflight"), N_("passed"),
                    N_("failed: {reasons}")))


def L(label: str, **values: object) -> str:
    """One of the page's `LABELS` in the reader's language, filled in and escaped (the
    labels are marked there: a message inside an f-string is not extracted)."""
    assert label in LABELS, f"add {label!r} to LABELS"
    text = _(label)
    return esc(text.format(**values) if values else text)


LIVE = """
(function (stamp) {
  window.paibanLive = function (now, error) {
    const banner = document.getElementById('live-error');
    if (error) { banner.textContent = error; banner.hidden = false; return; }
    banner.hidden = true;  // the issue loads again: the proof below is current (or reloads now)
    if (now !== stamp) location.reload();
  };
  setInterval(function () {
    const s = document.createElement('script');
    s.src = 'live.js?' + Date.now(); s.onload = s.onerror = function () { s.remove(); };
    document.head.appendChild(s);
  }, 1000);
})(%s);
"""


def index_html(record: dict, comparison: Comparison | None = None, previous: Path | None = None,
               live: str = "", rounds: tuple[tuple[str, str], ...] = (), answers: dict | None = None) -> str:
    """The proof page for `record` (proof.json): the header (counts, each page's sign-off
    state, every round kept), what changed since the previous proof, the findings
    (errors first, grouped by page and story; info hidden until asked for; new ones
    marked, resolved ones listed) and the pages. `rounds` are (label, relative link)
    of earlier rounds; `answers` maps finding ids to editors' replies read from the
    previous round's PDF annotations. With a `live` stamp the page checks live.js every
    second: it reloads when the stamp there differs, and shows the error the watcher
    reports while the issue does not load."""
    title = _("proof {round} — {paper} {date}").format(round=record["round"], paper=record["paper"], date=record["date"])
    body = [_header(record, comparison, rounds), '<div id="live-error" hidden></div>', "<main>"]
    if comparison is not None:
        body.append(_changes(comparison, previous))
    body += [_findings(record, comparison, answers or {}), _ads(record), _pages(record), "</main>",
             _viewer(record, comparison),
             f"<script>{SCRIPT}{diffpage.SCRIPT}</script>"]
    if live:
        body.append(f"<script>{LIVE % json.dumps(live)}</script>")
    new_label = json.dumps(_("new"))  # the mark of a finding new since the last round
    return (f'<!doctype html>\n<html lang="{_html_lang()}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{esc(title)}</title>\n'
            f'<style>{STYLE}{diffpage.STYLE}:root {{ --new-label: {new_label}; }}</style>\n</head>\n'
            '<body class="hide-info">\n' + "\n".join(body) + "\n</body>\n</html>\n")


def _ads(record: dict) -> str:
    """Every booked ad on the pages (广告): booking, page, size, file and whether it
    passed the ad preflight; nothing when the issue has none."""
    ads = record.get("ads") or []
    if not ads:
        return ""
    heads = "".join(f"<th>{L(h)}</th>" for h in ("ad", "advertiser", "booking", "page", "size (mm)", "file",
                                                 "ad preflight"))
    rows = []
    for ad in ads:
        _x, _y, w, h = ad["box_mm"]
        status = L("passed") if ad["passed"] else L("failed: {reasons}", reasons="; ".join(ad["reasons"]))
        rows.append(f'<tr class="{"ok" if ad["passed"] else "error"}"><td>{esc(ad["id"])}</td>'
                    f'<td>{esc(ad["advertiser"])}</td><td>{esc(ad["booking"])}</td><td>{esc(ad["page"])}</td>'
                    f"<td>{w:g} × {h:g}</td><td>{esc(ad['file'])}</td><td>{status}</td></tr>")
    return (f'<section id="ads"><h2>{L("Ads")}</h2><table class="ads"><tr>{heads}</tr>{"".join(rows)}</table>'
            "</section>")


def _header(record: dict, comparison: Comparison | None, rounds: tuple[tuple[str, str], ...] = ()) -> str:
    changes = f'<a href="#changes">{L("Changes")}</a>' if comparison is not None else ""
    states = "".join(f'<span>{L("page {page}", page=n)} <b class="state {esc(v["state"])}">{esc(v["label"])}</b>'
                     + (f' <small>{esc(v["role"])} {esc(v["by"])} {esc(v["time"])}</small>' if v["by"] else "")
                     + "</span>" for n, v in sorted(record.get("signoff", {}).items(), key=lambda kv: int(kv[0])))
    kept = "".join(f'<a href="{esc(href)}">{esc(label)}</a>' for label, href in rounds)
    return (f'<header><h1>{esc(record["paper"])} {esc(record["date"])}<span class="round">{esc(record["round"])}</span>'
            f'</h1><p class="meta">{_meta(record)}</p>'
            + (f'<p class="signoff">{L("sign-off:")} {states}</p>' if states else "")
            + (f'<p class="rounds">{L("earlier rounds:")} {kept}</p>' if kept else "")
            + f'<nav>{changes}<a href="#findings">{L("Findings")}</a>'
            + (f'<a href="#ads">{L("Ads")}</a>' if record.get("ads") else "")
            + f'<a href="#pages">{L("Pages")}</a></nav></header>')


def _meta(record: dict) -> str:
    """The header's line: time, revision and the counts."""
    s = record["summary"]
    return _("proof time {time} · revision {revision} · {pages} pages · {errors} errors · {warnings} warnings · "
             "{info} info · overset {overset}").format(
        time=esc(record["time"]), revision=f'<code>{esc(record["revision"])}</code>', pages=f'<b>{s["pages"]}</b>',
        errors=f'<b class="e">{s["errors"]}</b>', warnings=f'<b>{s["warnings"]}</b>', info=f'<b>{s["info"]}</b>',
        overset=f'<b>{s["overset"]}</b>')


def _html_lang() -> str:
    return "zh-CN" if language(default="zh") == "zh" else "en"


def _counts(record: dict, number: int) -> str:
    """Badges with the number of errors, warnings and info on page `number`."""
    found = [f for f in record["findings"] if f.get("page") == number]
    out = []
    for severity in ("error", "warning", "info"):
        n = sum(1 for f in found if f["severity"] == severity)
        if n:
            out.append(f'<span class="badge {severity}" title="{n} {severity}">{n}</span>')
    return "".join(out) or '<span class="badge ok">✓</span>'


def _pages(record: dict) -> str:
    figures = []
    for page in record["pages"]:
        label = _("page {page} {section}").format(page=page["number"], section=page["section"])
        figures.append(
            f'<figure class="thumb" id="thumb-{page["number"]}"><a href="#page-{page["number"]}">'
            f'<img src="{esc(page["png"])}" alt="{esc(label)}" width="{page["width_px"]}" '
            f'height="{page["height_px"]}"></a><figcaption>{esc(label)} {_counts(record, page["number"])}'
            f' · <a href="{esc(page["pdf"])}">PDF</a><br><small>{esc(page["time"])} · {esc(page["revision"])}'
            "</small></figcaption></figure>")
    return f'<section id="pages"><h2>{L("Pages")}</h2><div class="thumbs">{"".join(figures)}</div></section>'


SEVERITY_ORDER = ("error", "warning", "info")


def _findings(record: dict, comparison: Comparison | None = None, answers: dict | None = None) -> str:
    """The findings table: errors, then warnings, then info; within each, grouped by
    page and story headline (a group row each); new since the previous round marked
    新; the previous round's findings no longer found listed as resolved."""
    old = {f.get("id"): f for f in comparison.old.record["findings"]} if comparison is not None else None
    ordered = sorted(record["findings"], key=lambda f: (SEVERITY_ORDER.index(f["severity"]), f["page"] or 0,
                                                        f.get("headline", ""), f["number"]))
    rows, group = [], None
    for f in ordered:
        key = (f["severity"], f["page"], f.get("headline", ""))
        if key != group:
            group = key
            where = (_("page {page}").format(page=f["page"]) if f["page"] else "—") + (
                f" 《{f['headline']}》" if f.get("headline") else "")
            rows.append(f'<tr class="group {f["severity"]}"><td colspan="5">{esc(_(SEVERITY_NAMES[f["severity"]]))} · '
                        f"{esc(where)}</td></tr>")
        rows.append(_finding_row(f, old, (answers or {}).get(f.get("id"))))
    if not rows:
        return (f'<section id="findings"><h2>{L("Findings")}</h2><p>{L("No findings: the copy is clean.")}'
                "</p></section>")
    counts = {s: sum(1 for f in record["findings"] if f["severity"] == s) for s in SEVERITY_ORDER}
    filters = "".join(f'<label><input type="checkbox" value="{s}"{"" if s == "info" else " checked"}> '
                      f"{esc(_(SEVERITY_NAMES[s]))} ({counts[s]})</label>" for s in SEVERITY_ORDER)
    heads = "".join(f"<th>{esc(h)}</th>" for h in ("#", _("code"), _("where"), _("file:line"), _("message")))
    return (f'<section id="findings"><h2>{L("Findings")}</h2><p class="filters">{filters}</p><table>'
            f'<tr>{heads}</tr>{"".join(rows)}</table>{_resolved(record, old)}</section>')


def _finding_row(f: dict, old: dict | None, answer: str | None) -> str:
    link = (f'<a href="#mark-{f["number"]}" title="{L("show on the page")}">{f["number"]}</a>' if f["box_px"]
            else str(f["number"]))
    new = " new" if old is not None and f.get("id") not in old else ""
    where = (L("page {page}", page=f["page"]) if f["page"] else "—") + (f"<br><small>{esc(f['field'])}</small>"
                                                         if f.get("field") else "")
    reply = f'<br><small class="answer">{L("reply:")} {esc(answer)}</small>' if answer else ""
    return (f'<tr class="finding {f["severity"]}{new}" id="f-{f["number"]}" data-id="{esc(f.get("id", ""))}">'
            f'<td class="num">{link}</td><td class="sev">{esc(f["code"])}<br><small>{esc(f["name"])}</small></td>'
            f'<td>{where}</td><td class="where">{esc(f["file"])}:{f["line"]}</td><td>{esc(f["message"])}{reply}</td>'
            "</tr>")


def _resolved(record: dict, old: dict | None) -> str:
    """The previous round's findings this round no longer has."""
    if old is None:
        return ""
    now = {f.get("id") for f in record["findings"]}
    gone = [f for i, f in old.items() if i not in now and f["severity"] != "info"]
    if not gone:
        return ""
    items = "".join(f'<li><del>{esc(f["code"])}</del> {esc(f.get("headline", ""))} {esc(f["message"])}</li>'
                    for f in gone)
    title = _("resolved since the last round ({n})").format(n=len(gone))
    return f'<h3>{esc(title)}</h3><ul class="resolved">{items}</ul>'


def _changes(comparison: Comparison, previous: Path | None, prefix: str = "diff/") -> str:
    """What changed: per changed page the old page beside the new one with the changed
    lines outlined and a list of the changes to step through (layout/proof/diffpage.py),
    then each article's text."""
    old = comparison.old.record
    head = ("<p>" + _("compared with the proof {round} of {time} (revision {revision})").format(
        round=esc(old["round"]), time=esc(old["time"]), revision=f'<code>{esc(old["revision"])}</code>')
        + (f' · <a href="{esc(_rel(previous, comparison))}">{L("that proof")}</a>' if previous else "") + "</p>")
    articles = comparison.new.record["articles"] + comparison.old.record["articles"]
    headlines = {a["id"]: a["headline"] for a in reversed(articles)}
    kinds = {a["id"]: a.get("kinds", []) for a in reversed(articles)}
    pages, steps, count = [], [], 0
    for page in comparison.pages:
        if not page.image:
            pages.append(f"<p>{L('page {page}', page=page.number)}: {esc(_(STATUS.get(page.status, page.status)))}</p>")
            continue
        marks = (page.lines.old, page.lines.new) if page.lines is not None else ((), ())
        old_src = prefix + page.old_image if page.old_image else None
        other = page.other if old_src else ()  # a new page is outlined whole: no steps in it
        pages.append(pair_html(page.number, old_src, prefix + page.image, (page.width, page.height),
                               (page.old_width, page.old_height), marks, page.status, other))
        if page.lines is not None:
            steps.append(steps_html(page.number, page.lines.steps, headlines, kinds))
            count += len(page.lines.steps)
        steps.append(other_steps_html(page.number, other, page.height))
        count += len(other)
    summary = "".join(f'<li><a href="#change-{esc(c.article)}">{esc(c.headline)}</a> <ins>+{c.added}</ins> '
                      f"<del>−{c.removed}</del></li>" for c in comparison.articles)
    text = "".join(_article_change(c) for c in comparison.articles) or f"<p>{L('No text changed.')}</p>"
    listed = f'<ol class="steps">{"".join(steps)}</ol>' if count else ""
    heading = esc(_("Text"))
    return (f'<section id="changes" class="changes"><h2>{L("Changes")}</h2>{head}{listed}{"".join(pages)}'
            f"{stepper(count)}<h3>{heading}</h3>" + (f'<ul class="articles">{summary}</ul>' if summary else "")
            + f"{text}</section>")


def _rel(previous: Path | None, comparison: Comparison) -> str:
    """A relative link from the new proof's folder to the previous proof's page (never
    an absolute file:// path: the folder may be moved or served)."""
    return _rel_folder(previous, comparison) + "index.html"


def _rel_folder(previous: Path | None, comparison: Comparison) -> str:
    """The previous proof's folder relative to the new proof's, ending in /."""
    assert previous is not None  # a comparison has a previous proof
    rel = os.path.relpath(Path(previous).resolve(), comparison.new.folder.resolve())
    return Path(rel).as_posix().rstrip("/") + "/"


def _article_change(change: TextChange) -> str:
    tags = {"=": "{}", "…": '<span class="gap">{}</span>', "-": "<del>{}</del>", "+": "<ins>{}</ins>"}
    text = "".join(tags[op].format(esc(t).replace("\n", "¶<br>")) for op, t in change.pieces)
    return (f'<div class="article" id="change-{esc(change.article)}"><b>{esc(change.headline)}</b> '
            f'<small>({esc(change.article)})</small> <ins>+{change.added}</ins> <del>−{change.removed}</del>'
            f'<div class="text">{text}</div></div>')


def _viewer(record: dict, comparison: Comparison | None) -> str:
    sheets = [_sheet(record, page) for page in record["pages"]]
    if comparison is not None:
        sheets += [_diff_sheet(p) for p in comparison.pages if p.image]
    noscript = "".join(f'<img src="{esc(p["png"])}" alt="{L("page {page}", page=p["number"])}">'
                       for p in record["pages"])
    return (_viewer_bar() + '<div class="stage">' + "".join(sheets) +
            f'</div></div><noscript><div class="noscript-pages">{noscript}</div></noscript>')


def _viewer_bar() -> str:
    """The page viewer's frame and its bar: close, zoom, the page's title, its PDF."""
    close, zoom = esc(_("close")), esc(_("zoom: fit / full size"))
    return (f'<div id="viewer" class="viewer" hidden><div class="bar"><button class="close">× {close}</button>'
            f'<button class="zoom">{zoom}</button><span class="title"></span><a class="pdf" href="#">PDF</a></div>')


def _sheet(record: dict, page: dict) -> str:
    width, height = page["width_px"], page["height_px"]
    marks = []
    for f in record["findings"]:
        if f["page"] != page["number"] or not f["box_px"]:
            continue
        x0, y0, x1, y1 = f["box_px"]
        style = (f"left:{100 * x0 / width:.3f}%;top:{100 * y0 / height:.3f}%;"
                 f"width:{100 * (x1 - x0) / width:.3f}%;height:{100 * (y1 - y0) / height:.3f}%")
        marks.append(f'<a class="mark {f["severity"]}" id="mark-{f["number"]}" href="#f-{f["number"]}" '
                     f'style="{style}" title="{esc(f["number"])} {esc(f["code"])} {esc(f["message"])}">'
                     f'<span>{f["number"]} {esc(f["code"])} {esc(f["name"])}</span></a>')
    label = _("page {page} {section} — {round} {time}").format(page=page["number"], section=page["section"],
                                                                round=record["round"], time=record["time"])
    tiles = _tiles(page.get("zoom"))
    return (f'<div class="sheet{" zoomable" if tiles else ""}" id="page-{page["number"]}" data-title="{esc(label)}" '
            f'data-pdf="{esc(page["pdf"])}" hidden><img class="base" src="{esc(page["png"])}" width="{width}" '
            f'height="{height}" alt="{esc(label)}">{tiles}{"".join(marks)}</div>')


def _tiles(zoom: dict | None) -> str:
    """The zoom tiles of a page (proof.json `zoom`) as a grid shown at full size in
    place of the page image: at the zoom resolution (200 dpi), single characters of the
    body are sharp. Loaded lazily, as they scroll into view."""
    if not zoom:
        return ""
    tile, width, height = zoom["tile"], zoom["width_px"], zoom["height_px"]
    cells = []
    for row in range(zoom["rows"]):
        for column in range(zoom["columns"]):
            w, h = min(tile, width - column * tile), min(tile, height - row * tile)
            cells.append(f'<img src="{esc(zoom["folder"])}/r{row}c{column}.png" width="{w}" height="{h}" '
                         f'style="width:{w}px;height:{h}px" loading="lazy" alt="">')  # sized before they load
    return (f'<div class="tiles" style="grid-template-columns:repeat({zoom["columns"]},max-content)" '
            f'data-width="{width}" data-height="{height}">{"".join(cells)}</div>')


def _diff_sheet(page, prefix: str = "diff/") -> str:
    label = _("page {page}: changes").format(page=page.number)
    return (f'<div class="sheet" id="diff-{page.number}" data-title="{esc(label)}" hidden>'
            f'<img src="{prefix}{esc(page.image)}" width="{page.width}" height="{page.height}" alt="{esc(label)}">'
            "</div>")


def diff_html(comparison: Comparison) -> str:
    """A page of its own for `paiban diff`: what changed between two proofs, the page
    images next to it (in the same folder)."""
    old, new = comparison.old.record, comparison.new.record
    title = _("changes {old} → {new} — {paper} {date}").format(old=old["time"], new=new["time"], paper=new["paper"],
                                                                date=new["date"])
    sheets = "".join(_diff_sheet(p, "") for p in comparison.pages if p.image)
    viewer = f'{_viewer_bar()}<div class="stage">{sheets}</div></div>'
    side = _("{folder} ({round} {time}, revision {revision})")
    header = (f'<header><h1>{esc(new["paper"])} {esc(new["date"])}<span class="round">{L("Changes")}</span></h1>'
              f'<p class="meta">' + " → ".join(side.format(folder=esc(s.folder), round=esc(s.record["round"]),
                                                          time=esc(s.record["time"]),
                                                          revision=f'<code>{esc(s.record["revision"])}</code>')
                                              for s in (comparison.old, comparison.new)) + "</p></header>")
    body = [header, "<main>", _changes(comparison, None, ""), "</main>", viewer, f"<script>{SCRIPT}{diffpage.SCRIPT}</script>"]
    return (f'<!doctype html>\n<html lang="{_html_lang()}">\n<head>\n<meta charset="utf-8">\n<title>{esc(title)}</title>\n'
            f"<style>{STYLE}{diffpage.STYLE}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")

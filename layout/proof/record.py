"""proof.json: what a proof shows and where — for the proof page, for `paiban diff`
and for the next round.

- `pages`: per page its files (大样 PDF, A3 PDF, image, zoom tiles), the sheets' paper
  and scale, the trim on the image (px), and every line of type on it with where its
  text comes from (what the diff compares line by line);
- `findings`: numbered, with their stable id, the story, the place in an editor's
  terms (第5版《标题》第3段第2行) and the box on the page image (px);
- `articles`: every article's copy as set, one paragraph a line.

Image coordinates are px from the image's top-left at the record's `dpi`.
"""

from __future__ import annotations

from layout.compose.items import SourceField
from layout.model.schema import Issue
from layout.model.units import MM
from layout.proof.locate import Line, Numbered, Spot
from layout.proof.numbering import page_of
from layout.proof.position import line_starts, position
from layout.proof.sheets import TILE, ProofPage, SlugInfo
from layout.render.proof import Sheet

RECORD_VERSION = 2


def proof_record(issue: Issue, stamp: SlugInfo, dpi: float, pages: tuple[ProofPage, ...],
                 findings: tuple[Numbered, ...], lines: list[Line], summary: dict, signoff: tuple,
                 ads: list[dict] | None = None) -> dict:
    """proof.json's content (`ads`: `ad_records` of the placed ads)."""
    by_number = {p.number: p for p in pages}
    starts = line_starts(lines)  # once: every finding's line number on its page
    headlines = {a.id: a.headline for a in issue.articles}
    return {
        "proof": RECORD_VERSION, "paper": issue.paper, "code": issue.code, "date": issue.date.isoformat(),
        "round": stamp.round, "time": stamp.time, "revision": stamp.revision, "dpi": dpi,
        "summary": summary,
        "pages": [page_record(p, dpi, [l for l in lines if l.page == p.number]) for p in pages],
        "findings": [finding_record(n, by_number, dpi, headlines, position(n, issue, lines, starts)) for n in findings],
        "articles": article_texts(issue),
        "signoff": {str(s.page): {"state": s.state.name.lower(), "label": s.state.value, "revision": s.revision,
                                  "by": s.last.name if s.last else "", "role": s.last.role if s.last else "",
                                  "time": s.last.time if s.last else ""} for s in signoff},
        "ads": ads or [],
    }


def ad_records(results) -> list[dict]:
    """Every ad placed on the pages (layout/compose/ads.py), in page order: its booking,
    page, box in mm and whether its file passed the ad preflight (and why not)."""
    out = []
    for result in sorted(results, key=lambda r: r.page.number):
        for placed in result.ads:
            ad = placed.ad
            x, y, w, h = placed.box
            out.append({"id": ad.id, "advertiser": ad.advertiser, "booking": ad.booking, "page": placed.page,
                        "file": ad.file.path.name, "box_mm": [round(v / MM, 1) for v in (x, y, w, h)],
                        "passed": not ad.failed, "reasons": list(ad.failed)})
    return out


def page_record(page: ProofPage, dpi: float, lines: list[Line]) -> dict:
    scale = dpi / 72.0
    sheet = page.sheet
    trim = [round(v * scale, 1) for v in sheet.trim]
    zoom = None
    if page.zoom is not None:
        z = page.zoom
        zoom = {"folder": z.folder, "dpi": z.dpi, "width_px": z.width, "height_px": z.height, "tile": TILE,
                "columns": z.columns, "rows": z.rows}
    return {"number": page.number, "section": page.section, "pdf": page.stem + ".pdf", "a3": page.a3_name,
            "png": page.stem + ".png", "width_px": page.size[0], "height_px": page.size[1], "trim_px": trim,
            "sheet": sheet_record(sheet), "reduced": sheet_record(page.reduced, page.body), "body_pt": page.body,
            "zoom": zoom, "time": page.time, "revision": page.revision,
            "lines": [line_record(l) for l in lines]}


def sheet_record(sheet: Sheet, body: float | None = None) -> dict:
    """A sheet: its paper, size (pt), the page's scale and place on it (pt); for the
    reduced sheet the size the body text prints at."""
    out = {"paper": sheet.paper, "width_pt": round(sheet.width, 2), "height_pt": round(sheet.height, 2),
           "scale": round(sheet.scale, 4), "x_pt": round(sheet.x, 2), "y_pt": round(sheet.y, 2)}
    if body is not None:
        out["body_pt"] = round(body * sheet.scale, 2)
    return out


def line_record(line: Line) -> list:
    """A line of type: [x0, top, x1, bottom] (pt on the page), its article, what its
    text is (field), the block and character where it starts, and its text."""
    source = next((s for s in line.sources if s.field in (SourceField.BODY, SourceField.RUNIN)),
                  line.sources[0] if line.sources else None)
    field = source.field.value if source is not None else str(line.kind)
    index, start = (source.index, source.start) if source is not None else (0, 0)
    return [round(line.x0, 2), round(line.top, 2), round(line.x1, 2), round(line.bottom, 2), line.article, field,
            index, start, line.text]


def spot_px(spot: Spot, sheet: Sheet, dpi: float) -> list[float]:
    """A spot's box on the page image, px from its top-left (a point's margin round it)."""
    scale = dpi / 72.0
    x0, top, x1, bottom = sheet.box(spot.box)
    return [round((x0 - 1) * scale, 1), round((top - 1) * scale, 1), round((x1 + 1) * scale, 1),
            round((bottom + 1) * scale, 1)]


def finding_record(n: Numbered, pages: dict[int, ProofPage], dpi: float, headlines: dict[str, str],
                   where: str) -> dict:
    """A finding: number, stable id, lint's fields, the story's headline, its place in
    an editor's terms, its page and box on the page image (None when not on a page)."""
    record = {"number": n.number, "id": n.id, **n.finding.as_json(),
              "headline": headlines.get(n.finding.where.article, ""), "position": where}
    if n.spot is not None and n.spot.page in pages:
        record.update(page=n.spot.page, box_px=spot_px(n.spot, pages[n.spot.page].sheet, dpi))
    else:
        record.update(page=page_of(n), box_px=None)
    return record


def article_texts(issue: Issue) -> list[dict]:
    """Every article's copy as set: `text`, one paragraph a line (what `paiban diff`
    compares character by character), and `fields`, every text the pages' lines come
    from as [field, index, text] (what it compares line by line), with `kinds`, the
    kind of each block (paragraph, subhead, quote)."""
    out = []
    for article in issue.articles:
        parts = [article.kicker, article.headline, article.subhead, article.byline]
        parts += [block.text for block in article.blocks]
        parts += [f"{p.caption} {p.credit}".strip() for p in article.photos]
        out.append({"id": article.id, "headline": article.headline,
                    "pages": sorted({p.page for p in article.parts}), "text": "\n".join(t for t in parts if t),
                    "fields": source_texts(article), "kinds": [block.kind.value for block in article.blocks]})
    return out


def source_texts(article) -> list[list]:
    """[field, index, text] of every text of the article a run on a page can come from
    (layout.compose.items.SourceField: index is the block or the photo)."""
    out = [[SourceField.KICKER.value, 0, article.kicker], [SourceField.HEADLINE.value, 0, article.headline],
           [SourceField.SUBHEAD.value, 0, article.subhead], [SourceField.BYLINE.value, 0, article.byline]]
    for i, block in enumerate(article.blocks):
        out.append([SourceField.BODY.value, i, block.text])
        if block.runin:
            out.append([SourceField.RUNIN.value, i, block.runin])
    for i, photo in enumerate(article.photos):
        out += [[SourceField.CAPTION.value, i, photo.caption], [SourceField.CREDIT.value, i, photo.credit],
                [SourceField.LICENCE.value, i, photo.licence]]
    return [entry for entry in out if entry[2]]

"""Ad files on the page: a PDF ad's page 1 as a vector Form XObject (its fonts, paths,
images and colours exactly as the agency made them — never rasterised), a TIFF or JPEG
ad as an image XObject of its own pixels (DeviceCMYK or DeviceGray, losslessly
compressed, never converted).

Drawing is two steps, because ReportLab cannot place another PDF's page: `draw_advert`
has ReportLab draw a placeholder form where the ad goes (so the ad keeps its place in
the page's drawing order, under the 广告 label), and `embed_adverts` then replaces each
placeholder, with pikepdf, by a wrapper form that
- clips to the ad's TrimBox (its bleed and marks are not placed) and maps it, turned
  by the page's /Rotate, onto the box (one scale for both sides: never distorted);
- resets the graphics state the ad's content may rely on being the initial one
  (overprint off, OPM 0, black, 1 pt lines, text state), so what ReportLab drew before
  never leaks into the ad;
- draws the ad's own page as a form XObject.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from layout.compose.items import Advert, ComposedPage
from layout.model.adfiles import drop_idle_fonts
from layout.render.pdfx import compress_plain_streams

if TYPE_CHECKING:
    from layout.compose.page import PageResult
    from layout.lint.findings import Finding
    from layout.model.schema import Issue, Page
    from layout.preflight.adfile import AdReport
    from layout.preflight.report import PreflightSettings, TacMethod
    from layout.render.manifest import PageFile

RESET = (b"0 Tc 0 Tw 100 Tz 0 TL 0 Ts 0 Tr 0 g 0 G 1 w 0 J 0 j 10 M [] 0 d /PaibanAdGS gs\n")
PREFIX = "FormXob."  # how ReportLab names a form XObject in the page's resources


def form_name(item: Advert) -> str:
    """The placeholder form's name: from the ad, its file and its place (two ads of one
    file on a page get two names)."""
    key = f"{item.ad}|{item.digest}|{item.x:.3f}|{item.y:.3f}|{item.width:.3f}|{item.height:.3f}"
    return "PaibanAd" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def draw_advert(canvas, item: Advert, height: float) -> None:
    """Draw `item`'s placeholder with ReportLab: a form at the ad's box, in the unit
    square scaled to the box (the real form, put in by `embed_adverts`, spans its
    TrimBox's width and height in pt, so the scale is the box's over the file's size)."""
    name = form_name(item)
    if not canvas.hasForm(name):
        canvas.beginForm(name, 0, 0, 1, 1)
        canvas.endForm()
    width, height_file = upright_size(item)
    canvas.saveState()
    canvas.transform(item.width / width, 0, 0, item.height / height_file, item.x, height - item.y - item.height)
    canvas.doForm(name)
    canvas.restoreState()


def upright_size(item: Advert) -> tuple[float, float]:
    """The ad's width and height as seen, pt (its box turned by /Rotate)."""
    x0, y0, x1, y1 = item.box
    return (y1 - y0, x1 - x0) if item.rotate in (90, 270) else (x1 - x0, y1 - y0)


def embed_adverts(data: bytes, page: ComposedPage) -> bytes:
    """The one-page PDF `data` (from ReportLab) with each ad's placeholder replaced by
    the ad itself; `data` unchanged when the page has no ads."""
    adverts = [item for item in page.items if isinstance(item, Advert)]
    if not adverts:
        return data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        xobjects = pdf.pages[0].obj.Resources.XObject
        state = pdf.make_indirect(Dictionary(Type=Name.ExtGState, OP=False, op=False, OPM=0))
        for item in adverts:
            key = Name("/" + PREFIX + form_name(item))
            if key in xobjects:
                xobjects[key] = _wrapper(pdf, item, state)
        out = io.BytesIO()
        compress_plain_streams(pdf)   # not compress_streams=True: it would deflate the page's streams again
        pdf.save(out, deterministic_id=True, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


def _wrapper(pdf: pikepdf.Pdf, item: Advert, state: pikepdf.Object) -> pikepdf.Stream:
    """The form that stands for the ad: clip, turn, reset, draw."""
    inner = _pdf_form(pdf, item) if item.kind == "pdf" else _image_form(pdf, item)
    x0, y0, x1, y1 = item.box if item.kind == "pdf" else (0.0, 0.0, *upright_size(item))
    content = RESET + b"/PaibanAd Do\n"
    return pdf.make_stream(content, Type=Name.XObject, Subtype=Name.Form, BBox=Array([x0, y0, x1, y1]),
                           Matrix=Array(_turn(item.rotate, (x0, y0, x1, y1))),
                           Resources=Dictionary(XObject=Dictionary(PaibanAd=inner),
                                                ExtGState=Dictionary(PaibanAdGS=state)))


def _turn(rotate: int, box: tuple[float, float, float, float]) -> list[float]:
    """The matrix that takes the box, turned as /Rotate turns the page for display,
    to (0, 0)–(width, height) as seen."""
    x0, y0, x1, y1 = box
    return {0: [1, 0, 0, 1, -x0, -y0], 90: [0, -1, 1, 0, -y0, x1], 180: [-1, 0, 0, -1, x1, y1],
            270: [0, 1, -1, 0, y1, -x0]}[rotate]


def _pdf_form(pdf: pikepdf.Pdf, item: Advert) -> pikepdf.Object:
    """Page 1 of the ad file as a form XObject of `pdf` (its content, resources and
    transparency group as they are; no turning: the wrapper does that)."""
    with pikepdf.open(item.file) as source:
        drop_idle_fonts(source.pages[0])  # unembedded fonts that show nothing (the ad preflight said so)
        form = source.pages[0].as_form_xobject(handle_transformations=False)
        return pdf.copy_foreign(form)


def _image_form(pdf: pikepdf.Pdf, item: Advert) -> pikepdf.Stream:
    """The image ad as a form drawing its pixels over its size in pt."""
    width, height = upright_size(item)
    data, pixels, space, bits = image_stream(Path(item.file), item.digest)
    image = pdf.make_stream(data, Type=Name.XObject, Subtype=Name.Image, Width=pixels[0], Height=pixels[1],
                            ColorSpace=Name(space), BitsPerComponent=bits, Filter=Name.FlateDecode)
    content = f"q {width:.4f} 0 0 {height:.4f} 0 0 cm /PaibanAdImage Do Q\n".encode("ascii")
    return pdf.make_stream(content, Type=Name.XObject, Subtype=Name.Form, BBox=Array([0, 0, width, height]),
                           Resources=Dictionary(XObject=Dictionary(PaibanAdImage=image)))


@lru_cache(maxsize=16)  # keyed by content: the digest is the file's SHA-256
def image_stream(path: Path, digest: str) -> tuple[bytes, tuple[int, int], str, int]:
    """(Flate-compressed pixels, (width, height), colour space, bits per component) of a
    CMYK, grey or bilevel image ad, its values exactly as in the file."""
    from PIL import Image

    with Image.open(path) as opened:
        opened.load()
        mode = opened.mode
        image = opened if mode in ("CMYK", "L", "1") else opened.convert("L")  # refused by the ad preflight;
        mode = image.mode                                                     # a draft shows it in grey
        raw = image.tobytes()
        size = image.size
    space = "/DeviceCMYK" if mode == "CMYK" else "/DeviceGray"
    return zlib.compress(raw, 6), size, space, 1 if mode == "1" else 8


# --------------------------------------------------------------- the ad preflight

def ad_settings(issue: Issue, page: Page, tac: TacMethod | None = None) -> PreflightSettings:
    """The limits an ad on `page` is checked against: the issue's ink limit, the
    newsprint output condition, black only on a black-and-white page."""
    from layout.model.schema import PageColour
    from layout.preflight import PreflightSettings, TacMethod
    from layout.render.colour import newsprint

    s = issue.print_settings
    return PreflightSettings(ink_limit=s.ink_limit, output_condition=newsprint().identifier,
                             black_only=page.colour is PageColour.GRAY, tac_method=tac or TacMethod.AUTO)


def check_ads(issue: Issue, draft: bool = False,
              tac: TacMethod | None = None) -> tuple[Issue, tuple[AdReport, ...]]:
    """Preflight every ad file of `issue` for the page it is booked on: (the issue with
    each failing ad's reasons in `Ad.failed`, the reports in `issue.ads` order). A
    failing ad stops the build — IssueError naming its file, line and field, the ad,
    its booking number and every reason — unless `draft` (then it is placed and marked)."""
    from dataclasses import replace

    from layout.compose.ads import booked_box
    from layout.errors import IssueError, Problem
    from layout.i18n import _
    from layout.preflight.adfile import preflight_ad

    reports, ads, problems = [], [], []
    for ad in issue.ads:
        page = issue.page(ad.place.page)
        report = preflight_ad(ad, booked_box(issue, ad), issue.print_settings.pdfx, ad_settings(issue, page, tac))
        reports.append(report)
        ads.append(replace(ad, failed=report.reasons))
        if not report.passed:
            problems.append(Problem(ad.source.file, ad.file_line or ad.source.line, f"{ad.field}.file",
                                    _("ad '{id}' (booking {booking}, {advertiser}): its file '{name}' failed the ad "
                                      "preflight: {reasons}").format(id=ad.id, booking=ad.booking,
                                                                     advertiser=ad.advertiser, name=ad.file.path.name,
                                                                     reasons="; ".join(report.reasons)),
                                    _("ask the agency for a corrected file, or build with --draft to see it placed "
                                      "and marked")))
    if problems and not draft:
        raise IssueError(problems)
    return replace(issue, ads=tuple(ads)), tuple(reports)


# ------------------------------------------------------------- manifest, report

def ad_entries(results: Sequence[PageResult], reports: Sequence[AdReport],
               pages: Sequence[PageFile]) -> list[dict[str, Any]]:
    """One record per placed ad, in page order, for manifest.json and report.json: who
    booked it under which number, the page and its file, where it stands (the booked
    box, mm from the trim's top-left corner, and its grid cells), the ad file's name and
    SHA-256, the scale it is drawn at and its preflight."""
    from layout.model.units import MM

    by_id = {r.ad.id: r for r in reports}
    files = {p.page.number: p.name for p in pages}
    out = []
    for result in sorted(results, key=lambda r: r.page.number):
        for placed in result.ads:
            ad, report = placed.ad, by_id.get(placed.ad.id)
            x, y, w, h = placed.box
            entry = {"id": ad.id, "advertiser": ad.advertiser, "booking": ad.booking, "page": placed.page,
                     "page_file": files.get(placed.page, ""), "size": ad.size.describe(),
                     "box_mm": {"x": round(x / MM, 2), "y": round(y / MM, 2), "width": round(w / MM, 2),
                                "height": round(h / MM, 2)},
                     "file": _relative(ad.file.path, ad.source.file.parent), "sha256": ad.file.digest,
                     "kind": str(ad.file.kind), "scale": round(placed.scale, 4)}
            if ad.size.spot.value == "area":
                entry["grid"] = {"column": placed.frame.column + 1, "span": placed.frame.span,
                                 "line": result.line(placed.frame.row), "rows": placed.frame.rows}
            if report is not None:
                entry["preflight"] = {"result": "pass" if report.passed else "fail",
                                      "errors": list(report.reasons),
                                      "warnings": [f"{f.check.title}: {f.message}" for f in report.report.warnings]}
            out.append(entry)
    return out


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return path.name


def with_ads(record: dict[str, Any], ads: list[dict[str, Any]]) -> dict[str, Any]:
    """`record` (manifest or report) with its `ads` list, when the issue has ads."""
    return {**record, "ads": ads} if ads else record


def ad_findings(results: Sequence[PageResult]) -> list[Finding]:
    """A proof finding (E100, on the page beside the ad) for each placed ad whose file
    failed the ad preflight, with its booking number and reasons."""
    from layout.i18n import _
    from layout.lint.findings import Finding, Where

    out = []
    for result in results:
        for placed in result.ads:
            ad = placed.ad
            if not ad.failed:
                continue
            x, y, w, h = placed.box
            message = _("ad '{id}' (booking {booking}, {advertiser}): its file '{name}' failed the ad preflight: "
                        "{reasons}").format(id=ad.id, booking=ad.booking, advertiser=ad.advertiser,
                                            name=ad.file.path.name, reasons="; ".join(ad.failed))
            out.append(Finding(ad.source.file, ad.file_line or ad.source.line, "E100", message,
                               Where(page=placed.page, box=(x, y, x + w, y + h))))
    return out

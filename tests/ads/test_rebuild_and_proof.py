"""An ad file turned by /Rotate is placed as seen; the warm builder draws a page again
when its ad file changes (the file's digest is in the composed page); a failed ad is a
proof finding beside it with its booking number."""

from __future__ import annotations

import json
import shutil

import pdfplumber
import pikepdf

from layout.build import Builder
from layout.compose import compose_issue
from layout.model import load_issue
from layout.model.units import MM
from layout.render.adfile import ad_findings, check_ads
from layout.text.config import TextConfig
from layout.text.copyedit import normalize_issue
from layout.text.metrics import MetricsSet

from .conftest import issue_with_ads
from .makeads import HEADLINE, image_ad, vector_ad


def test_a_rotated_pdf_ad_is_placed_upright_at_its_seen_size(tmp_path):
    folder = issue_with_ads(tmp_path / "issue", [{"id": "turned", "file": "ads/turned.pdf",
                                                 "size": "{width: 60mm, height: 100mm}",
                                                 "place": "{page: 1, column: 7, row: foot}"}])
    vector_ad(folder / "ads/turned.pdf", 100, 60)                 # drawn landscape …
    with pikepdf.open(folder / "ads/turned.pdf", allow_overwriting_input=True) as pdf:
        pdf.pages[0].Rotate = 90                                   # … shown portrait
        pdf.save(folder / "ads/turned.pdf")
    out = tmp_path / "out"
    Builder(folder).build(out)
    entry = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["ads"][0]
    assert (entry["box_mm"]["width"], entry["box_mm"]["height"]) == (60, 100)
    x, y = entry["box_mm"]["x"] * MM, entry["box_mm"]["y"] * MM
    with pdfplumber.open(out / entry["page_file"]) as plumber:
        page = plumber.pages[0]
        inside = [c for c in page.chars if x <= c["x0"] and c["x1"] <= x + 60 * MM + 0.5
                  and y <= c["top"] and c["bottom"] <= y + 100 * MM + 0.5]
    headline = [c for c in inside if c["text"] in HEADLINE and c["size"] > 12]
    assert len(headline) == len(HEADLINE)
    assert not all(c["upright"] for c in headline)                 # turned a quarter, as /Rotate shows it


def test_the_warm_builder_draws_a_page_again_when_its_ad_file_changes(tmp_path):
    folder = issue_with_ads(tmp_path / "issue", [{"id": "a", "file": "ads/a.tif", "size": "{width: 80mm, height: 40mm}"}])
    image_ad(folder / "ads/a.tif", 80, 40)
    builder = Builder(folder)
    builder.build(tmp_path / "out")
    builder.build(tmp_path / "out")
    assert builder.redrawn == ()                                   # negative control: nothing changed
    image_ad(folder / "ads/a.tif", 80, 40, ppi=250)                # the agency sends a new file
    builder.build(tmp_path / "out")
    assert builder.redrawn == ("TEST_20230106_A01.pdf",)


def test_a_failed_ad_is_a_proof_finding_beside_it(tmp_path):
    folder = issue_with_ads(tmp_path / "issue", [
        {"id": "ok", "file": "ads/ok.pdf", "size": "{width: 80mm, height: 40mm}"},
        {"id": "rgb", "file": "ads/rgb.jpg", "size": "{width: 80mm, height: 40mm}", "booking": "GG-77"}])
    vector_ad(folder / "ads/ok.pdf", 80, 40)
    image_ad(folder / "ads/rgb.jpg", 80, 40, mode="RGB", fmt="JPEG")
    issue, _ = normalize_issue(load_issue(folder))
    issue, _reports = check_ads(issue, draft=True)
    results = compose_issue(issue, MetricsSet.for_fonts(issue.fonts), TextConfig(), draft=True)
    findings = ad_findings(results)
    assert len(findings) == 1
    (finding,) = findings
    assert finding.code == "E100" and "GG-77" in finding.message and "RGB" in finding.message
    placed = next(p for r in results for p in r.ads if p.ad.id == "rgb")
    x, y, w, h = placed.box
    assert finding.where.page == 1 and finding.where.box == (x, y, x + w, y + h)


def test_an_idle_unembedded_font_is_left_out_of_the_placed_ad(tmp_path):
    """A plain ReportLab ad selects Helvetica (not embedded) and never uses it: placed, the
    page has no unembedded font and passes its preflight; the ad's text is all there."""
    folder = issue_with_ads(tmp_path / "issue", [{"id": "p", "file": "ads/p.pdf", "size": "{width: 80mm, height: 40mm}"}])
    vector_ad(folder / "ads/p.pdf", 80, 40, plain=True)
    with pikepdf.open(folder / "ads/p.pdf") as source:                 # test setup: it is there in the file
        assert any("Helvetica" in str(f.get("/BaseFont")) for f in source.pages[0].Resources.Font.values())
    out = tmp_path / "out"
    Builder(folder).build(out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["pages"][0]["preflight"]["result"] == "pass"
    assert any("Helvetica" in w for w in manifest["ads"][0]["preflight"]["warnings"])
    with pikepdf.open(out / manifest["pages"][0]["file"]) as pdf:
        fonts = [str(obj.get("/BaseFont")) for obj in pdf.objects
                 if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"]
    assert fonts and not any("Helvetica" in f for f in fonts)
    with pdfplumber.open(out / manifest["pages"][0]["file"]) as plumber:
        assert HEADLINE in "".join(c["text"] for c in plumber.pages[0].chars)


def test_a_pdf_x4_ad_with_transparency_goes_on_a_pdf_x4_page_but_not_an_x1a_one(tmp_path):
    from layout.build import OutputOptions, build
    from layout.errors import IssueError
    from layout.model.schema import PdfxVersion

    folder = issue_with_ads(tmp_path / "issue", [{"id": "t", "file": "ads/t.pdf", "size": "{width: 170mm, height: 80mm}",
                                                 "place": "{page: 1, column: 5, row: foot}"}])
    vector_ad(folder / "ads/t.pdf", 170, 80, level=PdfxVersion.X4, alpha=0.5)
    build(folder, tmp_path / "x4", options=OutputOptions(pdfx=PdfxVersion.X4))
    manifest = json.loads((tmp_path / "x4" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["pages"][0]["preflight"]["result"] == "pass" and manifest["ads"][0]["preflight"]["result"] == "pass"
    with pikepdf.open(tmp_path / "x4" / manifest["pages"][0]["file"]) as pdf:
        forms = [v.Resources.XObject.PaibanAd for k, v in pdf.pages[0].Resources.XObject.items() if "PaibanAd" in str(k)]
        alphas = [float(g.ca) for f in forms for g in f.Resources.get("/ExtGState", {}).values() if "/ca" in g]
    assert 0.5 in alphas                                              # the ad's transparency, kept as it is
    try:                                                              # negative control: a PDF/X-1a page refuses it
        build(folder, tmp_path / "x1a")
    except IssueError as exc:
        assert "PDF/X-1a" in str(exc) and "GG-t" in str(exc)
    else:
        raise AssertionError("a transparent ad went on a PDF/X-1a page")
    assert not (tmp_path / "x1a").exists()


def test_the_proof_page_lists_every_ad_passed_or_failed(tmp_path):
    """广告 on the proof page: every booked ad with its booking, page, size and whether
    its file passed the ad preflight — not only the failed one; a proof of an issue
    without ads (the control) has no such section."""
    from layout.proof import ProofOptions, proof

    folder = issue_with_ads(tmp_path / "issue", [
        {"id": "ok", "file": "ads/ok.pdf", "size": "{width: 80mm, height: 40mm}", "booking": "GG-01",
         "advertiser": "焦作家电城"},
        {"id": "rgb", "file": "ads/rgb.jpg", "size": "{width: 80mm, height: 40mm}", "booking": "GG-77"}])
    vector_ad(folder / "ads/ok.pdf", 80, 40)
    image_ad(folder / "ads/rgb.jpg", 80, 40, mode="RGB", fmt="JPEG")
    proof(folder, tmp_path / "proof", ProofOptions(round="一校"), tiles=False)
    record = json.loads((tmp_path / "proof" / "proof.json").read_text(encoding="utf-8"))
    ads = {a["id"]: a for a in record["ads"]}
    assert set(ads) == {"ok", "rgb"} and ads["ok"]["passed"] and not ads["rgb"]["passed"]
    assert ads["ok"]["page"] == 1 and ads["ok"]["box_mm"][2:] == [80.0, 40.0] and ads["ok"]["booking"] == "GG-01"
    assert any("RGB" in reason for reason in ads["rgb"]["reasons"])
    html = (tmp_path / "proof" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="ads">'):]
    section = section[:section.index("</section>")]
    assert section.count("<tr class=") == 2 and "GG-01" in section and "GG-77" in section and "80 × 40" in section
    assert 'href="#ads"' in html
    plain = tmp_path / "plain"
    shutil.copytree(folder, plain)
    text = (plain / "issue.yaml").read_text(encoding="utf-8")
    (plain / "issue.yaml").write_text(text[:text.index("ads:")], encoding="utf-8")
    proof(plain, tmp_path / "proof2", ProofOptions(round="一校"), tiles=False)
    assert 'id="ads"' not in (tmp_path / "proof2" / "index.html").read_text(encoding="utf-8")

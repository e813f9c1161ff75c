"""What the file set says about itself: `manifest.json` for the plant (per page its file,
SHA-256, colour, preflight) and `report.json` for the newsroom. Pages in page order."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from layout.model.schema import Issue, Page, PageColour
from layout.model.units import MM
from layout.preflight.report import FileReport
from layout.render.colour import newsprint
from layout.render.pdfx import LABEL

NAMING = "{code}_{YYYYMMDD}_{section}{page:02}[_v{version}].pdf"


@dataclass(frozen=True, slots=True)
class PageFile:
    """One finished page file: where it is, its SHA-256 and size in bytes, and its
    preflight report."""

    page: Page
    name: str
    path: Path
    sha256: str
    size: int
    report: FileReport

    @property
    def data(self) -> bytes:
        """The file's bytes (read from `path`)."""
        return self.path.read_bytes()


def to_json(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def dump_json(obj, out: BinaryIO) -> None:
    """`obj` written to `out` as `to_json` gives it, piece by piece: report.json lists
    every copy change (≈ 37,000 for 160 pages), whose text in one piece, made before
    it is written, costs 25 MiB more at the build's peak."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=False)
    try:
        json.dump(obj, text, ensure_ascii=False, indent=2)
        text.write("\n")
        text.flush()
    finally:
        text.detach()


def colour_name(page: Page) -> str:
    return "Gray" if page.colour is PageColour.GRAY else "CMYK"


def manifest(issue: Issue, pages: Sequence[PageFile], proof: bool, whole: tuple[str, str] | None = None) -> dict:
    """What the plant receives: per page its file, SHA-256, section, colour, preflight;
    `whole` the issue file's (name, SHA-256), for the newsroom's copy only."""
    profile = newsprint()
    out = {"paper": issue.paper, "code": issue.code, "date": issue.date.isoformat(),
           "issue_number": issue.issue_number, "running_number": issue.running_number,
           "pdfx": LABEL[issue.print_settings.pdfx], "naming": NAMING, "proof": proof,
           "output_intent": {"identifier": profile.identifier, "profile": profile.description,
                             "profile_sha256": profile.sha256},
           "ink_limit": issue.print_settings.ink_limit,
           "pages": [_manifest_page(issue, p) for p in pages]}
    if whole is not None:
        out["issue_pdf"] = {"file": whole[0], "sha256": whole[1]}
    return out


def _manifest_page(issue: Issue, p: PageFile) -> dict:
    t = p.page.template
    return {"number": p.page.number, "section": p.page.section, "section_code": p.page.section_code,
            "version": p.page.version, "file": p.name, "sha256": p.sha256,
            "bytes": p.size, "colour": colour_name(p.page),
            "trim_mm": [round(t.trim_width / MM, 1), round(t.trim_height / MM, 1)],
            "bleed_mm": round(t.bleed / MM, 1),
            "preflight": {"result": "pass" if p.report.passed else "fail",
                          "errors": [f"{f.check.title}: {f.text()}" for f in p.report.errors],
                          "warnings": [f"{f.check.title}: {f.text()}" for f in p.report.warnings]},
            "qr": issue.footer.qr_payload}


def report(changes, fit: tuple[Sequence[str], Sequence[str]], photo_notes: list[dict],
           pages: Sequence[PageFile]) -> dict:
    """report.json: normalization changes, overset and 紧排 adjustments (`fit`: both, as
    lines), photo checks, preflight results."""
    overset, tightened = fit
    return {"normalization": {"count": len(changes), "changes": [str(c) for c in changes]},
            "overset": list(overset), "adjusted": list(tightened), "photos": photo_notes,
            "preflight": {p.name: "pass" if p.report.passed else "fail" for p in pages}}

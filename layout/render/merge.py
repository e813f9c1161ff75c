"""The whole-issue PDF: the finished page PDFs joined in order (pikepdf), so every page of
the issue file is byte for byte the page the plant gets, without drawing it twice; then
finished as PDF/X like the pages (each page keeps its own boxes)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pikepdf

from layout.render.pdfx import PdfxSpec, save_pdfx


def merge_pdfs(parts: Sequence[bytes | Path], spec: PdfxSpec, target: Path | None = None) -> bytes | None:
    """One PDF/X file holding every page of `parts` (PDF bytes or files), in order:
    written to `target` when given (returns None), else returned as bytes. Pages are
    read from files as they are copied, so memory does not grow with the page count.
    The parts are PDF/X files paiban finished: their fonts keep the tags they have when
    no tag names two programs (else every subset is named again)."""
    merged = pikepdf.new()
    sources = [pikepdf.open(part if isinstance(part, Path) else io.BytesIO(part)) for part in parts]
    try:
        for source in sources:
            merged.pages.extend(source.pages)
        if target is not None:
            save_pdfx(merged, spec, target, tagged=True)
            return None
        out = io.BytesIO()
        save_pdfx(merged, spec, out, tagged=True)
        return out.getvalue()
    finally:
        for source in sources:
            source.close()
        merged.close()

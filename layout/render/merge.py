"""The whole-issue PDF: the finished page PDFs joined in order (pikepdf), so every page of
the issue file is byte for byte the page the plant gets, without drawing it twice; then
finished as PDF/X like the pages (each page keeps its own boxes)."""

from __future__ import annotations

import io

import pikepdf

from layout.render.pdfx import PdfxSpec, finish_pdfx


def merge_pdfs(parts: list[bytes], spec: PdfxSpec) -> bytes:
    """One PDF/X file holding every page of `parts`, in order."""
    merged = pikepdf.new()
    sources = [pikepdf.open(io.BytesIO(data)) for data in parts]
    try:
        for source in sources:
            merged.pages.extend(source.pages)
        out = io.BytesIO()
        merged.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    finally:
        for source in sources:
            source.close()
    return finish_pdfx(out.getvalue(), spec)

"""Page images (PNG) from a PDF with pypdfium2: no system tools needed.

pdfium shows CMYK by a naive conversion to RGB: previews, not proofs of colour.
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium


def png_bytes(pdf: bytes | Path, dpi: float = 100.0, page_index: int = 0) -> bytes:
    """One page of `pdf` (bytes or a path) rasterized at `dpi`, as PNG bytes."""
    document = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        bitmap = document[page_index].render(scale=dpi / 72.0)
        out = io.BytesIO()
        bitmap.to_pil().convert("RGB").save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()


def render_png(pdf: Path, out: Path, dpi: float = 100.0, page_index: int = 0) -> Path:
    """Rasterize one page of `pdf` at `dpi` into `out` (PNG); returns `out`."""
    out.write_bytes(png_bytes(Path(pdf), dpi, page_index))
    return out

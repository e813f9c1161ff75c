"""Page images (PNG) from a PDF with pypdfium2: no system tools needed."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium


def render_png(pdf: Path, out: Path, dpi: float = 100.0, page_index: int = 0) -> Path:
    """Rasterize one page of `pdf` at `dpi` into `out` (PNG); returns `out`."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        bitmap = document[page_index].render(scale=dpi / 72.0)
        bitmap.to_pil().convert("RGB").save(out, format="PNG", optimize=True)
    finally:
        document.close()
    return out

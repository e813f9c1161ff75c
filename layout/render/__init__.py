"""Render stage: composed pages → print-ready PDF/X files and previews.

- `photos`: photos cropped, resampled and colour-converted for newsprint (cached);
- `pdf`: one page drawn with ReportLab (the only place ReportLab is imported, with
  `marks`, `fonts` and `proof`);
- `pdfx`: PDF/X-1a or PDF/X-4 finishing with pikepdf; `merge`: the whole-issue file;
- `png`: page images with pypdfium2;
- `jobs` and `pool`: one page from composed to checked file, pages in parallel;
- `outfolder`, `hotfolder`, `swap`, `lock`: output sets that land whole; `files`:
  `write_set` for other folders (proofs); `manifest`: manifest.json and report.json.

Names are imported on first use (PEP 562), so `import layout.render.x` or
`from layout.render import y` loads only what it needs (pypdfium2 only for PNGs).
"""

from importlib import import_module

_WHERE = {
    "PageBoxes": "boxes", "page_boxes": "boxes", "merge_pdfs": "merge", "RenderJob": "pdf", "render_pdf": "pdf",
    "PdfxSpec": "pdfx", "finish_pdfx": "pdfx", "PhotoRequest": "photos", "PreparedPhoto": "photos",
    "prepare_photo": "photos", "png_bytes": "png", "render_png": "png", "write_set": "files",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'layout.render' has no attribute {name!r}")
    value = getattr(import_module(f"layout.render.{_WHERE[name]}"), name)
    globals()[name] = value
    return value

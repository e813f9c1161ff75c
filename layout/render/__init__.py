"""Render stage: composed pages → print-ready PDF/X files and previews.

- `photos`: photos cropped, resampled and colour-converted for newsprint (cached);
- `pdf`: one page drawn with ReportLab (the only place ReportLab is imported, with
  `marks` and `fonts`);
- `pdfx`: PDF/X-1a or PDF/X-4 finishing with pikepdf; `merge`: the whole-issue file;
- `png`: page images with pypdfium2; `files`: atomic writing and hot-folder delivery.
"""

from layout.render.boxes import PageBoxes, page_boxes
from layout.render.merge import merge_pdfs
from layout.render.pdf import RenderJob, render_pdf
from layout.render.pdfx import PdfxSpec, finish_pdfx
from layout.render.photos import PhotoRequest, PreparedPhoto, prepare_photo
from layout.render.png import png_bytes, render_png
from layout.render.files import write_set

__all__ = ["PageBoxes", "PdfxSpec", "PhotoRequest", "PreparedPhoto", "RenderJob", "finish_pdfx", "merge_pdfs",
           "page_boxes", "png_bytes", "prepare_photo", "render_pdf", "render_png", "write_set"]

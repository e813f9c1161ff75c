"""Render stage: composed pages → PDF (ReportLab), page images (pypdfium2).

Public entry points: `render_pdf`, `merge_pdfs`, `render_png`. Only this package imports ReportLab.
"""

from layout.render.merge import merge_pdfs
from layout.render.pdf import render_pdf
from layout.render.png import render_png

__all__ = ["merge_pdfs", "render_pdf", "render_png"]

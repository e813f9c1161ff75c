"""Text stage: copy normalization (GB/T 15834), CJK line breaking (clreq §6.1) and
justification (clreq §6.2), measured through font metrics, never through ReportLab.

Public entry points: `normalize_issue`, `set_paragraph`, `check_coverage`.
"""

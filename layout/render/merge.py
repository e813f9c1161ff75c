"""The whole-issue PDF: the page PDFs joined in order (pikepdf), so every page of the
issue file is byte for byte the page the plant gets, without drawing it twice."""

from __future__ import annotations

import io

import pikepdf


def merge_pdfs(parts: list[bytes], title: str) -> bytes:
    """One PDF holding every page of `parts`, in order; metadata from the first part."""
    merged = pikepdf.new()
    sources = [pikepdf.open(io.BytesIO(data)) for data in parts]
    for source in sources:
        merged.pages.extend(source.pages)
    info = sources[0].docinfo
    merged.docinfo = merged.make_indirect(pikepdf.Dictionary({k: info[k] for k in info.keys()}))
    merged.docinfo["/Title"] = pikepdf.String(title)
    out = io.BytesIO()
    merged.save(out, deterministic_id=True, compress_streams=True,
                object_stream_mode=pikepdf.ObjectStreamMode.disable)
    for source in sources:
        source.close()
    return out.getvalue()

"""A plain-text trace of composed pages: the golden-file form of a layout.

One line per item, positions rounded to 0.1 pt (x from the trim's left, y from its top),
so a change in layout reads as a small, reviewable diff:

    page 1 "解放新闻" 1105.5×1544.9
    text  52.5 142.6  16.0 hei_bold header            焦作日报
    rule  52.5 153.1 1053.0 153.1 w1.20
    pic   …  qr …
"""

from __future__ import annotations

from layout.compose.items import Advert, ComposedPage, Picture, QrCode, Rule, TextRun


def trace_page(page: ComposedPage) -> str:
    """The trace of one page, ending with a newline."""
    lines = [f'page {page.number} "{page.section}" {page.width:.1f}x{page.height:.1f}']
    for item in page.items:
        lines.append(_item(item))
    return "\n".join(lines) + "\n"


def _item(item) -> str:
    if isinstance(item, TextRun):
        x = item.glyphs[0][1]
        where = f"{item.kind}:{item.article}" if item.article else item.kind
        colour = "" if item.colour == (0.0, 0.0, 0.0, 1.0) else f" cmyk{_cmyk(item.colour)}"
        return f"text {x:7.1f} {item.baseline:7.1f} {item.size:5.1f} {item.role.value:9} {where:28} {item.text}{colour}"
    if isinstance(item, Rule):
        return f"rule {item.x0:7.1f} {item.y0:7.1f} {item.x1:7.1f} {item.y1:7.1f} w{item.width:.2f}"
    if isinstance(item, Picture):
        return (f"pic  {item.x:7.1f} {item.y:7.1f} {item.width:7.1f}x{item.height:.1f} "
                f"crop{item.crop} {item.file.name} {item.article}")
    if isinstance(item, QrCode):
        return f"qr   {item.x:7.1f} {item.y:7.1f} {len(item.rows)}x{len(item.rows)} module {item.module:.2f} {item.payload}"
    if isinstance(item, Advert):  # ads
        return f"ad   {item.x:7.1f} {item.y:7.1f} {item.width:7.1f}x{item.height:.1f} {item.file.name} {item.digest[:12]} {item.ad}"
    return f"?    {type(item).__name__}"


def _cmyk(colour) -> str:
    return "(" + ",".join(f"{c:g}" for c in colour) + ")"

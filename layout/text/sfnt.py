"""A minimal, fast reader of the two things layout needs from a TrueType/OpenType font:
which characters it maps (cmap) and their advance widths (hmtx).

fontTools builds glyph names for every glyph before it can answer; for a 10,000-glyph
CJK font that costs about 50 ms a font. This reads the binary tables directly (OpenType
spec: "cmap" formats 4 and 12, "hhea", "hmtx", "head"; TrueType collections use face 0).
"""

from __future__ import annotations

import struct
import sys
from array import array
from pathlib import Path


def read_advances(font: Path | bytes) -> dict[int, float]:
    """Code point → advance width in em, for every character the font maps; `font` is
    the file or its bytes. Raises ValueError or struct.error for a file that is not a
    usable font."""
    data = font if isinstance(font, bytes) else Path(font).read_bytes()
    base = struct.unpack_from(">I", data, 12)[0] if data[:4] == b"ttcf" else 0
    tables = _table_directory(data, base)
    upem = struct.unpack_from(">H", data, tables[b"head"] + 18)[0]
    n_metrics = struct.unpack_from(">H", data, tables[b"hhea"] + 34)[0]
    advances = _advances(data, tables[b"hmtx"], n_metrics)
    cmap = _cmap(data, tables[b"cmap"])
    last = advances[-1]
    return {cp: (advances[gid] if gid < len(advances) else last) / upem for cp, gid in cmap.items() if gid}


def _table_directory(data: bytes, base: int) -> dict[bytes, int]:
    count = struct.unpack_from(">H", data, base + 4)[0]
    tables = {}
    for i in range(count):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, base + 12 + 16 * i)
        tables[tag] = offset
    missing = {b"head", b"hhea", b"hmtx", b"cmap"} - tables.keys()
    if missing:
        raise ValueError(f"not a usable font: no {', '.join(t.decode() for t in sorted(missing))} table")
    return tables


def _advances(data: bytes, offset: int, n_metrics: int) -> array[int]:
    """Advance widths (font units) by glyph id: hmtx holds (advance, lsb) pairs."""
    metrics = array("H", data[offset:offset + 4 * n_metrics])
    if sys.byteorder == "little":
        metrics.byteswap()  # the font is big-endian
    return metrics[0::2]


def _cmap(data: bytes, offset: int) -> dict[int, int]:
    """The best Unicode subtable: format 12 (full Unicode) if present, else format 4."""
    count = struct.unpack_from(">H", data, offset + 2)[0]
    subtables: dict[int, int] = {}
    for i in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, offset + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, offset + sub)[0]
        if (platform, encoding) in ((3, 10), (0, 4), (0, 6)) and fmt == 12:
            subtables.setdefault(12, offset + sub)
        elif (platform, encoding) in ((3, 1), (0, 3), (0, 1), (0, 0)) and fmt == 4:
            subtables.setdefault(4, offset + sub)
    if 12 in subtables:
        return _format12(data, subtables[12])
    if 4 in subtables:
        return _format4(data, subtables[4])
    raise ValueError("not a usable font: no Unicode cmap (format 4 or 12)")


def _format12(data: bytes, at: int) -> dict[int, int]:
    groups = struct.unpack_from(">I", data, at + 12)[0]
    out: dict[int, int] = {}
    for i in range(groups):
        start, end, glyph = struct.unpack_from(">III", data, at + 16 + 12 * i)
        out.update(zip(range(start, end + 1), range(glyph, glyph + end - start + 1)))
    return out


def _format4(data: bytes, at: int) -> dict[int, int]:
    segs = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segs}H", data, at + 14)
    starts = struct.unpack_from(f">{segs}H", data, at + 16 + 2 * segs)
    deltas = struct.unpack_from(f">{segs}h", data, at + 16 + 4 * segs)
    range_at = at + 16 + 6 * segs
    offsets = struct.unpack_from(f">{segs}H", data, range_at)
    out: dict[int, int] = {}
    for i, (start, end, delta, ro) in enumerate(zip(starts, ends, deltas, offsets)):
        for cp in range(start, end + 1):
            if cp == 0xFFFF:
                continue
            if ro == 0:
                out[cp] = (cp + delta) & 0xFFFF
            else:
                where = range_at + 2 * i + ro + 2 * (cp - start)
                glyph = struct.unpack_from(">H", data, where)[0]
                out[cp] = (glyph + delta) & 0xFFFF if glyph else 0
    return out

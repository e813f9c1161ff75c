"""report.json and manifest.json as written (layout/render/manifest.py)."""

from __future__ import annotations

import io

from layout.render.manifest import dump_json, to_json


class Writes(io.BytesIO):
    """A binary file that counts its writes and remembers the largest."""

    def __init__(self):
        super().__init__()
        self.count, self.largest = 0, 0

    def write(self, data) -> int:
        self.count += 1
        self.largest = max(self.largest, len(data))
        return super().write(data)


def test_a_large_report_is_written_in_pieces_as_to_json_gives_it():
    """dump_json writes the bytes to_json makes (Chinese kept, indented, a final newline),
    but in pieces: never the whole text at once."""
    report = {"normalization": {"count": 20_000, "changes": [f"第{i}处:“引号”→「引号」 {i}" for i in range(20_000)]},
              "preflight": {"A01.pdf": "pass"}}
    whole = to_json(report)
    out = Writes()
    dump_json(report, out)
    assert out.getvalue() == whole
    assert out.count > 1 and out.largest < len(whole) // 4

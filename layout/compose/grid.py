"""The page's baseline grid (clreq §7.1.1): every line of every column sits on it.

Rows are numbered from 0 at the top of the type area. A row is one line pitch tall; a
body line's em box is centred in its row, so its baseline is `baseline(row)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.model.schema import PageTemplate

ASCENT = 0.88  # em box top to baseline, as em (Noto CJK / ideographic em box)


@dataclass(frozen=True, slots=True)
class Grid:
    template: PageTemplate

    @property
    def rows(self) -> int:
        return self.template.grid_lines

    @property
    def pitch(self) -> float:
        return self.template.line_pitch

    def row_top(self, row: int) -> float:
        """y of the top of `row`, pt from the trim top."""
        return self.template.area_top + row * self.template.line_pitch

    def baseline(self, row: int, size: float | None = None) -> float:
        """Baseline of text of `size` (default: body size) centred in `row`."""
        size = self.template.body_size if size is None else size
        return self.row_top(row) + (self.pitch - size) / 2 + ASCENT * size

    def column_x(self, column: int) -> float:
        """Left edge of 0-based base column `column`, pt from the trim's left."""
        t = self.template
        return t.area_left + column * (t.column_width + t.gutter)

    def span_width(self, span: int) -> float:
        """Width of `span` adjacent base columns and the gutters between them, pt."""
        t = self.template
        return span * t.column_width + (span - 1) * t.gutter

    def rows_for(self, height: float) -> int:
        """Whole grid rows needed for `height` pt."""
        return max(1, int(-(-round(height, 6) // self.pitch)))


def runs_of(cells: list[bool], value: bool = True) -> list[tuple[int, int]]:
    """(first index, length) of every run of `value` in `cells`."""
    out, i = [], 0
    while i < len(cells):
        if cells[i] != value:
            i += 1
            continue
        start = i
        while i < len(cells) and cells[i] == value:
            i += 1
        out.append((start, i - start))
    return out

"""Page furniture: the masthead of page 1 (报头: the paper's name, the date with weekday
and lunar date, issue and running numbers, the CN serial), the header of other pages
(报眉: paper, date, 第N版, section, above a rule) and the footer (editor credits, and the
QR block with its lines beside it).

Each takes whole grid rows at the top or bottom of the type area.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M

from layout.compose.calendar import lunar_date, solar_date
from layout.compose.grid import ASCENT, Grid
from layout.compose.items import Item, QrCode, Rule
from layout.compose.textset import Align, aligned_offset, line_extent, runs, set_display
from layout.model.schema import FontRole, Issue, Page
from layout.text.atoms import Span
from layout.text.metrics import MetricsSet

HEADER_ROWS = 4
MASTHEAD_ROWS = 11
FOOTER_ROWS = 6
MASTHEAD_NAME = 66.0    # pt: the paper's name in the masthead
MASTHEAD_INFO = 10.5    # pt (五号): the lines beside it
QUIET_ZONE = 4          # modules of white around the code (ISO/IEC 18004 §6.3.8)
QR_MODULE = 1.45        # pt per module: a version-3 code is about 19 mm with its quiet zone


@dataclass(frozen=True, slots=True)
class Furniture:
    items: tuple[Item, ...]
    top_rows: int      # rows the header takes
    bottom_rows: int   # rows the footer takes


def furniture(issue: Issue, page: Page, grid: Grid, metrics: MetricsSet, ear: float = 0.0) -> Furniture:
    """Masthead or header, and footer items for `page`; `ear` pt at the masthead's
    right are kept for a 报眼 ad (layout/compose/ads.py)."""
    if page.masthead:
        return Furniture(tuple(_masthead(issue, page, grid, metrics, ear) + _footer(issue, page, grid, metrics)),
                         MASTHEAD_ROWS, FOOTER_ROWS)
    return Furniture(tuple(_header(issue, page, grid, metrics) + _footer(issue, page, grid, metrics)),
                     HEADER_ROWS, FOOTER_ROWS)


def masthead_lines(issue: Issue) -> tuple[str, ...]:
    """The lines printed beside the paper's name on page 1."""
    lines = [solar_date(issue.date), lunar_date(issue.date),
             f"第{issue.issue_number}期 总第{issue.running_number}期"]
    if issue.serial:
        lines.append(f"国内统一连续出版物号 {issue.serial}")
    if issue.edition:
        lines.append(issue.edition)
    return tuple(lines)


def _masthead(issue: Issue, page: Page, grid: Grid, metrics: MetricsSet, ear: float = 0.0) -> list[Item]:
    """The paper's name large at the left, the date lines beside it, a thick-thin rule
    under both; the block takes MASTHEAD_ROWS grid rows."""
    t = grid.template
    left, width = t.area_left, t.area_width
    rule_y = grid.row_top(MASTHEAD_ROWS - 1)
    name = set_display((Span(issue.paper, FontRole.SONG_BOLD),), MASTHEAD_NAME, width / 2, metrics)[0]
    name_baseline = rule_y - grid.pitch * 1.2
    items: list[Item] = [*runs(name, left, name_baseline, MASTHEAD_NAME, "", "masthead")]
    info = masthead_lines(issue)
    lead = MASTHEAD_INFO * 1.45
    x = left + line_extent(name, MASTHEAD_NAME, metrics) + 2 * MASTHEAD_NAME / 3
    first = name_baseline - (len(info) - 1) * lead
    for i, text in enumerate(info):
        role = FontRole.HEI_BOLD if i == 0 else FontRole.HEI
        line = set_display((Span(text, role),), MASTHEAD_INFO, width / 2, metrics)[0]
        items += runs(line, x, first + i * lead, MASTHEAD_INFO, "", "masthead")
    section = f"第{page.number}版 {page.section}".strip()
    label = set_display((Span(section, FontRole.HEI_BOLD),), 14.0, width / 3, metrics)[0]
    items += runs(label, left, name_baseline, 14.0, "", "masthead",
                  aligned_offset(label, 14.0, width - ear, metrics, Align.RIGHT))  # ads: left of a 报眼
    items.append(Rule(left, rule_y, left + width, rule_y, 2.4))
    items.append(Rule(left, rule_y + 3.2, left + width, rule_y + 3.2, 0.5))
    return items


def _header(issue: Issue, page: Page, grid: Grid, metrics: MetricsSet) -> list[Item]:
    t = grid.template
    left, width = t.area_left, t.area_width
    baseline = grid.row_top(HEADER_ROWS - 1) - grid.pitch * 0.55
    items: list[Item] = []
    cells = ((issue.paper, FontRole.HEI_BOLD, 16.0, Align.LEFT),
             (solar_date(issue.date), FontRole.HEI, 10.5, Align.CENTRE),
             (f"第{page.number}版 {page.section}".strip(), FontRole.HEI_BOLD, 12.0, Align.RIGHT))
    for text, role, size, align in cells:
        line = set_display((Span(text, role),), size, width, metrics)[0]
        dx = aligned_offset(line, size, width, metrics, align)
        items += runs(line, left, baseline, size, "", "header", dx)
    rule_y = grid.row_top(HEADER_ROWS - 1)
    items.append(Rule(left, rule_y, left + width, rule_y, 1.2))
    items.append(Rule(left, rule_y + 2.2, left + width, rule_y + 2.2, 0.35))
    return items


def _footer(issue: Issue, page: Page, grid: Grid, metrics: MetricsSet) -> list[Item]:
    t = grid.template
    left, width = t.area_left, t.area_width
    top_row = grid.rows - FOOTER_ROWS
    rule_y = grid.row_top(top_row) + grid.pitch / 2
    items: list[Item] = [Rule(left, rule_y, left + width, rule_y, 0.5)]
    qr = qr_code(issue.footer.qr_payload, 0, 0)
    bottom = grid.row_top(grid.rows)
    qr = QrCode(qr.payload, left + width - qr.size, bottom - qr.size, qr.module, qr.rows)
    items.append(qr)
    items += _qr_lines(issue, qr, grid, metrics)
    items += _credits(page, left, grid.baseline(grid.rows - 1), metrics)
    return items


def _qr_lines(issue: Issue, qr: QrCode, grid: Grid, metrics: MetricsSet) -> list[Item]:
    """The footer lines, right-aligned beside the code, centred on its height."""
    size, lead = 9.0, 13.0
    lines = issue.footer.lines
    width = 20 * size
    x = qr.x - width - size * 0.5
    first = qr.y + qr.size / 2 - (len(lines) * lead) / 2 + (lead - size) / 2 + ASCENT * size
    items: list[Item] = []
    for i, text in enumerate(lines):
        role = FontRole.HEI_BOLD if i == 0 else FontRole.HEI
        line = set_display((Span(text, role),), size, width, metrics)[0]
        dx = aligned_offset(line, size, width, metrics, Align.RIGHT)
        items += runs(line, x, first + i * lead, size, "", "footer", dx)
    return items


def _credits(page: Page, x: float, baseline: float, metrics: MetricsSet) -> list[Item]:
    c = page.credits
    parts = [f"{label}：{name}" for label, name in
             (("责任编辑", c.editor), ("美编", c.designer), ("校对", c.proofreader)) if name]
    if not parts:
        return []
    size = 7.5
    line = set_display((Span("\u3000".join(parts), FontRole.HEI),), size, 60 * size, metrics)[0]
    return [*runs(line, x, baseline, size, "", "credits")]


def qr_code(payload: str, x: float, y: float, module: float = QR_MODULE) -> QrCode:
    """The payload as a QR code (error correction M, quiet zone of 4 modules)."""
    return QrCode(payload, x, y, module, qr_matrix(payload))


@lru_cache(maxsize=64)  # a pure function of the payload; every page of an issue carries the same code
def qr_matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The code's modules, dark = True, quiet zone included."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE, box_size=1)
    code.add_data(payload)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())

"""What preflight finds: one `Finding` per observation, grouped by the numbered checks of
shared/reference/print-ready.md, and the settings the checks are measured against."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from layout.i18n import N_
from layout.model.schema import PdfxVersion


class Severity(Enum):
    """How a finding counts: an error fails the file, a warning does not."""

    OK = "ok"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"ok": 0, "warning": 1, "error": 2}[self.value]


class Check(Enum):
    """The properties a plant expects (print-ready.md's table, rows 1–15; row 16,
    determinism, is a property of the build and tested there)."""

    PDFX = (1, N_("PDF/X version"))
    INFO = (2, N_("info and ID"))
    OUTPUT_INTENT = (3, N_("output intent"))
    BOXES = (4, N_("page boxes"))
    SECURITY = (5, N_("security, actions"))
    STRUCTURE = (6, N_("structure"))
    FONTS = (7, N_("fonts embedded"))
    COLOUR = (8, N_("colour spaces"))
    TRANSPARENCY = (9, N_("transparency"))
    INK = (10, N_("total ink (TAC)"))
    RESOLUTION = (11, N_("image resolution"))
    BLACK = (12, N_("black text overprint"))
    SIZES = (13, N_("minimum sizes"))
    BLACK_ONLY = (14, N_("black-and-white"))
    MARKS = (15, N_("no marks"))

    @property
    def number(self) -> int:
        return self.value[0]

    @property
    def title(self) -> str:
        return self.value[1]

    @property
    def key(self) -> str:
        """Stable id for JSON, e.g. "output-intent"."""
        return self.name.lower().replace("_", "-")


class TacMethod(Enum):
    """How total ink is measured: a Ghostscript CMYK raster, or (without Ghostscript)
    the file's own CMYK images decoded plus its vector colours."""

    AUTO = "auto"            # Ghostscript when installed, else Python
    GHOSTSCRIPT = "gs"
    PYTHON = "python"


@dataclass(frozen=True, slots=True)
class PreflightSettings:
    """Limits the checks use. Ink in percent, resolutions in pixels per inch where placed.

    `expect`: the PDF/X level the file must claim (None: X-1a:2003 or X-4).
    `allow_marks`: a desktop proof, marks outside the trim are fine.
    `black_only`: a black-and-white page: no C, M or Y anywhere.
    `shared_subset_tags`: what a subset tag shared by subsets of different fonts counts
    as (PDF 1.4 §5.5.3 wants one tag per subset; a RIP keys fonts by the whole name, so
    it is not the danger that one name for two programs is, which is always an error).
    """

    ink_limit: float = 240.0
    ppi_warning: float = 150.0
    ppi_error: float = 100.0
    ppi_max: float = 300.0
    output_condition: str = "IFRA26"
    expect: PdfxVersion | None = None
    allow_marks: bool = False
    black_only: bool = False
    tac_method: TacMethod = TacMethod.AUTO
    tac_dpi: float = 72.0
    shared_subset_tags: Severity = Severity.WARNING


DEFAULTS = PreflightSettings()   # frozen: the plant's usual limits, shared as a default argument


@dataclass(frozen=True, slots=True)
class Finding:
    """One result of one check; `page` is 1-based, None for the whole file."""

    check: Check
    severity: Severity
    message: str
    page: int | None = None

    def text(self) -> str:
        return f"p{self.page}: {self.message}" if self.page else self.message


@dataclass(frozen=True, slots=True)
class FileReport:
    """Everything preflight found in one file. `claimed` is the PDF/X level the file
    declares ("" when none)."""

    file: str
    claimed: str
    pages: int
    findings: tuple[Finding, ...]

    def of(self, check: Check) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.check is check)

    def status(self, check: Check) -> Severity:
        return max((f.severity for f in self.of(check)), key=lambda s: s.rank, default=Severity.OK)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def passed(self) -> bool:
        return not self.errors

    @property
    def failed_checks(self) -> tuple[Check, ...]:
        return tuple(c for c in Check if self.status(c) is Severity.ERROR)

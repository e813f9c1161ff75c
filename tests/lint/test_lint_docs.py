"""docs/proofing.md lists every lint code, with the name and severity the code has."""

from __future__ import annotations

import re
from pathlib import Path

from layout.lint.findings import CODES

DOC = Path(__file__).resolve().parents[2] / "docs" / "proofing.md"


def test_the_codes_table_is_the_codes():
    rows = re.findall(r"^\| ([EWI]\d{3}) \| ([a-z-]+) \| (error|warning|info) \|", DOC.read_text(encoding="utf-8"),
                      flags=re.MULTILINE)
    assert rows == [(c.code, c.name, c.severity.value) for c in CODES.values()]

"""Where the bundled fonts live and which file serves which role by default.

The files are built by fonts/build.py from Debian's OFL fonts (see fonts/README.md).
"""

from __future__ import annotations

import os
from pathlib import Path

from layout.model.schema import FontRole

DEFAULT_FONT_FILES: dict[FontRole, str] = {
    FontRole.SONG: "NotoSerifSC-Regular.ttf",
    FontRole.SONG_BOLD: "NotoSerifSC-Bold.ttf",
    FontRole.HEI: "NotoSansSC-Regular.ttf",
    FontRole.HEI_BOLD: "NotoSansSC-Bold.ttf",
    FontRole.KAI: "PaibanWenKai-Regular.ttf",
}


def bundled_font_dir() -> Path:
    """The project's fonts/ folder (override with the PAIBAN_FONT_DIR environment variable)."""
    override = os.environ.get("PAIBAN_FONT_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "fonts"

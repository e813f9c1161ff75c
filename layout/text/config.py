"""How text is set: one frozen record per issue, from issue.yaml's `typesetting:`.

Defaults follow clreq: prohibition level GB (§6.1.1), punctuation quanjiao 全角式
(§6.3.2), a 1/4-em CJK–Latin space (§6.3.3), at least two characters on a paragraph's
last line (§7.1.2).
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.model.schema import Typesetting
from layout.text.classes import Kinsoku, PunctStyle


@dataclass(frozen=True, slots=True)
class TextConfig:
    punct_style: PunctStyle = PunctStyle.QUANJIAO
    kinsoku: Kinsoku = Kinsoku.GB
    cjk_latin_space: bool = True
    min_last_line: int = 2
    justify: bool = True
    hanging: bool = False  # clreq §6.1.3: one line-end 、，。 etc. may hang outside the measure

    @classmethod
    def of(cls, typesetting: Typesetting) -> TextConfig:
        """The text settings an issue asks for."""
        return cls(punct_style=PunctStyle(typesetting.punctuation), kinsoku=Kinsoku(typesetting.kinsoku),
                   cjk_latin_space=typesetting.cjk_latin_space, min_last_line=typesetting.last_line_min,
                   justify=typesetting.justify, hanging=typesetting.hanging)

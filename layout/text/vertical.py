"""Punctuation in vertical setting (竖排): which characters take a vertical form.

GB/T 15834-2011 §5.2 and clreq Appendix A.5: in vertical text the marks take their
vertical forms: brackets, book-title marks, dashes and ellipses turn to run down the
line; 。，、：；！？ sit in the upper right of their cell; and quotation marks become
corner brackets, the double “ ” as 『 』 (﹃ ﹄) and the single ‘ ’ as 「 」 (﹁ ﹂).

The renderer draws by character, so a vertical form is drawn through its Unicode
vertical presentation form (U+FE10–FE19, U+FE30–FE4F). The bundled fonts map those code
points to the glyphs of their own `vert` substitution (fonts/build.py). With a font that
lacks a form, `vertical_char` falls back: a quotation mark becomes the corner bracket
to be turned 90° (a turned 『 is ﹃), other marks stay as they are and are turned or
placed in the corner by layout.compose.vertical.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.text.metrics import Metrics

# character → (vertical presentation form, horizontal stand-in to turn when the font
# lacks the form). Sources: GB/T 15834-2011 §5.2; Unicode 15.0 Vertical Forms and CJK
# Compatibility Forms blocks.
VERTICAL_FORMS: dict[str, tuple[str, str]] = {
    "，": ("︐", "，"), "、": ("︑", "、"), "。": ("︒", "。"), "：": ("︓", "："), "；": ("︔", "；"),
    "！": ("︕", "！"), "？": ("︖", "？"), "〖": ("︗", "〖"), "〗": ("︘", "〗"), "…": ("︙", "…"),
    "‥": ("︰", "‥"), "—": ("︱", "—"), "（": ("︵", "（"), "）": ("︶", "）"), "｛": ("︷", "｛"),
    "｝": ("︸", "｝"), "〔": ("︹", "〔"), "〕": ("︺", "〕"), "【": ("︻", "【"), "】": ("︼", "】"),
    "《": ("︽", "《"), "》": ("︾", "》"), "〈": ("︿", "〈"), "〉": ("﹀", "〉"), "「": ("﹁", "「"),
    "」": ("﹂", "」"), "『": ("﹃", "『"), "』": ("﹄", "』"), "［": ("﹇", "［"), "］": ("﹈", "］"),
    "“": ("﹃", "『"), "”": ("﹄", "』"), "‘": ("﹁", "「"), "’": ("﹂", "」"),
}
PRESENTATION_FORMS = frozenset(form for form, _ in VERTICAL_FORMS.values())


@dataclass(frozen=True, slots=True)
class VerticalChar:
    """What to draw for one character of vertical text: `char`, and whether it is a
    vertical presentation form (drawn upright as it is) or a stand-in still to be turned
    or placed the way layout.compose.vertical turns or places marks."""

    char: str
    form: bool


def vertical_char(ch: str, font: Metrics | None) -> VerticalChar:
    """The character to draw for `ch` in vertical text with `font` (None: the font is not
    known, so no substitution is made that the font might lack)."""
    entry = VERTICAL_FORMS.get(ch)
    if entry is None or font is None:
        return VerticalChar(ch, False)
    form, stand_in = entry
    if font.covers(form):
        return VerticalChar(form, True)
    return VerticalChar(stand_in if font.covers(stand_in) else ch, False)

"""What a Word file's styles and numbering say about a paragraph and its runs
(WordprocessingML, ECMA-376 Part 1 §17.7 styles, §17.9 numbering).

`Styles` answers, for a paragraph, its role (`ParaRole`: heading, title, quotation …
from the style's name or outline level) and, for a run, its effective formatting
(`RunFormat`: direct formatting, then the character style, then the paragraph style,
then the document defaults, each style with the styles it is based on).
`Numbering` turns a numbered paragraph's list level into the number Word shows
(`1.`, `一、`, `（1）`, `①`), which is not in the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TRUE = {"1", "true", "on"}
MAX_BASED_ON = 20  # a chain of styles based on styles; a loop stops here


class ParaRole(Enum):
    """What a paragraph is, by its style (or its outline level)."""

    BODY = "body"
    HEADING = "heading"    # Heading 1–9, an outline level, 小标题: an in-text subhead
    TITLE = "title"        # Title, 主题 / 标题: the headline
    SUBTITLE = "subtitle"  # Subtitle, 副题: the subhead
    KICKER = "kicker"      # 引题 / 肩题 / 眉题
    BYLINE = "byline"      # 作者 / 署名
    QUOTE = "quote"        # Quote, Block Text, 引文: a block quotation


# style names (lower case, as styles.xml stores them: built-in names in English) → role
STYLE_ROLES = {"title": ParaRole.TITLE, "subtitle": ParaRole.SUBTITLE, "quote": ParaRole.QUOTE,
               "intense quote": ParaRole.QUOTE, "block text": ParaRole.QUOTE,
               "引题": ParaRole.KICKER, "肩题": ParaRole.KICKER, "眉题": ParaRole.KICKER,
               "主题": ParaRole.TITLE, "主标题": ParaRole.TITLE, "标题": ParaRole.TITLE,
               "副题": ParaRole.SUBTITLE, "副标题": ParaRole.SUBTITLE,
               "小标题": ParaRole.HEADING, "插题": ParaRole.HEADING, "作者": ParaRole.BYLINE, "署名": ParaRole.BYLINE,
               "引文": ParaRole.QUOTE, "引用": ParaRole.QUOTE}
HEADING_NAME = re.compile(r"^(?:heading|标题)\s*[1-9]$")


@dataclass(frozen=True, slots=True)
class RunFormat:
    """A run's effective formatting, as far as the body format cares."""

    bold: bool = False
    dots: bool = False        # an emphasis mark (着重号, w:em)
    italic: bool = False
    underline: bool = False
    strike: bool = False
    raised: bool = False      # superscript or subscript
    highlight: bool = False
    hidden: bool = False      # w:vanish: hidden text, not shown or printed by Word

    def lost(self) -> tuple[str, ...]:
        """The formatting the body cannot carry, by name."""
        names = ("italic", "underline", "strike", "raised", "highlight")
        return tuple(name for name in names if getattr(self, name))


def on(element: Any | None) -> bool | None:
    """A WordprocessingML on/off property: None when absent."""
    if element is None:
        return None
    value = element.get(W + "val")
    return value is None or value.lower() in TRUE


class Styles:
    """The styles part of a Word file, and its document defaults."""

    def __init__(self, root: Any | None):
        self.styles: dict[str, Any] = {}
        self.default_paragraph = ""
        self.defaults = None
        if root is None:
            return
        for style in root.iter(W + "style"):
            style_id = style.get(W + "styleId") or ""
            self.styles[style_id] = style
            if style.get(W + "type") == "paragraph" and on_attr(style.get(W + "default")):
                self.default_paragraph = style_id
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.defaults = defaults

    def chain(self, style_id: str) -> list[Any]:
        """The style and the styles it is based on, nearest first."""
        out: list[Any] = []
        while style_id in self.styles and len(out) < MAX_BASED_ON:
            style = self.styles[style_id]
            if any(s is style for s in out):
                break
            out.append(style)
            based = style.find(W + "basedOn")
            style_id = based.get(W + "val") if based is not None else ""
        return out

    def paragraph_style(self, p: Any) -> str:
        found = p.find(f"{W}pPr/{W}pStyle")
        return found.get(W + "val") if found is not None else self.default_paragraph

    def role(self, p: Any) -> ParaRole:
        """The paragraph's role by its style's name (or a name it is based on) or outline level."""
        level = p.find(f"{W}pPr/{W}outlineLvl")
        for style in [None] + self.chain(self.paragraph_style(p)):
            if style is not None:
                name_element = style.find(W + "name")
                name = (name_element.get(W + "val") or "").strip().lower() if name_element is not None else ""
                if HEADING_NAME.match(name):
                    return ParaRole.HEADING
                if name in STYLE_ROLES:
                    return STYLE_ROLES[name]
                level = level if level is not None else style.find(f"{W}pPr/{W}outlineLvl")
        if level is not None and (level.get(W + "val") or "9").isdigit() and int(level.get(W + "val") or "9") < 9:
            return ParaRole.HEADING
        return ParaRole.BODY

    def run_format(self, p: Any, r: Any) -> RunFormat:
        """The run's formatting: direct, character style, paragraph style, defaults."""
        layers = [r.find(W + "rPr")]
        style = r.find(f"{W}rPr/{W}rStyle")
        if style is not None:
            layers += [s.find(W + "rPr") for s in self.chain(style.get(W + "val") or "")]
        layers += [s.find(W + "rPr") for s in self.chain(self.paragraph_style(p))]
        layers.append(self.defaults)
        props = [layer for layer in layers if layer is not None]
        return RunFormat(bold=_first(props, "b"), dots=_value(props, "em") not in (None, "none"),
                         italic=_first(props, "i"), underline=_value(props, "u") not in (None, "none"),
                         strike=_first(props, "strike") or _first(props, "dstrike"),
                         raised=_value(props, "vertAlign") in ("superscript", "subscript"),
                         highlight=_value(props, "highlight") not in (None, "none"), hidden=_first(props, "vanish"))

    def numbering(self, p: Any) -> tuple[str, int] | None:
        """(numId, level) of a numbered paragraph, directly or by its style; None when not."""
        num = p.find(f"{W}pPr/{W}numPr")
        for style in self.chain(self.paragraph_style(p)):
            if num is not None:
                break
            num = style.find(f"{W}pPr/{W}numPr")
        if num is None:
            return None
        num_id, level = num.find(W + "numId"), num.find(W + "ilvl")
        ident = num_id.get(W + "val") if num_id is not None else None
        if not ident or ident == "0":
            return None
        value = level.get(W + "val") if level is not None else "0"
        return ident, int(value) if value and value.isdigit() and int(value) < 9 else 0


def on_attr(value: str | None) -> bool:
    return value is not None and value.lower() in TRUE


def _first(props: list[Any], name: str) -> bool:
    for layer in props:
        value = on(layer.find(W + name))
        if value is not None:
            return value
    return False


def _value(props: list[Any], name: str) -> str | None:
    for layer in props:
        element = layer.find(W + name)
        if element is not None:
            return element.get(W + "val") or "single"
    return None


# ------------------------------------------------------------------------ numbering

CHINESE_DIGITS = "〇一二三四五六七八九"
TIANGAN = "甲乙丙丁戊己庚辛壬癸"
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
         (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 9,999)."""
    if n <= 0 or n >= 10000:
        return str(n)
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if zero and out else "") + ("" if unit == "十" and digit == 1 and not out else CHINESE_DIGITS[digit]) + unit
            zero = False
        elif out:
            zero = True
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ROMAN:
        while n >= value:
            out, n = out + numeral, n - value
    return out


FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str, "decimalZero": lambda n: f"{n:02d}", "decimalFullWidth": lambda n: "".join(
        chr(0xFF10 + int(d)) for d in str(n)), "decimalHalfWidth": str,
    "chineseCounting": chinese_number, "chineseCountingThousand": chinese_number,
    "ideographTraditional": lambda n: TIANGAN[(n - 1) % 10], "ideographDigital": lambda n: "".join(
        CHINESE_DIGITS[int(d)] for d in str(n)),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else f"({n})",
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else f"({n})",
    "decimalEnclosedParen": lambda n: chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})",
    "decimalEnclosedFullstop": lambda n: chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}.",
    "lowerLetter": _letters, "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": _roman, "upperRoman": lambda n: _roman(n).upper(), "none": lambda n: "",
}
BULLET = "●"


@dataclass(frozen=True, slots=True)
class Level:
    """One list level: its number format, text pattern (`%1.`) and start."""

    fmt: str
    text: str
    start: int


class Numbering:
    """The numbering part: counts numbered paragraphs in document order and gives each
    its label as Word shows it. A format we do not know gives None (the caller reports it)."""

    def __init__(self, root: Any | None):
        self.levels: dict[str, dict[int, Level]] = {}
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        abstract = {a.get(W + "abstractNumId"): self._levels(a) for a in root.iter(W + "abstractNum")}
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            levels = dict(abstract.get(ref.get(W + "val") if ref is not None else None, {}))
            for override in num.iter(W + "lvlOverride"):
                start = override.find(W + "startOverride")
                index = int(override.get(W + "ilvl") or 0)
                if start is not None and index in levels:
                    value = start.get(W + "val") or "1"
                    levels[index] = Level(levels[index].fmt, levels[index].text, int(value) if value.isdigit() else 1)
            self.levels[num.get(W + "numId") or ""] = levels

    @staticmethod
    def _levels(abstract: Any) -> dict[int, Level]:
        out = {}
        for lvl in abstract.iter(W + "lvl"):
            fmt, text, start = lvl.find(W + "numFmt"), lvl.find(W + "lvlText"), lvl.find(W + "start")
            value = start.get(W + "val") if start is not None else "1"
            out[int(lvl.get(W + "ilvl") or 0)] = Level(fmt.get(W + "val") or "decimal" if fmt is not None else "decimal",
                                                       text.get(W + "val") or "" if text is not None else "",
                                                       int(value) if value and value.isdigit() else 1)
        return out

    def label(self, num_id: str, level: int) -> str | None:
        """The next label of list `num_id` at `level` ("" for none), or None when its
        number format is one we cannot write."""
        levels = self.levels.get(num_id, {})
        if level not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        spec = levels[level]
        counts[level] = counts[level] + 1 if counts[level] else spec.start
        for deeper in range(level + 1, 9):
            counts[deeper] = 0
        if spec.fmt == "bullet":
            return spec.text if spec.text and not _private(spec.text) else BULLET
        out = spec.text
        for i in range(9):
            if f"%{i + 1}" in out:
                inner = levels.get(i)
                if inner is None or inner.fmt not in FORMATS:
                    return None
                out = out.replace(f"%{i + 1}", FORMATS[inner.fmt](counts[i] or inner.start))
        return out


def _private(text: str) -> bool:
    """True for a Symbol/Wingdings bullet (a private-use character)."""
    return any(0xE000 <= ord(ch) <= 0xF8FF for ch in text)

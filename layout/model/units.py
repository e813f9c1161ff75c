"""Units: millimetres, points and the Chinese point-size names (号数).

Everything downstream of the model works in PostScript points (pt).
"""

from __future__ import annotations

import math

from layout.i18n import _

MM = 72 / 25.4  # pt per millimetre

# 号数 → pt. Source: clreq §7.1.1.5; shared/reference/clreq.md "Point sizes".
HAO_SIZES: dict[str, float] = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18,
    "三号": 16, "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9,
    "六号": 7.5, "小六": 6.5, "七号": 5.5, "八号": 5,
}


def parse_size(value: object) -> float:
    """A type size given as 号 name ("小五"), number of pt (9) or "9pt" → pt.

    Raises ValueError with a message fit for the user.
    """
    if isinstance(value, bool):
        raise ValueError(_("expected a size such as 小五, 9 or 9pt"))
    if isinstance(value, (int, float)):
        size = _finite(float(value))
    elif isinstance(value, str) and value.strip() in HAO_SIZES:
        size = HAO_SIZES[value.strip()]
    elif isinstance(value, str) and value.strip().endswith("pt"):
        size = _number(value.strip()[:-2])
    else:
        names = " ".join(HAO_SIZES)
        raise ValueError(_("expected a size in pt or one of {names}, got {got}").format(names=names, got=repr(value)))
    if not 3 <= size <= 200:
        raise ValueError(_("size {size:g} pt is outside 3–200 pt").format(size=size))
    return size


def parse_length(value: object, default_unit: str = "mm") -> float:
    """A length given as a number in `default_unit` or a string with mm/cm/pt/in → pt.

    Raises ValueError for anything else, and for a negative or infinite length.
    """
    length = _length(value, default_unit)
    if length < 0:
        raise ValueError(_("a length cannot be negative, got {got}").format(got=repr(value)))
    return length


def _length(value: object, default_unit: str) -> float:
    factors = {"mm": MM, "cm": 10 * MM, "pt": 1.0, "in": 72.0}
    if isinstance(value, bool):
        raise ValueError(_("expected a length such as 390mm"))
    if isinstance(value, (int, float)):
        return _finite(float(value)) * factors[default_unit]
    if isinstance(value, str):
        text = value.strip()
        for unit, factor in factors.items():
            if text.endswith(unit):
                return _number(text[: -len(unit)]) * factor
    raise ValueError(_("expected a length such as 390mm, 12pt or 1in, got {got}").format(got=repr(value)))


def _number(text: str) -> float:
    try:
        return _finite(float(text))
    except ValueError:
        raise ValueError(_("{text} is not a number").format(text=repr(text))) from None


def _finite(number: float) -> float:
    if not math.isfinite(number):
        raise ValueError(_("{text} is not a number").format(text=number))
    return number

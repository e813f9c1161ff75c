"""PDF colour spaces as preflight sees them, and the ink (C, M, Y, K, 0–1 each) a colour
puts on the plates when that can be known from the file alone."""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf
from pikepdf import Name

from layout.i18n import _

Ink = tuple[float, float, float, float]
PROCESS = {"/Cyan": 0, "/Magenta": 1, "/Yellow": 2, "/Black": 3}
INLINE_NAMES = {"/G": "/DeviceGray", "/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK", "/I": "/Indexed"}
RGB_FAMILIES = {"/DeviceRGB", "/CalRGB"}


@dataclass(frozen=True, slots=True)
class Space:
    """A resolved colour space: `family` (/DeviceCMYK, /ICCBased, /Separation, …), number of
    components `n`, `label` for people, colorant `names` (Separation, DeviceN), `base`
    (Indexed base, Pattern base, Separation/DeviceN alternate) and an Indexed `lookup`."""

    family: str
    n: int
    label: str
    names: tuple[str, ...] = ()
    base: Space | None = None
    lookup: bytes = b""

    @property
    def is_rgb(self) -> bool:
        """RGB in any form: device, calibrated, ICC-based, or an Indexed/Pattern over it."""
        if self.family in RGB_FAMILIES or (self.family == "/ICCBased" and self.n == 3):
            return True
        return self.family in ("/Indexed", "/Pattern") and self.base is not None and self.base.is_rgb

    @property
    def is_device_print(self) -> bool:
        """DeviceCMYK, DeviceGray, or a spot/DeviceN/Indexed/Pattern whose alternate or base is."""
        if self.family in ("/DeviceCMYK", "/DeviceGray"):
            return True
        if self.family in ("/Separation", "/DeviceN", "/Indexed", "/Pattern"):
            return self.base is None or self.base.is_device_print
        return False


@dataclass(frozen=True, slots=True)
class Colour:
    """A colour set in the content: its space, component values and, for a pattern
    colour, the pattern's name."""

    space: Space
    values: tuple[float, ...]
    pattern: str = ""

    @property
    def ink(self) -> Ink | None:
        """C, M, Y, K (0–1) this colour prints with, or None when the file alone cannot say
        (RGB, Lab, spot inks, patterns)."""
        return _ink(self.space, self.values) if not self.pattern else None


def _ink(space: Space, values: tuple[float, ...]) -> Ink | None:
    v = tuple(min(1.0, max(0.0, x)) for x in values)
    family = space.family
    if family == "/DeviceCMYK" or (family == "/ICCBased" and space.n == 4):
        return (v[0], v[1], v[2], v[3]) if len(v) >= 4 else None
    if family in ("/DeviceGray", "/CalGray") or (family == "/ICCBased" and space.n == 1):
        return (0.0, 0.0, 0.0, 1.0 - v[0]) if v else None
    if family in ("/Separation", "/DeviceN"):
        return _colorant_ink(space.names, v)
    if family == "/Indexed" and space.base is not None and v:
        return _indexed_ink(space, int(values[0]))
    return None


def _colorant_ink(names: tuple[str, ...], tints: tuple[float, ...]) -> Ink | None:
    ink = [0.0, 0.0, 0.0, 0.0]
    for name, tint in zip(names, tints):
        if name == "/All":
            ink = [max(i, tint) for i in ink]
        elif name in PROCESS:
            ink[PROCESS[name]] = tint
        elif name != "/None" and tint > 0:
            return None  # a spot ink: not C, M, Y or K
    return ink[0], ink[1], ink[2], ink[3]


def _indexed_ink(space: Space, index: int) -> Ink | None:
    base = space.base
    if base is None:
        return None
    start = index * base.n
    chunk = space.lookup[start:start + base.n]
    if len(chunk) < base.n:
        return None
    return _ink(base, tuple(b / 255 for b in chunk))


def initial_colour(space: Space) -> Colour:
    """The colour `cs`/`CS` sets with a new space (PDF 32000-1 §8.6.8)."""
    if space.family == "/DeviceCMYK":
        return Colour(space, (0.0, 0.0, 0.0, 1.0))
    if space.family in ("/Separation", "/DeviceN"):
        return Colour(space, (1.0,) * space.n)
    if space.family == "/Pattern":
        return Colour(space, (), "(unset)")
    return Colour(space, (0.0,) * space.n)


def resolve_space(obj, resources) -> Space:
    """The colour space `obj` (a name, possibly a resource name, or an array) denotes."""
    if isinstance(obj, Name) or isinstance(obj, str):
        name = INLINE_NAMES.get(str(obj), str(obj))
        if name in ("/DeviceGray", "/DeviceRGB", "/DeviceCMYK"):
            return Space(name, {"/DeviceGray": 1, "/DeviceRGB": 3, "/DeviceCMYK": 4}[name], name[1:])
        if name == "/Pattern":
            return Space("/Pattern", 0, "Pattern")
        found = _named(resources, name)
        return resolve_space(found, None) if found is not None else Space(name, 0, _("unknown {name}").format(name=name))
    if isinstance(obj, pikepdf.Array) and len(obj) > 0:
        return _array_space(obj, resources)
    return Space("/Unknown", 0, _("unknown colour space"))


def _named(resources, name: str):
    if resources is None:
        return None
    spaces = resources.get("/ColorSpace")
    return spaces.get(name) if spaces is not None else None


def _array_space(arr: pikepdf.Array, resources) -> Space:
    family = str(arr[0])
    family = INLINE_NAMES.get(family, family)
    if family == "/ICCBased":
        n = int(arr[1].get("/N", 0))
        return Space(family, n, f"ICCBased {({1: 'Gray', 3: 'RGB', 4: 'CMYK'}).get(n, f'N={n}')}")
    if family == "/Indexed":
        base = resolve_space(arr[1], resources)
        lookup = arr[3]
        data = lookup.read_bytes() if isinstance(lookup, pikepdf.Stream) else bytes(lookup)
        return Space(family, 1, f"Indexed {base.label}", base=base, lookup=data)
    if family == "/Separation":
        alternate = resolve_space(arr[2], resources)
        return Space(family, 1, f"Separation {str(arr[1])[1:]} ({alternate.label})", (str(arr[1]),), alternate)
    if family == "/DeviceN":
        names = tuple(str(n) for n in arr[1])
        alternate = resolve_space(arr[2], resources)
        label = f"DeviceN {'+'.join(n[1:] for n in names)} ({alternate.label})"
        return Space(family, len(names), label, names, alternate)
    if family == "/Pattern":
        under = resolve_space(arr[1], resources) if len(arr) > 1 else None
        return Space(family, under.n if under else 0, f"Pattern ({under.label})" if under else "Pattern", base=under)
    sizes = {"/CalRGB": 3, "/CalGray": 1, "/Lab": 3, "/DeviceRGB": 3, "/DeviceCMYK": 4, "/DeviceGray": 1}
    return Space(family, sizes.get(family, 0), family[1:])

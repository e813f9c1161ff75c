"""The colour space inside a JPEG 2000 image (ISO/IEC 15444-1 Annex I).

A JPXDecode image may leave out /ColorSpace (PDF 32000-1 §8.9.5): the reader then takes
the colours from the image itself. To see an RGB image there, preflight reads the JP2
header box ('ihdr' for the number of components, 'colr' for the colour space), or, for
a bare codestream, the SIZ marker's component count.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

JP2_SIGNATURE = b"\x00\x00\x00\x0cjP  \r\n\x87\n"
CODESTREAM = b"\xff\x4f\xff\x51"         # SOC then SIZ
ENUMERATED = {16: "sRGB", 17: "greyscale", 18: "sYCC", 12: "CMYK", 20: "e-sRGB", 21: "ROMM-RGB",
              22: "YPbPr", 23: "YPbPr", 24: "e-sYCC"}
RGB_LIKE = {"sRGB", "sYCC", "e-sRGB", "ROMM-RGB", "YPbPr", "e-sYCC"}
MAX_BOXES = 64


@dataclass(frozen=True, slots=True)
class JpxColour:
    """What a JPEG 2000 image says about its colour: `components` (0 when unknown),
    `space` ("sRGB", "greyscale", "CMYK", "ICC RGB", …; "" when it does not say)."""

    components: int
    space: str

    @property
    def family(self) -> str:
        """The PDF colour space family the image's colours amount to."""
        if self.space in RGB_LIKE or self.space == "ICC RGB" or (not self.space and self.components == 3):
            return "/DeviceRGB"
        if self.space in ("CMYK", "ICC CMYK") or (not self.space and self.components == 4):
            return "/DeviceCMYK"
        if self.space in ("greyscale", "ICC GRAY") or (not self.space and self.components == 1):
            return "/DeviceGray"
        return "/JPX"


def jpx_colour(data: bytes) -> JpxColour:
    """The colour of a JP2 file or a bare J2K codestream (JpxColour(0, "") when neither)."""
    if data.startswith(JP2_SIGNATURE):
        return _jp2(data)
    if data.startswith(CODESTREAM) and len(data) >= 42:
        return JpxColour(struct.unpack(">H", data[40:42])[0], "")
    return JpxColour(0, "")


def _boxes(data: bytes, start: int, end: int):
    """(type, payload start, payload end) of the boxes in data[start:end]."""
    position, count = start, 0
    while position + 8 <= end and count < MAX_BOXES:
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        header = 8
        if length == 1 and position + 16 <= end:
            length, header = struct.unpack(">Q", data[position + 8:position + 16])[0], 16
        elif length == 0:
            length = end - position
        if length < header:
            return
        yield kind, position + header, min(end, position + length)
        position += length
        count += 1


def _jp2(data: bytes) -> JpxColour:
    components, space = 0, ""
    for kind, start, end in _boxes(data, 0, len(data)):
        if kind != b"jp2h":
            continue
        for inner, s, e in _boxes(data, start, end):
            if inner == b"ihdr" and e - s >= 14:
                components = struct.unpack(">H", data[s + 8:s + 10])[0]
            elif inner == b"colr" and e - s >= 3 and not space:
                space = _colr(data[s:e])
        break
    return JpxColour(components, space)


def _colr(box: bytes) -> str:
    """The colour space a 'colr' box names: enumerated (method 1) or an ICC profile's."""
    method = box[0]
    if method == 1 and len(box) >= 7:
        code = struct.unpack(">I", box[3:7])[0]
        return ENUMERATED.get(code, f"enumerated colour space {code}")
    if method in (2, 3) and len(box) >= 3 + 20:
        profile = box[3:]
        return f"ICC {profile[16:20].decode('latin-1').strip().upper()}"
    return ""

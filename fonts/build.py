#!/usr/bin/env python3
"""Rebuild the bundled fonts of paiban from Debian's font packages.

Usage:
    python fonts/build.py                  # rebuild every font, LICENSES/ and README.md
    python fonts/build.py --jobs 1         # build one font at a time (default: up to 2 in parallel)
    python fonts/build.py --update-charset # regenerate charsets/tongyong-8105.txt from Unihan

Inputs (Debian packages):
    fonts-noto-cjk       NotoSerifCJK-{Regular,Bold}.ttc, NotoSansCJK-{Regular,Bold}.ttc
    fonts-lxgw-wenkai    PaibanWenKai-Regular.ttf
    unicode-data         (only for --update-charset) Unihan_OtherMappings.txt.bz2

What it does, per font:
    1. take the Simplified-Chinese face out of the Noto CJK collection (or the
       LXGW WenKai TrueType font);
    2. subset it with fontTools.subset to the paiban character set (GB 2312 +
       通用规范汉字表 + a few symbol/punctuation blocks), keeping the OpenType
       features vert/vrt2/halt/palt/vhal/vpal/kern/locl with glyph closure;
    3. for the CFF-flavoured Noto fonts, convert the cubic outlines to quadratic
       TrueType (glyf/loca, maxp 1.0, post 3), because ReportLab only reads glyf;
    4. LXGW WenKai is renamed to "Paiban WenKai" (OFL Reserved Font Names
       "LXGW" and "霞鹜" may not be used by modified versions);
    5. write the font with fixed timestamps so the output is byte-identical on
       every run with the same inputs and the same fontTools version.

Afterwards it writes LICENSES/ (OFL texts taken from the Debian copyright
files) and README.md (provenance, SHA-256, sizes, glyph counts, missing chars).
"""

from __future__ import annotations

import argparse
import bz2
import concurrent.futures
import copy
import hashlib
import io
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from fontTools.ttLib.tables._g_l_y_f import GlyphCoordinates

HERE = Path(__file__).resolve().parent
CHARSET_DIR = HERE / "charsets"
TONGYONG_FILE = CHARSET_DIR / "tongyong-8105.txt"
LICENSE_DIR = HERE / "LICENSES"
README = HERE / "README.md"

NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
WENKAI_DIR = Path("/usr/share/fonts/truetype/lxgw-wenkai")
UNIHAN_OTHER = Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")

# Maximum distance, in font units (1000/em), between a cubic curve and its
# quadratic approximation.
CU2QU_MAX_ERR = 1.0

LAYOUT_FEATURES = ["vert", "vrt2", "halt", "palt", "vhal", "vpal", "kern", "locl"]

# Noto CJK carries JAN/KOR/ZHT/ZHH language systems whose 'locl' lookups map
# Chinese code points to Japanese/Korean/Traditional glyph shapes.  A newspaper
# set in Simplified Chinese never selects them, and keeping them would add
# thousands of glyphs through the locl closure, so only the default and the
# ZHS language systems are kept.
KEEP_LANGSYS = {"ZHS "}

# (output file, Debian package, source path, face family name (name ID 1) in
# the collection, style, converter)
FONTS = [
    ("NotoSerifSC-Regular.ttf", "fonts-noto-cjk", NOTO_DIR / "NotoSerifCJK-Regular.ttc",
     "Noto Serif CJK SC", "Song (serif) body text"),
    ("NotoSerifSC-Bold.ttf", "fonts-noto-cjk", NOTO_DIR / "NotoSerifCJK-Bold.ttc",
     "Noto Serif CJK SC", "Song (serif) bold"),
    ("NotoSansSC-Regular.ttf", "fonts-noto-cjk", NOTO_DIR / "NotoSansCJK-Regular.ttc",
     "Noto Sans CJK SC", "Hei (sans)"),
    ("NotoSansSC-Bold.ttf", "fonts-noto-cjk", NOTO_DIR / "NotoSansCJK-Bold.ttc",
     "Noto Sans CJK SC", "Hei (sans) bold, headlines"),
    ("PaibanWenKai-Regular.ttf", "fonts-lxgw-wenkai", WENKAI_DIR / "LXGWWenKai-Regular.ttf",
     "LXGW WenKai", "Kai, captions"),
]

# New names of the modified LXGW WenKai (OFL clause 3, see README.md).
WENKAI_FAMILY = "Paiban WenKai"
WENKAI_FAMILY_ZH = "排版文楷"
WENKAI_PSNAME = "PaibanWenKai-Regular"

NOTO_LICENSE_FILE = "OFL-1.1-NotoCJK.txt"
WENKAI_LICENSE_FILE = "OFL-1.1-LXGWWenKai.txt"


# --------------------------------------------------------------------------
# Character set
# --------------------------------------------------------------------------

BLOCKS = [
    ("Basic Latin (printable ASCII)", 0x0020, 0x007E),
    ("Latin-1 Supplement", 0x00A0, 0x00FF),
    ("General Punctuation", 0x2000, 0x206F),
    ("Letterlike Symbols", 0x2100, 0x214F),
    ("Number Forms", 0x2150, 0x218F),
    ("Enclosed Alphanumerics", 0x2460, 0x24FF),
    ("Geometric Shapes", 0x25A0, 0x25FF),
    ("CJK Symbols and Punctuation", 0x3000, 0x303F),
    ("Halfwidth and Fullwidth Forms", 0xFF00, 0xFFEF),
]
EXTRA_CODEPOINTS = [0x00B7, 0x2E3A, 0x2E3B]


def gb2312_chars() -> set[str]:
    """Every character of GB 2312: all valid 2-byte EUC-CN codes."""
    chars = set()
    for hi in range(0xA1, 0xFF):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def read_tongyong() -> list[str]:
    if not TONGYONG_FILE.exists():
        sys.exit(f"error: {TONGYONG_FILE} is missing; run with --update-charset "
                 "(needs Debian package unicode-data)")
    chars = []
    for line in TONGYONG_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        serial, char, cp = line.split("\t")
        assert int(serial) == len(chars) + 1, f"bad serial {serial}"
        assert cp == f"U+{ord(char):04X}", f"bad code point on line {serial}"
        chars.append(char)
    if len(chars) != 8105 or len(set(chars)) != 8105:
        sys.exit(f"error: {TONGYONG_FILE} has {len(chars)} entries "
                 f"({len(set(chars))} distinct), expected 8105")
    return chars


def update_tongyong() -> None:
    """Regenerate charsets/tongyong-8105.txt from the Unihan kTGH field."""
    if not UNIHAN_OTHER.exists():
        sys.exit(f"error: {UNIHAN_OTHER} not found; install it with: "
                 "apt-get install unicode-data")
    version = "?"
    serials: dict[int, str] = {}
    with bz2.open(UNIHAN_OTHER, "rt", encoding="utf-8") as fh:
        for line in fh:
            m = re.match(r"# Unicode version: (\S+)", line)
            if m:
                version = m.group(1)
            if "\tkTGH\t" not in line:
                continue
            cp, _field, value = line.rstrip("\n").split("\t")
            for item in value.split():
                year, serial = item.split(":")
                if year != "2013":
                    continue
                n = int(serial)
                if n in serials:
                    sys.exit(f"error: serial {n} appears twice in kTGH")
                serials[n] = chr(int(cp[2:], 16))
    if sorted(serials) != list(range(1, 8106)):
        sys.exit(f"error: kTGH gives {len(serials)} serials, expected exactly 1..8105")
    pkg = dpkg_version("unicode-data")
    CHARSET_DIR.mkdir(exist_ok=True)
    lines = [
        "# 通用规范汉字表 (Table of General Standard Chinese Characters, State Council of the PRC, 2013): "
        f"8105 characters in table order. Source: Unicode Unihan database {version}, field kTGH "
        "(Unihan_OtherMappings.txt), as shipped in Debian package unicode-data "
        f"{pkg} at {UNIHAN_OTHER}.",
        "# Serials 0001-3500 are level 1 (一级字表), 3501-6500 level 2, 6501-8105 level 3. "
        "Regenerate with: python fonts/build.py --update-charset",
        "# Columns: serial<TAB>character<TAB>code point",
    ]
    for n in range(1, 8106):
        ch = serials[n]
        lines.append(f"{n:04d}\t{ch}\tU+{ord(ch):04X}")
    TONGYONG_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {TONGYONG_FILE.relative_to(HERE.parent)}: 8105 characters "
          f"(Unihan {version}, unicode-data {pkg})")


def charset() -> tuple[set[int], set[int], set[int]]:
    """Return (all code points, the hanzi set GB2312 ∪ 8105, required non-block extras)."""
    gb = gb2312_chars()
    ty = read_tongyong()
    hanzi = {ord(c) for c in gb} | {ord(c) for c in ty}
    cps = set(hanzi)
    for _name, lo, hi in BLOCKS:
        cps.update(range(lo, hi + 1))
    cps.update(EXTRA_CODEPOINTS)
    return cps, hanzi, set(EXTRA_CODEPOINTS) | set(range(0x20, 0x7F))


# --------------------------------------------------------------------------
# Font building
# --------------------------------------------------------------------------

def dpkg_version(pkg: str) -> str:
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg],
                             capture_output=True, text=True, check=True).stdout.strip()
        return out or "not installed"
    except (OSError, subprocess.CalledProcessError):
        return "not installed"


def check_sources() -> None:
    missing = [(src, pkg) for _out, pkg, src, _fam, _role in FONTS if not src.exists()]
    if missing:
        lines = ["error: source fonts not found:"]
        for src, pkg in missing:
            lines.append(f"  {src}  (from Debian package {pkg})")
        pkgs = " ".join(sorted({pkg for _src, pkg in missing}))
        lines.append(f"install them with: apt-get update && apt-get install -y {pkgs}")
        sys.exit("\n".join(lines))
    try:
        import fontTools  # noqa: F401
    except ImportError:
        sys.exit("error: fontTools is missing; install it with: pip install fonttools")


def open_face(path: Path, family: str):
    from fontTools.ttLib import TTCollection, TTFont
    if path.suffix.lower() == ".ttc":
        coll = TTCollection(str(path), lazy=True)
        for index, face in enumerate(coll.fonts):
            if face["name"].getDebugName(1) == family:
                return TTFont(str(path), fontNumber=index, recalcTimestamp=False,
                              lazy=False), index
        sys.exit(f"error: no face named {family!r} in {path}")
    font = TTFont(str(path), recalcTimestamp=False, lazy=False)
    if font["name"].getDebugName(1) != family:
        sys.exit(f"error: {path} is {font['name'].getDebugName(1)!r}, expected {family!r}")
    return font, None


def prune_langsys(font) -> None:
    """Drop the non-ZHS language systems (see KEEP_LANGSYS)."""
    for tag in ("GSUB", "GPOS"):
        if tag not in font:
            continue
        table = font[tag].table
        if not table.ScriptList:
            continue
        for rec in table.ScriptList.ScriptRecord:
            script = rec.Script
            script.LangSysRecord = [r for r in script.LangSysRecord
                                    if r.LangSysTag in KEEP_LANGSYS]
            script.LangSysCount = len(script.LangSysRecord)


def subset(font, unicodes: set[int]) -> None:
    from fontTools import subset as ftsubset
    opts = ftsubset.Options()
    opts.layout_features = LAYOUT_FEATURES
    opts.layout_closure = True
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_glyph = True
    opts.notdef_outline = True
    opts.recommended_glyphs = True
    opts.glyph_names = False
    opts.legacy_kern = False
    opts.hinting = False
    opts.desubroutinize = False
    opts.recalc_timestamp = False
    opts.canonical_order = True
    sub = ftsubset.Subsetter(options=opts)
    sub.populate(unicodes=sorted(unicodes))
    sub.subset(font)


def cff_to_truetype(font) -> None:
    """Replace the CFF outlines by quadratic TrueType glyf outlines."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    order = font.getGlyphOrder()
    glyphset = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        # CFF outer contours run counter-clockwise, TrueType ones clockwise.
        glyphset[name].draw(Cu2QuPen(pen, CU2QU_MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph(dropImpliedOnCurves=True)

    vorg = font["VORG"] if "VORG" in font else None

    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font.sfntVersion = "\x00\x01\x00\x00"

    # TrueType: left side bearing == xMin; vertical origin == tsb + yMax.
    hmtx = font["hmtx"].metrics
    vmtx = font["vmtx"].metrics if "vmtx" in font else None
    for name in order:
        g: Glyph = glyphs[name]
        g.recalcBounds(glyf)
        empty = g.numberOfContours == 0
        adv, _lsb = hmtx[name]
        hmtx[name] = (adv, 0 if empty else g.xMin)
        if vmtx is not None and not empty and vorg is not None:
            vadv, _tsb = vmtx[name]
            origin_y = vorg.VOriginRecords.get(name, vorg.defaultVertOriginY)
            vmtx[name] = (vadv, origin_y - g.yMax)

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    for attr in ("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours",
                 "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
                 "maxComponentDepth"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    maxp.recalc(font)

    post = font["post"]
    post.formatType = 3.0
    for attr in ("extraNames", "mapping", "glyphOrder"):
        if hasattr(post, attr):
            delattr(post, attr)

    head = font["head"]
    head.glyphDataFormat = 0
    head.flags |= 0x0002  # left sidebearing point at x = 0 (lsb == xMin)

    gasp = newTable("gasp")
    gasp.version = 1
    gasp.gaspRange = {0xFFFF: 0x000A}  # unhinted: grayscale + symmetric smoothing
    font["gasp"] = gasp


def rename_wenkai(font) -> None:
    """Give the modified LXGW WenKai a family name free of Reserved Font Names."""
    name = font["name"]
    # head.fontRevision of LXGW WenKai 1.250 says 1.025; use the name table's version.
    m = re.search(r"Version (\d+\.\d+)", name.getDebugName(5) or "")
    version = m.group(1) if m else f"{font['head'].fontRevision:.3f}"
    replacements = {
        1: WENKAI_FAMILY,
        3: f"{WENKAI_FAMILY}:Version {version}",
        4: WENKAI_FAMILY,
        6: WENKAI_PSNAME,
        16: WENKAI_FAMILY,
    }
    keep = []
    for rec in name.names:
        if rec.nameID in (1, 3, 4, 6, 16, 17) and rec.langID not in (0, 0x409):
            continue  # localized (Chinese) names: re-added below
        keep.append(rec)
    name.names = keep
    for rec in list(name.names):
        if rec.nameID in replacements:
            rec.string = replacements[rec.nameID]
    name.setName(WENKAI_FAMILY_ZH, 1, 3, 1, 0x804)
    name.setName(WENKAI_FAMILY_ZH, 4, 3, 1, 0x804)
    name.setName(
        f"Modified version of LXGW WenKai {version}: subset to the paiban character "
        "set and renamed under the SIL OFL 1.1, whose Reserved Font Names (LXGW, 霞鹜) "
        "a modified version may not use. Not endorsed by LXGW.",
        10, 3, 1, 0x409)
    name.names.sort(key=lambda r: (r.platformID, r.platEncID, r.langID, r.nameID))


# The Unicode vertical presentation forms (U+FE10–FE19, U+FE30–FE4F) and the characters
# whose `vert` (else `vrt2`) substitution gives the Simplified-Chinese vertical glyph for
# them, first that the font substitutes wins. ReportLab draws by character, so a vertical
# headline (GB/T 15834-2011 §5.2; clreq Appendix A.5) can only show the vertical forms
# through these code points.
VERTICAL_FORMS = {
    0xFE10: "，", 0xFE11: "、", 0xFE12: "。", 0xFE13: "：", 0xFE14: "；", 0xFE15: "！", 0xFE16: "？",
    0xFE17: "〖", 0xFE18: "〗", 0xFE19: "…", 0xFE30: "‥", 0xFE31: "―—", 0xFE32: "–",
    0xFE35: "（", 0xFE36: "）", 0xFE37: "｛", 0xFE38: "｝", 0xFE39: "〔", 0xFE3A: "〕",
    0xFE3B: "【", 0xFE3C: "】", 0xFE3D: "《", 0xFE3E: "》", 0xFE3F: "〈", 0xFE40: "〉",
    0xFE41: "「", 0xFE42: "」", 0xFE43: "『", 0xFE44: "』", 0xFE47: "［", 0xFE48: "］",
}


def single_substitutions(font, tags: tuple[str, ...]) -> dict[str, str]:
    """Glyph → glyph of the GSUB single substitutions of the features `tags`, as the
    default and ZHS language systems select them (the first feature listed wins)."""
    if "GSUB" not in font or not font["GSUB"].table.ScriptList:
        return {}
    table = font["GSUB"].table
    by_tag: dict[str, list[int]] = {tag: [] for tag in tags}
    for record in table.ScriptList.ScriptRecord:
        systems = [record.Script.DefaultLangSys] + [r.LangSys for r in record.Script.LangSysRecord
                                                     if r.LangSysTag in KEEP_LANGSYS]
        for system in filter(None, systems):
            for index in system.FeatureIndex:
                feature = table.FeatureList.FeatureRecord[index]
                if feature.FeatureTag in by_tag:
                    by_tag[feature.FeatureTag] += feature.Feature.LookupListIndex
    mapping: dict[str, str] = {}
    for tag in tags:
        for index in sorted(set(by_tag[tag])):
            lookup = table.LookupList.Lookup[index]
            for sub in lookup.SubTable:
                sub = sub.ExtSubTable if lookup.LookupType == 7 else sub
                for source, target in getattr(sub, "mapping", {}).items():
                    mapping.setdefault(source, target)
    return mapping


def vertical_forms(font) -> list[int]:
    """Map each vertical presentation form (VERTICAL_FORMS) to the glyph the font's own
    `vert`/`vrt2` substitution gives its horizontal character, in every Unicode cmap
    subtable; return the code points mapped. A form whose character the font does not
    substitute is left out (layout.compose.vertical then turns or places the mark)."""
    substitute = single_substitutions(font, ("vert", "vrt2"))
    cmap = font.getBestCmap()
    mapped = []
    for cp, sources in VERTICAL_FORMS.items():
        targets = [substitute.get(cmap.get(ord(ch))) for ch in sources]
        target = next((t for t in targets if t), None)
        if target is None:
            continue
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[cp] = target
        mapped.append(cp)
    return mapped


# The em cell a vertical headline draws each glyph in, as fractions of the em from the
# baseline (layout/compose/grid.py ASCENT = 0.88: the ideographic em box of Noto CJK).
CELL_BOTTOM, CELL_TOP = -0.12, 0.88


def full_height_vertical_dash(font) -> None:
    """Make the vertical em dash U+FE31 run the full height of its em cell, so that `——`
    set vertically is one unbroken rule (clreq §6.1.2, GB/T 15834 §4.9), as
    full_width_dash does for the horizontal dash: the `vert` glyph of ― has top and
    bottom bearings (Noto CJK SC: −46…806 of −120…880) that break the rule in two."""
    upm = font["head"].unitsPerEm
    source = font.getBestCmap().get(0xFE31)
    if source is not None:
        stretch_glyph(font, source, 0xFE31, "uniFE31.fullheight", axis=1,
                      span=(CELL_BOTTOM * upm, CELL_TOP * upm), advance=font["hmtx"][source])


def full_width_dash(font) -> None:
    """Make U+2014 a full em with its ink edge to edge, so `——` (one 2-em unit, clreq
    §6.1.2; GB/T 15834 §4.9) prints as one unbroken rule. CJK fonts often give U+2014 a
    proportional glyph with side bearings (Noto CJK SC: 890 units, ink 43–846), which
    leaves a visible break in the middle of ——. The new glyph stretches the font's
    full-width dash (U+2015, else U+2014) horizontally to 0…unitsPerEm."""
    upm = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    source = cmap.get(0x2015) or cmap.get(0x2014)
    if source is not None:
        stretch_glyph(font, source, 0x2014, "uni2014.fullwidth", axis=0, span=(0, upm), advance=(upm, 0))


# Quotation marks Chinese sets full width (GB/T 15834 §4.1: 引号 takes one character's
# space; clreq §3.1.4): opening marks with their ink in the right half of the em, closing
# marks in the left half, as Noto CJK SC draws them. LXGW WenKai draws “”‘’ proportional
# (0.35 em), which would set quotes narrow in Kai text and captions.
FULL_WIDTH_QUOTES = {0x201C: "open", 0x2018: "open", 0x201D: "close", 0x2019: "close"}
QUOTE_BEARING = 0.08  # em between the ink and the em edge on the ink's side


def full_width_quotes(font) -> None:
    """Give each quotation mark of FULL_WIDTH_QUOTES narrower than the em a full-width
    glyph: the outline moved so its ink ends QUOTE_BEARING from the em's right edge
    (opening marks) or starts QUOTE_BEARING from its left edge (closing marks)."""
    if "glyf" not in font:
        return
    upm = font["head"].unitsPerEm
    cmap, glyf = font.getBestCmap(), font["glyf"]
    for cp, side in sorted(FULL_WIDTH_QUOTES.items()):
        source = cmap.get(cp)
        if source is None or font["hmtx"][source][0] >= 0.9 * upm:
            continue
        glyph = copy.deepcopy(glyf[source])
        glyph.expand(glyf)
        if glyph.numberOfContours <= 0:
            continue
        xs = [x for x, _ in glyph.coordinates]
        shift = round((upm * (1 - QUOTE_BEARING) - max(xs)) if side == "open" else (upm * QUOTE_BEARING - min(xs)))
        glyph.coordinates = GlyphCoordinates([(x + shift, y) for x, y in glyph.coordinates])
        _add_glyph(font, source, cp, f"uni{cp:04X}.fullwidth", glyph, (upm, min(xs) + shift))


def _add_glyph(font, source: str, cp: int, name: str, glyph, advance: tuple[int, int]) -> None:
    """Add `glyph` as `name` with horizontal metrics `advance` and `source`'s vertical
    metrics, and map `cp` to it in every Unicode cmap subtable that has it."""
    glyf = font["glyf"]
    order = font.getGlyphOrder()
    if name not in order:
        font.setGlyphOrder(order + [name])
    glyf.glyphOrder = font.getGlyphOrder()
    glyf[name] = glyph
    glyph.recalcBounds(glyf)
    font["hmtx"][name] = advance
    if "vmtx" in font:
        font["vmtx"][name] = font["vmtx"][source]
    for table in font["cmap"].tables:
        if table.isUnicode() and cp in table.cmap:
            table.cmap[cp] = name


def stretch_glyph(font, source: str, cp: int, name: str, axis: int, span: tuple[float, float],
                  advance: tuple[int, int]) -> None:
    """Add glyph `name`: `source`'s outline scaled along `axis` (0: x, 1: y) so its ink
    runs from span[0] to span[1] font units, with horizontal metrics `advance` and
    `source`'s vertical metrics; map `cp` to it in every Unicode cmap subtable that has it."""
    if "glyf" not in font:
        return
    glyf = font["glyf"]
    glyph = copy.deepcopy(glyf[source])
    glyph.expand(glyf)
    if glyph.numberOfContours <= 0:
        return
    values = [point[axis] for point in glyph.coordinates]
    lo, hi = min(values), max(values)
    if hi <= lo:
        return
    low, high = span

    def scaled(v: float) -> int:
        return round(low + (v - lo) * (high - low) / (hi - lo))

    glyph.coordinates = GlyphCoordinates([(scaled(x), y) if axis == 0 else (x, scaled(y)) for x, y in glyph.coordinates])
    _add_glyph(font, source, cp, name, glyph, advance)


def build_one(job) -> dict:
    out_name, pkg, src, family, _role, unicodes = job
    font, index = open_face(src, family)
    source_glyphs = font["maxp"].numGlyphs
    cmap = font.getBestCmap()
    missing = sorted(cp for cp in unicodes if cp not in cmap)
    is_cff = "CFF " in font
    prune_langsys(font)
    subset(font, unicodes)
    if is_cff:
        cff_to_truetype(font)
    if out_name.startswith("PaibanWenKai"):
        rename_wenkai(font)
    vertical = vertical_forms(font)  # before full_width_dash re-maps U+2014
    full_height_vertical_dash(font)
    full_width_dash(font)
    full_width_quotes(font)
    head = font["head"]
    # Fixed timestamps: keep the source font's own (they only change with the input).
    head.created = int(head.created)
    head.modified = int(head.modified)
    font.recalcTimestamp = False
    out = HERE / out_name
    buf = io.BytesIO()
    font.save(buf, reorderTables=True)
    data = buf.getvalue()
    tmp = out.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, out)
    return {
        "out": out_name,
        "pkg": pkg,
        "src": str(src),
        "index": index,
        "family_in": family,
        "family_out": font["name"].getDebugName(1),
        "psname": font["name"].getDebugName(6),
        "source_glyphs": source_glyphs,
        "glyphs": font["maxp"].numGlyphs,
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "missing": missing,
        "vertical": vertical,
        "converted": is_cff,
        "version": font["name"].getDebugName(5),
    }


# --------------------------------------------------------------------------
# Licences and README
# --------------------------------------------------------------------------

def ofl_text_from_debian(copyright_path: Path) -> str:
    """The 'License: OFL…/SIL…' paragraph of a Debian copyright file, unindented."""
    lines = copyright_path.read_text(encoding="utf-8").splitlines()
    out, inside = [], False
    for i, line in enumerate(lines):
        if not inside and re.match(r"License: (OFL|SIL)", line):
            # the stand-alone licence paragraph is followed by indented text
            if i + 1 < len(lines) and lines[i + 1].startswith(" "):
                inside = True
            continue
        if inside:
            if not line.startswith(" "):
                break
            text = line[1:]
            out.append("" if text == "." else text)
    while out and not out[-1].strip():
        out.pop()
    if not out or "SIL OPEN FONT LICENSE" not in "\n".join(out):
        sys.exit(f"error: no OFL text found in {copyright_path}")
    return "\n".join(out) + "\n"


def font_copyright(path: Path, family: str) -> str:
    font, _ = open_face(path, family)
    return font["name"].getDebugName(0)


def write_licenses() -> None:
    LICENSE_DIR.mkdir(exist_ok=True)
    noto_cr = Path("/usr/share/doc/fonts-noto-cjk/copyright")
    wenkai_cr = Path("/usr/share/doc/fonts-lxgw-wenkai/copyright")
    for p in (noto_cr, wenkai_cr):
        if not p.exists():
            sys.exit(f"error: {p} not found")
    noto_ofl = ofl_text_from_debian(noto_cr)
    wenkai_ofl = ofl_text_from_debian(wenkai_cr)
    serif_cr = font_copyright(FONTS[0][2], FONTS[0][3])
    sans_cr = font_copyright(FONTS[2][2], FONTS[2][3])
    wk_cr = font_copyright(FONTS[4][2], FONTS[4][3])

    noto = (
        "Noto Serif CJK SC, Noto Sans CJK SC (files NotoSerifSC-*.ttf, NotoSansSC-*.ttf)\n\n"
        f"{serif_cr}  [Noto Serif CJK, font name table]\n"
        f"{sans_cr}  [Noto Sans CJK, font name table]\n"
        "Copyright 2010-2012, Google Corporation  [Debian copyright file]\n\n"
        "No Reserved Font Name is declared for Noto CJK (Debian's copyright file and the\n"
        "fonts' own name tables). Noto is a trademark of Google Inc.\n\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "Text below as shipped in Debian's fonts-noto-cjk (/usr/share/doc/fonts-noto-cjk/copyright).\n\n"
        + noto_ofl
    )
    wenkai = (
        "LXGW WenKai (modified and renamed here as \"Paiban WenKai\"; file PaibanWenKai-Regular.ttf)\n\n"
        f"{wk_cr}\n"
        "  [font name table]\n"
        "Copyright 2021-2022 lxgw <calxgw2018@gmail.com>  [Debian copyright file]\n\n"
        "Reserved Font Names: \"霞鹜\" and \"LXGW\" (Debian's copyright file: \"With Reserved\n"
        "Font Names \"霞鹜\" and \"LXGW\". Fonts rebuilt from unmodified source code are\n"
        "allowed to use Reserved Font Names.\"). The file here is a Modified Version\n"
        "(subset), so its font names use \"Paiban WenKai\" / \"排版文楷\" instead.\n\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "Text below as shipped in Debian's fonts-lxgw-wenkai (/usr/share/doc/fonts-lxgw-wenkai/copyright).\n\n"
        + wenkai_ofl
    )
    (LICENSE_DIR / NOTO_LICENSE_FILE).write_text(noto, encoding="utf-8")
    (LICENSE_DIR / WENKAI_LICENSE_FILE).write_text(wenkai, encoding="utf-8")


def ranges_text(cps: list[int]) -> str:
    """Compact 'U+XXXX ch' list, runs collapsed to 'U+A–U+B'."""
    parts, i = [], 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        def show(cp):
            cat = unicodedata.category(chr(cp))
            return f"U+{cp:04X}" + ("" if cat[0] in "CZ" else f" {chr(cp)}")
        if j - i >= 2:
            parts.append(f"{show(cps[i])} – {show(cps[j])}")
        else:
            parts.extend(show(cp) for cp in cps[i:j + 1])
        i = j + 1
    return ", ".join(parts)


def classify_missing(missing: list[int], hanzi: set[int], required: set[int]):
    must = [cp for cp in missing if cp in hanzi or cp in required]
    assigned = [cp for cp in missing if cp not in hanzi and cp not in required
                and unicodedata.category(chr(cp)) not in ("Cn", "Cs", "Co")]
    unassigned = [cp for cp in missing if cp not in hanzi and cp not in required
                  and unicodedata.category(chr(cp)) in ("Cn", "Cs", "Co")]
    return must, assigned, unassigned


def write_readme(results: list[dict], n_all: int, n_hanzi: int, hanzi: set[int],
                 required: set[int], n_gb: int) -> None:
    import fontTools
    pk = {p: dpkg_version(p) for p in
          ("fonts-noto-cjk", "fonts-noto-cjk-extra", "fonts-lxgw-wenkai", "unicode-data")}
    if pk["unicode-data"] == "not installed":  # only --update-charset needs it: the charset file says which
        m = re.search(r"package unicode-data (\S+) at", TONGYONG_FILE.read_text(encoding="utf-8").split("\n", 1)[0])
        pk["unicode-data"] = m.group(1) if m else "not installed"
    total = sum(r["size"] for r in results)
    L = []
    L.append("# fonts/ — bundled fonts for paiban\n")
    L.append("Generated by `python fonts/build.py`; do not edit by hand (edit `build.py`).\n")
    L.append("These files let a fresh clone render Chinese with ReportLab without any system "
             "fonts. ReportLab only reads TrueType (`glyf`) outlines, so the CFF-based Noto "
             "CJK fonts are converted to quadratic TrueType.\n")
    L.append("## Files\n")
    L.append("| file | role | family (name ID 1) | glyphs | size (bytes) | SHA-256 |")
    L.append("| --- | --- | --- | ---: | ---: | --- |")
    roles = {f[0]: f[4] for f in FONTS}
    for r in results:
        L.append(f"| `{r['out']}` | {roles[r['out']]} | {r['family_out']} | {r['glyphs']} | "
                 f"{r['size']:,} | `{r['sha256']}` |")
    L.append(f"\nTotal size of the five fonts: {total:,} bytes ({total / 1e6:.1f} MB).\n")
    L.append("## Sources\n")
    L.append("| file | Debian package (version) | source file | face | source version | source glyphs |")
    L.append("| --- | --- | --- | --- | --- | ---: |")
    for r in results:
        face = r["family_in"] + (f" (collection index {r['index']})" if r["index"] is not None else "")
        L.append(f"| `{r['out']}` | {r['pkg']} ({pk[r['pkg']]}) | `{r['src']}` | {face} | "
                 f"{r['version']} | {r['source_glyphs']} |")
    L.append("")
    L.append(f"fonts-noto-cjk-extra ({pk['fonts-noto-cjk-extra']}) holds the other Noto CJK "
             "weights (Light, Medium, SemiBold, Black, …); the Regular and Bold collections used "
             "here ship in fonts-noto-cjk itself, so -extra is not needed for the current set. "
             f"The 8105 list came from unicode-data ({pk['unicode-data']}), see below. "
             f"Built with fontTools {fontTools.version}.\n")
    L.append("## What was done\n")
    L.append("1. **Face selection**: the Simplified-Chinese member (family `Noto Serif CJK SC` / "
             "`Noto Sans CJK SC`) is taken out of each `.ttc` collection.")
    L.append("2. **Language systems**: in GSUB/GPOS only the default and `ZHS ` language systems "
             "are kept; the `JAN `, `KOR `, `ZHT `, `ZHH ` ones only select Japanese/Korean/"
             "Traditional glyph shapes through `locl` and would add thousands of glyphs.")
    L.append("3. **Subset** (fontTools.subset) to the character set below, keeping the OpenType "
             f"features {', '.join('`%s`' % f for f in LAYOUT_FEATURES)} with glyph closure "
             "(vertical forms for later vertical headlines). Other features, glyph names and "
             "hinting are dropped.")
    L.append("4. **CFF → TrueType** (Noto only): every glyph is drawn through "
             f"`fontTools.pens.cu2quPen.Cu2QuPen` (max error {CU2QU_MAX_ERR:g} font unit of "
             "1000/em, contour direction reversed to the TrueType convention) into "
             "`TTGlyphPen` (implied on-curve points dropped); new `glyf`/`loca`, `maxp` 1.0, "
             "`post` format 3, `gasp`; `CFF ` and `VORG` removed; `hmtx`/`vhea`/`vmtx` kept, "
             "with left side bearings set to xMin and top side bearings recomputed from the "
             "`VORG` vertical origins so vertical metrics are unchanged.")
    L.append("5. **Renaming** (LXGW WenKai only): see Licences.")
    forms = ", ".join(f"`{r['out']}` {len(r['vertical'])}" for r in results)
    absent = "; ".join(f"`{r['out']}` lacks {''.join(chr(cp) for cp in sorted(set(VERTICAL_FORMS) - set(r['vertical'])))}"
                       for r in results if set(VERTICAL_FORMS) - set(r['vertical']))
    L.append("6. **Vertical forms**: the Unicode vertical presentation forms (U+FE10–FE19, U+FE30–FE48: "
             "︐︑︒︓︔︕︖︗︘︙ ︰︱︲ ︵︶︷︸︹︺︻︼︽︾︿﹀﹁﹂﹃﹄﹇﹈) are mapped in `cmap` to the glyphs the "
             "font's own `vert`/`vrt2` substitution gives their horizontal characters (，、。 … （） 《》 「」『』 …) "
             "in the default and `ZHS ` language systems, so vertical headlines can draw them by character "
             f"(ReportLab cannot apply GSUB). Forms mapped: {forms}" + (f"; {absent}." if absent else ".")
             + " A form a font does not substitute is turned or placed by `layout/compose/vertical.py` instead. "
             "The vertical em dash ︱ is stretched to the full height of its em cell "
             f"({CELL_BOTTOM:g}…{CELL_TOP:g} em from the baseline) so that a vertical —— is one unbroken rule.")
    L.append("7. **Determinism**: `head.created`/`head.modified` are the source font's own, "
             "the font is saved with `recalcTimestamp=False` and fontTools' standard table "
             "order; re-running with the same inputs and fontTools version gives byte-identical "
             "files (check the SHA-256 above).\n")
    L.append("## Character set\n")
    L.append(f"{n_all} code points requested, {n_hanzi} of them in GB 2312 ∪ 通用规范汉字表:\n")
    L.append("- all of GB 2312: every valid 2-byte EUC-CN code decoded with Python's `gb2312` codec "
             f"({n_gb} characters, symbols included);")
    L.append("- the 通用规范汉字表 (2013, 8105 characters): `charsets/tongyong-8105.txt`;")
    for name, lo, hi in BLOCKS:
        L.append(f"- {name} U+{lo:04X}–U+{hi:04X};")
    L.append("- U+00B7, U+2E3A, U+2E3B.\n")
    L.append("The block ranges include unassigned and control code points; those simply have "
             "no glyph.\n")
    L.append("### Where the 8105 list comes from\n")
    L.append("`charsets/tongyong-8105.txt` is generated by `python fonts/build.py "
             "--update-charset` from the Unicode Consortium's Unihan database, field `kTGH` "
             "(`Unihan_OtherMappings.txt`, Unicode 15.0.0), as shipped by Debian's "
             "`unicode-data` package in `/usr/share/unicode/Unihan_OtherMappings.txt.bz2`. "
             "`kTGH` gives each character's serial number in the 2013 table; the script checks "
             "that serials 1–8105 each occur exactly once, and `build.py` re-checks the file "
             "holds exactly 8105 distinct characters on every run. The file's first line "
             "records the provenance.\n")
    L.append("## Missing characters\n")
    L.append("Characters of the set that a source font does not have (the build prints them "
             "and goes on). *Required* means GB 2312, the 8105 list, printable ASCII and "
             "U+00B7/2E3A/2E3B.\n")
    for r in results:
        must, assigned, unassigned = classify_missing(r["missing"], hanzi, required)
        L.append(f"### `{r['out']}`\n")
        L.append(f"- required characters missing: **{len(must)}**"
                 + (f": {ranges_text(must)}" if must else ""))
        L.append(f"- other assigned characters of the blocks missing: {len(assigned)}"
                 + (f": {ranges_text(assigned)}" if assigned else ""))
        L.append(f"- unassigned/control code points in the blocks (no glyph expected): "
                 f"{len(unassigned)}\n")
    L.append("ReportLab draws a character that a font lacks as that font's `.notdef` box, "
             "so the layout code should fall back to another bundled font for it (for "
             "example U+2E3B ⸻ in the Kai font: use a Noto font, or two U+2E3A ⸺).\n")
    L.append("## Licences\n")
    L.append(f"All five fonts are under the SIL Open Font License 1.1: `LICENSES/{NOTO_LICENSE_FILE}` "
             f"and `LICENSES/{WENKAI_LICENSE_FILE}` (OFL text taken from the Debian packages' "
             "copyright files, with the copyright notices). The fonts may be bundled and "
             "redistributed with paiban, but not sold by themselves, and modified versions stay "
             "under the OFL.\n")
    L.append("Renaming/Reserved Font Names (OFL clause 3): a Modified Version — subsetting and "
             "format conversion both count — may not use a Reserved Font Name as its primary "
             "font name.\n")
    L.append("- **Noto CJK** declares no Reserved Font Name (Debian's copyright file and the "
             "fonts' name tables), so the Noto families keep their names (`Noto Serif CJK SC`, "
             "`Noto Sans CJK SC`). (The Adobe \"Source\" RFN of the sibling Source Han fonts "
             "is not part of these names either.) \"Noto\" is a Google trademark.")
    L.append("- **LXGW WenKai** reserves the names \"霞鹜\" and \"LXGW\" (Debian copyright file: "
             "only fonts rebuilt from unmodified sources may keep them). Our subset is a "
             f"Modified Version, so the font's internal names are changed to `{WENKAI_FAMILY}` / "
             f"`{WENKAI_FAMILY_ZH}` (PostScript name `{WENKAI_PSNAME}`), and a name-table "
             "description records the origin, and the file is named "
             "`PaibanWenKai-Regular.ttf` to match. Copyright (name ID 0) "
             "and licence (IDs 13/14) records are kept unchanged.\n")
    L.append("## Rebuild\n")
    L.append("```sh")
    L.append("apt-get update && apt-get install -y fonts-noto-cjk fonts-lxgw-wenkai  # (+ fonts-noto-cjk-extra: not needed today)")
    L.append("pip install fonttools")
    L.append("python fonts/build.py          # about 40 s on 2 cores; --jobs 1 for one core")
    L.append("sha256sum fonts/*.ttf          # compare with the table above")
    L.append("```\n")
    L.append("`apt-get install unicode-data` is only needed for `--update-charset`. ReportLab "
             "usage: `TTFont('NotoSerifSC', 'fonts/NotoSerifSC-Regular.ttf')`.")
    README.write_text("\n".join(L) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--update-charset", action="store_true",
                    help="regenerate charsets/tongyong-8105.txt from Unihan (unicode-data) and exit")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                    help="fonts built in parallel (default: %(default)s)")
    args = ap.parse_args()

    if args.update_charset:
        update_tongyong()
        return

    check_sources()
    cps, hanzi, required = charset()
    print(f"character set: {len(cps)} code points ({len(hanzi)} in GB 2312 ∪ 通用规范汉字表)")

    jobs = [(out, pkg, src, fam, role, cps) for out, pkg, src, fam, role in FONTS]
    if args.jobs > 1:
        with concurrent.futures.ProcessPoolExecutor(max_workers=args.jobs) as ex:
            results = list(ex.map(build_one, jobs))
    else:
        results = [build_one(j) for j in jobs]

    for r in results:
        must, assigned, unassigned = classify_missing(r["missing"], hanzi, required)
        print(f"{r['out']}: {r['glyphs']} glyphs, {r['size']:,} bytes, sha256 {r['sha256']}")
        print(f"  missing required characters: {len(must)}"
              + (f": {''.join(chr(c) for c in must)}" if must else ""))
        if assigned:
            print(f"  missing other block characters: {len(assigned)}: {ranges_text(assigned)}")

    write_licenses()
    write_readme(results, len(cps), len(hanzi), hanzi, required, len(gb2312_chars()))
    total = sum(r["size"] for r in results)
    print(f"total: {total:,} bytes; wrote LICENSES/ and README.md")


if __name__ == "__main__":
    main()

"""Row 6, structure: what `qpdf --check` reports (pikepdf is qpdf), every warning qpdf
gave while opening the file (a damaged cross-reference table, streams of the wrong length,
missing objects), and the features the file uses that are newer than the PDF version it
is labelled with (row 1's concern, found in the same pass over the objects).

Damage is an error: a RIP that reads the file differently from qpdf's repair prints
something else, or nothing. Messages name where in the file: "object 10 0 (byte 283433)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pikepdf
from pikepdf import Name

from layout.i18n import N_, _
from layout.preflight.report import Check, Finding, Severity

MAX_REPORTED = 40   # qpdf messages reported one by one; the rest are counted
TAIL = 1024         # bytes at the end of a file that must hold %%EOF (PDF 32000-1 §7.5.5)
WHERE = re.compile(r"^(?:.*?)\s*\((?P<where>(?:object \d+ \d+, )?(?:offset \d+|object \d+ \d+)[^)]*)\): (?P<text>.*)$")
OBJECT_AT = re.compile(r"^object (\d+ \d+), offset (\d+)(.*)$")


def check_structure(pdf: pikepdf.Pdf, opened_as: str, tail: bytes | None = None) -> list[Finding]:
    """Row 6: qpdf's warnings from opening `pdf` and from its syntax check, each an
    error; `opened_as` is the name qpdf knows the file by (stripped from its messages);
    `tail`, the file's last bytes (TAIL of them), must hold the end-of-file marker
    (a file cut short in transfer may otherwise still open)."""
    c = Check.STRUCTURE
    problems = list(dict.fromkeys(_plain(w, opened_as) for w in pdf.get_warnings()))
    if tail is not None and b"%%EOF" not in tail:
        problems.append(_("no %%EOF in the last {n} bytes: the file is cut short").format(n=len(tail)))
    problems += [p for p in dict.fromkeys(_plain(p, opened_as) for p in _syntax_problems(pdf)) if p not in problems]
    found = [Finding(c, Severity.ERROR, _("damaged: {problem}").format(problem=p)) for p in problems[:MAX_REPORTED]]
    if len(problems) > MAX_REPORTED:
        found.append(Finding(c, Severity.ERROR, _("damaged: {n} more problems").format(n=len(problems) - MAX_REPORTED)))
    if not found:
        found.append(Finding(c, Severity.OK, _("qpdf check: no problems; {n} objects").format(n=len(pdf.objects))))
    return found


def content_damage(pdf: pikepdf.Pdf, opened_as: str, page: int) -> list[Finding]:
    """The warnings qpdf gave while the content walk parsed page `page`, as errors."""
    return [Finding(Check.STRUCTURE, Severity.ERROR, _("damaged content: {problem}").format(problem=p), page)
            for p in dict.fromkeys(_plain(w, opened_as) for w in pdf.get_warnings())]


def _syntax_problems(pdf: pikepdf.Pdf) -> list[str]:
    """What `qpdf --check` finds, less its parse of the page contents, which the content
    walk does anyway (and reports as a structure error of the page when it fails): the
    document structures and every stream decoded. Falls back to the whole check when
    this pikepdf lacks the steps."""
    structures = getattr(pdf, "_check_document_structures", None)
    decode = getattr(pdf, "_decode_all_streams_and_discard", None)
    if structures is None or decode is None:
        check = getattr(pdf, "check_pdf_syntax", None) or getattr(pdf, "check", None)  # renamed in pikepdf 10
        return check() if check is not None else []
    problems = []
    for step in (structures, lambda: decode(None)):
        try:
            step()
        except pikepdf.PdfError as exc:
            problems += pdf.get_warnings() + [f"ERROR: {exc}"]
    if len(pdf.pages) == 0:
        problems.append("ERROR: file does not contain any pages")
    return problems + pdf.get_warnings()


def _plain(message: str, opened_as: str) -> str:
    """A qpdf message without the file name, its place as "object 10 0 (byte 283433)"."""
    text = message.split(": ", 1)[1] if message.startswith(("ERROR: ", "WARNING: ")) else message
    if opened_as and text.startswith(opened_as):
        text = text[len(opened_as):]
    match = WHERE.match(text)
    if match:
        return f"{_place(match['where'])}: {match['text']}"
    return text.lstrip(": ").strip() or message


def _place(where: str) -> str:
    """"object 10 0, offset 283433" → "object 10 0 (byte 283433)"; "offset 12" → "byte 12"."""
    at = OBJECT_AT.match(where)
    if at:
        return _("object {object} (byte {byte})").format(object=at[1], byte=at[2]) + at[3]
    return where.replace("offset ", _("byte") + " ")


# ---------------------------------------------------------------- PDF versions

@dataclass(frozen=True, slots=True)
class Feature:
    """Something the file uses that only PDF `version` (major, minor) and later define."""

    version: tuple[int, int]
    what: str


TRANSPARENCY = (1, 4)
PDF15 = (1, 5)
PDF16 = (1, 6)


def newer_features(pdf: pikepdf.Pdf) -> list[Feature]:
    """Each distinct feature of PDF 1.4 or later the file uses, with its version
    (PDF 32000-1 and the PDF Reference's "PDF 1.x" notes), found in one pass over the
    objects: object and cross-reference streams, JPEG 2000, crypt filters, 16-bit
    images, ICC v4 profiles, OpenType font programs, optional content, NChannel,
    UserUnit and (PDF 1.4) transparency."""
    found: dict[str, Feature] = {}
    trailer = pdf.trailer
    if trailer.get("/Type") == Name.XRef or "/XRefStm" in trailer:
        found["xref"] = Feature(PDF15, N_("a cross-reference stream"))
    if "/OCProperties" in pdf.Root:
        found["oc"] = Feature(PDF15, N_("optional content (layers)"))
    intents = _output_profiles(pdf)   # their ICC version is row 3's to judge
    for obj in pdf.objects:
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            for key, feature in _object_features(obj):
                if not (key == "icc4" and obj.objgen in intents):
                    found.setdefault(key, feature)
    found.update(_encryption_features(pdf))
    return sorted(found.values(), key=lambda f: (f.version, f.what))


def _output_profiles(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    intents = pdf.Root.get("/OutputIntents")
    out = set()
    for intent in intents if isinstance(intents, pikepdf.Array) else ():
        profile = intent.get("/DestOutputProfile") if isinstance(intent, pikepdf.Dictionary) else None
        if isinstance(profile, pikepdf.Stream):
            out.add(profile.objgen)
    return out


def _object_features(obj) -> list[tuple[str, Feature]]:
    """Features one dictionary or stream uses, keyed so each is listed once."""
    out = []
    kind = obj.get("/Type")
    if kind == Name.ObjStm:
        out.append(("objstm", Feature(PDF15, N_("object streams"))))
    elif kind == Name.XRef:
        out.append(("xref", Feature(PDF15, N_("a cross-reference stream"))))
    filters = _filters(obj)
    if "/JPXDecode" in filters:
        out.append(("jpx", Feature(PDF15, N_("JPEG 2000 images (JPXDecode)"))))
    if "/Crypt" in filters:
        out.append(("crypt", Feature(PDF15, N_("crypt filters"))))
    if obj.get("/Subtype") == Name.Image and _int(obj.get("/BitsPerComponent")) == 16:
        out.append(("16bit", Feature(PDF15, N_("16-bit images"))))
    if "/OC" in obj:
        out.append(("oc", Feature(PDF15, N_("optional content (layers)"))))
    if obj.get("/Subtype") == Name.NChannel:
        out.append(("nchannel", Feature(PDF16, N_("NChannel colour spaces"))))
    if "/UserUnit" in obj and obj.get("/Type") == Name.Page:
        out.append(("userunit", Feature(PDF16, N_("UserUnit page scaling"))))
    out += _font_features(obj) + _icc_features(obj) + _transparency_features(obj)
    return out


def _filters(obj) -> tuple[str, ...]:
    filters = obj.get("/Filter")
    if isinstance(filters, pikepdf.Array):
        return tuple(str(f) for f in filters)
    return (str(filters),) if isinstance(filters, Name) else ()


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _font_features(obj) -> list[tuple[str, Feature]]:
    program = obj.get("/FontFile3")
    if obj.get("/Type") == Name.FontDescriptor and isinstance(program, pikepdf.Stream) \
            and program.get("/Subtype") == Name.OpenType:
        return [("opentype", Feature(PDF16, N_("OpenType font programs (FontFile3 /OpenType)")))]
    return []


def _icc_features(obj) -> list[tuple[str, Feature]]:
    """An ICC profile stream of version 4 (PDF 1.5 added ICC.1:2001-12, version 4.0)."""
    if not isinstance(obj, pikepdf.Stream) or "/N" not in obj or obj.get("/Subtype") is not None:
        return []
    try:
        head = obj.read_bytes()[:40]
    except pikepdf.PdfError:
        return []
    if len(head) == 40 and head[36:40] == b"acsp" and head[8] >= 4:
        return [("icc4", Feature(PDF15, N_("ICC version 4 profiles")))]
    return []


def _transparency_features(obj) -> list[tuple[str, Feature]]:
    group = obj.get("/Group")
    if isinstance(group, pikepdf.Dictionary) and group.get("/S") == Name.Transparency:
        return [("transparency", Feature(TRANSPARENCY, N_("transparency groups")))]
    if obj.get("/Subtype") == Name.Image and "/SMask" in obj:
        return [("transparency", Feature(TRANSPARENCY, N_("soft masks")))]
    resources = obj if "/ExtGState" in obj else obj.get("/Resources")
    states = resources.get("/ExtGState") if isinstance(resources, pikepdf.Dictionary) else None
    for state in states.values() if isinstance(states, pikepdf.Dictionary) else ():
        if isinstance(state, pikepdf.Dictionary) and _transparent(state):
            return [("transparency", Feature(TRANSPARENCY, N_("transparency (ExtGState)")))]
    return []


def _transparent(state: pikepdf.Dictionary) -> bool:
    """An ExtGState with constant alpha below 1, a blend mode other than Normal, or a soft mask."""
    for key in ("/CA", "/ca"):
        value = state.get(key)
        if value is not None and float(value) < 1:
            return True
    blend = state.get("/BM")
    blends = {str(b) for b in blend} if isinstance(blend, pikepdf.Array) else {str(blend)} if blend else set()
    smask = state.get("/SMask")
    return not blends <= {"/Normal", "/Compatible"} or (smask is not None and smask != Name("/None"))


def _encryption_features(pdf: pikepdf.Pdf) -> dict[str, Feature]:
    """Crypt filters (encryption V 4, PDF 1.5), AES-128 (1.6), AES-256 (PDF 2.0)."""
    if not pdf.is_encrypted:
        return {}
    info = pdf.encryption
    methods = {str(getattr(info, key, "")).rsplit(".", 1)[-1].lower()
               for key in ("stream_method", "string_method", "file_method")}
    if "aesv3" in methods:
        return {"aes": Feature((2, 0), N_("AES-256 encryption"))}
    if "aes" in methods:
        return {"aes": Feature(PDF16, N_("AES encryption"))}
    if _int(info.V) >= 4:
        return {"crypt": Feature(PDF15, N_("crypt filters (encryption V4)"))}
    return {}

"""issue.yaml → `Issue`. Every problem is collected and reported with file, line and
field; nothing is built from an invalid definition. The format is documented in
docs/issue-format.md.

The sections are read by their own modules: pages and templates (pages.py), articles
with their body files and photos (articles.py); this one reads `issue`, `typesetting`,
`print` and `fonts`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from layout.errors import IssueError, Problem
from layout.i18n import _
from layout.model.ads import read_issue_ads
from layout.model.articles import ArticleReader, encoding_of
from layout.model.copyfile import issue_body_format
from layout.model.encoding import Encoding
from layout.model.fields import Checker
from layout.model.fontfile import FontProblem, check_font
from layout.model.fonts import DEFAULT_FONT_FILES, bundled_font_dir
from layout.model.pages import read_pages, read_templates
from layout.model.schema import (
    FontRole,
    FontSet,
    Footer,
    HolePolicy,
    Issue,
    Kinsoku,
    PdfxVersion,
    PrintSettings,
    PunctStyle,
    Source,
    Typesetting,
)
from layout.model.yamlsrc import read_yaml

ISSUE_FILE = "issue.yaml"
TOP = {"issue", "typesetting", "print", "fonts", "templates", "pages", "articles", "ads"}  # ads: layout/model/ads.py
TYPESETTING_KEYS = {"kinsoku", "punctuation", "cjk_latin_space", "justify", "last_line_min", "hanging",
                    "min_segment_lines"}
ISSUE_KEYS = {"paper", "code", "date", "number", "running_number", "edition", "serial",
              "qr", "normalize", "encoding", "holes", "body_format"}
PRINT_KEYS = {"pdfx", "ink_limit", "ppi_warning", "ppi_error", "screen_ruling"}
DATE_RANGE = (dt.date(1900, 1, 1), dt.date(2199, 12, 31))  # the lunar calendar printed in the masthead covers these
MAX_NUMBER = 10_000_000
MAX_QR_LINES = 4


def load_issue(folder: Path) -> Issue:
    """Read and validate `folder`/issue.yaml and every file it names.

    Raises IssueError listing every problem (file:line: field: message).
    """
    folder = Path(folder)
    file = folder / ISSUE_FILE
    if not file.is_file():
        raise IssueError([Problem(file, 0, "", _("no {file} in {folder}").format(file=ISSUE_FILE, folder=folder),
                                  _("give the issue folder (the one that holds issue.yaml)"))])
    data, lines = read_yaml(file)
    check = Checker(lines)
    top = check.mapping(data, (), TOP, {"issue", "pages", "articles"})
    raw_meta = top.get("issue", {})
    meta = _issue_meta(check, raw_meta)
    encoding = encoding_of(check, raw_meta, ("issue",), Encoding.UTF8) if isinstance(raw_meta, dict) else Encoding.UTF8
    body_format = issue_body_format(check, raw_meta)
    typesetting = _typesetting(check, top.get("typesetting", {}))
    print_settings = _print_settings(check, top.get("print", {}))
    fonts = _fonts(check, folder, top.get("fonts", {}))
    templates = read_templates(check, top.get("templates", {}))
    pages = read_pages(check, top.get("pages", []), templates)
    reader = ArticleReader(check, folder, pages, encoding, body_format)
    articles = reader.articles(top.get("articles", []))
    ads = read_issue_ads(check, folder, top, templates, pages)  # ads: booked advertisements
    problems = check.problems + reader.body_problems
    if problems:
        raise IssueError(problems)
    return Issue(folder=folder, typesetting=typesetting, fonts=fonts, pages=pages, articles=articles,
                 source=Source(file, 1), print_settings=print_settings, notices=tuple(reader.notices), ads=ads,
                 **meta)


def _issue_meta(check: Checker, raw: object) -> dict[str, Any]:
    path = ("issue",)
    m = check.mapping(raw, path, ISSUE_KEYS, {"paper", "code", "date", "number", "running_number", "qr"})
    code = check.get(m, path, "code", str, "")
    if code and not (code.isascii() and code.isalnum() and len(code) <= 16):
        check.error(path + ("code",), _("paper code must be 1 to 16 ASCII letters and digits, got {got}").format(
            got=repr(code)))
    return {
        "paper": check.text(m, path, "paper"),
        "code": code,
        "date": _date(check, m, path),
        "issue_number": check.whole(m, path, "number", 0, 1, MAX_NUMBER, _("(the issue number, 第N期)"))
        if "number" in m else 0,
        "running_number": check.whole(m, path, "running_number", 0, 1, MAX_NUMBER, _("(总第N期)"))
        if "running_number" in m else 0,
        "edition": check.text(m, path, "edition"),
        "serial": check.text(m, path, "serial"),
        "normalize": check.get(m, path, "normalize", bool, True),
        "holes": check.choice(m, path, "holes", HolePolicy, HolePolicy.ERROR),
        "footer": _footer(check, m.get("qr", {}), path + ("qr",)),
    }


def _date(check: Checker, m: dict[str, Any], path: tuple[str, ...]) -> dt.date:
    date = check.get(m, path, "date", dt.date, dt.date(1970, 1, 1))
    if not DATE_RANGE[0] <= date <= DATE_RANGE[1]:
        check.error(path + ("date",), _("the date {date} is outside 1900–2199").format(date=date.isoformat()))
        return dt.date(1970, 1, 1)
    return date  # type: ignore[no-any-return]


def _footer(check: Checker, raw: object, path: tuple[str, ...]) -> Footer:
    """The QR payload (checked against what a QR code can hold) and the lines beside it."""
    qr = check.mapping(raw, path, {"payload", "lines"}, {"payload", "lines"})
    lines = check.get(qr, path, "lines", list, [])
    if len(lines) > MAX_QR_LINES:
        check.error(path + ("lines",), _("{n} lines; at most {most} fit beside the code").format(
            n=len(lines), most=MAX_QR_LINES))
    texts = tuple(str(check.value(line, path + ("lines", i), str, "")) for i, line in enumerate(lines))
    payload = check.text(qr, path, "payload")
    if "payload" in qr and isinstance(qr["payload"], (str, int, float)):
        problem = qr_problem(payload)
        if problem:
            check.error(path + ("payload",), problem, _("use a shorter address (a link shortener, or the paper's home page)"))
    return Footer(payload, texts)


def qr_problem(payload: str) -> str:
    """Why `payload` cannot be the footer's QR code (error correction M), or ""
    (remembered by payload and language for the process's next build)."""
    from layout.i18n import language
    from layout.model.memo import QR

    return QR.get((payload, language()), lambda: _qr_problem(payload))


def _qr_problem(payload: str) -> str:
    import qrcode  # type: ignore[import-untyped, unused-ignore]
    from qrcode.exceptions import DataOverflowError  # type: ignore[import-untyped, unused-ignore]

    if not payload.strip():
        return _("the QR payload is empty")
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    try:
        code.add_data(payload)
        code.make(fit=True)
    except (DataOverflowError, ValueError) as exc:
        return _("{n} bytes are more than a QR code holds ({reason})").format(
            n=len(payload.encode("utf-8")), reason=exc or "data overflow")
    return ""


def _typesetting(check: Checker, raw: object) -> Typesetting:
    path = ("typesetting",)
    m = check.mapping(raw, path, TYPESETTING_KEYS)
    default = Typesetting()
    return Typesetting(kinsoku=check.choice(m, path, "kinsoku", Kinsoku, default.kinsoku),
                       punctuation=check.choice(m, path, "punctuation", PunctStyle, default.punctuation),
                       cjk_latin_space=check.get(m, path, "cjk_latin_space", bool, True),
                       justify=check.get(m, path, "justify", bool, True),
                       last_line_min=check.whole(m, path, "last_line_min", 2, 1, 4, _("characters")),
                       hanging=check.get(m, path, "hanging", bool, False),
                       min_segment_lines=check.whole(m, path, "min_segment_lines", default.min_segment_lines,
                                                     1, 10, _("lines")))


def _print_settings(check: Checker, raw: object) -> PrintSettings:
    """The `print:` section: PDF/X level, ink limit (%), photo resolution thresholds (ppi)
    and the plant's screen ruling (lpi)."""
    path = ("print",)
    m = check.mapping(raw, path, PRINT_KEYS)
    default = PrintSettings()
    ranges = {"ink_limit": (100.0, 400.0), "ppi_warning": (1.0, 2400.0), "ppi_error": (1.0, 2400.0),
              "screen_ruling": (20.0, 300.0)}
    values = {key: check.number(m, path, key, getattr(default, key), low, high)
              for key, (low, high) in ranges.items()}
    if values["ppi_error"] > values["ppi_warning"]:
        check.error(path + ("ppi_error",), _("ppi_error ({error:g}) is above ppi_warning ({warning:g}); the error "
                                             "threshold must be the lower").format(error=values["ppi_error"],
                                                                                   warning=values["ppi_warning"]))
    return PrintSettings(pdfx=check.choice(m, path, "pdfx", PdfxVersion, default.pdfx), **values)


def _fonts(check: Checker, folder: Path, raw: object) -> FontSet:
    """Font files by role: the bundled fonts unless the issue names its own (checked)."""
    roles = {role.value: role for role in FontRole}
    m = check.mapping(raw, ("fonts",), set(roles))
    bundled = bundled_font_dir()
    files: dict[FontRole, Path] = {role: bundled / name for role, name in DEFAULT_FONT_FILES.items()}
    for key, value in m.items():
        path = ("fonts", key)
        if key not in roles:
            continue
        if not isinstance(value, str):
            check.error(path, _("expected a path to a TrueType font file"))
            continue
        found = check.inside(folder, value, path)
        if found and found.suffix.lower() not in (".ttf", ".otf", ".ttc"):
            check.error(path, _("'{value}' is not a TrueType font file (.ttf)").format(value=value))
        elif found:
            try:
                check_font(found)
            except FontProblem as problem:
                check.error(path, _("font '{value}': {problem}").format(value=value, problem=problem.message),
                            problem.hint)
                continue
            files[roles[key]] = found
    for role, file in files.items():
        if not file.is_file():
            check.error(("fonts",), _("font for role '{role}' not found at {file}").format(role=role.value, file=file),
                        _("run `python fonts/build.py` or name a font in issue.yaml"))
    return FontSet(tuple(sorted(files.items(), key=lambda kv: kv[0].value)))

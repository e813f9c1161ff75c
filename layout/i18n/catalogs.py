"""The catalogs' workflow (`python -m layout.i18n update|compile|check`), with Babel.

- `update`: extract every `_()`, `ngettext()`, `pgettext()` and `N_()` message from
  `layout/`, and merge them into `locale/zh/DOMAIN.po` per domain (layout/i18n/
  domains.py): new messages are added untranslated, translations kept, messages no
  longer in the code dropped. Output is sorted by message and carries file names
  without line numbers, so catalogs change only when messages do.
- `compile`: `DOMAIN.po` → `DOMAIN.mo` (the files loaded at run time; both are
  committed, so a fresh clone needs no build step).
- `check`: what tests/i18n checks: every message translated, no fuzzy entries,
  the same `{placeholders}` in both languages, every `.mo` compiled from its `.po`.

Babel is needed only here (it is in the test extras), not to show messages.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
import string
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from layout.i18n import LOCALE_DIR
from layout.i18n.domains import domain_of

ROOT = Path(__file__).resolve().parents[2]  # the repository (layout/ is in it)
TARGET = "zh"
MARKED = re.compile(r"\b(?:_|N_|ngettext|pgettext)\(")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
FIXED_DATE = dt.datetime(2023, 1, 1, tzinfo=dt.timezone.utc)  # no dates that change on every run
HEADER = "# paiban messages in Simplified Chinese (简体中文).\n# Edit msgstr only; run `python -m layout.i18n update` and `compile`.\n#"


@dataclass(frozen=True, slots=True)
class Message:
    """One message found in the code: its id (a (singular, plural) pair for plurals),
    context, and the file it is in (relative to the repository)."""

    id: str | tuple[str, str]
    context: str | None
    file: str
    line: int


def extract(root: Path = ROOT) -> list[Message]:
    """Every message in the Python files under `root`/layout, in file order."""
    from babel.messages.extract import extract_from_file

    found = []
    for path in sorted((root / "layout").rglob("*.py")):
        if not MARKED.search(path.read_text(encoding="utf-8", errors="replace")):
            continue  # Babel's tokenizer is slow; most files have no messages
        rel = path.relative_to(root).as_posix()
        for line, text, _comments, context in extract_from_file("python", path, keywords=KEYWORDS):
            found.append(Message(text if isinstance(text, str) else (text[0], text[1]), context, rel, line))
    return found


def po_path(domain: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / TARGET / f"{domain}.po"


def _read(path: Path):
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    if not path.is_file():
        return Catalog(locale="zh_Hans_CN", domain=path.stem)
    with path.open("rb") as fp:
        return read_po(fp, locale="zh_Hans_CN", domain=path.stem)


def _new_catalog(domain: str):
    from babel.messages.catalog import Catalog

    return Catalog(locale="zh_Hans_CN", domain=domain, header_comment=HEADER, project="paiban", version="1",
                   creation_date=FIXED_DATE, revision_date=FIXED_DATE, language_team="paiban", msgid_bugs_address="paiban issues",
                   last_translator="paiban", fuzzy=False)


def po_bytes(catalog) -> bytes:
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog, width=0, sort_output=True, include_lineno=False, ignore_obsolete=True)
    text = re.sub(rb'"Generated-By: Babel [^"\\]*\\n"\n', b"", out.getvalue())  # no tool version in the file
    return text


def update(root: Path = ROOT, locale_dir: Path = LOCALE_DIR) -> dict[str, int]:
    """Merge the code's messages into each domain's .po; returns domain → untranslated count."""
    by_domain: dict[str, list[Message]] = defaultdict(list)
    for message in extract(root):
        by_domain[domain_of(message.file)].append(message)
    for path in sorted((locale_dir / TARGET).glob("*.po")):
        by_domain.setdefault(path.stem, [])
    missing = {}
    for domain, messages in sorted(by_domain.items()):
        old, new = _read(po_path(domain, locale_dir)), _new_catalog(domain)
        for m in messages:
            kept = old.get(m.id if isinstance(m.id, str) else m.id[0], context=m.context)
            string_ = kept.string if kept is not None else ("", "") if isinstance(m.id, tuple) else ""
            entry = new.get(m.id if isinstance(m.id, str) else m.id[0], context=m.context)
            locations = (entry.locations if entry else []) + [(m.file, None)]
            new.add(m.id, string_, locations=sorted(set(locations)), context=m.context,
                    flags=kept.flags if kept is not None else ())
        if not messages and not po_path(domain, locale_dir).is_file():
            continue
        po_path(domain, locale_dir).parent.mkdir(parents=True, exist_ok=True)
        po_path(domain, locale_dir).write_bytes(po_bytes(new))
        missing[domain] = sum(1 for e in new if e.id and not _translated(e))
    return missing


def _translated(entry) -> bool:
    strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
    return all(strings) and "fuzzy" not in entry.flags


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Every `DOMAIN.po` → `DOMAIN.mo`; returns the files written."""
    from babel.messages.mofile import write_mo

    written = []
    for path in sorted((locale_dir / TARGET).glob("*.po")):
        out = io.BytesIO()
        write_mo(out, _read(path), use_fuzzy=False)
        path.with_suffix(".mo").write_bytes(out.getvalue())
        written.append(path.with_suffix(".mo"))
    return written


def fields(text: str) -> set[str]:
    """The `{placeholders}` of a message (`{n}`, `{file}`, `{0:.1f}` → `0`)."""
    try:
        return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<unbalanced braces>"}


def problems(root: Path = ROOT, locale_dir: Path = LOCALE_DIR) -> list[str]:
    """Why the catalogs are not complete, one line each (empty when all is well)."""
    out = []
    catalogs = {}
    for message in extract(root):
        domain = domain_of(message.file)
        if domain not in catalogs:
            catalogs[domain] = _read(po_path(domain, locale_dir))
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        entry = catalogs[domain].get(msgid, context=message.context)
        where = f"{message.file}:{message.line}: {msgid!r}"
        if entry is None:
            out.append(f"{where} is not in {po_path(domain, locale_dir).name} (run update)")
        elif not _translated(entry):
            out.append(f"{where} has no Chinese translation in {po_path(domain, locale_dir).name}")
        else:
            out.extend(f"{where}: {p}" for p in _placeholder_problems(message.id, entry.string))
    out.extend(_stale_mo(locale_dir))
    out.extend(_disagreeing(locale_dir))
    return out


def _disagreeing(locale_dir: Path) -> list[str]:
    """A message translated differently in two catalogs: the catalogs are chained at
    run time (layout.i18n.catalog), so one of the two would be shown everywhere."""
    seen: dict[tuple, dict[object, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted((locale_dir / TARGET).glob("*.po")):
        for entry in _read(path):
            if entry.id and _translated(entry):
                seen[(entry.context, entry.id if isinstance(entry.id, str) else tuple(entry.id))][
                    entry.string if isinstance(entry.string, str) else tuple(entry.string)].append(path.name)
    return [f"{key[1]!r} is translated differently in " + "; ".join(f"{', '.join(names)}: {string!r}"
                                                                     for string, names in strings.items())
            for key, strings in seen.items() if len(strings) > 1]


def _placeholder_problems(msgid, msgstr) -> list[str]:
    ids = (msgid,) if isinstance(msgid, str) else msgid
    strs = (msgstr,) if isinstance(msgstr, str) else msgstr
    want = set().union(*(fields(i) for i in ids))
    return [f"translation {s!r} has placeholders {sorted(fields(s))}, the message {sorted(want)}"
            for s in strs if not fields(s) <= want or (len(ids) == 1 and fields(s) != want)]


def _stale_mo(locale_dir: Path) -> list[str]:
    """A .mo whose messages differ from its .po's (or that is missing)."""
    out = []
    for path in sorted((locale_dir / TARGET).glob("*.po")):
        mo = path.with_suffix(".mo")
        if not mo.is_file():
            out.append(f"{mo.name} is missing (run compile)")
            continue
        with mo.open("rb") as fp:
            compiled = {k: v for k, v in gettext.GNUTranslations(fp)._catalog.items() if k != ""}  # type: ignore[attr-defined]
        expected: dict[object, object] = {}
        for entry in _read(path):
            if not entry.id or not _translated(entry):
                continue
            key = entry.id if isinstance(entry.id, str) else entry.id[0]
            key = f"{entry.context}\x04{key}" if entry.context else key
            if isinstance(entry.string, tuple):
                expected.update({(key, i): s for i, s in enumerate(entry.string)})
            else:
                expected[key] = entry.string
        if compiled != expected:
            out.append(f"{mo.name} is not compiled from {path.name} (run compile)")
    return out

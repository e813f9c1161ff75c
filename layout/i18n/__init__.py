"""Messages in the reader's language (简体中文 or English), over gettext catalogs.

Wrap every message a person reads::

    from layout.i18n import _, ngettext, N_

    raise problem(path, line, "date", _("not a date: {value}").format(value=text))
    print(ngettext("{n} page", "{n} pages", n).format(n=n))
    CODES = {"E101": N_("duplicated paragraph")}   # marked here, translated where shown: _(CODES[c])

Source strings are English; the Chinese is in the catalogs of `layout/i18n/locale/zh/`
(one per part of the code, see `layout/i18n/domains.py`; the workflow — extract,
translate, compile, check — is in docs/proofing.md, "Messages and catalogs").

The language is decided at each call, never at import: `using(lang)` (what `--lang`
sets for one command), else the environment variable `PAIBAN_LANG`, else the
caller's default (proofs and the proof page: Chinese), else the locale (`LC_ALL`,
`LC_MESSAGES`, `LANG`), else English. Keep placeholders named (`{file}`, `{n}`) so
a translation may reorder them; keep the `file:line: field:` prefix out of the
message (layout.errors.Problem puts it in front, the same in both languages).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext
import os
from collections.abc import Iterator
from pathlib import Path

LANGUAGES = ("zh", "en")  # what --lang accepts; zh is Simplified Chinese (zh_Hans)
SOURCE = "en"            # the language of the msgids in the code
LOCALE_DIR = Path(__file__).parent / "locale"

_chosen: contextvars.ContextVar[str | None] = contextvars.ContextVar("paiban_language", default=None)


def normalize(value: str | None) -> str | None:
    """'zh' or 'en' for a language or locale name (`zh_CN.UTF-8`, `zh-Hans`, `en_GB`,
    `chinese`), None when it names no language we have (`C`, `POSIX`, '', `fr`)."""
    if not value:
        return None
    name = value.strip().lower().replace("-", "_").split(".")[0].split("@")[0]
    if name.startswith("zh") or name in ("chinese", "cn", "中文"):
        return "zh"
    if name.startswith("en") or name == "english":
        return "en"
    return None


def _from_locale() -> str | None:
    """The language of the locale environment (POSIX order: LC_ALL, LC_MESSAGES, LANG;
    LANGUAGE, GNU's list, first), or None when it names none of ours."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        for part in value.split(":"):
            found = normalize(part)
            if found:
                return found
        if value and var != "LANGUAGE":
            return None  # the first locale variable that is set decides
    return None


def language(default: str | None = None) -> str:
    """The language messages are shown in now: `using()`'s choice, else PAIBAN_LANG,
    else `default` (e.g. "zh" for proofs), else the locale's, else English."""
    return (_chosen.get() or normalize(os.environ.get("PAIBAN_LANG")) or normalize(default)
            or _from_locale() or SOURCE)


@contextlib.contextmanager
def using(lang: str | None) -> Iterator[str]:
    """Show messages in `lang` inside the block (None: no change); yields the language
    in force. What `--lang` does for one command."""
    token = _chosen.set(normalize(lang)) if normalize(lang) else None
    try:
        yield language()
    finally:
        if token is not None:
            _chosen.reset(token)


@functools.cache
def catalog(lang: str) -> gettext.NullTranslations:
    """Every compiled catalog of `lang` (`locale/LANG/*.mo`) chained into one; the
    source language and a language without catalogs translate to themselves. Cached
    per process: the catalogs are package data."""
    files = sorted((LOCALE_DIR / lang).glob("*.mo")) if lang != SOURCE else []
    if not files:
        return gettext.NullTranslations()
    chain: gettext.NullTranslations | None = None
    for file in files:
        with file.open("rb") as fp:
            translations = gettext.GNUTranslations(fp)
        if chain is None:
            chain = translations
        else:
            chain.add_fallback(translations)
    return chain if chain is not None else gettext.NullTranslations()


def _(message: str) -> str:
    """`message` in the current language."""
    return catalog(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for `n` things in the current language (format `n` in
    yourself: `ngettext("{n} page", "{n} pages", n).format(n=n)`)."""
    return catalog(language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, where the same English has two meanings
    (`pgettext("proof round", "round")`)."""
    return catalog(language()).pgettext(context, message)


def N_(message: str) -> str:
    """Mark `message` for the catalogs without translating it now (tables built at
    import); translate it with `_()` where it is shown."""
    return message


def in_language(lang: str | None, message: str) -> str:
    """`message` translated into `lang` (None: the current language)."""
    return catalog(normalize(lang) or language()).gettext(message)


def add_lang_option(parser) -> None:
    """`--lang zh|en` on a command's parser; the command runs `with using(args.lang):`."""
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help=_("language of messages: zh (简体中文) or en (English); "
                               "default PAIBAN_LANG, else the locale"))


def localized(run):
    """Decorate a command's `run(args)` so it runs in `args.lang` (from add_lang_option)."""
    @functools.wraps(run)
    def wrapper(args):
        with using(getattr(args, "lang", None)):
            return run(args)
    return wrapper


__all__ = ["LANGUAGES", "N_", "_", "add_lang_option", "catalog", "in_language", "language", "localized", "ngettext",
           "normalize", "pgettext", "using"]

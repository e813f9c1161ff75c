"""Messages in two languages: the language chosen at call time, every message translated."""

from __future__ import annotations

import gettext
import shutil
from pathlib import Path

import pytest

from layout import i18n
from layout.i18n import _, catalogs, language, ngettext, normalize, using
from layout.i18n.domains import domain_of


@pytest.fixture
def clean_env(monkeypatch):
    for var in ("PAIBAN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


def test_every_message_in_the_code_has_a_chinese_translation():
    assert catalogs.problems() == []


def test_the_check_finds_an_untranslated_message_and_a_stale_mo(tmp_path):
    """Negative control: a message added to the code but not translated, and a .mo
    compiled before the .po changed, are both reported."""
    root = tmp_path / "repo"
    (root / "layout" / "lint").mkdir(parents=True)
    (root / "layout" / "lint" / "x.py").write_text('from layout.i18n import _\n_("a brand new message {n}")\n')
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    found = catalogs.problems(root, locale)
    assert any("a brand new message" in p and "not in proof.po" in p for p in found)
    catalogs.update(root, locale)
    po = catalogs.po_path("proof", locale)
    assert "a brand new message" in po.read_text(encoding="utf-8")
    assert any("no Chinese translation" in p for p in catalogs.problems(root, locale))
    po.write_text(po.read_text(encoding="utf-8").replace('{n}"\nmsgstr ""', '{n}"\nmsgstr "全新消息 {m}"'),
                  encoding="utf-8")
    assert any("placeholders" in p for p in catalogs.problems(root, locale))
    po.write_text(po.read_text(encoding="utf-8").replace("{m}", "{n}"), encoding="utf-8")
    assert any("not compiled" in p for p in catalogs.problems(root, locale))
    catalogs.compile_all(locale)
    assert catalogs.problems(root, locale) == []
    with (locale / "zh" / "proof.mo").open("rb") as fp:
        assert gettext.GNUTranslations(fp).gettext("a brand new message {n}") == "全新消息 {n}"


def test_update_keeps_translations_and_is_stable(tmp_path):
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    before = {p.name: p.read_bytes() for p in (locale / "zh").glob("*.po")}
    catalogs.update(catalogs.ROOT, locale)
    assert {p.name: p.read_bytes() for p in (locale / "zh").glob("*.po")} == before


def test_language_from_option_environment_default_and_locale(clean_env):
    assert language() == "en"                      # nothing set: English
    clean_env.setenv("LANG", "zh_CN.UTF-8")
    assert language() == "zh"                      # the locale
    clean_env.setenv("LC_ALL", "C")
    assert language() == "en"                      # LC_ALL decides first; C names none of ours
    assert language(default="zh") == "zh"          # proofs default to Chinese over the locale
    clean_env.setenv("PAIBAN_LANG", "en")
    assert language(default="zh") == "en"          # the environment variable over the default
    with using("zh"):
        assert language() == "zh"                  # --lang over everything
        with using(None):
            assert language() == "zh"
    assert language() == "en"                      # and only inside the block


def test_language_is_read_at_call_time(clean_env):
    clean_env.setenv("PAIBAN_LANG", "en")
    assert _("language of messages: zh (简体中文) or en (English); default PAIBAN_LANG, else the locale") \
        .startswith("language")
    clean_env.setenv("PAIBAN_LANG", "zh")
    assert _("language of messages: zh (简体中文) or en (English); default PAIBAN_LANG, else the locale") \
        .startswith("消息语言")


@pytest.mark.parametrize("value,expected", [
    ("zh", "zh"), ("zh_CN.UTF-8", "zh"), ("zh-Hans", "zh"), ("ZH_tw", "zh"), ("en_GB.utf8", "en"),
    ("C", None), ("POSIX", None), ("", None), ("fr_FR", None), (None, None)])
def test_normalize(value, expected):
    assert normalize(value) == expected


def test_untranslated_messages_and_plurals_fall_back_to_english(clean_env):
    with using("zh"):
        assert _("no such message anywhere") == "no such message anywhere"
        assert ngettext("{n} thing", "{n} things", 2) == "{n} things"
    with using("en"):
        assert ngettext("{n} thing", "{n} things", 1) == "{n} thing"


@pytest.mark.parametrize("path,domain", [
    ("layout/model/loader.py", "model"), ("layout/errors.py", "model"), ("layout/text/copyedit.py", "model"),
    ("layout/text/linebreak.py", "text"), ("layout/compose/vertical.py", "text"),
    ("layout/compose/page.py", "compose"), ("layout/render/pdf.py", "print"), ("layout/build.py", "print"),
    ("layout/commands/preflight.py", "preflight"), ("layout/commands/lint.py", "proof"),
    ("layout/lint/checks.py", "proof"), ("layout/commands/newthing.py", "paiban")])
def test_domains(path, domain):
    assert domain_of(path) == domain


def test_catalogs_are_package_data():
    """The compiled catalogs ship with the package (pyproject's package-data), so a
    wheel or a fresh clone shows Chinese without a build step."""
    text = (catalogs.ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"layout.i18n" = ["locale/*/*.mo", "locale/*/*.po"]' in text
    assert sorted(p.stem for p in (Path(i18n.__file__).parent / "locale" / "zh").glob("*.mo")) == \
        sorted(p.stem for p in (Path(i18n.__file__).parent / "locale" / "zh").glob("*.po"))


def test_a_message_translated_two_ways_in_two_catalogs_is_found(tmp_path):
    """The catalogs are chained at run time, so a message two domains translate
    differently would show one of them everywhere; the check names it (the real
    catalogs agree: test_every_message_in_the_code_has_a_chinese_translation)."""
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    po = catalogs.po_path("epaper", locale)
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "期次文件夹（含 issue.yaml）"' in text
    po.write_text(text.replace('msgstr "期次文件夹（含 issue.yaml）"', 'msgstr "报纸期次文件夹（含 issue.yaml）"'),
                  encoding="utf-8")
    found = [p for p in catalogs.problems(locale_dir=locale) if "translated differently" in p]
    assert len(found) == 1 and "epaper.po" in found[0] and "proof.po" in found[0]

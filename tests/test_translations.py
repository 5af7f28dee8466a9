"""The English catalog is whole: every string of the code, translated and compiled.

Visitors who choose English should never meet a Dutch label because a string was added
without `make messages`. These tests say what to run when they fail.
"""

import os
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command

CATALOG = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
# What `make messages` leaves out besides hidden files (.venv, bench/.staticfiles).
NOT_SCANNED = {"locale", "node_modules", "staticfiles"}


def _messages(catalog: polib.POFile) -> set[tuple[str | None, str]]:
    return {(entry.msgctxt, entry.msgid) for entry in catalog if not entry.obsolete}


def _extracted(into: Path) -> polib.POFile:
    """What makemessages finds in the code now, run on a mirror of the project.

    The mirror links every scanned folder and file, so makemessages writes its
    catalog in `into` and never touches the committed one.
    """
    for entry in sorted(settings.BASE_DIR.iterdir()):
        if entry.name.startswith(".") or entry.name in NOT_SCANNED:
            continue
        (into / entry.name).symlink_to(entry)
    (into / "locale").mkdir()
    cwd = Path.cwd()
    os.chdir(into)
    try:
        call_command(
            "makemessages", locale=["en"], symlinks=True, no_obsolete=True, verbosity=0
        )
    finally:
        os.chdir(cwd)
    return polib.pofile(str(into / "locale" / "en" / "LC_MESSAGES" / "django.po"))


def test_every_message_has_an_english_translation():
    catalog = polib.pofile(str(CATALOG))

    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]

    assert untranslated == [], f"Translate these in {CATALOG}: {untranslated}"
    assert fuzzy == [], f"Check these guesses of makemessages in {CATALOG}: {fuzzy}"


def test_the_compiled_catalog_is_the_translated_one():
    catalog = polib.pofile(str(CATALOG))
    compiled = polib.mofile(str(CATALOG.with_suffix(".mo")))

    def pairs(entries):
        return {
            (
                entry.msgctxt,
                entry.msgid,
                entry.msgstr or tuple(entry.msgstr_plural.items()),
            )
            for entry in entries
            if entry.msgid
        }

    assert pairs(compiled) == pairs(catalog.translated_entries()), (
        "django.mo is older than django.po: run `make messages`."
    )


def test_the_catalog_holds_every_message_of_the_code(tmp_path, settings):
    settings.LOCALE_PATHS = [tmp_path / "locale"]

    found = _messages(_extracted(tmp_path))
    committed = _messages(polib.pofile(str(CATALOG)))

    assert sorted(found - committed, key=str) == [], (
        "Strings in the code that the English catalog lacks: run `make messages` "
        "and translate them."
    )
    assert sorted(committed - found, key=str) == [], (
        "Strings in the English catalog that the code no longer uses: run "
        "`make messages`."
    )

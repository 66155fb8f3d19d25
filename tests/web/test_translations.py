"""The Russian catalogue: complete, compiled, in step with the code, and shown to members.

When a string is added to a template or wrapped in gettext, `test_the_catalogue_holds_every_
string_in_the_code` fails and names it. To fix it, from src/kuzbas run
`django-admin makemessages -l ru --no-obsolete --ignore 'static/*'`, translate the new entries
in locale/ru/LC_MESSAGES/django.po, then run `django-admin compilemessages -l ru`.
"""

from __future__ import annotations

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "kuzbas"
MESSAGES = Path("locale") / "ru" / "LC_MESSAGES"
PO = PACKAGE / MESSAGES / "django.po"
MO = PACKAGE / MESSAGES / "django.mo"
RUSSIAN_PLURALS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
    "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]")
KEYWORD = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (\".*\")$")


@dataclass
class Entry:
    """One message of a PO file: its id, its translations and its flags."""

    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        """Return the id the way a compiled catalogue files it (context, EOT, id)."""
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid


def read_catalogue(path: Path) -> list[Entry]:
    """Read the entries of a PO file, the header first; obsolete (#~) entries are skipped."""
    entries: list[Entry] = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        entry, last = Entry(), None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif match := KEYWORD.match(line):
                last = match.group(1)
                _store(entry, last, ast.literal_eval(match.group(2)), append=False)
            else:
                _store(entry, last, ast.literal_eval(line), append=True)
        if last is not None:
            entries.append(entry)
    return entries


def _store(entry: Entry, keyword: str | None, text: str, *, append: bool) -> None:
    """Put a (continued) string literal into the field its keyword names."""
    if keyword is None:
        raise ValueError(f"a string with no keyword before it: {text!r}")
    if keyword.startswith("msgstr"):
        index = int(keyword[7:-1]) if "[" in keyword else 0
        while len(entry.msgstr) <= index:
            entry.msgstr.append("")
        entry.msgstr[index] = entry.msgstr[index] + text if append else text
    else:
        attribute = keyword
        setattr(entry, attribute, (getattr(entry, attribute) or "") + text if append else text)


def header_of(entries: list[Entry]) -> dict[str, str]:
    """Return the header fields of a catalogue (the msgstr of the empty msgid)."""
    header = next(e for e in entries if e.msgid == "" and e.msgctxt is None)
    pairs = (line.split(":", 1) for line in header.msgstr[0].splitlines() if ":" in line)
    return {name.strip(): value.strip() for name, value in pairs}


def messages_of(entries: list[Entry]) -> list[Entry]:
    """Return the entries without the header."""
    return [e for e in entries if e.key != ""]


def placeholders(text: str) -> list[str]:
    return sorted(set(PLACEHOLDER.findall(text)))


def compiled_pairs(entries: list[Entry]) -> dict[object, str]:
    """Return what a faithful compilation of `entries` holds, keyed the way gettext keys it."""
    pairs: dict[object, str] = {}
    for entry in entries:
        if entry.msgid_plural is None:
            pairs[entry.key] = entry.msgstr[0]
        else:
            pairs.update({(entry.key, i): form for i, form in enumerate(entry.msgstr)})
    return pairs


@pytest.fixture(scope="module")
def catalogue() -> list[Entry]:
    return read_catalogue(PO)


def test_the_header_names_russian_its_three_plural_forms_and_utf8(catalogue):
    header = header_of(catalogue)

    assert header["Language"] == "ru"
    assert header["Plural-Forms"] == RUSSIAN_PLURALS
    assert header["Content-Type"] == "text/plain; charset=UTF-8"


def test_every_entry_is_translated(catalogue):
    untranslated = [e.msgid for e in messages_of(catalogue) if not all(e.msgstr)]

    assert untranslated == [], f"Entries without a Russian translation: {untranslated}"


def test_no_entry_is_fuzzy(catalogue):
    fuzzy = [e.msgid for e in catalogue if "fuzzy" in e.flags]

    assert fuzzy == [], f"Fuzzy entries (check the translation, then drop the flag): {fuzzy}"


def test_every_plural_entry_fills_all_three_russian_forms(catalogue):
    plurals = [e for e in messages_of(catalogue) if e.msgid_plural is not None]
    wrong = [e.msgid for e in plurals if len(e.msgstr) != 3 or not all(e.msgstr)]

    assert plurals, "the catalogue has plural entries to check"
    assert wrong == [], f"Plural entries without exactly three Russian forms: {wrong}"


def test_every_translation_keeps_the_placeholders_of_its_original(catalogue):
    broken = [
        (e.msgid, form)
        for e in messages_of(catalogue)
        for form in e.msgstr
        if placeholders(form) != placeholders(e.msgid + (e.msgid_plural or ""))
    ]

    assert broken == [], f"Translations that lose or invent a placeholder: {broken}"


def test_the_compiled_catalogue_holds_exactly_what_the_po_file_says(catalogue):
    # Compares content, not modification times: a fresh git checkout writes both files in
    # arbitrary order, so an mtime check would fail on a correct checkout.
    compiled = gettext.GNUTranslations()
    with MO.open("rb") as handle:
        compiled._parse(handle)

    # msgfmt drops POT-Creation-Date from the header, so the header is compared by its plural rule
    messages = {key: text for key, text in compiled._catalog.items() if key != ""}

    assert messages == compiled_pairs(messages_of(catalogue)), (
        "django.mo is stale: run `django-admin compilemessages -l ru` from src/kuzbas"
    )
    assert compiled.info()["plural-forms"] == header_of(catalogue)["Plural-Forms"]


@pytest.mark.skipif(
    shutil.which("xgettext") is None,
    reason="xgettext is not installed, so makemessages cannot extract the strings from the "
    "code; install Debian's gettext package (apt-get install gettext) to run this check",
)
def test_the_catalogue_holds_every_string_in_the_code(catalogue, tmp_path):
    # Given a copy of the source tree whose Russian catalogue is removed, so extraction starts
    # afresh and the committed catalogue is never touched
    tree = tmp_path / "kuzbas"
    shutil.copytree(PACKAGE, tree, ignore=shutil.ignore_patterns("__pycache__", "static"))
    (tree / MESSAGES / "django.po").unlink()
    (tree / MESSAGES / "django.mo").unlink()

    # When makemessages extracts every string of the templates and the Python code
    subprocess.run(
        [
            str(Path(sys.executable).parent / "django-admin"),
            "makemessages",
            "--locale=ru",
            "--no-obsolete",
            "--ignore=static/*",
        ],
        cwd=tree,
        env={
            **os.environ,
            "KUZBAS_MODE": "test",
            "DJANGO_SETTINGS_MODULE": "kuzbas.web.settings",
        },
        check=True,
        capture_output=True,
    )

    # Then the extracted strings are exactly those of the committed catalogue
    in_code = {e.key for e in messages_of(read_catalogue(tree / MESSAGES / "django.po"))}
    committed = {e.key for e in messages_of(catalogue)}
    missing, stale = sorted(in_code - committed), sorted(committed - in_code)
    assert (missing, stale) == ([], []), (
        f"Strings in the code with no Russian translation: {missing}. "
        f"Strings in the catalogue the code no longer uses: {stale}. "
        "Run makemessages (see this module's docstring), translate, then compilemessages."
    )


@pytest.mark.parametrize(
    ("url_name", "russian_text"),
    [
        ("home", "Автономная индустриальная колония «Кузбасс»"),
        ("members:list", "Реестр людей"),
    ],
)
def test_a_member_who_chose_russian_reads_the_page_in_russian(personas, url_name, russian_text):
    # Given a colonist who chose Russian
    client = personas["colonist"].client
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"

    # When they open the page
    page = client.get(reverse(url_name)).content.decode()

    # Then the page, its navigation and its language attribute are Russian
    assert '<html lang="ru">' in page
    assert russian_text in page
    assert ">Участники</a>" in page
    assert "Выйти" in page
    assert "Log out" not in page


def test_switching_the_language_form_to_russian_makes_the_next_page_russian(personas):
    # Given a colonist reading in English
    client = personas["colonist"].client

    # When they choose Russian in the language form
    page = client.post(
        reverse("set_language"), {"language": "ru", "next": reverse("home")}, follow=True
    ).content.decode()

    # Then the page they land on is Russian
    assert '<html lang="ru">' in page
    assert ">Участники</a>" in page

"""Possible duplicates of an application, by fuzzy matching (rapidfuzz): an earlier
application or a member of the registry with a name like it, the same e-mail address, or the
same phone number. They are flagged for the clerk, who says whether it is the same person;
nothing is merged.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from kuzbas.members.models import Person
from kuzbas.recruitment.models import Application, DuplicateFlag

# A name this alike (0-100, word order ignored) is worth a look: "Jon Smiht" ~ "John Smith" (84).
NAME_CUTOFF = 80
EMAIL_CUTOFF = 92


def plain(text: str) -> str:
    """Return a name or address without accents, case or punctuation, for comparing."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w@.]+", " ", text).split())


def digits(phone: str) -> str:
    """Return the last nine digits of a phone number (the country code is written many ways)."""
    only = re.sub(r"\D", "", phone or "")
    return only[-9:] if len(only) >= 7 else ""


def _score(application: Application, name: str, email: str, phone: str) -> tuple[int, list[str]]:
    matched, best = [], 0
    a_name = plain(application.name)
    if a_name and name:
        s = fuzz.token_sort_ratio(a_name, name)
        if s >= NAME_CUTOFF:
            matched.append("name")
            best = max(best, round(s))
    a_email, b_email = plain(application.email), plain(email)
    if a_email and b_email:
        s = fuzz.ratio(a_email, b_email)
        if s >= EMAIL_CUTOFF:
            matched.append("email")
            best = max(best, round(s))
    a_phone = digits(application.phone)
    if a_phone and a_phone == digits(phone):
        matched.append("phone")
        best = 100
    return best, matched


def find(application: Application) -> list[DuplicateFlag]:
    """Return unsaved flags for the earlier applications and members the application is like."""
    flags: list[DuplicateFlag] = []
    earlier = Application.objects.exclude(pk=application.pk).values_list(
        "pk", "name", "email", "phone"
    )
    for pk, name, email, phone in earlier.iterator():
        score, matched = _score(application, plain(name), email, phone)
        if matched:
            flags.append(
                DuplicateFlag(application=application, earlier_id=pk, score=score, matched=matched)
            )
    people = Person.objects.values_list("pk", "name_latin", "name_original", "email")
    for pk, latin, original, email in people.iterator():
        score, matched = max(
            _score(application, plain(latin), email, ""),
            _score(application, plain(original), "", ""),
        )
        if matched:
            flags.append(
                DuplicateFlag(application=application, person_id=pk, score=score, matched=matched)
            )
    return flags

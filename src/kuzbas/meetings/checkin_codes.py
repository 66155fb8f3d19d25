"""What a member meant by the check-in code they typed, whatever keyboard their phone had on.

A code is written in Latin capitals and digits (`services.agenda.CODE_ALPHABET`). On a Russian
keyboard the same keys give Cyrillic letters (Ф for A, Ы for S), and a member who copies the
code by sight may type the Cyrillic letter that looks like the Latin one (С for C); both readings
are tried. Full-width and other compatibility forms are read as the plain letters.
"""

from __future__ import annotations

import unicodedata

# Cyrillic capitals that look like a Latin capital or digit of the code's alphabet.
LOOKALIKES = str.maketrans("АВЕКМНОРСТХУЗ", "ABEKMHOPCTXY3")
# The Russian ЙЦУКЕН layout, key by key, onto the Latin QWERTY keys.
KEYS = str.maketrans("ЙЦУКЕНГШЩЗФЫВАПРОЛДЯЧСМИТЬ", "QWERTYUIOPASDFGHJKLZXCVBNM")


def readings(typed: str) -> list[str]:
    """Return the codes a typed text may stand for, in Latin capitals and digits only."""
    text = unicodedata.normalize("NFKC", typed)
    text = "".join(text.split()).replace("-", "").upper()
    found = [text, text.translate(LOOKALIKES), text.translate(KEYS)]
    return list(dict.fromkeys(r for r in found if r.isascii() and r.isalnum()))

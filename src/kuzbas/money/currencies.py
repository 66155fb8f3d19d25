"""The currencies Kuzbas knows: ISO 4217's, and the colony's own, which ISO never listed.

The colony kept its accounts in several kinds of ruble at once: the paper sovznak of the
civil war, the gold ruble that contracts were written in from 1922, and the chervonets
(ten gold rubles) of the State Bank. They get codes from ISO's user-assigned range (QMA–QZZ),
so that no real currency can ever collide with them. Registered with py-moneyed when this
module is first imported (by the settings, before django-money reads the list).

Pure Python and py-moneyed: the settings import it.
"""

from __future__ import annotations

import moneyed

# code: (name in English, number of minor units in one major)
HISTORICAL: dict[str, tuple[str, int]] = {
    "QSZ": ("sovznak ruble", 100),
    "QRG": ("gold ruble", 100),
    "QCV": ("chervonets", 100),
}

for _code, (_name, _sub) in HISTORICAL.items():
    if _code not in moneyed.CURRENCIES:
        moneyed.add_currency(_code, None, sub_unit=_sub, name=_name)

# py-moneyed's placeholder for "no currency" is not one an amount may be kept in.
CODES: tuple[str, ...] = tuple(sorted(c for c in moneyed.CURRENCIES if c != "XYZ"))
# The currencies a form offers first: the enterprise's likely ones, then the colony's.
COMMON: tuple[str, ...] = ("RUB", "USD", "EUR", "QRG", "QCV", "QSZ")
CHOICES: list[tuple[str, str]] = [
    (code, f"{code} — {moneyed.CURRENCIES[code].name}")
    for code in COMMON + tuple(c for c in CODES if c not in COMMON)
]


def is_currency(code: str) -> bool:
    return code in CODES

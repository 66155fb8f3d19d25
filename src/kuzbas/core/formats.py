"""Numbers and dates as a person reads them: one way per language, on pages, PDFs and tables.

English: "6,802", "6,802.5", "12.5%", "1 September 1924", "September 1924".
Russian: "6 802", "6 802,5", "12,5 %" (no-break spaces), "1 сентября 1924", "Сентябрь 1924".

The language's formats are Django's (`USE_L10N`), with the English date turned day first
(`kuzbas/web/formats/`). Templates reach these through the filters of
`kuzbas.core.template_filters` (`|number`, `|quantity`, `|percent`, `|money`, `|day`, `|month`),
which are built in: no `{% load %}`. What a machine reads keeps its own form: ISO dates in
inputs, exports and the API, every digit in CSV and XLSX.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from fractions import Fraction

from django.utils import formats
from django.utils.translation import gettext as _

Number = Decimal | Fraction | int | float

# A quantity at least this large is shown whole; below it, to one decimal (0.4 t, 12.5 t).
WHOLE_FROM = Decimal(100)
MONEY_PLACES = 2
PERCENT_PLACES = 1


def _decimal(value: Number | str) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    try:
        return Decimal(str(value)) if isinstance(value, float | str) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


def number(value: Number | str | None, places: int | None = None) -> str:
    """Return a number grouped by thousands in the reader's language, to `places` decimals.

    Without `places` a whole number stays whole and a fraction keeps its digits, trailing
    zeros dropped. Nothing (None, "") is "" and text that is not a number is returned as it is.
    """
    exact = _decimal(value)
    if exact is None:
        return "" if value is None else str(value)
    if places is None:
        exact = exact.normalize() if exact != exact.to_integral_value() else exact.quantize(1)
        places = max(-exact.as_tuple().exponent, 0)
    else:
        exact = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    return formats.number_format(exact, decimal_pos=places, use_l10n=True, force_grouping=True)


def quantity(value: Number | str | None) -> str:
    """Return an amount of a product (tonnes, poods): whole from 100, else to one decimal.

    A whole amount stays whole (40 worker-months, not 40.0).
    """
    exact = _decimal(value)
    if exact is None:
        return number(value)
    whole = abs(exact) >= WHOLE_FROM or exact == exact.to_integral_value()
    return number(exact, 0 if whole else 1)


def percent(value: Number | str | None) -> str:
    """Return a percentage (already times 100) to one decimal with the language's sign."""
    exact = _decimal(value)
    if exact is None:
        return number(value)
    # Translators: a percentage; Russian puts a no-break space before the sign.
    return _("%(n)s%%") % {"n": number(exact, PERCENT_PLACES)}


def money(value: Number | str | None) -> str:
    """Return an amount of money to two places (its currency is the caller's to name)."""
    return number(value, MONEY_PLACES) if _decimal(value) is not None else number(value)


def day(value: dt.date | dt.datetime | None) -> str:
    """Return a date as the reader's language writes it: "1 September 1924"."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return formats.date_format(value, "DATE_FORMAT")


def moment(value: dt.datetime | None) -> str:
    """Return a date and time: "1 September 1924, 10:00"."""
    return "" if value is None else formats.date_format(value, "DATETIME_FORMAT")


def month(value: dt.date | None) -> str:
    """Return a month: "September 1924", "Сентябрь 1924"."""
    return "" if value is None else formats.date_format(value, "YEAR_MONTH_FORMAT")


def partial(value: dt.date | None, precision: str) -> str:
    """Return a date no more precisely than it is known: "1924", "September 1924" or a day."""
    if value is None:
        return ""
    if precision == "year":
        return f"{value:%Y}"
    return month(value) if precision == "month" else day(value)

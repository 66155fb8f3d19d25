"""The form that records an exchange rate."""

from __future__ import annotations

from babel.numbers import get_currency_name
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kuzbas.core.widgets import DateInput
from kuzbas.money.currencies import CODES, COMMON

# The colony's currencies, which no locale database names.
HISTORICAL_NAMES = {
    "QSZ": _("sovznak ruble"),
    "QRG": _("gold ruble"),
    "QCV": _("chervonets"),
}


def currency_name(code: str) -> str:
    """The currency's name in the reader's language."""
    if code in HISTORICAL_NAMES:
        return str(HISTORICAL_NAMES[code])
    return get_currency_name(code, locale=(get_language() or "en").replace("-", "_"))


def currency_choices() -> list[tuple[str, str]]:
    """Every currency, the likely ones first, named in the reader's language."""
    ordered = COMMON + tuple(c for c in CODES if c not in COMMON)
    return [(code, f"{code} — {currency_name(code)}") for code in ordered]


class RateForm(forms.Form):
    base = forms.ChoiceField(label=_("One unit of"), choices=currency_choices)
    quote = forms.ChoiceField(label=_("is worth, in"), choices=currency_choices)
    rate = forms.DecimalField(label=_("Rate"), max_digits=24, decimal_places=10, min_value=0)
    on = forms.DateField(label=_("On"), widget=DateInput())
    source = forms.CharField(
        label=_("Source (key)"),
        required=False,
        help_text=_("The record's source this rate comes from; leave empty for none."),
    )
    illustrative = forms.BooleanField(label=_("Illustrative, not documented"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=400)

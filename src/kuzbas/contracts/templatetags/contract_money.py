"""`{{ value|amount }}`: an amount of money as the reader's language writes it, with its code."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def amount(value) -> str:
    if value is None:
        return "—"
    return f"{number_format(value.amount, 2, force_grouping=True)}\u00a0{value.currency.code}"


@register.filter
def rate(value) -> str:
    """A rate's number without trailing zeros, in the reader's language."""
    return number_format(value.normalize(), force_grouping=True)

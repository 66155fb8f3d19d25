"""The filters every template has (built in through TEMPLATES' `builtins`): numbers and dates
one way per language (`kuzbas.core.formats`), and a person's name where an account acts."""

from __future__ import annotations

from django import template

from kuzbas.core import formats
from kuzbas.core.actor import name

register = template.Library()

register.filter("number", formats.number)
register.filter("quantity", formats.quantity)
register.filter("percent", formats.percent)
register.filter("money", formats.money)
register.filter("day", formats.day)
register.filter("moment", formats.moment)
register.filter("month", formats.month)


@register.filter
def who(actor, fallback: str = "") -> str:
    """Name an account as a reader knows it (`actor.name`); none at all gives `fallback`."""
    return fallback if actor is None else name(actor)

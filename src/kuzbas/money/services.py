"""Writing the money area's own facts: exchange rates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import Conflict, Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import control_problem
from kuzbas.money.currencies import is_currency
from kuzbas.money.models import ExchangeRate


def _rate_value(rate: object) -> Decimal | None:
    if isinstance(rate, (float, bool)):
        return None
    try:
        value = Decimal(str(rate).strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() and value > 0 else None


def record_rate(
    actor,
    *,
    base: str,
    quote: str,
    rate: Decimal | str,
    on: dt.date,
    source=None,
    illustrative: bool = False,
    note: str = "",
) -> ExchangeRate:
    """Record that one `base` was worth `rate` `quote` on `on`; Invalid naming each wrong
    field, Conflict when that pair already has a rate on that day (stated either way)."""
    require(actor, Right.MONEY_EDIT)
    base, quote = (base or "").strip().upper(), (quote or "").strip().upper()
    problems = []
    for field, code in (("base", base), ("quote", quote)):
        if not is_currency(code):
            problems.append(
                Problem(_("“%(c)s” is not a currency Kuzbas knows") % {"c": code}, field=field)
            )
    if base and base == quote:
        problems.append(Problem(_("a rate needs two different currencies"), field="quote"))
    value = _rate_value(rate)
    if value is None:
        problems.append(
            Problem(_("must be a positive decimal number, not “%(v)s”") % {"v": rate}, field="rate")
        )
    elif value >= Decimal("1e14") or value != value.quantize(Decimal("1e-10")):
        problems.append(
            Problem(_("must have at most 14 digits before and 10 after the point"), field="rate")
        )
    if not isinstance(on, dt.date):
        problems.append(Problem(_("must be a date"), field="on"))
    if problem := control_problem(note, field="note"):
        problems.append(problem)
    if problems:
        raise Invalid(problems)
    if ExchangeRate.objects.filter(base__in=(base, quote), quote__in=(base, quote), on=on).exists():
        raise Conflict(
            _("There is already a rate between %(a)s and %(b)s on that day.")
            % {"a": base, "b": quote}
        )
    try:
        with transaction.atomic():
            row = ExchangeRate.objects.create(
                base=base,
                quote=quote,
                rate=value,
                on=on,
                source=source,
                illustrative=illustrative,
                note=note.strip(),
            )
            audit(
                actor=actor,
                action="money.rate.record",
                obj=row,
                changes={
                    "base": base,
                    "quote": quote,
                    "rate": str(value),
                    "on": on.isoformat(),
                    "source": source.key if source else None,
                    "illustrative": illustrative,
                },
            )
    except IntegrityError as exc:  # a rate recorded at the same moment by someone else
        raise Conflict(
            _("There is already a rate between %(a)s and %(b)s on that day.")
            % {"a": base, "b": quote}
        ) from exc
    return row

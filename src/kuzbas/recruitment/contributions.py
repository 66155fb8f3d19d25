"""What an applicant brings: a contribution in cash owed and paid in instalments, or in kind
(tools, food) appraised in a currency on a date by someone.

Amounts stay in their currency: what is owed, paid and still owed is given per currency
(`kuzbas.money.amounts.by_currency`), and a total in one currency exists only through a dated
rate (`kuzbas.money.rates.total_in`), which refuses where there is none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.clock import colony_today
from kuzbas.core.errors import Invalid, NotNow, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid, refuse_controls
from kuzbas.members.models import Person
from kuzbas.money.amounts import Money, by_currency
from kuzbas.money.rates import total_in
from kuzbas.record.services import attach_citations
from kuzbas.recruitment.models import Application, Contribution, Instalment
from kuzbas.recruitment.models.applications import ApplicationState
from kuzbas.recruitment.models.contributions import ContributionKind

CLOSED = (ApplicationState.REFUSED, ApplicationState.WITHDRAWN)


def _open(application: Application) -> None:
    if application.state in CLOSED:
        raise NotNow(
            _("The application is %(s)s; it takes no contribution.")
            % {"s": application.get_state_display()},
            rule=f"application.{application.state}",
        )


def _who(actor):
    return actor if getattr(actor, "pk", None) else None


@transaction.atomic
def record_cash(
    *,
    actor,
    application: Application,
    amount: Money,
    instalments: Sequence[tuple[Money, dt.date]],
    note: str = "",
    citations: Iterable[Mapping] = (),
) -> Contribution:
    """Record a contribution in cash owed, with the instalments it is paid in; the instalments
    are in its currency and add up to it."""
    require(actor, Right.RECRUITMENT_MANAGE)
    _open(application)
    refuse_controls([("note", note)], multiline=True)
    problems = []
    if amount.amount <= 0:
        problems.append(Problem(_("must be more than nothing"), field="amount"))
    if not instalments:
        problems.append(Problem(_("give at least one instalment"), field="instalments"))
    for n, (part, _due) in enumerate(instalments, start=1):
        if part.currency != amount.currency:
            problems.append(
                Problem(
                    _("instalment %(n)s is in %(c)s, the contribution in %(d)s")
                    % {"n": n, "c": part.currency.code, "d": amount.currency.code},
                    field=f"instalments.{n}",
                )
            )
        elif part.amount <= 0:
            problems.append(Problem(_("must be more than nothing"), field=f"instalments.{n}"))
    if not problems and sum((p.amount for p, _d in instalments), Decimal(0)) != amount.amount:
        problems.append(
            Problem(
                _("the instalments add up to %(sum)s, not %(amount)s")
                % {
                    "sum": sum((p.amount for p, _d in instalments), Decimal(0)),
                    "amount": amount.amount,
                },
                field="instalments",
            )
        )
    if problems:
        raise Invalid(problems)
    contribution = Contribution(
        application=application,
        kind=ContributionKind.CASH,
        amount=amount,
        recorded_by=_who(actor),
        recorded_at=timezone.now(),
        note=note.strip(),
    )
    full_clean_or_invalid(contribution)
    contribution.save()
    for part, due in instalments:
        Instalment.objects.create(contribution=contribution, amount=part, due=due)
    attach_citations(actor=actor, obj=contribution, citations=citations)
    audit(
        actor=actor,
        action="recruitment.contribution.cash",
        obj=contribution,
        changes={
            "application": application.reference,
            "amount": str(amount.amount),
            "currency": amount.currency.code,
            "instalments": [[str(p.amount), d.isoformat()] for p, d in instalments],
        },
    )
    return contribution


@transaction.atomic
def pay(*, actor, instalment: Instalment, paid_on: dt.date | None = None) -> Instalment:
    """Record an instalment as paid on a day (today unless given); once only."""
    require(actor, Right.RECRUITMENT_MANAGE)
    instalment = Instalment.objects.select_for_update().get(pk=instalment.pk)
    if instalment.paid_on is not None:
        raise NotNow(
            _("This instalment was paid on %(day)s.") % {"day": instalment.paid_on.isoformat()},
            rule="instalment.paid",
        )
    instalment.paid_on = paid_on or colony_today()
    instalment.save(update_fields=["paid_on"])
    audit(
        actor=actor,
        action="recruitment.instalment.pay",
        obj=instalment,
        changes={
            "amount": str(instalment.amount.amount),
            "currency": instalment.amount.currency.code,
            "paid_on": instalment.paid_on,
        },
    )
    return instalment


@transaction.atomic
def record_in_kind(
    *,
    actor,
    application: Application,
    description: str,
    value: Money,
    appraised_on: dt.date,
    quantity: Decimal | None = None,
    unit: str = "",
    appraised_by: Person | None = None,
    appraised_by_name: str = "",
    note: str = "",
    citations: Iterable[Mapping] = (),
) -> Contribution:
    """Record tools or food an applicant brings, appraised in a currency on a day by someone."""
    require(actor, Right.RECRUITMENT_MANAGE)
    _open(application)
    problems = []
    if not description.strip():
        problems.append(Problem(_("say what is brought"), field="description"))
    if value.amount <= 0:
        problems.append(Problem(_("must be more than nothing"), field="value"))
    if appraised_by is None and not appraised_by_name.strip():
        problems.append(Problem(_("name who appraised it"), field="appraised_by_name"))
    if problems:
        raise Invalid(problems)
    contribution = Contribution(
        application=application,
        kind=ContributionKind.IN_KIND,
        description=description.strip(),
        quantity=quantity,
        unit=unit.strip(),
        appraised_value=value,
        appraised_on=appraised_on,
        appraised_by=appraised_by,
        appraised_by_name=appraised_by_name.strip(),
        recorded_by=_who(actor),
        recorded_at=timezone.now(),
        note=note.strip(),
    )
    full_clean_or_invalid(contribution)
    contribution.save()
    attach_citations(actor=actor, obj=contribution, citations=citations)
    audit(
        actor=actor,
        action="recruitment.contribution.in_kind",
        obj=contribution,
        changes={
            "application": application.reference,
            "description": contribution.description,
            "value": str(value.amount),
            "currency": value.currency.code,
            "appraised_on": appraised_on,
            "appraised_by": appraised_by.key if appraised_by else contribution.appraised_by_name,
        },
    )
    return contribution


@dataclass(frozen=True)
class Account:
    """An applicant's contributions, each sum kept per currency."""

    owed: dict[str, Money]
    paid: dict[str, Money]
    outstanding: dict[str, Money]
    in_kind: dict[str, Money]

    @property
    def currencies(self) -> list[str]:
        return list(dict.fromkeys([*self.owed, *self.in_kind]))


def account(application: Application) -> Account:
    """Return what the applicant owes, has paid and still owes in cash, and brings in kind."""
    contributions = list(application.contributions.prefetch_related("instalments"))
    cash = [c for c in contributions if c.kind == ContributionKind.CASH]
    owed = by_currency(c.amount for c in cash)
    paid = by_currency(i.amount for c in cash for i in c.instalments.all() if i.paid_on)
    outstanding = by_currency(i.amount for c in cash for i in c.instalments.all() if not i.paid_on)
    in_kind = by_currency(
        c.appraised_value for c in contributions if c.kind == ContributionKind.IN_KIND
    )
    return Account(owed=owed, paid=paid, outstanding=outstanding, in_kind=in_kind)


def total_brought(application: Application, *, to: str, on: dt.date) -> Money:
    """Return the cash paid and the goods brought in one currency at the rates of a day;
    NotFound (from `kuzbas.money.rates`) where a rate is missing."""
    shown = account(application)
    return total_in([*shown.paid.values(), *shown.in_kind.values()], to, on)

"""Recording money under a contract: support promised and paid, loans, debts taken over with a
unit, repayments, each tied to the clause that created it.

An amount is always a Decimal with its currency (`kuzbas.money.amounts.money`); it is stored as
given and never converted. A line that settles another (a repayment of a loan or a debt, a
payment of promised support) names it, is in its currency, and inherits its clause when none
is given. Balances are in `contracts/balances.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.contracts.models.contracts import Contract
from kuzbas.contracts.models.money import MoneyLine, MoneyLineKind
from kuzbas.contracts.models.obligations import Debtor
from kuzbas.core.actor import label
from kuzbas.core.dates import Precision
from kuzbas.core.errors import Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import control_problem, full_clean_or_invalid
from kuzbas.money.amounts import Money
from kuzbas.record.services import attach_citations

# What a line settles: a repayment settles a loan or a debt, a payment settles promised support.
SETTLES: dict[str, tuple[str, ...]] = {
    MoneyLineKind.REPAYMENT: (MoneyLineKind.LOAN, MoneyLineKind.DEBT_TAKEN_OVER),
    MoneyLineKind.SUPPORT_PAID: (MoneyLineKind.SUPPORT_PROMISED,),
}


def _problems(
    *,
    contract: Contract,
    kind: str,
    amount: Money,
    on: object,
    debtor: str,
    clause,
    settles,
    unit,
    transfer_act,
    title: str,
    note: str,
) -> list[Problem]:
    problems = []
    if kind not in MoneyLineKind.values:
        problems.append(Problem(_("“%(k)s” is not a kind of money line") % {"k": kind}, "kind"))
    if debtor not in Debtor.values:
        problems.append(Problem(_("say who owes or pays"), field="debtor"))
    if not isinstance(amount, Money) or amount.amount <= 0:
        problems.append(
            Problem(_("must be positive; the kind says which way it goes"), field="amount")
        )
    if not isinstance(on, dt.date):
        problems.append(Problem(_("must be a date"), field="on"))
    if clause is None:
        problems.append(Problem(_("name the clause that created this amount"), field="clause"))
    elif clause.version.contract_id != contract.pk:
        problems.append(Problem(_("this clause is not in this contract"), field="clause"))
    if settles is not None:
        if settles.contract_id != contract.pk:
            problems.append(Problem(_("that line is not in this contract"), field="settles"))
        elif settles.kind not in SETTLES.get(kind, ()):
            problems.append(
                Problem(
                    _("a %(kind)s cannot settle a %(other)s")
                    % {"kind": MoneyLineKind(kind).label, "other": settles.get_kind_display()}
                    if kind in MoneyLineKind.values
                    else _("this line cannot settle another"),
                    field="settles",
                )
            )
        elif isinstance(amount, Money) and settles.amount.currency != amount.currency:
            problems.append(
                Problem(
                    _("it settles an amount in %(c)s: record it in %(c)s")
                    % {"c": settles.amount.currency.code},
                    field="currency",
                )
            )
        elif settles.debtor != debtor:
            problems.append(
                Problem(_("it is paid by the side that owes the line it settles"), field="debtor")
            )
    if (unit is not None or transfer_act is not None) and kind != MoneyLineKind.DEBT_TAKEN_OVER:
        problems.append(Problem(_("only a debt taken over comes with a unit"), field="unit"))
    for field, text in (("title", title), ("note", note)):
        if problem := control_problem(text, field=field):
            problems.append(problem)
    return problems


def record_money_line(
    *,
    actor,
    contract: Contract,
    kind: str,
    amount: Money,
    on: dt.date,
    debtor: str,
    clause=None,
    precision: str = Precision.DAY,
    party=None,
    obligation=None,
    settles: MoneyLine | None = None,
    unit=None,
    transfer_act=None,
    title: str = "",
    note: str = "",
    citations: Iterable[Mapping[str, Any]] = (),
) -> MoneyLine:
    """Record one dated amount under `contract`; Invalid naming every wrong field."""
    require(actor, Right.MONEY_EDIT)
    if clause is None and settles is not None:
        clause = settles.clause
    problems = _problems(
        contract=contract,
        kind=kind,
        amount=amount,
        on=on,
        debtor=debtor,
        clause=clause,
        settles=settles,
        unit=unit,
        transfer_act=transfer_act,
        title=title,
        note=note,
    )
    if problems:
        raise Invalid(problems)
    with transaction.atomic():
        line = MoneyLine(
            contract=contract,
            kind=kind,
            amount=amount,
            on=on,
            precision=precision,
            debtor=debtor,
            party=party,
            clause=clause,
            obligation=obligation,
            settles=settles,
            unit=unit,
            transfer_act=transfer_act,
            title=title.strip(),
            note=note.strip(),
            recorded_at=timezone.now(),
            recorded_by_label=label(actor)[:150],
        )
        full_clean_or_invalid(line)
        line.save()
        attach_citations(actor=actor, obj=line, citations=citations)
        audit(
            actor=actor,
            action="contracts.money_line.record",
            obj=line,
            changes={
                "contract": contract.key,
                "kind": kind,
                "amount": str(amount.amount),
                "currency": amount.currency.code,
                "on": on.isoformat(),
                "debtor": debtor,
                "clause": clause.number if clause else None,
                "settles": settles.pk if settles else None,
                "unit": unit.key if unit else None,
            },
        )
    return line

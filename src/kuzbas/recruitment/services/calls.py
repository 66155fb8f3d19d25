"""A bureau's calls for members: written, edited, opened and closed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid, problems_from
from kuzbas.recruitment import transitions
from kuzbas.recruitment.models import Bureau, Call, CallTrade
from kuzbas.recruitment.models.calls import CallStatus
from kuzbas.recruitment.questions import questions_problems

TEXTS = ("title", "title_ru", "text", "text_ru", "terms", "terms_ru", "contribution_note")


def _trades(call: Call, trades: Sequence[Mapping]) -> list[CallTrade]:
    rows, problems, seen = [], [], set()
    for n, item in enumerate(trades, start=1):
        trade = str(item.get("trade", "")).strip()
        if not trade:
            continue
        if trade.casefold() in seen:
            problems.append(
                Problem(_("The trade “%(t)s” is listed twice.") % {"t": trade}, field=f"trades.{n}")
            )
            continue
        seen.add(trade.casefold())
        wanted = str(item.get("wanted", "") or "").strip()
        if wanted and not wanted.isdecimal():
            problems.append(Problem(_("Give a whole number."), field=f"trades.{n}.wanted"))
            continue
        row = CallTrade(
            call=call,
            trade=trade,
            trade_ru=str(item.get("trade_ru", "") or "").strip(),
            wanted=int(wanted) if wanted else None,
        )
        try:
            row.full_clean(exclude=["call"], validate_unique=False, validate_constraints=False)
        except Exception as error:
            problems.extend(
                Problem(p.message, field=f"trades.{n}.{p.field}" if p.field else f"trades.{n}")
                for p in problems_from(error)
            )
        rows.append(row)
    if problems:
        raise Invalid(problems=problems)
    return rows


def _affiliation_choices(call: Call) -> None:
    choices = [c.strip() for c in call.affiliation_choices if isinstance(c, str) and c.strip()]
    if call.asks_affiliation and len(choices) < 2:
        raise Invalid(
            problems=[
                Problem(
                    _("A call that asks political affiliation lists at least two groups."),
                    field="affiliation_choices",
                )
            ]
        )
    call.affiliation_choices = choices if call.asks_affiliation else []


@transaction.atomic
def save_call(
    *,
    actor,
    bureau: Bureau,
    call: Call | None = None,
    key: str,
    opens: dt.date,
    closes: dt.date | None = None,
    contribution=None,
    questions: list | None = None,
    asks_affiliation: bool = False,
    affiliation_choices: Sequence[str] = (),
    policy_version: str = "1",
    trades: Sequence[Mapping] = (),
    **texts: str,
) -> Call:
    """Write a new call (a draft) or change one; Invalid naming each field, nothing stored."""
    require(actor, Right.RECRUITMENT_MANAGE)
    unknown = set(texts) - set(TEXTS)
    if unknown:
        raise TypeError(f"save_call() got unexpected fields {sorted(unknown)}")
    new = call is None
    call = call or Call(bureau=bureau, status=CallStatus.DRAFT)
    call.bureau = bureau
    call.key = key.strip()
    for name in TEXTS:
        setattr(call, name, str(texts.get(name, getattr(call, name)) or "").strip())
    call.opens, call.closes = opens, closes
    call.contribution = contribution
    call.questions = questions if questions is not None else call.questions
    call.asks_affiliation = asks_affiliation
    call.affiliation_choices = list(affiliation_choices)
    call.policy_version = policy_version.strip() or "1"
    problems = questions_problems(call.questions)
    try:
        _affiliation_choices(call)
    except Invalid as error:
        problems.extend(error.problems)
    try:
        full_clean_or_invalid(call)
    except Invalid as error:
        problems.extend(error.problems)
    rows = []
    try:
        rows = _trades(call, trades)
    except Invalid as error:
        problems.extend(error.problems)
    if problems:
        raise Invalid(problems=problems)
    call.save()
    call.trades.all().delete()
    for row in rows:
        row.call = call
        row.save()
    audit(
        actor=actor,
        action="recruitment.call.create" if new else "recruitment.call.edit",
        obj=call,
        changes={
            "key": call.key,
            "title": call.title,
            "opens": call.opens,
            "closes": call.closes,
            "contribution": str(call.contribution) if call.contribution is not None else None,
            "questions": [q["key"] for q in call.questions],
            "asks_affiliation": call.asks_affiliation,
            "trades": [(r.trade, r.wanted) for r in rows],
        },
    )
    return call


@transaction.atomic
def set_status(*, actor, call: Call, to: str) -> Call:
    """Open or close a call; a move its lifecycle does not allow is refused with the reason."""
    require(actor, Right.RECRUITMENT_MANAGE)
    call = Call.objects.select_for_update().get(pk=call.pk)
    before = call.status
    transitions.move_call(call, to)
    call.save(update_fields=["status"])
    audit(
        actor=actor,
        action=f"recruitment.call.{'open' if to == CallStatus.OPEN else 'close'}",
        obj=call,
        changes={"status": [before, call.status]},
    )
    return call


def open_call(*, actor, call: Call) -> Call:
    """Open the call: it takes applications between its opening and closing dates."""
    return set_status(actor=actor, call=call, to=CallStatus.OPEN)


def close_call(*, actor, call: Call) -> Call:
    """Close the call: it takes no more applications."""
    return set_status(actor=actor, call=call, to=CallStatus.CLOSED)

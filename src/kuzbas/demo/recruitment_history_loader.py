"""Load the colony's recruitment after admission (`data/recruitment_history.toml`): the
groups the article mentions, illustrative applications at every step with their contributions,
and the onboarding checklist. The bureau and its 1922 prospectus come first
(`recruitment_loader.py`).

Groups, contributions and onboarding go through recruitment's services. The applications are
history entered as it stands (already refused, admitted or arrived), which neither the public
form nor screening writes, so they are stored as rows, each with its illustrative citation.
Pearson's application points at his existing person and membership (people.toml): no second
person and no second membership are written for him.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kuzbas.demo.citing import citations_from
from kuzbas.demo.loader import Progress, read
from kuzbas.members.models import Person
from kuzbas.money.amounts import money
from kuzbas.record.models import Source
from kuzbas.record.services import attach_citations
from kuzbas.recruitment import arrival, contributions, dispatch
from kuzbas.recruitment.models import Affiliation, Application, Bureau, Call, RefusalReason

ILLUSTRATIVE = [
    {
        "status": "illustrative",
        "note": "Made up for the demo: the article names no applicant and gives no amount.",
    }
]


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


@transaction.atomic
def load_recruitment_history(*, actor, progress: Progress | None = None) -> None:
    """Enter the groups, the illustrative applicants and their contributions, the checklist."""
    report = progress or (lambda *_: None)
    data = read("recruitment_history.toml")
    people = {p.key: p for p in Person.objects.all()}
    bureau = Bureau.objects.get(key=data["bureau"]["key"])
    call = Call.objects.get(bureau=bureau, key="prospectus-1922")
    reason, _made = RefusalReason.objects.get_or_create(
        bureau=bureau,
        key="no-place",
        defaults={
            "name": "No place for this trade this year",
            "name_ru": "В этом году места по специальности нет",
        },
    )
    sources = {s.key: s for s in Source.objects.all()}

    groups = {}
    for row in data["group"]:
        where = f"group {row['number']}"
        groups[row["number"]] = dispatch.create_group(
            actor=actor,
            bureau=bureau,
            number=row["number"],
            name=row.get("name", ""),
            arrives_on=_day(row.get("arrives_on")),
            note=row.get("note", ""),
            citations=citations_from(row["sources"], sources, where),
        )
        groups[row["number"]].status = row["status"]
        groups[row["number"]].save(update_fields=["status"])
    report("recruitment groups", 1, 3)

    for n, row in enumerate(data["application"], 1):
        _application(actor, call, reason, groups, people, row, n)
    report("recruitment groups", 2, 3)

    for order, row in enumerate(data.get("onboarding", [])):
        arrival.define_step(
            actor=actor,
            key=row["key"],
            name=row["name"],
            name_ru=row.get("name_ru", ""),
            order=order,
        )
    report("recruitment groups", 3, 3)


def _application(actor, call, reason, groups, people, row, n) -> Application:
    submitted = _aware(dt.date(1922, 3, 1) + dt.timedelta(days=7 * n))
    group = groups.get(row.get("group"))
    person = people.get(row.get("person", ""))
    state = row["state"]
    application = Application.objects.create(
        call=call,
        reference=f"DEMO-1922-{n:03d}",
        name=row["name"],
        trade=row["trade"],
        nationality=row.get("nationality", ""),
        country=row.get("country", ""),
        source=row.get("source", "public_form"),
        consent_at=submitted,
        policy_version="1",
        submitted_at=submitted,
        state=state,
        refusal_reason=reason if state == "refused" else None,
        admitted_on=_day(row.get("admitted_on")) or (group.arrives_on if group else None),
        dispatch_group=group,
        arrived_on=group.arrives_on if state == "arrived" and group else None,
        person=person,
    )
    attach_citations(actor=actor, obj=application, citations=ILLUSTRATIVE)
    if row.get("affiliation"):
        Affiliation.objects.create(application=application, group=row["affiliation"])
    if "cash" in row:
        cash = row["cash"]
        currency = cash["currency"]
        made = contributions.record_cash(
            actor=actor,
            application=application,
            amount=money(cash["amount"], currency),
            instalments=[(money(a, currency), _day(due)) for a, due, _paid in cash["instalments"]],
            citations=ILLUSTRATIVE,
        )
        for part, (_a, _due, paid) in zip(made.instalments.all(), cash["instalments"], strict=True):
            if paid:
                contributions.pay(actor=actor, instalment=part, paid_on=_day(paid))
    for goods in row.get("in_kind", []):
        contributions.record_in_kind(
            actor=actor,
            application=application,
            description=goods["description"],
            quantity=Decimal(goods["quantity"]) if goods.get("quantity") else None,
            unit=goods.get("unit", ""),
            value=money(goods["value"], goods["currency"]),
            appraised_on=_day(goods["appraised_on"]),
            appraised_by_name=goods["appraised_by"],
            citations=ILLUSTRATIVE,
        )
    return application

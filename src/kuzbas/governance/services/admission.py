"""Admission and expulsion as motions, where the statute makes them a matter of a body.

The clerk's acts on the person page and the API come here through `kuzbas.members.acts` (this
module is its route, registered from `GovernanceConfig.ready`). On the day the membership would
start (or end), the statute in force is asked for a matter of kind `admission` (or
`expulsion`):

- none: the clerk's act is written directly, as before (`members.services`);
- one: the act is checked as the direct write would be (nothing is filed for a membership that
  would be refused), then filed as a motion with the competent body, its proposal saying what
  it does; when the motion carries, `carry_admission` / `carry_expulsion` write the membership
  through members' services by the chair's right, the audit entry naming the decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from kuzbas.core.clock import colony_today
from kuzbas.core.dates import Precision
from kuzbas.core.errors import Conflict, NotFound
from kuzbas.core.rights import Right, require
from kuzbas.governance import effects
from kuzbas.governance.models import Motion, MotionStatus
from kuzbas.governance.services import motions
from kuzbas.governance.statutes import NoStatute, stored_history
from kuzbas.members import acts
from kuzbas.members import services as members
from kuzbas.members.models import Membership, MembershipCategory, Person
from kuzbas.record.models import Source
from kuzbas.statute import NotInForce, statute_as_of
from kuzbas.statute.model import Matter, MatterKind

ADMISSION = MatterKind.ADMISSION.value
EXPULSION = MatterKind.EXPULSION.value
PENDING = (MotionStatus.FILED, MotionStatus.VOTING)


def deciding_matter(kind: MatterKind, as_of: dt.date) -> Matter | None:
    """Return the statute's matter of this kind on a date, or None where no body decides it."""
    try:
        statute = statute_as_of(stored_history(), as_of)
    except (NoStatute, NotInForce):
        return None
    return next((m for m in statute.matters if m.kind is kind), None)


def _citations_in(citations: Iterable[Mapping]) -> list[dict[str, str]]:
    return [{"source": c["source"].key, "locator": c.get("locator", "")} for c in citations]


def _citations_out(proposal: Mapping) -> list[dict]:
    keys = [c["source"] for c in proposal.get("citations", [])]
    sources = Source.objects.in_bulk(keys, field_name="key")
    return [
        {"source": sources[c["source"]], "locator": c["locator"]}
        for c in proposal.get("citations", [])
        if c["source"] in sources
    ]


def _refuse_a_second(kind: str, person: Person) -> None:
    before = pending_motions(person).filter(proposal__kind=kind).first()
    if before is not None:
        raise Conflict(
            _("Motion No. %(n)s on this already waits for the %(body)s.")
            % {"n": before.number, "body": before.body},
            rule=f"matter.{kind}",
        )


def _referred(motion: Motion) -> acts.Referred:
    kind = motion.proposal["kind"]
    if kind == ADMISSION:
        message = _(
            "Admission is a matter of the %(body)s: motion No. %(n)s is filed with it, and the "
            "membership starts when the motion carries."
        )
    else:
        message = _(
            "Expulsion is a matter of the %(body)s: motion No. %(n)s is filed with it, and the "
            "membership ends when the motion carries."
        )
    return acts.Referred(
        kind=kind,
        number=motion.number,
        title=motion.title,
        body=str(motion.body),
        status=motion.get_status_display(),
        url=reverse("governance:motion", args=[motion.number]),
        message=message % {"body": motion.body, "n": motion.number},
    )


@transaction.atomic
def admit(
    *,
    actor,
    person: Person,
    status: str,
    category: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    from_precision: str = Precision.DAY,
    to_precision: str = Precision.DAY,
    citations: Iterable[Mapping] = (),
) -> Membership | acts.Referred:
    """Admit a person: directly, or by a motion where the statute makes it a body's matter."""
    fields = {
        "person": person,
        "status": status,
        "category": category,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "from_precision": from_precision,
        "to_precision": to_precision,
    }
    matter = deciding_matter(MatterKind.ADMISSION, valid_from)
    if matter is None:
        return members.add_membership(actor=actor, citations=citations, **fields)
    require(actor, Right.MEMBERS_EDIT)
    members.membership_to_add(**fields)
    _refuse_a_second(ADMISSION, person)
    label = MembershipCategory(category).label
    motion = motions.file_motion(
        actor=actor,
        title=_("Admission of %(person)s (%(category)s)") % {"person": person, "category": label},
        text=_("To admit %(person)s as a member, category %(category)s, from %(day)s.")
        % {"person": person, "category": label, "day": valid_from.isoformat()},
        matter=matter.id,
        body=matter.competent,
        as_of=colony_today(),
        right=Right.MEMBERS_EDIT,
        proposal={
            "kind": ADMISSION,
            "person": person.key,
            "status": status,
            "category": category,
            "from": valid_from.isoformat(),
            "from_precision": from_precision,
            "to": valid_to.isoformat() if valid_to else None,
            "to_precision": to_precision,
            "citations": _citations_in(citations),
        },
    )
    return _referred(motion)


@transaction.atomic
def expel(
    *,
    actor,
    membership: Membership,
    valid_to: dt.date,
    to_precision: str = Precision.DAY,
    citations: Iterable[Mapping] = (),
) -> Membership | acts.Referred:
    """End a membership: directly, or by a motion where the statute makes expulsion a body's."""
    matter = deciding_matter(MatterKind.EXPULSION, valid_to)
    if matter is None:
        return members.end_membership(
            actor=actor,
            membership=membership,
            valid_to=valid_to,
            to_precision=to_precision,
            citations=citations,
        )
    require(actor, Right.MEMBERS_EDIT)
    members.membership_to_end(membership, valid_to=valid_to, to_precision=to_precision)
    person = membership.person
    _refuse_a_second(EXPULSION, person)
    motion = motions.file_motion(
        actor=actor,
        title=_("Expulsion of %(person)s") % {"person": person},
        text=_("To expel %(person)s: the membership %(period)s ends on %(day)s.")
        % {"person": person, "period": membership.period, "day": valid_to.isoformat()},
        matter=matter.id,
        body=matter.competent,
        as_of=colony_today(),
        right=Right.MEMBERS_EDIT,
        proposal={
            "kind": EXPULSION,
            "person": person.key,
            "membership": membership.pk,
            "to": valid_to.isoformat(),
            "to_precision": to_precision,
            "citations": _citations_in(citations),
        },
    )
    return _referred(motion)


def pending_motions(person: Person):
    """Return the person's admission and expulsion motions not yet decided."""
    return Motion.objects.filter(
        status__in=PENDING, proposal__kind__in=[ADMISSION, EXPULSION], proposal__person=person.key
    ).select_related("body")


def pending(person: Person) -> list[acts.Referred]:
    """Return what the person page lists: the admission or expulsion still before a body."""
    return [_referred(m) for m in pending_motions(person).order_by("number")]


def _grounds(decision) -> dict[str, int]:
    return {"decision": decision.sequence, "motion": decision.motion.number}


def _person_in(proposal: Mapping) -> Person:
    person = Person.objects.filter(key=proposal["person"]).first()
    if person is None:
        raise NotFound(_("There is no person “%(key)s”.") % {"key": proposal["person"]})
    return person


def carry_admission(*, actor, decision) -> None:
    """Admit the person the carried motion names, from the day it names."""
    proposal = decision.motion.proposal
    members.add_membership(
        actor=actor,
        person=_person_in(proposal),
        status=proposal["status"],
        category=proposal["category"],
        valid_from=dt.date.fromisoformat(proposal["from"]),
        from_precision=proposal["from_precision"],
        valid_to=dt.date.fromisoformat(proposal["to"]) if proposal["to"] else None,
        to_precision=proposal["to_precision"],
        citations=_citations_out(proposal),
        right=Right.GOVERNANCE_CHAIR,
        grounds=_grounds(decision),
    )


def carry_expulsion(*, actor, decision) -> None:
    """End the membership the carried motion names, on the day it names."""
    proposal = decision.motion.proposal
    membership = Membership.objects.filter(
        pk=proposal["membership"], person__key=proposal["person"]
    ).first()
    if membership is None:
        raise NotFound(_("The membership this motion ends is no longer on record."))
    members.end_membership(
        actor=actor,
        membership=membership,
        valid_to=dt.date.fromisoformat(proposal["to"]),
        to_precision=proposal["to_precision"],
        citations=_citations_out(proposal),
        right=Right.GOVERNANCE_CHAIR,
        grounds=_grounds(decision),
    )


def register() -> None:
    """Plug the acts into motions and the person page; `GovernanceConfig.ready` calls this."""
    effects.register(ADMISSION_EFFECT)
    effects.register(EXPULSION_EFFECT)
    acts.register_route(ROUTE)


class Route:
    """This module as `members.acts`' route."""

    admit = staticmethod(admit)
    expel = staticmethod(expel)
    pending = staticmethod(pending)


ROUTE = Route()
ADMISSION_EFFECT = effects.Effect(ADMISSION, carry=carry_admission)
EXPULSION_EFFECT = effects.Effect(EXPULSION, carry=carry_expulsion)

"""Arrival: an admitted applicant who arrives with a group becomes a member of the enterprise,
then goes through the onboarding checklist the enterprise defines.

The admission was decided before departure (by the competent body's vote, or by the bureau
where no body decides it: `services/admission.py`), so arriving is not a second decision: the
membership is written through members' services as the carrying of that decision, its audit
entry naming the decision and the group, the group's citations copied onto it. The person is
the one the clerk said the applicant already is (a possible duplicate ruled "the same person"),
or a new person of the registry.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.clock import colony_today
from kuzbas.core.errors import Invalid, NotNow, Problem
from kuzbas.core.lifecycle import IllegalTransition
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import refuse_controls
from kuzbas.members import services as members
from kuzbas.members.models import Membership, MembershipCategory, MembershipStatus, Person
from kuzbas.recruitment.dispatch import move_group
from kuzbas.recruitment.models import (
    Application,
    DispatchGroup,
    DuplicateFlag,
    OnboardingDone,
    OnboardingItem,
)
from kuzbas.recruitment.models.applications import ApplicationState, DuplicateVerdict
from kuzbas.recruitment.models.dispatch import GroupStatus


def person_for(application: Application) -> Person | None:
    """Return the registry's person the applicant already is, where the clerk said so."""
    if application.person_id:
        return application.person
    flag = (
        DuplicateFlag.objects.filter(
            application=application, person__isnull=False, verdict=DuplicateVerdict.SAME
        )
        .select_related("person")
        .order_by("-score", "id")
        .first()
    )
    return flag.person if flag else None


def _grounds(application: Application) -> dict:
    grounds: dict = {"application": application.reference}
    motion = application.motion
    decision = getattr(motion, "decision", None) if motion else None
    if decision is not None:
        grounds |= {"decision": decision.sequence, "motion": motion.number}
    else:
        grounds |= {"admitted_by": "bureau", "admitted_on": application.admitted_on}
    if application.dispatch_group_id:
        grounds["dispatch_group"] = application.dispatch_group.number
    return grounds


def _group_citations(group: DispatchGroup | None) -> list[dict]:
    if group is None:
        return []
    return [
        {"source": c.source, "locator": c.locator, "status": c.status, "note": c.note}
        for c in group.citations.select_related("source")
    ]


@transaction.atomic
def arrive(
    *,
    actor,
    application: Application,
    on: dt.date | None = None,
    category: str = MembershipCategory.COLONIST,
) -> Membership:
    """Make a dispatched applicant a member from the day of arrival (the group's, unless
    given); return the membership."""
    require(actor, Right.RECRUITMENT_MANAGE)
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("dispatch_group", "person", "motion")
        .get(pk=application.pk)
    )
    if application.state != ApplicationState.DISPATCHED:
        raise IllegalTransition(
            _("%(name)s is %(s)s; only a dispatched applicant arrives.")
            % {"name": application.name, "s": application.get_state_display()},
            current=application.state,
            wanted=ApplicationState.ARRIVED,
            subject="application",
        )
    if category not in MembershipCategory.values:
        raise Invalid(problems=[Problem(_("not a category of membership"), field="category")])
    group = application.dispatch_group
    day = on or (group.arrives_on if group else None) or colony_today()
    if application.admitted_on and day < application.admitted_on:
        raise Invalid(
            problems=[
                Problem(
                    _("The day of arrival is before the admission, %(day)s.")
                    % {"day": application.admitted_on.isoformat()},
                    field="on",
                )
            ]
        )
    person = person_for(application)
    if person is None:
        person = members.create_person(
            actor=actor,
            name_latin=application.name,
            name_original=application.name_original,
            nationality=application.nationality,
            languages=application.languages or [],
            trade=application.trade,
            email=application.email,
            right=Right.RECRUITMENT_MANAGE,
        )
    membership = members.add_membership(
        actor=actor,
        person=person,
        status=MembershipStatus.MEMBER,
        category=category,
        valid_from=day,
        citations=_group_citations(group),
        right=Right.RECRUITMENT_MANAGE,
        grounds=_grounds(application),
    )
    application.state = ApplicationState.ARRIVED
    application.arrived_on = day
    application.person = person
    application.save(update_fields=["state", "arrived_on", "person"])
    audit(
        actor=actor,
        action="recruitment.application.arrive",
        obj=application,
        changes={"person": person.key, "arrived_on": day, "membership": membership.pk},
    )
    return membership


@transaction.atomic
def arrive_group(*, actor, group: DispatchGroup, on: dt.date | None = None) -> list[Membership]:
    """Record the group's arrival: every dispatched applicant on it becomes a member."""
    require(actor, Right.RECRUITMENT_MANAGE)
    group = DispatchGroup.objects.select_for_update().get(pk=group.pk)
    move_group(group, GroupStatus.ARRIVED)
    group.arrives_on = on or group.arrives_on or colony_today()
    if group.departs_on and group.arrives_on < group.departs_on:
        raise Invalid(
            problems=[Problem(_("A group arrives on or after the day it departs."), field="on")]
        )
    group.save(update_fields=["status", "arrives_on"])
    memberships = [
        arrive(actor=actor, application=a, on=group.arrives_on)
        for a in group.applications.filter(state=ApplicationState.DISPATCHED).order_by("id")
    ]
    audit(
        actor=actor,
        action="recruitment.group.arrive",
        obj=group,
        changes={"arrives_on": group.arrives_on, "members": len(memberships)},
    )
    return memberships


@transaction.atomic
def define_step(*, actor, key: str, name: str, name_ru: str = "", order: int = 0) -> OnboardingItem:
    """Add a step to the onboarding checklist every arriving member goes through."""
    require(actor, Right.RECRUITMENT_MANAGE)
    refuse_controls([("name", name), ("name_ru", name_ru)], multiline=False)
    from kuzbas.core.validation import full_clean_or_invalid

    item = OnboardingItem(key=key, name=name.strip(), name_ru=name_ru.strip(), order=order)
    full_clean_or_invalid(item)
    item.save()
    audit(actor=actor, action="recruitment.onboarding.define", obj=item, changes={"key": key})
    return item


def checklist(person: Person) -> list[tuple[OnboardingItem, OnboardingDone | None]]:
    """Return every step in use with what the person has done of it."""
    done = {d.item_id: d for d in person.onboarding_done.select_related("recorded_by")}
    return [(item, done.get(item.pk)) for item in OnboardingItem.objects.filter(active=True)]


@transaction.atomic
def mark_done(
    *, actor, person: Person, item: OnboardingItem, done_on: dt.date | None = None, note: str = ""
) -> OnboardingDone:
    """Record that an arrived member has done a step, on a day, by whom."""
    require(actor, Right.RECRUITMENT_MANAGE)
    refuse_controls([("note", note)], multiline=False)
    if not person.applications.filter(state=ApplicationState.ARRIVED).exists():
        raise NotNow(
            _("%(name)s has not arrived through recruitment; onboarding follows arrival.")
            % {"name": person},
            rule="application.arrived",
        )
    if OnboardingDone.objects.filter(person=person, item=item).exists():
        raise NotNow(_("This step is already done."), rule="onboarding.done")
    done = OnboardingDone.objects.create(
        person=person,
        item=item,
        done_on=done_on or colony_today(),
        recorded_by=actor if getattr(actor, "pk", None) else None,
        note=note.strip(),
    )
    audit(
        actor=actor,
        action="recruitment.onboarding.done",
        obj=done,
        changes={"person": person.key, "step": item.key, "done_on": done.done_on},
    )
    return done

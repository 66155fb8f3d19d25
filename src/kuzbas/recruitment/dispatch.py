"""Dispatch groups: the bureau forms a group, puts admitted applicants on its manifest up to its
capacity, and sends it off; what the group carries is its members' contributions in kind.

Lifecycle of a group:  forming ──► departed ──► arrived        (forming ──► cancelled)
An applicant joins while admitted and the group is forming; on departure every applicant on
the manifest becomes dispatched; arrival (`arrival.py`) makes each of them a member.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.clock import colony_today
from kuzbas.core.errors import Conflict, Invalid, NotNow, Problem
from kuzbas.core.lifecycle import IllegalTransition
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.record.services import attach_citations
from kuzbas.recruitment.balance import Cell, of_applications
from kuzbas.recruitment.models import Application, Bureau, Contribution, DispatchGroup
from kuzbas.recruitment.models.applications import ApplicationState
from kuzbas.recruitment.models.contributions import ContributionKind
from kuzbas.recruitment.models.dispatch import GroupStatus

GROUP_FIELDS = ("name", "capacity", "port", "departs_on", "route", "arrives_on", "note")

GROUP_MOVES: dict[str, frozenset[str]] = {
    GroupStatus.FORMING: frozenset({GroupStatus.DEPARTED, GroupStatus.CANCELLED}),
    GroupStatus.DEPARTED: frozenset({GroupStatus.ARRIVED}),
    GroupStatus.ARRIVED: frozenset(),
    GroupStatus.CANCELLED: frozenset(),
}


def can_move_group(group: DispatchGroup, to: str) -> tuple[bool, str]:
    """Return whether the group may move to a status, and why not."""
    if to in GROUP_MOVES[group.status]:
        return True, ""
    return False, _("The group is “%(s)s”; it cannot become “%(to)s”.") % {
        "s": group.get_status_display(),
        "to": GroupStatus(to).label,
    }


def move_group(group: DispatchGroup, to: str) -> None:
    """Set the group's new status, or raise IllegalTransition; the caller saves."""
    allowed, reason = can_move_group(group, to)
    if not allowed:
        raise IllegalTransition(reason, current=group.status, wanted=to, subject="dispatch_group")
    group.status = to


def _require_state(application: Application, state: str, wanted: str) -> None:
    if application.state != state:
        raise IllegalTransition(
            _("%(name)s is %(s)s; only an applicant %(needed)s may do this.")
            % {
                "name": application.name,
                "s": application.get_state_display(),
                "needed": ApplicationState(state).label,
            },
            current=application.state,
            wanted=wanted,
            subject="application",
        )


@transaction.atomic
def create_group(
    *,
    actor,
    bureau: Bureau,
    number: int | None = None,
    citations: Iterable[Mapping] = (),
    **fields,
) -> DispatchGroup:
    """Form a dispatch group of the bureau: the next number unless one is given."""
    require(actor, Right.RECRUITMENT_MANAGE)
    unknown = set(fields) - set(GROUP_FIELDS)
    if unknown:
        raise Invalid(problems=[Problem(_("unknown field"), field=f) for f in sorted(unknown)])
    if number is None:
        last = DispatchGroup.objects.filter(bureau=bureau).aggregate(n=Max("number"))["n"]
        number = (last or 0) + 1
    elif DispatchGroup.objects.filter(bureau=bureau, number=number).exists():
        raise Conflict(_("The bureau already has a group with this number."), field="number")
    group = DispatchGroup(bureau=bureau, number=number, **fields)
    full_clean_or_invalid(group)
    group.save()
    attach_citations(actor=actor, obj=group, citations=citations)
    audit(
        actor=actor,
        action="recruitment.group.create",
        obj=group,
        changes={"bureau": bureau.key, "number": number, **{k: fields[k] for k in fields}},
    )
    return group


def manifest(group: DispatchGroup):
    """Return the applicants on the group's manifest, by name."""
    return group.applications.select_related("call", "person").order_by("name", "id")


def carried(group: DispatchGroup):
    """Return the tools and food the group carries: its members' contributions in kind."""
    return (
        Contribution.objects.filter(
            application__dispatch_group=group, kind=ContributionKind.IN_KIND
        )
        .select_related("application", "appraised_by")
        .prefetch_related("citations")
        .order_by("application__name", "id")
    )


def places_left(group: DispatchGroup) -> int | None:
    """Return how many more the group takes, or None where it has no set capacity."""
    if group.capacity is None:
        return None
    return max(group.capacity - group.applications.count(), 0)


@transaction.atomic
def join(*, actor, group: DispatchGroup, application: Application) -> Application:
    """Put an admitted applicant on a forming group's manifest; a full group refuses."""
    require(actor, Right.RECRUITMENT_MANAGE)
    group = DispatchGroup.objects.select_for_update().get(pk=group.pk)
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call")
        .get(pk=application.pk)
    )
    if group.status != GroupStatus.FORMING:
        raise NotNow(
            _("%(g)s is “%(s)s”; applicants join a group while it is forming.")
            % {"g": group, "s": group.get_status_display()},
            rule=f"dispatch_group.{group.status}",
        )
    _require_state(application, ApplicationState.ADMITTED, "join")
    if application.dispatch_group_id is not None:
        raise Conflict(
            _("%(name)s is already on the manifest of %(g)s.")
            % {"name": application.name, "g": application.dispatch_group},
            field="application",
        )
    if application.call.bureau_id != group.bureau_id:
        raise Invalid(
            problems=[
                Problem(
                    _("The group is another bureau's; the applicant applied to %(b)s.")
                    % {"b": application.call.bureau},
                    field="group",
                )
            ]
        )
    on_board = group.applications.count()
    if group.capacity is not None and on_board >= group.capacity:
        raise Conflict(
            _("%(g)s is full: all its %(n)s places are taken.") % {"g": group, "n": group.capacity},
            field="group",
            rule="dispatch_group.capacity",
        )
    application.dispatch_group = group
    application.save(update_fields=["dispatch_group"])
    audit(
        actor=actor,
        action="recruitment.group.join",
        obj=application,
        changes={"group": group.number, "bureau": group.bureau.key},
    )
    return application


@transaction.atomic
def leave(*, actor, application: Application) -> Application:
    """Take an applicant off a forming group's manifest."""
    require(actor, Right.RECRUITMENT_MANAGE)
    application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    group = application.dispatch_group
    if group is None:
        raise NotNow(_("%(name)s is on no group.") % {"name": application.name})
    if group.status != GroupStatus.FORMING:
        raise NotNow(
            _("%(g)s is “%(s)s”; its manifest no longer changes.")
            % {"g": group, "s": group.get_status_display()},
            rule=f"dispatch_group.{group.status}",
        )
    application.dispatch_group = None
    application.save(update_fields=["dispatch_group"])
    audit(
        actor=actor,
        action="recruitment.group.leave",
        obj=application,
        changes={"group": group.number},
    )
    return application


@transaction.atomic
def depart(*, actor, group: DispatchGroup, on: dt.date | None = None) -> DispatchGroup:
    """Send the group off: it departs on the day given (or its planned day, or today) and
    every applicant on its manifest becomes dispatched."""
    require(actor, Right.RECRUITMENT_MANAGE)
    group = DispatchGroup.objects.select_for_update().get(pk=group.pk)
    move_group(group, GroupStatus.DEPARTED)
    aboard = list(group.applications.select_for_update(of=("self",)))
    if not aboard:
        raise NotNow(
            _("%(g)s has no one on its manifest; it cannot depart empty.") % {"g": group},
            rule="dispatch_group.empty",
        )
    group.departs_on = on or group.departs_on or colony_today()
    full_clean_or_invalid(group)
    group.save(update_fields=["status", "departs_on"])
    for application in aboard:
        _require_state(application, ApplicationState.ADMITTED, "depart")
        application.state = ApplicationState.DISPATCHED
        application.save(update_fields=["state"])
    audit(
        actor=actor,
        action="recruitment.group.depart",
        obj=group,
        changes={"departs_on": group.departs_on, "aboard": len(aboard)},
    )
    return group


def balance(group: DispatchGroup) -> list[Cell]:
    """Return the group's political balance as counts per affiliation group, small counts as
    "<5" (`recruitment/balance.py`); nothing about any one person."""
    return of_applications(group.applications.all(), [])

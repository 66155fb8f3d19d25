"""Dispatch groups: the manifest of the admitted, up to the group's capacity; what it carries;
its balance as counts only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import Conflict, Invalid, NotNow, NotPermitted
from kuzbas.money.amounts import money
from kuzbas.recruitment import contributions, dispatch
from kuzbas.recruitment.models import Affiliation, DispatchGroup
from kuzbas.recruitment.models.applications import ApplicationState
from kuzbas.recruitment.models.dispatch import GroupStatus
from tests.recruitment.groups.factories import AdmittedFactory, GroupBureauFactory

pytestmark = pytest.mark.django_db


def test_the_bureau_forms_a_group_numbered_after_its_last(bureau_clerk, group):
    made = dispatch.create_group(
        actor=bureau_clerk.user,
        bureau=group.bureau,
        capacity=40,
        port="New York",
        departs_on=dt.date(1922, 9, 1),
        route="New York – Riga – Moscow – Kemerovo",
        arrives_on=dt.date(1922, 10, 15),
    )
    assert made.number == 5
    assert made.capacity == 40
    assert AuditEntry.objects.filter(action="recruitment.group.create").count() == 1


def test_a_group_arriving_before_it_departs_is_refused_and_nothing_is_stored(bureau_clerk):
    bureau = GroupBureauFactory()
    with pytest.raises(Invalid) as refused:
        dispatch.create_group(
            actor=bureau_clerk.user,
            bureau=bureau,
            departs_on=dt.date(1922, 9, 1),
            arrives_on=dt.date(1922, 8, 1),
        )
    assert "arrives on or after" in " ".join(str(p) for p in refused.value.problems)
    assert not DispatchGroup.objects.exists()


def test_a_colonist_cannot_form_a_group(colonist):
    with pytest.raises(NotPermitted):
        dispatch.create_group(actor=colonist.user, bureau=GroupBureauFactory())


def test_an_admitted_applicant_joins_the_manifest(bureau_clerk, group):
    applicant = AdmittedFactory(call__bureau=group.bureau)
    dispatch.join(actor=bureau_clerk.user, group=group, application=applicant)
    assert list(dispatch.manifest(group)) == [applicant]
    assert dispatch.places_left(group) == 2


def test_a_full_group_refuses_clearly_and_stores_nothing(bureau_clerk, group):
    for _ in range(3):
        dispatch.join(
            actor=bureau_clerk.user,
            group=group,
            application=AdmittedFactory(call__bureau=group.bureau),
        )
    late = AdmittedFactory(call__bureau=group.bureau)
    with pytest.raises(Conflict, match="full"):
        dispatch.join(actor=bureau_clerk.user, group=group, application=late)
    late.refresh_from_db()
    assert late.dispatch_group is None
    assert group.applications.count() == 3


def test_only_an_admitted_applicant_may_join(bureau_clerk, group):
    screening = AdmittedFactory(
        call__bureau=group.bureau, state=ApplicationState.RECOMMENDED, admitted_on=None
    )
    with pytest.raises(NotNow, match="admitted"):
        dispatch.join(actor=bureau_clerk.user, group=group, application=screening)
    screening.refresh_from_db()
    assert screening.dispatch_group is None


def test_departure_dispatches_the_manifest_and_closes_it(bureau_clerk, group):
    applicant = AdmittedFactory(call__bureau=group.bureau)
    dispatch.join(actor=bureau_clerk.user, group=group, application=applicant)
    dispatch.depart(actor=bureau_clerk.user, group=group)
    applicant.refresh_from_db()
    group.refresh_from_db()
    assert applicant.state == ApplicationState.DISPATCHED
    assert group.status == GroupStatus.DEPARTED
    with pytest.raises(NotNow):
        dispatch.join(
            actor=bureau_clerk.user,
            group=group,
            application=AdmittedFactory(call__bureau=group.bureau),
        )


def test_an_empty_group_does_not_depart(bureau_clerk, group):
    with pytest.raises(NotNow, match="no one"):
        dispatch.depart(actor=bureau_clerk.user, group=group)
    group.refresh_from_db()
    assert group.status == GroupStatus.FORMING


def test_the_group_carries_its_members_tools_and_food(bureau_clerk, group):
    applicant = AdmittedFactory(call__bureau=group.bureau)
    dispatch.join(actor=bureau_clerk.user, group=group, application=applicant)
    contributions.record_in_kind(
        actor=bureau_clerk.user,
        application=applicant,
        description="miner's tools",
        quantity=Decimal("1"),
        unit="set",
        value=money("45.00", "USD"),
        appraised_on=dt.date(1922, 5, 20),
        appraised_by_name="T. Barker",
    )
    other = AdmittedFactory(call__bureau=group.bureau)
    contributions.record_in_kind(
        actor=bureau_clerk.user,
        application=other,
        description="flour",
        value=money("10.00", "USD"),
        appraised_on=dt.date(1922, 5, 20),
        appraised_by_name="T. Barker",
    )
    assert [c.description for c in dispatch.carried(group)] == ["miner's tools"]


def test_the_balance_shows_counts_only_and_small_cells_as_under_five(bureau_clerk, group):
    group.capacity = 10
    group.save()
    for n in range(7):
        applicant = AdmittedFactory(call__bureau=group.bureau)
        dispatch.join(actor=bureau_clerk.user, group=group, application=applicant)
        Affiliation.objects.create(application=applicant, group="IWW" if n < 5 else "CP")
    shown = {c.group: c.shown for c in dispatch.balance(group)}
    assert (shown["CP"], shown["IWW"]) == ("<5", "5")

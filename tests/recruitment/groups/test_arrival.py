"""Arrival: a dispatched applicant becomes a member from the day the group arrives, as the
carrying of the admission already decided; then the onboarding checklist."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import NotNow
from kuzbas.governance.statutes import stored_history
from kuzbas.governance.voters import electorate_on
from kuzbas.members.models import Membership, MembershipStatus, Person
from kuzbas.money.amounts import money
from kuzbas.record.models import Source
from kuzbas.record.services import attach_citations
from kuzbas.recruitment import arrival, contributions, dispatch
from kuzbas.recruitment.models import DuplicateFlag
from kuzbas.recruitment.models.applications import ApplicationState, DuplicateVerdict
from kuzbas.recruitment.models.dispatch import GroupStatus
from kuzbas.statute import statute_as_of
from tests.factories import PersonFactory
from tests.recruitment.groups.factories import AdmittedFactory, GroupFactory

pytestmark = pytest.mark.django_db


def _dispatched(clerk, group, **fields):
    applicant = AdmittedFactory(call__bureau=group.bureau, **fields)
    dispatch.join(actor=clerk.user, group=group, application=applicant)
    return applicant


def test_the_admitted_who_pays_in_two_instalments_and_brings_tools_votes_after_arrival(
    bureau_clerk, cooperative
):
    group = GroupFactory(
        number=1, departs_on=dt.date(2026, 3, 10), arrives_on=dt.date(2026, 3, 20), capacity=10
    )
    applicant = _dispatched(bureau_clerk, group, admitted_on=dt.date(2026, 3, 2))
    cash = contributions.record_cash(
        actor=bureau_clerk.user,
        application=applicant,
        amount=money("500.00", "EUR"),
        instalments=[
            (money("250.00", "EUR"), dt.date(2026, 3, 5)),
            (money("250.00", "EUR"), dt.date(2026, 3, 9)),
        ],
    )
    for part in cash.instalments.all():
        contributions.pay(actor=bureau_clerk.user, instalment=part, paid_on=part.due)
    contributions.record_in_kind(
        actor=bureau_clerk.user,
        application=applicant,
        description="a carpenter's tools",
        value=money("120.00", "EUR"),
        appraised_on=dt.date(2026, 3, 6),
        appraised_by_name="the bureau's clerk",
    )
    dispatch.depart(actor=bureau_clerk.user, group=group)
    arrival.arrive_group(actor=bureau_clerk.user, group=group)

    applicant.refresh_from_db()
    assert applicant.state == ApplicationState.ARRIVED
    assert contributions.account(applicant).outstanding == {}
    statute = statute_as_of(stored_history(), dt.date(2026, 3, 21))
    voters = electorate_on(statute, body="general-meeting", matter="", as_of=dt.date(2026, 3, 21))
    assert applicant.person.key in {v.holder for v in voters.voters}
    before = electorate_on(statute, body="general-meeting", matter="", as_of=dt.date(2026, 3, 19))
    assert applicant.person.key not in {v.holder for v in before.voters}


def test_arrival_makes_a_member_from_the_groups_day_of_arrival(bureau_clerk, group):
    applicant = _dispatched(bureau_clerk, group)
    dispatch.depart(actor=bureau_clerk.user, group=group)
    membership = arrival.arrive(actor=bureau_clerk.user, application=applicant)
    assert membership.valid_from == group.arrives_on
    assert membership.status == MembershipStatus.MEMBER
    assert membership.person.name_latin == applicant.name


def test_the_membership_names_the_admission_and_the_group_and_cites_the_groups_source(
    bureau_clerk, group
):
    source = Source.objects.create(key="a-letter", title="A letter")
    attach_citations(
        actor=bureau_clerk.user, obj=group, citations=[{"source": source, "locator": "l. 1"}]
    )
    applicant = _dispatched(bureau_clerk, group)
    dispatch.depart(actor=bureau_clerk.user, group=group)
    membership = arrival.arrive(actor=bureau_clerk.user, application=applicant)
    entry = AuditEntry.objects.get(action="members.membership.add")
    assert entry.changes["dispatch_group"] == group.number
    assert entry.changes["application"] == applicant.reference
    assert [c.source.key for c in membership.citations.all()] == ["a-letter"]


def test_arrival_reuses_the_person_the_clerk_said_the_applicant_is(bureau_clerk, group):
    known = PersonFactory(key="pearson", name_latin="A. Pearson, Jr.")
    applicant = _dispatched(bureau_clerk, group, name="A. Pearson")
    DuplicateFlag.objects.create(
        application=applicant, person=known, score=92, verdict=DuplicateVerdict.SAME
    )
    dispatch.depart(actor=bureau_clerk.user, group=group)
    people_before = Person.objects.count()
    membership = arrival.arrive(actor=bureau_clerk.user, application=applicant)
    assert membership.person == known
    assert Person.objects.count() == people_before


def test_an_applicant_not_yet_dispatched_does_not_arrive_and_nothing_is_stored(bureau_clerk, group):
    applicant = _dispatched(bureau_clerk, group)
    with pytest.raises(NotNow, match="dispatched"):
        arrival.arrive(actor=bureau_clerk.user, application=applicant)
    assert not Membership.objects.filter(person__name_latin=applicant.name).exists()


def test_a_group_that_has_not_departed_does_not_arrive(bureau_clerk, group):
    _dispatched(bureau_clerk, group)
    with pytest.raises(NotNow):
        arrival.arrive_group(actor=bureau_clerk.user, group=group)
    group.refresh_from_db()
    assert group.status == GroupStatus.FORMING


def test_onboarding_records_each_step_once_with_who_and_when(bureau_clerk, group):
    applicant = _dispatched(bureau_clerk, group)
    dispatch.depart(actor=bureau_clerk.user, group=group)
    person = arrival.arrive(actor=bureau_clerk.user, application=applicant).person
    medical = arrival.define_step(actor=bureau_clerk.user, key="medical", name="Medical check")
    arrival.define_step(actor=bureau_clerk.user, key="housing", name="A place to live", order=1)
    done = arrival.mark_done(
        actor=bureau_clerk.user, person=person, item=medical, done_on=dt.date(1922, 7, 26)
    )
    assert done.recorded_by == bureau_clerk.user
    assert [(i.key, d is not None) for i, d in arrival.checklist(person)] == [
        ("medical", True),
        ("housing", False),
    ]
    with pytest.raises(NotNow, match="already"):
        arrival.mark_done(actor=bureau_clerk.user, person=person, item=medical)


def test_onboarding_is_for_those_who_arrived(bureau_clerk):
    item = arrival.define_step(actor=bureau_clerk.user, key="medical", name="Medical check")
    with pytest.raises(NotNow):
        arrival.mark_done(actor=bureau_clerk.user, person=PersonFactory(), item=item)

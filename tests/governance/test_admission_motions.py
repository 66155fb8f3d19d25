"""Admission and expulsion as motions: under the cooperative statute the clerk's act files a
motion with the general meeting, and the membership changes only when the motion carries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import Conflict, Invalid, NotNow
from kuzbas.governance.models import Motion, MotionStatus
from kuzbas.governance.services import admission, decisions
from kuzbas.members import acts
from kuzbas.members.models import Membership, Person
from tests.factories import (
    MembershipFactory,
    PersonFactory,
    SourceFactory,
)
from tests.governance.conftest import COOP_TODAY as TODAY

pytestmark = pytest.mark.django_db

SPRING = dt.date(2026, 4, 1)


def carry(chair, motion: Motion, *, yes: int = 3, no: int = 0):
    return decisions.record_counted_vote(
        actor=chair, motion=motion, yes=yes, no=no, abstain=0, present=3, decided_on=TODAY
    )


def admit_ada(clerk, **fields):
    return acts.admit(
        actor=clerk.user,
        person=fields.pop("person", None) or PersonFactory(key="ada"),
        status="member",
        category=fields.pop("category", "colonist"),
        valid_from=SPRING,
        **fields,
    )


# The services


def test_admission_under_the_cooperative_statute_files_a_motion_and_writes_no_membership(
    cooperative, clerk
):
    referred = admit_ada(clerk)

    motion = Motion.objects.get(number=referred.number)
    assert (motion.matter, motion.body.key, motion.status) == (
        "admission",
        "general-meeting",
        MotionStatus.FILED,
    )
    assert motion.proposal == {
        "kind": "admission",
        "person": "ada",
        "status": "member",
        "category": "colonist",
        "from": "2026-04-01",
        "from_precision": "day",
        "to": None,
        "to_precision": "day",
        "citations": [],
    }
    assert not Membership.objects.filter(person__key="ada").exists()
    assert "general meeting" in referred.message.lower()


def test_the_carried_admission_admits_the_member_audited_with_the_decision(cooperative, clerk):
    minutes = SourceFactory(key="gm-2026-03")
    referred = admit_ada(clerk, citations=[{"source": minutes, "locator": "item 2"}])

    decision = carry(cooperative, Motion.objects.get(number=referred.number))

    membership = Membership.objects.get(person__key="ada")
    assert (membership.valid_from, membership.status) == (SPRING, "member")
    assert [c.locator for c in membership.citations.all()] == ["item 2"]
    entry = AuditEntry.objects.get(action="members.membership.add")
    assert entry.actor == cooperative
    assert entry.changes["decision"] == decision.sequence
    assert entry.changes["motion"] == referred.number


def test_a_failed_admission_admits_nobody(cooperative, clerk):
    referred = admit_ada(clerk)

    carry(cooperative, Motion.objects.get(number=referred.number), yes=1, no=2)

    assert not Membership.objects.filter(person__key="ada").exists()


def test_the_carried_expulsion_ends_the_membership_on_the_day_proposed(cooperative, clerk):
    membership = Membership.objects.get(person__key="vera")
    last_day = dt.date(2026, 3, 31)

    referred = acts.expel(actor=clerk.user, membership=membership, valid_to=last_day)
    membership.refresh_from_db()
    assert membership.valid_to is None
    motion = Motion.objects.get(number=referred.number)
    assert (motion.matter, motion.proposal["kind"]) == ("expulsion", "expulsion")

    decision = carry(cooperative, motion)

    membership.refresh_from_db()
    assert membership.valid_to == last_day
    entry = AuditEntry.objects.get(action="members.membership.end")
    assert entry.changes["decision"] == decision.sequence


def test_where_no_statute_makes_admission_a_matter_the_clerk_admits_directly(clerk, colony):
    referred = admit_ada(clerk)

    assert isinstance(referred, Membership)
    assert not Motion.objects.filter(proposal__kind="admission").exists()


def test_it_refuses_to_admit_someone_already_a_member_naming_the_first_day(cooperative, clerk):
    anna = Membership.objects.get(person__key="anna").person

    with pytest.raises(Conflict) as caught:
        admit_ada(clerk, person=anna)

    assert caught.value.field == "valid_from"
    assert not Motion.objects.filter(proposal__kind="admission").exists()


def test_it_refuses_an_unknown_category_at_its_field_and_files_nothing(cooperative, clerk):
    with pytest.raises(Invalid) as caught:
        admit_ada(clerk, category="apprentice")

    assert [p.field for p in caught.value.problems] == ["category"]
    assert not Motion.objects.exists()


def test_it_refuses_to_expel_someone_whose_membership_has_ended(cooperative, clerk):
    ended = MembershipFactory(valid_from=dt.date(2026, 1, 1), valid_to=dt.date(2026, 1, 31))

    with pytest.raises(NotNow) as caught:
        acts.expel(actor=clerk.user, membership=ended, valid_to=TODAY)

    assert caught.value.field == "valid_to"
    assert not Motion.objects.exists()


def test_it_refuses_a_second_admission_motion_for_the_same_person(cooperative, clerk):
    first = admit_ada(clerk)

    with pytest.raises(Conflict, match=f"No. {first.number}"):
        admit_ada(clerk, person=Person.objects.get(key="ada"))

    assert Motion.objects.count() == 1


def test_a_colonist_may_not_admit(cooperative, colonist):
    from kuzbas.core.errors import NotPermitted

    with pytest.raises(NotPermitted):
        admit_ada(colonist)
    assert not Motion.objects.exists()


def test_the_pending_motions_are_the_persons_own_and_undecided(cooperative, clerk):
    referred = admit_ada(clerk)
    membership = Membership.objects.get(person__key="vera")
    acts.expel(actor=clerk.user, membership=membership, valid_to=TODAY)

    assert [p.number for p in admission.pending(PersonFactory.build(key="ada"))] == [
        referred.number
    ]
    carry(cooperative, Motion.objects.get(number=referred.number))
    assert admission.pending(PersonFactory.build(key="ada")) == []


# The person page and the API


def test_the_person_page_files_the_motion_says_so_and_lists_it_as_pending(cooperative, clerk):
    PersonFactory(key="ada")
    answer = clerk.client.post(
        reverse("members:membership_add", args=["ada"]),
        {
            "membership-status": "member",
            "membership-category": "colonist",
            "membership-valid_from": "2026-04-01",
        },
        follow=True,
    )

    page = answer.content.decode()
    motion = Motion.objects.get(proposal__kind="admission")
    assert f"motion No. {motion.number} is filed" in page
    assert reverse("governance:motion", args=[motion.number]) in page
    assert 'data-testid="pending-acts"' in page
    assert not Membership.objects.filter(person__key="ada").exists()


def test_the_person_page_shows_a_refusal_at_the_category(cooperative, clerk):
    PersonFactory(key="ada")
    answer = clerk.client.post(
        reverse("members:membership_add", args=["ada"]),
        {
            "membership-status": "member",
            "membership-category": "apprentice",
            "membership-valid_from": "2026-04-01",
        },
    )

    assert answer.status_code == 422
    assert "apprentice" in answer.content.decode()
    assert not Motion.objects.exists()


def test_before_the_statute_is_in_force_the_page_admits_directly(cooperative, clerk):
    PersonFactory(key="ada")
    answer = clerk.client.post(
        reverse("members:membership_add", args=["ada"]),
        {
            "membership-status": "member",
            "membership-category": "colonist",
            "membership-valid_from": "2025-12-01",
        },
    )

    # Before the statute is in force no body decides: the direct write is made.
    assert answer.status_code == 302
    assert Membership.objects.filter(person__key="ada").exists()


def test_the_api_answers_202_with_the_motion_and_then_the_expulsion(cooperative, clerk):
    PersonFactory(key="ada")
    admitted = clerk.client.post(
        "/api/members/people/ada/memberships",
        {"status": "member", "category": "colonist", "valid_from": "2026-04-01"},
        content_type="application/json",
    )
    vera = Membership.objects.get(person__key="vera")
    expelled = clerk.client.post(
        f"/api/members/people/vera/memberships/{vera.pk}/end",
        {"valid_to": "2026-03-31"},
        content_type="application/json",
    )

    assert admitted.status_code == expelled.status_code == 202
    assert admitted.json()["kind"] == "admission"
    assert expelled.json()["kind"] == "expulsion"
    numbers = {admitted.json()["motion"], expelled.json()["motion"]}
    assert numbers == set(Motion.objects.values_list("number", flat=True))


def test_the_api_refuses_an_admission_of_a_member_naming_the_field(cooperative, clerk):
    answer = clerk.client.post(
        "/api/members/people/anna/memberships",
        {"status": "member", "category": "colonist", "valid_from": "2026-04-01"},
        content_type="application/json",
    )

    assert answer.status_code == 409
    assert (answer.json()["code"], answer.json()["field"]) == ("conflict", "valid_from")
    assert not Motion.objects.exists()


def test_a_resignation_ends_the_membership_directly_even_under_an_expulsion_matter(
    cooperative, clerk
):
    vera = Membership.objects.get(person__key="vera")

    answer = clerk.client.post(
        f"/api/members/people/vera/memberships/{vera.pk}/end",
        {"valid_to": "2026-03-31", "resigned": True},
        content_type="application/json",
    )

    assert answer.status_code == 200
    vera.refresh_from_db()
    assert vera.valid_to == dt.date(2026, 3, 31)
    assert not Motion.objects.exists()
    assert AuditEntry.objects.get(action="members.membership.end").changes["ground"] == "resigned"


def test_the_person_page_sends_an_end_that_is_no_resignation_to_the_body(cooperative, clerk):
    vera = Membership.objects.get(person__key="vera")

    clerk.client.post(
        reverse("members:membership_end", args=["vera", vera.pk]),
        {f"membership-{vera.pk}-valid_to": "2026-03-31"},
    )

    vera.refresh_from_db()
    assert vera.valid_to is None
    assert Motion.objects.get().proposal["membership"] == vera.pk

import datetime as dt

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import Conflict, Invalid, NotPermitted
from kuzbas.members import selectors, services
from kuzbas.members.models import Membership, WorkCategory
from tests.factories import EmploymentFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

OCT_1 = dt.date(1922, 10, 1)


def test_who_was_a_member_on_a_date_has_one_exact_answer():
    early = MembershipFactory(valid_from=dt.date(1922, 1, 1), valid_to=dt.date(1922, 9, 30))
    current = MembershipFactory(valid_from=dt.date(1922, 8, 1))
    MembershipFactory(valid_from=dt.date(1922, 10, 2))
    MembershipFactory(valid_from=dt.date(1922, 1, 1), status="suspended")
    last_day = MembershipFactory(valid_from=dt.date(1922, 1, 1), valid_to=OCT_1)

    members = set(selectors.members_on(OCT_1))

    assert members == {current.person, last_day.person}
    assert early.person not in members


def test_a_clerk_adds_a_membership_and_the_write_is_audited(clerk):
    person = PersonFactory()

    services.add_membership(
        actor=clerk.user,
        person=person,
        status="member",
        category="colonist",
        valid_from=dt.date(1922, 8, 1),
    )

    entry = AuditEntry.objects.get(action="members.membership.add")
    assert entry.actor == clerk.user
    assert entry.changes["person"] == person.key


def test_it_refuses_an_overlapping_membership_and_changes_nothing(clerk):
    person = PersonFactory()
    MembershipFactory(person=person, valid_from=dt.date(1922, 1, 1), valid_to=dt.date(1922, 12, 31))

    with pytest.raises(Conflict, match="overlaps"):
        services.add_membership(
            actor=clerk.user,
            person=person,
            status="suspended",
            category="colonist",
            valid_from=dt.date(1922, 6, 1),
        )

    assert Membership.objects.filter(person=person).count() == 1
    assert not AuditEntry.objects.filter(action="members.membership.add").exists()


def test_it_refuses_a_membership_that_ends_before_it_starts_naming_the_last_day(clerk):
    person = PersonFactory()

    with pytest.raises(Invalid) as caught:
        services.add_membership(
            actor=clerk.user,
            person=person,
            status="member",
            category="colonist",
            valid_from=dt.date(1922, 6, 1),
            valid_to=dt.date(1922, 5, 1),
        )

    assert [p.field for p in caught.value.problems] == ["valid_to"]
    assert "before the first day" in caught.value.message
    assert not Membership.objects.exists()


def test_a_colonist_may_not_edit_the_registry(colonist):
    with pytest.raises(NotPermitted) as refused:
        services.create_person(actor=colonist.user, name_latin="Sneaky Addition")

    assert refused.value.rule == "right.members.edit"


def test_a_membership_that_ended_takes_the_colonist_rights_away(colonist):
    from kuzbas.core.rights import roles_of

    membership = colonist.user.person.memberships.get()

    assert "colonist" in roles_of(colonist.user, dt.date(1922, 10, 1))
    assert "colonist" not in roles_of(colonist.user, membership.valid_from - dt.timedelta(days=1))


def test_headcount_counts_each_person_once_per_category():
    worker = PersonFactory()
    EmploymentFactory(person=worker, category=WorkCategory.PRODUCTION)
    EmploymentFactory(person=worker, category=WorkCategory.PRODUCTION, title="second shift")
    EmploymentFactory(category=WorkCategory.OFFICE)
    EmploymentFactory(category=WorkCategory.GUARD, valid_to=dt.date(1922, 9, 30))

    count = selectors.headcount_on(OCT_1)

    assert count.workforce_by_category == {"production": 1, "office": 1}
    assert count.workforce_total == 2
    assert count.office_and_guard_share == 0.5

"""The colonists' mass meeting: only colonists check in, vote and count for the quorum.

The 1921 arrangement names the mass meeting's electorate (`electorate = ["colonist"]`); a hired
worker or a member of the STO's staff, in good standing as a member, is refused under that
clause (`body.general-meeting.electorate`), and nothing is stored.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import RefusedByStatute
from kuzbas.governance.models import Ballot, Participation
from kuzbas.governance.services import ballots
from kuzbas.meetings.models import Attendance, Meeting
from kuzbas.meetings.quorum import live_quorum
from kuzbas.meetings.services import attendance, votes
from kuzbas.members.models import MembershipCategory
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.meetings.conftest import DAY, check_in_all

pytestmark = pytest.mark.django_db
RULE = "body.general-meeting.electorate"


def _member(key: str, category: str):
    person = PersonFactory(key=key, name_latin=key.capitalize())
    MembershipFactory(person=person, category=category, valid_from=dt.date(1922, 1, 1))
    return UserFactory(username=key, person=person)


@pytest.fixture
def hired(assembly):
    """A hired worker, a member in good standing of the category hired worker."""
    return _member("ivan", MembershipCategory.HIRED_WORKER)


def test_a_hired_worker_checking_in_is_refused_with_the_electorate_rule(assembly, hired):
    audited = AuditEntry.objects.count()

    with pytest.raises(RefusedByStatute) as refused:
        attendance.check_in(
            actor=hired, meeting=assembly.meeting, code=assembly.meeting.checkin_code
        )

    assert refused.value.rule == RULE
    assert "hired worker" in refused.value.message
    assert "colonist" in refused.value.message
    assert not Attendance.objects.filter(person=hired.person).exists()
    assert AuditEntry.objects.count() == audited


def test_a_clerk_cannot_record_a_member_of_the_states_staff_as_present(assembly):
    staff = _member("sidorov", MembershipCategory.AUTHORITY_STAFF)

    with pytest.raises(RefusedByStatute) as refused:
        attendance.register_attendance(
            actor=assembly.chair, meeting=assembly.meeting, person=staff.person
        )

    assert refused.value.rule == RULE
    assert Attendance.objects.count() == 0


def test_a_colonist_still_checks_in(assembly, hired):
    check_in_all(assembly, "anna")

    assert Attendance.objects.filter(person__key="anna").exists()


def test_the_quorum_counts_only_the_colonists(assembly, hired):
    _member("petr", MembershipCategory.HIRED_WORKER)
    _member("bob", MembershipCategory.BUREAU_STAFF)
    check_in_all(assembly, "anna", "boris", "vera")

    quorum = live_quorum(assembly.meeting)

    # Five colonists: the three checked in are more than half; the three others have no vote.
    assert (quorum.members, quorum.present, quorum.met) == ("5", "3", True)
    assert quorum.electorate is not None
    assert quorum.electorate.categories == ("colonist",)
    assert quorum.electorate.rule == RULE


def test_a_hired_worker_is_not_on_the_roll_and_his_ballot_is_refused(assembly, pumps_item, hired):
    check_in_all(assembly, "anna")
    votes.open_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)
    motion = Meeting.objects.get(pk=assembly.meeting.pk).current_motion
    audited = AuditEntry.objects.count()

    with pytest.raises(RefusedByStatute) as refused:
        ballots.cast_ballot(actor=hired, motion=motion, choice="yes")

    assert refused.value.rule == RULE
    assert not motion.roll.filter(person=hired.person).exists()
    assert motion.roll.count() == 5
    assert not Ballot.objects.filter(voter=hired.person).exists()
    assert not Participation.objects.filter(voter=hired.person).exists()
    assert AuditEntry.objects.count() == audited


def test_the_meeting_page_says_who_votes_and_who_is_not_on_the_roll(assembly, client):
    client.force_login(assembly.chair)

    page = client.get(f"/meetings/{assembly.meeting.pk}/").content.decode()

    assert "Only members in good standing as colonist vote here" in page
    assert "hired worker" in page
    assert RULE in page


def test_the_check_in_page_shows_the_refusal_instead_of_failing(assembly, hired, client):
    client.force_login(hired)

    response = client.post(
        f"/meetings/{assembly.meeting.pk}/check-in/",
        {"code": assembly.meeting.checkin_code},
        follow=True,
    )

    assert response.status_code == 200
    assert "hired worker" in response.content.decode()
    assert not Attendance.objects.exists()

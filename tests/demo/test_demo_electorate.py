"""The demo's mass meeting of colonists: its electorate, and memberships marked as inferred."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.contenttypes.models import ContentType

from kuzbas.core.actor import Operator
from kuzbas.core.errors import RefusedByStatute
from kuzbas.demo.loader import load_demo
from kuzbas.meetings.models import Attendance, Meeting
from kuzbas.meetings.quorum import live_quorum
from kuzbas.meetings.services import attendance
from kuzbas.members.models import Membership, MembershipCategory, User
from kuzbas.record.models import Citation
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(1922, 10, 1)


@pytest.fixture
def practice(db, settings):
    settings.KUZBAS_TODAY = TODAY
    load_demo(actor=Operator("test"))
    return Meeting.objects.get(title="Practice general meeting (try the voting page)")


def _colonists_on(day: dt.date) -> set[str]:
    rows = Membership.objects.filter(
        status="member",
        category=MembershipCategory.COLONIST,
        valid_from__lte=day,
    ).exclude(valid_to__lt=day)
    return set(rows.values_list("person__key", flat=True))


def test_the_practice_meetings_electorate_is_the_colonists_of_the_day(practice):
    quorum = live_quorum(practice)

    assert int(quorum.members) == len(_colonists_on(TODAY))
    assert quorum.electorate.categories == ("colonist",)


@pytest.mark.parametrize("username", ["shatov", "barker"])
def test_the_states_and_the_bureaus_staff_are_refused_at_the_mass_meeting(practice, username):
    user = User.objects.get(username=username)

    with pytest.raises(RefusedByStatute) as refused:
        attendance.check_in(actor=user, meeting=practice, code=practice.checkin_code)

    assert refused.value.rule == "body.general-meeting.electorate"
    assert not Attendance.objects.filter(meeting=practice).exists()


def test_the_demo_colonists_can_reach_the_quorum_alone(practice):
    for username in ("rutgers", "haywood", "pearson", "reese"):
        user = User.objects.get(username=username)
        attendance.check_in(actor=user, meeting=practice, code=practice.checkin_code)

    assert live_quorum(practice).met


def test_every_inferred_membership_is_marked_illustrative_on_the_people_list(practice, client):
    ctype = ContentType.objects.get_for_model(Membership)
    inferred = set(
        Citation.objects.filter(content_type=ctype, status="illustrative").values_list(
            "object_id", flat=True
        )
    )
    client.force_login(User.objects.get(username="auditor"))

    page = client.get("/members/").content.decode()

    assert inferred
    marks = re.findall(r'<mark class="illustrative"', page)
    assert len(marks) == len(inferred)


def test_the_api_says_which_memberships_are_inferred(practice, client):
    MembershipFactory(person=PersonFactory(key="newcomer"), valid_from=TODAY)
    client.force_login(User.objects.get(username="auditor"))

    rutgers = client.get("/api/members/people/rutgers").json()
    newcomer = client.get("/api/members/people/newcomer").json()

    assert [m["illustrative"] for m in rutgers["memberships"]] == [True]
    assert [m["illustrative"] for m in newcomer["memberships"]] == [False]

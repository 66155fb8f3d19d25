"""An election to every place of a seat replaces those sitting in it; the re-elected sit on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kuzbas.core.actor import Operator
from kuzbas.core.rights import Role
from kuzbas.elections.services import calling, count, polling
from kuzbas.governance.models import Seat, SeatHolding
from kuzbas.governance.services import proxies, statute_book
from kuzbas.meetings.services import agenda, attendance
from kuzbas.meetings.services.chair import open_meeting
from tests.factories import (
    MembershipFactory,
    PersonFactory,
    RoleGrantFactory,
    SeatHoldingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
DAY = dt.date(1930, 6, 1)
SINCE = dt.date(1930, 1, 1)
# A club whose general meeting elects both members of its committee.
CLUB = """[statute]
id = "club"
title = "Statute of a small club"
version = "1"
effective = 1930-01-01

[[procedure]]
id = "meeting_vote"
majority = "simple"
ballot = "secret"
proxies = 1

[[procedure]]
id = "committee_vote"
majority = "simple"
ballot = "named"

[[body]]
id = "meeting"
name = "General meeting"
kind = "general_meeting"
procedure = "meeting_vote"

[[body]]
id = "committee"
name = "Committee"
kind = "committee"
procedure = "committee_vote"

  [[body.seat]]
  id = "member"
  name = "Member of the committee"
  count = 2
  filled_by = "election"
  matter = "committee_election"

[[matter]]
id = "committee_election"
name = "Election of the committee"
kind = "election"
competent = "meeting"

[[matter]]
id = "business"
name = "Day-to-day business"
competent = "committee"
"""


@pytest.fixture
def committee_vote(settings):
    settings.KUZBAS_TODAY = DAY
    statute_book.load_statute_version(actor=Operator("test"), path_or_text=CLUB, file="club.toml")
    users = {}
    for key in ("anna", "boris", "vera", "gleb"):
        person = PersonFactory(key=key, name_latin=key.capitalize())
        MembershipFactory(person=person, valid_from=SINCE)
        users[key] = UserFactory(username=key, person=person)
    seat = Seat.objects.get(body__key="committee", key="member")
    for key in ("anna", "boris"):  # the committee now
        SeatHoldingFactory(person=users[key].person, seat=seat, valid_from=SINCE)
    chair = UserFactory(username="chair")
    RoleGrantFactory(user=chair, role=Role.BOARD_MEMBER)
    meeting = agenda.convene(
        actor=chair,
        body="meeting",
        title="Annual meeting",
        convened_for=timezone.make_aware(dt.datetime.combine(DAY, dt.time(18))),
    )
    meeting = open_meeting(actor=chair, meeting=meeting)
    election = calling.create_election(
        actor=chair,
        title="Election of the committee",
        seat="committee.member",
        seats=2,
        method="plurality",
        candidates=["anna", "vera", "gleb"],
        as_of=DAY,
        meeting=meeting,
    )
    for user in users.values():
        attendance.check_in(actor=user, meeting=meeting, code=meeting.checkin_code)
    polling.open_election(actor=chair, election=election, as_of=DAY)
    return chair, users, election, seat


def test_the_elected_replace_the_committee_and_the_re_elected_sit_on(committee_vote):
    chair, users, election, seat = committee_vote
    marks = {"anna": ["anna", "vera"], "boris": ["vera"], "vera": ["vera", "anna"]}
    for key, chosen in marks.items():
        polling.cast_ballot(actor=users[key], election=election, marks=chosen)

    count.close_election(actor=chair, election=election, as_of=DAY)

    holdings = sorted(
        SeatHolding.objects.filter(seat=seat).values_list("person__key", "valid_from", "valid_to")
    )
    assert holdings == [
        ("anna", SINCE, None),  # re-elected: sits on
        ("boris", SINCE, DAY - dt.timedelta(days=1)),  # not re-elected: the term ends
        ("vera", DAY, None),
    ]


def test_a_proxy_holder_casts_a_paper_for_each_vote_held(committee_vote):
    from kuzbas.elections.models import ElectionBallot

    chair, users, _election, _seat = committee_vote
    # Boris has left the committee: the by-election fills his place (a seat never has more
    # holders than its count, so a by-election needs a vacancy).
    SeatHolding.objects.filter(person=users["boris"].person).update(
        valid_to=DAY - dt.timedelta(days=1)
    )
    proxies.give_proxy(
        actor=users["anna"],
        giver=users["anna"].person,
        holder=users["gleb"].person,
        body="meeting",
        valid_from=DAY,
    )
    election = calling.create_election(
        actor=chair,
        title="By-election",
        seat="committee.member",
        seats=1,
        method="plurality",
        candidates=["vera", "gleb"],
        as_of=DAY,
    )
    polling.open_election(actor=chair, election=election, as_of=DAY)

    polling.cast_ballot(actor=users["gleb"], election=election, marks=["gleb"])
    polling.cast_ballot(actor=users["vera"], election=election, marks=["vera"])
    polling.cast_ballot(actor=users["boris"], election=election, marks=["vera"])
    result = count.close_election(actor=chair, election=election, as_of=DAY, lot=["gleb", "vera"])

    assert ElectionBallot.objects.filter(election=election).count() == 4  # two for Gleb
    assert sorted(result.totals) == [["gleb", "2"], ["vera", "2"]]
    assert result.decided_by_lot and result.elected == ["gleb"]

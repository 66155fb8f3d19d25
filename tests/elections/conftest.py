"""A general meeting of the colony in September 1922 that elects two members of the
Organization Committee, under the 1921 arrangement.

Seven members in good standing with accounts; a chair who is a board member and no member
(so not on the roll); three of the members stand. The statute fills the Committee's seats by
the matter `committee_election`, which the mass meeting decides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from kuzbas.core.actor import Operator
from kuzbas.core.rights import Role
from kuzbas.elections.models import Election
from kuzbas.elections.services import calling, polling
from kuzbas.governance.services import statute_book
from kuzbas.meetings.models import Meeting
from kuzbas.meetings.services import agenda, attendance
from kuzbas.meetings.services.chair import open_meeting
from tests.factories import MembershipFactory, PersonFactory, RoleGrantFactory, UserFactory
from tests.statute.examples import DEMO_STATUTES

DAY = dt.date(1922, 9, 15)
MEMBERS = ("anna", "boris", "vera", "gleb", "dora", "egor", "fedor")
CANDIDATES = ("vera", "gleb", "dora")
SEAT = "organization-committee.member"


@dataclass
class Assembly:
    chair: object
    members: dict
    meeting: Meeting


@pytest.fixture
def assembly(db, settings) -> Assembly:
    settings.KUZBAS_TODAY = DAY
    for name in ("aick-1921.toml", "aick-1922-10.toml"):
        statute_book.load_statute_version(actor=Operator("test"), path_or_text=DEMO_STATUTES / name)
    members = {}
    for key in MEMBERS:
        person = PersonFactory(key=key, name_latin=key.capitalize())
        MembershipFactory(person=person, valid_from=dt.date(1922, 1, 1))
        members[key] = UserFactory(username=key, person=person)
    chair = UserFactory(username="chair", person=PersonFactory(key="chair", name_latin="Chair"))
    RoleGrantFactory(user=chair, role=Role.BOARD_MEMBER)
    meeting = agenda.convene(
        actor=chair,
        body="general-meeting",
        title="General meeting of September 1922",
        convened_for=timezone.make_aware(dt.datetime(1922, 9, 15, 18, 0)),
        place="Kemerovo",
    )
    meeting = open_meeting(actor=chair, meeting=meeting)
    return Assembly(chair=chair, members=members, meeting=meeting)


def check_in(assembly: Assembly, *keys: str) -> None:
    for key in keys:
        attendance.check_in(
            actor=assembly.members[key],
            meeting=assembly.meeting,
            code=assembly.meeting.checkin_code,
        )


def call(assembly: Assembly, *, method: str = "stv", seats: int = 2, candidates=CANDIDATES):
    """Call an election on the meeting's agenda."""
    return calling.create_election(
        actor=assembly.chair,
        title="Election to the Organization Committee",
        seat=SEAT,
        seats=seats,
        method=method,
        candidates=list(candidates),
        as_of=DAY,
        meeting=assembly.meeting,
    )


@pytest.fixture
def election(assembly) -> Election:
    return call(assembly)


@pytest.fixture
def voting(assembly, election) -> Election:
    """The election open, every member checked in."""
    check_in(assembly, *MEMBERS)
    return polling.open_election(actor=assembly.chair, election=election, as_of=DAY)


# Seven rankings for two places among Vera, Gleb and Dora. Quota 7 ÷ 3, ignoring the fraction,
# + 1 = 3. Vera has 4 first preferences and is elected; her surplus of 1 passes on at 0.25 a
# paper (0.75 to Gleb, 0.25 to Dora); Gleb, lowest with 1.75, is excluded, and Dora reaches the
# quota with 3.25.
RANKINGS = {
    "anna": ["vera", "gleb"],
    "boris": ["vera", "gleb"],
    "vera": ["vera", "dora"],
    "gleb": ["vera", "gleb"],
    "dora": ["dora", "gleb"],
    "egor": ["gleb", "dora"],
    "fedor": ["dora", "vera"],
}


def cast_all(assembly: Assembly, election: Election, rankings=RANKINGS) -> dict[str, str]:
    """Cast every ranking; return each voter's receipt."""
    return {
        key: polling.cast_ballot(
            actor=assembly.members[key], election=election, marks=marks
        ).receipt
        for key, marks in rankings.items()
    }

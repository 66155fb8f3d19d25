"""A general meeting of the colony in September 1922, under the 1921 arrangement.

Five members in good standing with accounts, a chair who is a board member, and the
check-in code of the meeting. The mass meeting's quorum is more than half the members.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from kuzbas.core.actor import Operator
from kuzbas.core.rights import Role
from kuzbas.governance.services import statute_book
from kuzbas.meetings.models import Meeting
from kuzbas.meetings.services import agenda, attendance
from kuzbas.meetings.services.chair import open_meeting
from tests.factories import MembershipFactory, PersonFactory, RoleGrantFactory, UserFactory
from tests.members.smtp_server import smtp_server  # noqa: F401 (a fixture)
from tests.statute.examples import DEMO_STATUTES

DAY = dt.date(1922, 9, 15)
MEMBERS = ("anna", "boris", "vera", "gleb", "dora")


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
    chair_person = PersonFactory(key="chair", name_latin="Chair")
    chair = UserFactory(username="chair", person=chair_person)
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


def check_in_all(assembly: Assembly, *keys: str) -> None:
    for key in keys:
        attendance.check_in(
            actor=assembly.members[key],
            meeting=assembly.meeting,
            code=assembly.meeting.checkin_code,
        )


@pytest.fixture
def pumps_item(assembly):
    """A technical motion on the agenda, which the 1921 arrangement gives the mass meeting."""
    return agenda.add_item(
        actor=assembly.chair,
        meeting=assembly.meeting,
        kind="motion",
        title="Install electric pumps in mine No. 1",
        matter="technical",
        as_of=DAY,
    )

"""Running totals of an open vote appear on the meeting page only where the statute says so."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kuzbas.core.actor import Operator
from kuzbas.core.rights import Role
from kuzbas.governance.models import Seat
from kuzbas.governance.services import statute_book
from kuzbas.meetings.services import agenda, attendance, chair, votes
from tests.factories import PersonFactory, RoleGrantFactory, SeatHoldingFactory, UserFactory
from tests.statute.examples import COOP

pytestmark = pytest.mark.django_db
DAY = dt.date(1930, 3, 1)
BOARD_VOTE = 'ballot = "named"\ntie = "chair_decides"'


def _board_meeting(settings, statute: str):
    settings.KUZBAS_TODAY = DAY
    statute_book.load_statute_version(actor=Operator("test"), path_or_text=statute, file="c.toml")
    users = {}
    for key, seat_key in (("anna", "chair"), ("boris", "member"), ("vera", "member")):
        person = PersonFactory(key=key, name_latin=key.capitalize())
        SeatHoldingFactory(
            person=person,
            seat=Seat.objects.get(body__key="board", key=seat_key),
            valid_from=dt.date(1930, 1, 1),
        )
        users[key] = UserFactory(username=key, person=person)
    RoleGrantFactory(user=users["anna"], role=Role.BOARD_MEMBER)
    meeting = agenda.convene(
        actor=users["anna"],
        body="board",
        title="Board meeting",
        convened_for=timezone.make_aware(dt.datetime(1930, 3, 1, 10)),
    )
    chair.open_meeting(actor=users["anna"], meeting=meeting)
    item = agenda.add_item(
        actor=users["anna"],
        meeting=meeting,
        kind="motion",
        title="New winding engine",
        matter="technical",
        as_of=DAY,
    )
    votes.open_item_vote(actor=users["anna"], item=item, as_of=DAY)
    for key, choice in (("anna", "yes"), ("boris", "no")):
        attendance.check_in(actor=users[key], meeting=meeting, code=meeting.checkin_code)
        meeting.refresh_from_db()
        votes.vote(actor=users[key], meeting=meeting, choice=choice)
    return meeting, users


@pytest.mark.parametrize(
    ("shown", "statute"),
    [
        (True, COOP.replace(BOARD_VOTE, BOARD_VOTE + "\nlive_counts = true")),
        (False, COOP),
    ],
)
def test_the_chairs_page_shows_running_totals_only_where_the_statute_does(
    settings, client, shown, statute
):
    meeting, users = _board_meeting(settings, statute)
    client.force_login(users["vera"])

    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    polled = client.get(
        f"/meetings/{meeting.pk}/", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="quorum"
    ).content.decode()

    for text in (page, polled):
        assert ('data-testid="running"' in text) is shown
        if shown:
            assert "yes 1 · no 1 · abstain 0" in " ".join(text.split())

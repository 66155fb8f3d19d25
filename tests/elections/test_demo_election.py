"""The demo's practice meeting carries one election to try, labelled as invented."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.core.actor import Operator
from kuzbas.demo.loader import load_demo
from kuzbas.elections.models import Election

pytestmark = pytest.mark.django_db


def test_the_practice_meeting_has_an_illustrative_election_to_try(settings):
    settings.KUZBAS_TODAY = dt.date(1922, 10, 1)
    load_demo(actor=Operator("test"))

    election = Election.objects.get()
    item = election.agenda_items.get()

    assert item.meeting.title == "Practice general meeting (try the voting page)"
    assert (election.status, election.method, election.seats) == ("draft", "stv", 2)
    assert election.seat.path == "organization-committee.member"
    assert election.candidates.count() == 4
    assert [c.status for c in election.citations.all()] == ["illustrative"]

"""A small colony with one of each record that a page cites from: a person, a motion and its
register entry, a meeting and a mine."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from kuzbas.core.actor import Operator
from kuzbas.governance.models import Decision, Motion, Seat
from kuzbas.governance.services import decisions, motions, seat_holdings, statute_book
from kuzbas.meetings.models import Meeting
from kuzbas.meetings.services import agenda
from kuzbas.members.models import Person
from kuzbas.production.catalogue import create_unit
from kuzbas.production.models.catalogue import Unit
from tests.factories import PersonFactory, SourceFactory
from tests.statute.examples import DEMO_STATUTES


@dataclass
class Records:
    person: Person
    motion: Motion
    decision: Decision
    meeting: Meeting
    unit: Unit

    def pages(self) -> dict[str, tuple[object, str, str]]:
        """Each citable page: the record, its kind and identifier, and its address."""
        return {
            "person": (self.person, "members.person", "rutgers", "/members/rutgers/"),
            "motion": (
                self.motion,
                "governance.motion",
                str(self.motion.number),
                f"/governance/motions/{self.motion.number}/",
            ),
            "decision": (
                self.decision,
                "governance.decision",
                str(self.decision.sequence),
                f"/governance/register/{self.decision.sequence}/",
            ),
            "meeting": (
                self.meeting,
                "meetings.meeting",
                str(self.meeting.pk),
                f"/meetings/{self.meeting.pk}/",
            ),
            "unit": (self.unit, "production.unit", "mine-1", "/production/units/mine-1/"),
        }


@pytest.fixture
def records(db, settings) -> Records:
    settings.KUZBAS_TODAY = dt.date(1923, 5, 9)
    operator = Operator("test")
    for name in ("aick-1921.toml", "aick-1922-10.toml"):
        statute_book.load_statute_version(actor=operator, path_or_text=DEMO_STATUTES / name)
    person = PersonFactory(key="rutgers", name_latin="S.J. Rutgers")
    seats = {seat.key: seat for seat in Seat.objects.filter(body__key="managing-board")}
    for n, seat_key in enumerate(("sto_representative", "colony", "colony")):
        seat_holdings.add_seat_holding(
            actor=operator,
            seat=seats[seat_key],
            person=PersonFactory(key=f"board-{n}"),
            valid_from=dt.date(1922, 11, 1),
        )
    motion = motions.file_motion(
        actor=operator,
        title="Choice of mine pumps",
        text="Buy two pumps for the flooded shaft.",
        matter="technical",
        body="managing-board",
        as_of=dt.date(1923, 5, 1),
    )
    decision = decisions.record_counted_vote(
        actor=operator,
        motion=motion,
        yes=2,
        no=1,
        abstain=0,
        present=3,
        decided_on=dt.date(1923, 5, 2),
    )
    meeting = agenda.convene(
        actor=operator,
        body="general-meeting",
        title="General meeting of May 1923",
        convened_for=timezone.make_aware(dt.datetime(1923, 5, 9, 18, 0)),
    )
    unit = create_unit(actor=operator, key="mine-1", name="Mine No. 1", kind="mine")
    SourceFactory(key="rgaspi-626-1-6", title="Minutes of the Managing Board")
    return Records(person=person, motion=motion, decision=decision, meeting=meeting, unit=unit)

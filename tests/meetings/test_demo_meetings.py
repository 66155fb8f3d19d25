"""The colony's meetings in the demo: August 1922, the two joint meetings, a practice sitting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType

from kuzbas.core.actor import Operator
from kuzbas.demo.loader import load_demo
from kuzbas.demo.meetings_loader import load_meetings
from kuzbas.governance.models import Decision, Motion
from kuzbas.meetings.models import Meeting
from kuzbas.meetings.quorum import live_quorum
from kuzbas.record.models import Citation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db, settings):
    settings.KUZBAS_TODAY = dt.date(1922, 10, 1)
    actor = Operator("test")
    load_demo(actor=actor)
    # Until the demo loader calls load_meetings itself; then this loads nothing twice.
    if not Meeting.objects.exists():
        load_meetings(actor=actor)
    return {m.title: m for m in Meeting.objects.all()}


def test_every_demo_meeting_cites_a_source_or_says_it_is_illustrative(demo):
    ctype = ContentType.objects.get_for_model(Meeting)
    cited = set(Citation.objects.filter(content_type=ctype).values_list("object_id", flat=True))

    assert {m.pk for m in Meeting.objects.all()} <= cited


def test_the_august_1922_meeting_introduced_pearson_and_is_dated_to_the_month(demo):
    meeting = demo["General meeting of the colony, August 1922"]

    assert meeting.convened_label == "August 1922"
    assert "Pearson" in meeting.items.get().title
    assert meeting.status == "closed"


def test_the_october_vote_is_linked_to_register_entry_1_not_recorded_again(demo):
    second = demo["Second joint meeting of the Organization Committee and the AOC, October 1922"]

    item = second.items.get()

    assert item.motion.decision.sequence == 1
    assert Decision.objects.count() == 1
    assert Motion.objects.filter(title=item.motion.title).count() == 1
    assert live_quorum(second).present == "5"


def test_the_practice_meeting_is_open_for_the_demo_users(demo):
    meeting = demo["Practice general meeting (try the voting page)"]

    assert meeting.status == "open"
    assert meeting.chair.username == "rutgers"
    assert meeting.items.get(kind="motion").motion.status == "filed"
    assert live_quorum(meeting).members != "0"

"""An election reaches the meeting's agenda through the meetings' services."""

from __future__ import annotations

import pytest
from django.utils import translation

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import Conflict
from kuzbas.meetings import selectors
from kuzbas.meetings.services import agenda
from tests.elections.conftest import DAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The reasons are read in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


def test_the_chair_attaches_an_election_to_an_election_item(assembly, election):
    item = agenda.add_item(
        actor=assembly.chair, meeting=assembly.meeting, kind="election", title="Again", as_of=DAY
    )

    attached = agenda.attach_election(actor=assembly.chair, item=item, election=election)

    assert attached.election == election
    entries = AuditEntry.objects.filter(action="meetings.item.election", object_id=str(item.pk))
    assert entries.exists()


def test_only_an_election_item_carries_an_election(assembly, election):
    item = agenda.add_item(
        actor=assembly.chair,
        meeting=assembly.meeting,
        kind="motion",
        title="Pumps",
        matter="technical",
        as_of=DAY,
    )

    with pytest.raises(Conflict, match="Only an election item"):
        agenda.attach_election(actor=assembly.chair, item=item, election=election)


def test_the_item_of_an_election_is_found_with_its_meeting(assembly, election):
    item = selectors.item_of_election(election)

    assert item.election == election and item.meeting == assembly.meeting

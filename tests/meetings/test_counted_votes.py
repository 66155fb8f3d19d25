"""A count taken in the hall, entered by the chair from the meeting: the historical way."""

from __future__ import annotations

import pytest

from kuzbas.core.errors import NotNow
from kuzbas.governance.models import Decision
from kuzbas.meetings.models import ItemStatus
from kuzbas.meetings.services import agenda, chair, votes
from tests.meetings.conftest import DAY, check_in_all

pytestmark = pytest.mark.django_db


def test_the_chair_records_the_count_and_the_register_has_it(assembly, pumps_item):
    decision = votes.record_item_count(
        actor=assembly.chair, item=pumps_item, yes=4, no=1, abstain=0, present=5, as_of=DAY
    )

    pumps_item.refresh_from_db()
    assert decision.outcome == "carried"
    assert (decision.counts["yes"], decision.counts["no"]) == ("4", "1")
    assert pumps_item.status == ItemStatus.DONE
    assert decision.motion == pumps_item.motion


def test_amendments_are_counted_before_their_motion(assembly, pumps_item):
    check_in_all(assembly, "anna")
    member = assembly.members["anna"]
    amendment = agenda.propose_amendment(
        actor=member, item=pumps_item, title="Two pumps, not one", text="", as_of=DAY
    )

    with pytest.raises(NotNow, match="first"):
        votes.record_item_count(
            actor=assembly.chair, item=pumps_item, yes=4, no=1, abstain=0, present=5, as_of=DAY
        )
    votes.record_item_count(
        actor=assembly.chair,
        item=pumps_item,
        motion=amendment.motion,
        yes=2,
        no=3,
        abstain=0,
        present=5,
        as_of=DAY,
    )

    assert Decision.objects.get(motion=amendment.motion).outcome == "failed"


def test_the_page_names_a_bad_figure_and_records_nothing(assembly, pumps_item, client):
    client.force_login(assembly.chair)
    url = f"/meetings/{assembly.meeting.pk}/items/{pumps_item.position}/count/"

    page = client.get(f"/meetings/{assembly.meeting.pk}/").content.decode()
    refused = client.post(url, {"yes": "four", "no": "1", "present": "5"}, follow=True)
    recorded = client.post(url, {"yes": "4", "no": "1", "present": "5"}, follow=True)

    assert f'data-testid="count-{pumps_item.motion.number}"' in page
    assert "yes: Give a whole number, 0 or more." in refused.content.decode()
    assert "The count is recorded in the register." in recorded.content.decode()
    assert Decision.objects.count() == 1


def test_the_api_records_a_count(assembly, pumps_item, client):
    client.force_login(assembly.chair)

    response = client.post(
        f"/api/meetings/{assembly.meeting.pk}/items/{pumps_item.position}/count",
        {"yes": 4, "no": 1, "present": 5},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["outcome"] == "carried"


def test_no_vote_opens_and_no_count_is_recorded_once_the_meeting_is_closed(assembly, pumps_item):
    chair.close_meeting(actor=assembly.chair, meeting=assembly.meeting)

    with pytest.raises(NotNow):
        votes.open_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)
    with pytest.raises(NotNow):
        votes.record_item_count(
            actor=assembly.chair, item=pumps_item, yes=4, no=1, abstain=0, present=5, as_of=DAY
        )
    assert not Decision.objects.exists()

"""A meeting is run by its own chair; another who may chair takes the chair first, on record."""

from __future__ import annotations

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import NotPermitted
from kuzbas.core.rights import Role
from kuzbas.meetings.services import chair, votes
from tests.factories import RoleGrantFactory, UserFactory
from tests.meetings.conftest import DAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputy():
    user = UserFactory(username="deputy")
    RoleGrantFactory(user=user, role=Role.BOARD_MEMBER)
    return user


def test_another_board_member_cannot_run_the_meeting_until_taking_the_chair(
    assembly, pumps_item, deputy
):
    with pytest.raises(NotPermitted) as refused:
        votes.open_item_vote(actor=deputy, item=pumps_item, as_of=DAY)
    assert refused.value.rule == "meeting.chair"

    chair.take_chair(actor=deputy, meeting=assembly.meeting)
    votes.open_item_vote(actor=deputy, item=pumps_item, as_of=DAY)

    with pytest.raises(NotPermitted):
        votes.close_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)
    taken = AuditEntry.objects.get(action="meetings.chair.take")
    assert taken.changes == {"from": "chair", "to": "deputy"}


def test_an_administrator_may_always_run_it(assembly, pumps_item, admin_user):
    votes.open_item_vote(actor=admin_user, item=pumps_item, as_of=DAY)


def test_the_page_gives_the_controls_to_the_chair_and_a_take_over_button_to_others(
    assembly, deputy, client
):
    url = f"/meetings/{assembly.meeting.pk}/"
    client.force_login(deputy)
    as_deputy = client.get(url).content.decode()
    client.force_login(assembly.chair)
    as_chair = client.get(url).content.decode()

    assert 'data-testid="take-chair"' in as_deputy
    assert 'data-testid="checkin-code"' not in as_deputy
    assert 'data-testid="checkin-code"' in as_chair
    assert 'data-testid="take-chair"' not in as_chair

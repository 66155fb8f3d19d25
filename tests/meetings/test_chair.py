"""A meeting is run by its own chair; another who may chair proposes to the meeting to take it
over (see test_take_chair.py for the rule itself), an administrator may take it."""

from __future__ import annotations

import pytest

from kuzbas.core.errors import NotPermitted
from kuzbas.core.rights import Role
from kuzbas.meetings.models import Meeting
from kuzbas.meetings.services import chair, votes
from tests.factories import RoleGrantFactory, UserFactory
from tests.meetings.conftest import DAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputy():
    user = UserFactory(username="deputy")
    RoleGrantFactory(user=user, role=Role.BOARD_MEMBER)
    return user


def test_another_board_member_cannot_run_the_meeting(assembly, pumps_item, deputy):
    with pytest.raises(NotPermitted) as refused:
        votes.open_item_vote(actor=deputy, item=pumps_item, as_of=DAY)
    assert refused.value.rule == "meeting.chair"


def test_an_administrator_may_always_run_it(assembly, pumps_item, admin_user):
    votes.open_item_vote(actor=admin_user, item=pumps_item, as_of=DAY)


def test_the_page_gives_the_controls_to_the_chair_and_a_proposal_to_others(
    assembly, deputy, admin_user, client
):
    url = f"/meetings/{assembly.meeting.pk}/"
    client.force_login(deputy)
    as_deputy = client.get(url).content.decode()
    client.force_login(assembly.chair)
    as_chair = client.get(url).content.decode()
    client.force_login(admin_user)
    as_admin = client.get(url).content.decode()

    assert 'data-testid="propose-chair"' in as_deputy
    assert 'data-testid="take-chair"' not in as_deputy
    assert 'data-testid="checkin-code"' not in as_deputy
    assert 'data-testid="checkin-code"' in as_chair
    assert 'data-testid="propose-chair"' not in as_chair
    assert 'data-testid="take-chair"' in as_admin


def test_the_take_over_button_asks_first_and_takes_only_when_confirmed(
    assembly, admin_user, client
):
    client.force_login(admin_user)
    url = f"/meetings/{assembly.meeting.pk}/chair/"

    asked = client.post(url)
    still = Meeting.objects.get(pk=assembly.meeting.pk).chair
    taken = client.post(url, {"confirm": "yes"}, follow=True)

    assert 'data-testid="confirm"' in asked.content.decode()
    assert still == assembly.chair
    assert Meeting.objects.get(pk=assembly.meeting.pk).chair == admin_user
    assert "You chair the meeting now." in taken.content.decode()


def test_a_deputy_proposing_to_take_the_chair_puts_a_motion_on_the_agenda(assembly, deputy, client):
    client.force_login(deputy)

    page = client.post(f"/meetings/{assembly.meeting.pk}/chair/propose/", follow=True)

    item = assembly.meeting.items.get()
    assert item.motion.proposal["kind"] == chair.CHAIR_KIND
    assert "on the agenda" in page.content.decode()
    assert Meeting.objects.get(pk=assembly.meeting.pk).chair == assembly.chair

"""An election on a meeting's agenda is the meeting's business: only its chair (or an
administrator) puts candidates on the paper, opens the voting and counts it, on the election's
own page and API as much as from the meeting."""

from __future__ import annotations

import pytest

from kuzbas.core.errors import NotPermitted
from kuzbas.core.rights import Role
from kuzbas.elections.models import ElectionStatus
from kuzbas.elections.services import calling, count, polling
from kuzbas.governance.models import Decision
from kuzbas.meetings.models import ItemStatus
from kuzbas.meetings.selectors import item_of_election
from tests.elections.conftest import DAY, MEMBERS, check_in
from tests.factories import RoleGrantFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputy():
    """A board member who may chair, but does not chair this meeting."""
    user = UserFactory(username="deputy")
    RoleGrantFactory(user=user, role=Role.BOARD_MEMBER)
    return user


def test_another_board_member_cannot_add_or_withdraw_a_candidate(election, deputy):
    with pytest.raises(NotPermitted) as refused:
        calling.add_candidate(actor=deputy, election=election, person="anna")
    with pytest.raises(NotPermitted):
        calling.withdraw_candidate(actor=deputy, election=election, person="vera")

    assert refused.value.rule == "meeting.chair"
    assert sorted(election.candidates.values_list("person__key", flat=True)) == [
        "dora",
        "gleb",
        "vera",
    ]


def test_another_board_member_cannot_open_the_voting(assembly, election, deputy):
    check_in(assembly, *MEMBERS)

    with pytest.raises(NotPermitted):
        polling.open_election(actor=deputy, election=election, as_of=DAY)

    election.refresh_from_db()
    assert election.status != ElectionStatus.VOTING
    assert item_of_election(election).status == ItemStatus.PENDING


def test_another_board_member_cannot_close_the_voting(voting, deputy):
    with pytest.raises(NotPermitted):
        count.close_election(actor=deputy, election=voting, as_of=DAY)

    voting.refresh_from_db()
    assert voting.status == ElectionStatus.VOTING
    assert not Decision.objects.exists()


def test_the_chair_still_runs_it(assembly, voting):
    count.close_election(actor=assembly.chair, election=voting, as_of=DAY)

    voting.refresh_from_db()
    assert voting.status == ElectionStatus.CLOSED


def test_the_api_refuses_another_board_member_every_step(assembly, election, deputy, client):
    client.force_login(deputy)
    base = f"/api/elections/{election.pk}"

    added = client.post(f"{base}/candidates", {"person": "anna"}, content_type="application/json")
    withdrawn = client.post(
        f"{base}/candidates/withdraw", {"person": "vera"}, content_type="application/json"
    )
    check_in(assembly, *MEMBERS)
    opened = client.post(f"{base}/open", {}, content_type="application/json")
    polling.open_election(actor=assembly.chair, election=election, as_of=DAY)
    closed = client.post(f"{base}/close", {}, content_type="application/json")

    assert [r.status_code for r in (added, withdrawn, opened, closed)] == [403, 403, 403, 403]
    assert {r.json()["rule"] for r in (added, withdrawn, opened, closed)} == {"meeting.chair"}
    assert not Decision.objects.exists()


def test_the_pages_refuse_another_board_member_and_say_who_chairs(
    assembly, election, deputy, client
):
    client.force_login(deputy)
    check_in(assembly, *MEMBERS)

    added = client.post(f"/elections/{election.pk}/candidates/", {"person": "anna"}, follow=True)
    opened = client.post(f"/elections/{election.pk}/open/", follow=True)

    assert "take the chair" in added.content.decode()
    assert "take the chair" in opened.content.decode()
    election.refresh_from_db()
    assert election.status != ElectionStatus.VOTING
    assert not election.candidates.filter(person__key="anna").exists()

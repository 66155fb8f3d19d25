"""The meeting room: one "vote now" screen for motions and elections, the projector, and the
chair's console (turnout, acts confirmed first, a message after each)."""

from __future__ import annotations

import re

import pytest

from kuzbas.elections.models import ElectionParticipation
from kuzbas.elections.services import count, polling
from kuzbas.meetings.models import Meeting
from kuzbas.meetings.services import agenda, votes
from tests.elections import conftest as election_world
from tests.elections.conftest import DAY, check_in

# The elections' world: seven members, three standing for two places (fixtures, by name).
assembly = election_world.assembly
election = election_world.election
voting = election_world.voting

pytestmark = pytest.mark.django_db


def _screen(client, meeting, *, poll: bool = False) -> str:
    headers = {"HX-Request": "true"} if poll else {}
    return client.get(f"/meetings/{meeting.pk}/vote/", headers=headers).content.decode()


def _motion(assembly):
    return agenda.add_item(
        actor=assembly.chair,
        meeting=assembly.meeting,
        kind="motion",
        title="Install electric pumps in mine No. 1",
        matter="technical",
        as_of=DAY,
    )


def test_the_vote_now_screen_shows_the_election_ballot_when_voting_opens(
    assembly, election, client
):
    check_in(assembly, "anna")
    client.force_login(assembly.members["anna"])
    before = _screen(client, assembly.meeting)

    polling.open_election(actor=assembly.chair, election=election, as_of=DAY)
    during = _screen(client, assembly.meeting, poll=True)

    assert 'data-testid="no-vote"' in before
    assert "Election to the Organization Committee" in during
    assert 'data-testid="ballot-form"' in during and "data-rank-tap" in during
    assert 'name="rank"' in during  # the plain selects, for a phone without script


def test_the_screen_follows_the_chair_from_the_election_to_the_motion(assembly, voting, client):
    client.force_login(assembly.members["anna"])
    _screen(client, assembly.meeting)
    for key in ("anna", "boris", "vera", "gleb"):
        polling.cast_ballot(actor=assembly.members[key], election=voting, marks=["vera", "gleb"])
    count.close_election(actor=assembly.chair, election=voting, as_of=DAY)
    result = _screen(client, assembly.meeting, poll=True)

    item = _motion(assembly)
    votes.open_item_vote(actor=assembly.chair, item=item, as_of=DAY)
    motion = _screen(client, assembly.meeting, poll=True)

    assert 'data-testid="result"' in result and 'data-testid="elected"' in result
    assert "Install electric pumps" in motion and 'data-testid="vote-open"' in motion
    assert 'value="abstain"' in motion and "Election to the" not in motion


def test_a_ballot_cast_from_the_screen_answers_with_one_message_and_the_receipt(
    assembly, voting, client
):
    client.force_login(assembly.members["anna"])

    answer = client.post(
        f"/elections/{voting.pk}/ballot/cast/",
        {"rank": ["vera", "gleb"]},
        headers={"HX-Request": "true"},
    ).content.decode()

    assert answer.count("ballot is in") == 1
    assert re.search(r'data-testid="receipt"[^>]*>[0-9a-f]{16}<', answer)
    assert 'data-testid="ballot-form"' not in answer


def test_a_ranking_naming_a_candidate_twice_keeps_the_ballot_with_one_line_a_problem(
    assembly, voting, client
):
    client.force_login(assembly.members["anna"])

    answer = client.post(
        f"/elections/{voting.pk}/ballot/cast/",
        {"rank": ["vera", "vera", "nobody"]},
        headers={"HX-Request": "true"},
    ).content.decode()

    assert 'data-testid="ballot-form"' in answer  # the paper stays
    assert answer.count("is already your choice 1") == 1
    assert "Choice 2: Vera is already your choice 1" in answer
    assert "Choice 3:" in answer and "does not stand" in answer
    assert "marks[" not in answer
    # The ballot as posted is kept: Vera is still the first choice.
    first = re.search(r'data-testid="rank-1">(.*?)</select>', answer, re.S).group(1)
    assert 'value="vera" selected' in first
    assert not ElectionParticipation.objects.filter(election=voting).exists()


def test_the_projector_shows_the_turnout_never_how_then_the_result(assembly, voting, client):
    client.force_login(assembly.chair)
    url = f"/meetings/{assembly.meeting.pk}/projector/"
    for key in ("anna", "boris", "vera", "gleb"):
        polling.cast_ballot(actor=assembly.members[key], election=voting, marks=["vera"])
    during = client.get(url).content.decode()
    count.close_election(actor=assembly.chair, election=voting, as_of=DAY)
    after = client.get(url, headers={"HX-Request": "true"}).content.decode()

    assert "4 of 7 have voted" in during
    assert "Vera" not in during.split('data-testid="turnout"')[1]
    assert 'class="areas"' not in during  # no navigation chrome
    assert 'data-testid="projector-result"' in after and "Elected: Vera" in after


def test_the_projector_shows_a_motions_turnout_and_the_speakers(assembly, client):
    check_in(assembly, "anna", "boris", "vera", "gleb")
    item = _motion(assembly)
    from kuzbas.meetings.services import speakers

    speakers.request_to_speak(actor=assembly.members["boris"], item=item)
    votes.open_item_vote(actor=assembly.chair, item=item, as_of=DAY)
    votes.vote(
        actor=assembly.members["anna"],
        meeting=Meeting.objects.get(pk=assembly.meeting.pk),
        choice="no",
    )
    client.force_login(assembly.chair)

    page = client.get(f"/meetings/{assembly.meeting.pk}/projector/").content.decode()

    assert re.search(r"1 of \d+ has voted", page)
    assert 'data-testid="projector-speakers"' in page and "Boris" in page


def test_the_chairs_console_shows_the_turnout_while_voting(assembly, voting, client):
    polling.cast_ballot(actor=assembly.members["anna"], election=voting, marks=["vera"])
    client.force_login(assembly.chair)

    fragment = client.get(
        f"/meetings/{assembly.meeting.pk}/", headers={"HX-Request": "true", "HX-Target": "quorum"}
    ).content.decode()

    assert "1 of 7 has voted" in fragment


def test_closing_the_meeting_asks_first_then_closes_and_says_so(assembly, client):
    client.force_login(assembly.chair)
    url = f"/meetings/{assembly.meeting.pk}/close/"

    asked = client.post(url).content.decode()
    still = Meeting.objects.get(pk=assembly.meeting.pk).status
    closed = client.post(url, {"confirm": "yes"}, follow=True).content.decode()

    assert 'data-testid="confirm"' in asked and 'name="confirm" value="yes"' in asked
    assert still == "open"
    assert Meeting.objects.get(pk=assembly.meeting.pk).status == "closed"
    assert "The meeting is closed." in closed


def test_closing_a_vote_asks_first_then_records_it_and_says_the_outcome(assembly, client):
    check_in(assembly, "anna", "boris", "vera", "gleb")
    item = _motion(assembly)
    votes.open_item_vote(actor=assembly.chair, item=item, as_of=DAY)
    client.force_login(assembly.chair)
    url = f"/meetings/{assembly.meeting.pk}/items/{item.position}/close/"

    asked = client.post(url, {"motion": item.motion.number}).content.decode()
    still = item.motion.__class__.objects.get(pk=item.motion_id).status
    closed = client.post(url, {"motion": item.motion.number, "confirm": "yes"}, follow=True)

    assert 'data-testid="confirm"' in asked
    assert f'name="motion" value="{item.motion.number}"' in asked  # the form is posted again
    assert still == "voting"
    assert "The vote is closed" in closed.content.decode()
    assert "register entry" in closed.content.decode()


def test_closing_an_election_asks_first(assembly, voting, client):
    client.force_login(assembly.chair)
    url = f"/elections/{voting.pk}/close/"

    asked = client.post(url).content.decode()
    voting.refresh_from_db()

    assert 'data-testid="confirm"' in asked
    assert voting.status == "voting"


def test_the_election_page_gives_the_chairs_buttons_only_to_the_meetings_chair(
    assembly, election, client
):
    from kuzbas.core.rights import Role
    from tests.factories import RoleGrantFactory, UserFactory

    other = UserFactory(username="other-board-member")
    RoleGrantFactory(user=other, role=Role.BOARD_MEMBER)
    url = f"/elections/{election.pk}/"
    client.force_login(other)
    as_other = client.get(url).content.decode()
    client.force_login(assembly.chair)
    as_chair = client.get(url).content.decode()

    assert 'class="chair"' in as_chair and "Open voting" in as_chair
    assert 'class="chair"' not in as_other and "Open voting" not in as_other


def test_the_check_in_box_comes_first_for_a_member_not_checked_in(assembly, client):
    client.force_login(assembly.members["anna"])

    page = client.get(f"/meetings/{assembly.meeting.pk}/").content.decode()

    assert page.index('data-testid="check-in"') < page.index('data-testid="quorum"')

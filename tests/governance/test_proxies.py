"""Proxies: a member's vote given to another, only where and as far as the statute allows."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.core.actor import Operator
from kuzbas.core.errors import Conflict, Invalid, NotPermitted, RefusedByStatute
from kuzbas.core.rights import Role
from kuzbas.governance.models import Proxy
from kuzbas.governance.services import ballots, decisions, motions, proxies, statute_book
from kuzbas.governance.statutes import stored_history
from kuzbas.governance.voters import electorate_on
from kuzbas.statute import statute_as_of
from tests.factories import MembershipFactory, PersonFactory, RoleGrantFactory, UserFactory
from tests.statute.examples import COOP

pytestmark = pytest.mark.django_db
DAY = dt.date(1930, 3, 1)


SECRET_COOP = COOP.replace('ballot = "counted"\nproxies = 1', 'ballot = "secret"\nproxies = 1')


@pytest.fixture
def members(settings):
    """Four members of the cooperative, whose general meeting allows one proxy per holder."""
    return _members(settings, COOP)


@pytest.fixture
def secret_members(settings):
    """The same, where the general meeting votes by secret ballot."""
    return _members(settings, SECRET_COOP)


def _members(settings, statute: str) -> dict:
    settings.KUZBAS_TODAY = DAY
    statute_book.load_statute_version(
        actor=Operator("test"), path_or_text=statute, file="coop.toml"
    )
    users = {}
    for key in ("anna", "boris", "vera", "gleb"):
        person = PersonFactory(key=key, name_latin=key.capitalize())
        MembershipFactory(person=person, valid_from=dt.date(1930, 1, 1))
        users[key] = UserFactory(username=key, person=person)
    return users


def weights(body: str = "meeting", on: dt.date = DAY) -> dict[str, str]:
    statute = statute_as_of(stored_history(), on)
    voters = electorate_on(statute, body=body, matter="", as_of=on)
    return {v.holder: str(v.weight) for v in voters.voters}


def give(users, giver, holder, body="meeting", actor=None, **dates):
    return proxies.give_proxy(
        actor=actor or users[giver],
        giver=users[giver].person,
        holder=users[holder].person,
        body=body,
        valid_from=dates.get("valid_from", DAY),
        valid_to=dates.get("valid_to"),
    )


def test_a_proxy_moves_the_givers_vote_to_the_holder(members):
    give(members, "anna", "boris")

    assert weights() == {"boris": "2", "vera": "1", "gleb": "1"}


def test_a_proxy_the_statute_does_not_allow_is_refused_with_its_reason_and_leaves_nothing(
    members,
):
    give(members, "anna", "boris")

    with pytest.raises(RefusedByStatute) as refused:
        give(members, "vera", "boris")  # one proxy per holder

    assert "proxies" in refused.value.rule
    assert Proxy.objects.count() == 1
    assert weights()["vera"] == "1"


def test_a_giver_cannot_give_two_proxies_at_once(members):
    give(members, "anna", "boris")

    with pytest.raises(Conflict):
        give(members, "anna", "vera")


def test_a_proxy_to_oneself_or_ending_before_it_starts_is_refused_by_field(members):
    with pytest.raises(Invalid) as to_oneself:
        give(members, "anna", "anna")
    with pytest.raises(Invalid) as backwards:
        give(members, "anna", "boris", valid_to=DAY - dt.timedelta(days=1))

    assert [p.field for p in to_oneself.value.problems] == ["holder"]
    assert [p.field for p in backwards.value.problems] == ["valid_to"]
    assert Proxy.objects.count() == 0


def test_only_the_giver_or_a_meeting_clerk_records_a_proxy(members):
    with pytest.raises(NotPermitted):
        give(members, "anna", "boris", actor=members["vera"])
    clerk = UserFactory(username="clerk")
    RoleGrantFactory(user=clerk, role=Role.CLERK)

    give(members, "anna", "boris", actor=clerk)  # a proxy given in writing

    assert weights()["boris"] == "2"


def test_an_ended_proxy_no_longer_counts(members):
    proxy = give(members, "anna", "boris")

    proxies.end_proxy(actor=members["anna"], proxy=proxy, on=DAY)

    later = DAY + dt.timedelta(days=1)
    assert weights(on=DAY)["boris"] == "2"
    assert weights(on=later) == {"anna": "1", "boris": "1", "vera": "1", "gleb": "1"}


def test_the_holder_votes_with_the_weight_the_proxy_gives(members):
    give(members, "anna", "boris")
    motion = motions.file_motion(
        actor=Operator("test"),
        title="Admit Dora",
        text="",
        matter="admission",
        body="meeting",
        as_of=DAY,
    )
    ballots.open_vote(actor=Operator("test"), motion=motion, as_of=DAY)

    ballots.cast_ballot(actor=members["boris"], motion=motion, choice="yes")
    with pytest.raises(RefusedByStatute):
        ballots.cast_ballot(actor=members["anna"], motion=motion, choice="no")
    ballots.cast_ballot(actor=members["vera"], motion=motion, choice="no")
    decision = decisions.close_vote(actor=Operator("test"), motion=motion, as_of=DAY)

    assert (decision.counts["yes"], decision.counts["no"]) == ("2", "1")


def test_in_a_secret_vote_a_proxy_holders_papers_look_like_everyone_elses(secret_members):
    from kuzbas.governance.models import SecretBallot

    members = secret_members
    give(members, "anna", "boris")
    motion = motions.file_motion(
        actor=Operator("test"),
        title="Admit Dora",
        text="",
        matter="admission",
        body="meeting",
        as_of=DAY,
    )
    ballots.open_vote(actor=Operator("test"), motion=motion, as_of=DAY)

    receipt = ballots.cast_ballot(actor=members["boris"], motion=motion, choice="yes").receipt
    ballots.cast_ballot(actor=members["vera"], motion=motion, choice="no")
    decision = decisions.close_vote(actor=Operator("test"), motion=motion, as_of=DAY)

    box = list(SecretBallot.objects.filter(motion=motion).values_list("receipt", "weight"))
    assert sorted(w for _r, w in box) == ["1", "1", "1"]  # two papers for Boris, one for Vera
    assert receipt in {r for r, _w in box}
    assert (decision.counts["yes"], decision.counts["no"]) == ("2", "1")

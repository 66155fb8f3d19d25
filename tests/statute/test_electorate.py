"""Who may vote in a body on a date, with transfers and proxies."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from kuzbas.core.errors import NotFound
from kuzbas.statute import Refusal, electorate
from kuzbas.statute.electorate import Member, Proxy, SeatHolding
from tests.statute.examples import BOARD_1930, coop, members

MARCH_1930 = dt.date(1930, 3, 1)


def weights(result) -> dict[str, Fraction]:
    return {voter.holder: voter.weight for voter in result.voters}


def test_every_member_in_good_standing_has_one_vote_in_the_general_meeting():
    people = [
        *members(3),
        Member("gone", dt.date(1930, 1, 1), left=dt.date(1930, 2, 1)),
        Member("suspended", dt.date(1930, 1, 1), in_good_standing=False),
        Member("later", dt.date(1930, 6, 1)),
    ]
    result = electorate(coop(), body="meeting", as_of=MARCH_1930, members=people)
    assert weights(result) == {"m01": 1, "m02": 1, "m03": 1}
    assert result.total == 3


def test_the_board_is_its_seat_holders():
    result = electorate(coop(), body="board", as_of=MARCH_1930, holdings=BOARD_1930)
    assert weights(result) == {"anna": 1, "boris": 1, "clara": 1, "dmitri": 1}


def test_it_refuses_a_holder_beyond_the_seats_the_statute_creates():
    extra = SeatHolding("egor", "board.member", dt.date(1930, 2, 1))
    result = electorate(coop(), body="board", as_of=MARCH_1930, holdings=[*BOARD_1930, extra])
    assert "egor" not in result
    assert result.refused == (
        Refusal(
            "seat.board.member",
            "egor cannot vote in seat board.member: all 2 of it are already held on 1930-03-01",
        ),
    )


def test_a_seat_transfer_gives_the_seats_vote_to_the_other_holder():
    result = electorate(coop(), body="board", as_of=dt.date(1931, 3, 1), holdings=BOARD_1930)
    assert weights(result) == {"anna": 2, "boris": 1, "clara": 1}
    assert result.voters[0].reasons[-1].startswith("transfer.trust_seat_to_chair: ")


def test_the_seat_vote_comes_back_on_the_day_the_transfer_ends():
    result = electorate(coop(), body="board", as_of=dt.date(1931, 7, 1), holdings=BOARD_1930)
    assert weights(result) == {"anna": 1, "boris": 1, "clara": 1, "dmitri": 1}


def test_a_transferred_body_vote_is_cast_by_its_new_holder_alone():
    result = electorate(
        coop(),
        body="meeting",
        matter="board_election",
        as_of=dt.date(1930, 7, 1),
        members=members(40),
    )
    assert (result.transferred_to, weights(result)) == ("trust", {"trust": 1})


def test_the_transfer_does_not_touch_the_meetings_other_matters():
    result = electorate(
        coop(), body="meeting", matter="admission", as_of=dt.date(1930, 7, 1), members=members(4)
    )
    assert (result.transferred_to, result.total) == ("", 4)


def test_a_proxy_moves_one_vote_to_another_member():
    proxy = Proxy("m01", "m02", "meeting", MARCH_1930)
    result = electorate(
        coop(), body="meeting", as_of=MARCH_1930, members=members(3), proxies=[proxy]
    )
    assert weights(result) == {"m02": 2, "m03": 1}


def test_it_refuses_a_second_proxy_beyond_the_limit():
    proxies = [
        Proxy("m01", "m03", "meeting", MARCH_1930),
        Proxy("m02", "m03", "meeting", MARCH_1930),
    ]
    result = electorate(
        coop(), body="meeting", as_of=MARCH_1930, members=members(3), proxies=proxies
    )
    assert weights(result) == {"m02": 1, "m03": 2}
    assert result.refused == (
        Refusal("body.meeting.proxies", "m03 already holds 1 proxy, the most the statute allows"),
    )


def test_it_refuses_to_pass_a_proxy_on():
    proxies = [
        Proxy("m01", "m02", "meeting", MARCH_1930),
        Proxy("m02", "m03", "meeting", MARCH_1930),
    ]
    result = electorate(
        coop(), body="meeting", as_of=MARCH_1930, members=members(3), proxies=proxies
    )
    assert weights(result) == {"m02": 2, "m03": 1}
    assert [r.reason for r in result.refused] == [
        "a proxy cannot be passed on: the holder must vote in person"
    ]


def test_it_refuses_proxies_where_the_statute_allows_none():
    proxy = Proxy("boris", "anna", "board", MARCH_1930)
    result = electorate(
        coop(), body="board", as_of=MARCH_1930, holdings=BOARD_1930, proxies=[proxy]
    )
    assert weights(result)["anna"] == 1
    assert [r.reason for r in result.refused] == ["the statute allows no proxies in the Board"]


def test_it_refuses_a_proxy_from_someone_without_a_vote():
    proxy = Proxy("stranger", "m01", "meeting", MARCH_1930)
    result = electorate(
        coop(), body="meeting", as_of=MARCH_1930, members=members(2), proxies=[proxy]
    )
    assert [r.reason for r in result.refused] == [
        "stranger has no vote in the General meeting to give"
    ]


def test_an_outside_authority_votes_as_one():
    result = electorate(coop(), body="trust", as_of=MARCH_1930)
    assert weights(result) == {"trust": 1}


def test_it_raises_for_a_body_the_statute_does_not_have():
    with pytest.raises(NotFound):
        electorate(coop(), body="council", as_of=MARCH_1930)

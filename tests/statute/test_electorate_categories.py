"""A general meeting's electorate by category of membership: who votes, who is left out, why."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from kuzbas.statute import Refusal, electorate, load_statute_text, statute_as_of
from kuzbas.statute.bodies import MemberCategory
from kuzbas.statute.electorate import Member, Proxy
from tests.statute.examples import COOP, colony_history, coop

MARCH_1930 = dt.date(1930, 3, 1)
COLONIST = MemberCategory.COLONIST
HIRED = MemberCategory.HIRED_WORKER

COLONISTS_ONLY = COOP.replace(
    'kind = "general_meeting"\n', 'kind = "general_meeting"\nelectorate = ["colonist"]\n', 1
)

PEOPLE = [
    Member("ada", dt.date(1930, 1, 1), category=COLONIST),
    Member("ben", dt.date(1930, 1, 1), category=COLONIST),
    Member("carl", dt.date(1930, 1, 1), category=COLONIST),
    Member("hired", dt.date(1930, 1, 1), category=HIRED),
    Member("staff", dt.date(1930, 1, 1), category=MemberCategory.AUTHORITY_STAFF),
]


def colonists_only():
    return load_statute_text(COLONISTS_ONLY, file="coop.toml")


def weights(result) -> dict[str, Fraction]:
    return {voter.holder: voter.weight for voter in result.voters}


def test_a_meeting_that_names_its_electorate_gives_votes_to_those_categories_only():
    result = electorate(colonists_only(), body="meeting", as_of=MARCH_1930, members=PEOPLE)
    assert weights(result) == {"ada": 1, "ben": 1, "carl": 1}
    assert result.total == 3
    assert result.voters[0].reasons == ("body.meeting.electorate: colonist in good standing",)


def test_it_says_why_a_hired_worker_has_no_vote():
    result = electorate(colonists_only(), body="meeting", as_of=MARCH_1930, members=PEOPLE)
    assert result.exclusion_of("hired") == Refusal(
        "body.meeting.electorate",
        "hired is a member of the category hired worker; only members in good standing of the "
        "category colonist vote in the General meeting",
    )
    assert [e.person for e in result.excluded] == ["hired", "staff"]
    assert result.exclusion_of("ada") is None


def test_a_meeting_that_names_no_electorate_counts_every_member_in_good_standing():
    result = electorate(coop(), body="meeting", as_of=MARCH_1930, members=PEOPLE)
    assert result.total == 5
    assert result.excluded == ()


def test_a_member_gone_before_the_day_is_neither_voter_nor_excluded():
    gone = Member("gone", dt.date(1929, 1, 1), left=dt.date(1930, 1, 1), category=HIRED)
    result = electorate(colonists_only(), body="meeting", as_of=MARCH_1930, members=[gone])
    assert (result.total, result.excluded) == (0, ())


def test_a_proxy_given_by_a_hired_worker_is_refused_under_the_electorate_clause():
    proxy = Proxy("hired", "ada", "meeting", MARCH_1930)
    result = electorate(
        colonists_only(), body="meeting", as_of=MARCH_1930, members=PEOPLE, proxies=[proxy]
    )
    assert weights(result)["ada"] == 1
    assert [r.rule for r in result.refused] == ["body.meeting.electorate"]
    assert result.refused[0].reason.startswith("hired is a member of the category hired worker")


def test_a_proxy_given_to_a_hired_worker_is_refused_under_the_electorate_clause():
    proxy = Proxy("ada", "hired", "meeting", MARCH_1930)
    result = electorate(
        colonists_only(), body="meeting", as_of=MARCH_1930, members=PEOPLE, proxies=[proxy]
    )
    assert "hired" not in result
    assert weights(result)["ada"] == 1
    assert [r.rule for r in result.refused] == ["body.meeting.electorate"]


def test_the_electorate_is_part_of_the_clause_when_versions_are_compared():
    assert coop().body("meeting") != colonists_only().body("meeting")


def test_the_colonys_mass_meeting_is_the_colonists_in_both_versions():
    people = [
        Member("colonist", dt.date(1922, 1, 1), category=COLONIST),
        Member("hired", dt.date(1922, 1, 1), category=HIRED),
        Member("sto", dt.date(1922, 1, 1), category=MemberCategory.AUTHORITY_STAFF),
        Member("aoc", dt.date(1922, 1, 1), category=MemberCategory.BUREAU_STAFF),
    ]
    for day in (dt.date(1922, 8, 1), dt.date(1923, 1, 1)):
        statute = statute_as_of(colony_history(), day)
        result = electorate(statute, body="general-meeting", as_of=day, members=people)
        assert weights(result) == {"colonist": 1}
        assert [e.person for e in result.excluded] == ["hired", "sto", "aoc"]


def test_a_member_with_a_second_membership_in_the_electorate_keeps_the_vote():
    both = [
        Member("reese", dt.date(1930, 1, 1), category=MemberCategory.BUREAU_STAFF),
        Member("reese", dt.date(1930, 2, 1), category=COLONIST),
    ]
    result = electorate(colonists_only(), body="meeting", as_of=MARCH_1930, members=both)
    assert (weights(result), result.excluded) == ({"reese": 1}, ())


@settings(max_examples=200, deadline=None)
@given(
    named=st.sets(st.sampled_from(list(MemberCategory)), min_size=1),
    categories=st.lists(st.sampled_from(list(MemberCategory)), max_size=12),
)
def test_every_member_in_good_standing_is_either_a_voter_or_excluded_by_category(named, categories):
    statute = load_statute_text(
        COOP.replace(
            'kind = "general_meeting"\n',
            f'kind = "general_meeting"\nelectorate = {sorted(c.value for c in named)!r}\n'.replace(
                "'", '"'
            ),
            1,
        ),
        file="coop.toml",
    )
    people = [Member(f"p{i:02}", dt.date(1930, 1, 1), category=c) for i, c in enumerate(categories)]

    result = electorate(statute, body="meeting", as_of=MARCH_1930, members=people)

    voters = {p.person for p in people if p.category in named}
    assert set(weights(result)) == voters
    assert {e.person for e in result.excluded} == {p.person for p in people} - voters
    assert all(e.refusal.rule == "body.meeting.electorate" for e in result.excluded)

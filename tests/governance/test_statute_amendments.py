"""The statute changes only through itself: a cooperative's general meeting amends its statute
by two thirds, and by three quarters where the amendment touches an entrenched clause."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.core.errors import Invalid, NotNow
from kuzbas.governance import statutes
from kuzbas.governance.models import Motion, StatuteAmendment, StatuteVersion
from kuzbas.governance.register import verify_register
from kuzbas.governance.services import amendments
from tests.governance.coop import (
    ADMISSION_BY_BOARD,
    BOARD_OF_SEVEN,
    MEETING,
    PROPOSED,
    proposal,
    vote,
)


def test_a_carried_amendment_adopts_the_version_from_its_day(coop):
    members, chair = coop
    amendment = amendments.propose(
        actor=members[0], text=proposal(replace=BOARD_OF_SEVEN), file="v2.toml", as_of=PROPOSED
    )
    motion = amendment.motion
    assert motion.body.key == "general-meeting"
    # A body's clause holds its seats, so changing a seat changes the body too.
    changes = amendments.changes_of(amendment)
    assert [c.rule for c in changes] == ["body.board", "seat.board.member"]
    seat_change = changes[1]
    assert "  count = 5" in seat_change.before and "  count = 7" in seat_change.after

    decision = vote(members, chair, motion, yes=8, no=4)  # two thirds of the votes cast

    assert decision.outcome == "carried"
    adopted = StatuteVersion.objects.get(version="2")
    assert decision.payload["act"] == {
        "kind": "statute_adopted",
        "statute": "cooperative",
        "version": "2",
        "amends": "1",
        "effective": "2026-04-01",
        "hash": adopted.content_hash,
    }
    assert adopted.effective == dt.date(2026, 4, 1)
    assert "[amendment]" in adopted.text
    assert "votes = { yes = 8, no = 4, abstain = 0 }" in adopted.text
    StatuteAmendment.objects.get(adopted=adopted)
    history = statutes.stored_history()
    assert [v.version for v in history.versions] == ["1", "2"]
    assert history.current.body("board").seats[0].count == 7
    assert statutes.version_in_force(dt.date(2026, 3, 31)).version == "1"
    assert statutes.version_in_force(dt.date(2026, 4, 1)).version == "2"
    assert verify_register().ok


def test_a_vote_taken_after_the_proposed_day_takes_effect_the_next_day(coop):
    members, chair = coop
    amendment = amendments.propose(
        actor=members[0],
        text=proposal(replace=BOARD_OF_SEVEN, effective="2026-03-10"),
        file="v2.toml",
        as_of=PROPOSED,
    )
    vote(members, chair, amendment.motion, yes=9, no=3)
    assert StatuteVersion.objects.get(version="2").effective == MEETING + dt.timedelta(days=1)


def test_an_amendment_that_fails_its_vote_changes_nothing(coop):
    members, chair = coop
    amendment = amendments.propose(
        actor=members[0], text=proposal(replace=BOARD_OF_SEVEN), file="v2.toml", as_of=PROPOSED
    )
    decision = vote(members, chair, amendment.motion, yes=7, no=5)  # short of two thirds
    assert decision.outcome == "failed"
    assert "act" not in decision.payload
    assert list(StatuteVersion.objects.values_list("version", flat=True)) == ["1"]


def test_an_entrenched_clause_needs_its_own_majority(coop):
    members, chair = coop
    amendment = amendments.propose(
        actor=members[0], text=proposal(replace=ADMISSION_BY_BOARD), file="v2.toml", as_of=PROPOSED
    )
    [change] = amendments.changes_of(amendment)
    assert change.rule == "matter.admission" and change.entrenched is not None

    decision = vote(members, chair, amendment.motion, yes=8, no=4)  # two thirds, not three quarters

    assert decision.outcome == "failed"
    assert "entrenched.matter.admission" in decision.arithmetic
    assert "at least three quarters" in decision.arithmetic
    assert list(StatuteVersion.objects.values_list("version", flat=True)) == ["1"]


def test_an_entrenched_clause_changes_with_three_quarters(coop):
    members, chair = coop
    amendment = amendments.propose(
        actor=members[0], text=proposal(replace=ADMISSION_BY_BOARD), file="v2.toml", as_of=PROPOSED
    )
    decision = vote(members, chair, amendment.motion, yes=9, no=3)
    assert decision.outcome == "carried"
    assert statutes.stored_history().current.matter("admission").competent == "board"
    assert verify_register().ok


def _refused(coop, text: str) -> Invalid:
    members, _chair = coop
    before = (Motion.objects.count(), StatuteAmendment.objects.count())
    with pytest.raises(Invalid) as refused:
        amendments.propose(actor=members[0], text=text, file="v2.toml", as_of=PROPOSED)
    assert (Motion.objects.count(), StatuteAmendment.objects.count()) == before
    return refused.value


def test_a_proposal_with_problems_is_refused_with_their_lines(coop):
    text = proposal(replace=BOARD_OF_SEVEN).replace('majority = "two_thirds"', 'majority = "most"')
    problems = _refused(coop, text).problems
    line = text.splitlines().index('majority = "most"') + 1
    assert any(p.line == line and p.field == "v2.toml" for p in problems)


def test_a_proposal_must_amend_the_version_in_force_and_leave_the_record_to_the_register(coop):
    wrong = proposal(replace=BOARD_OF_SEVEN).replace('amends = "1"', 'amends = "0"')
    [problem] = _refused(coop, wrong).problems
    assert problem.line == wrong.splitlines().index('amends = "0"') + 1
    recorded = proposal(replace=BOARD_OF_SEVEN) + (
        '\n[amendment]\nadopted_by = "general-meeting"\nmatter = "statute_amendment"\n'
        "adopted_on = 2026-03-20\n"
    )
    assert "[amendment]" in _refused(coop, recorded).problems[0].message
    past = proposal(replace=BOARD_OF_SEVEN, effective="2026-03-01")
    assert "after the day it is proposed" in _refused(coop, past).problems[0].message
    same_label = proposal(replace=BOARD_OF_SEVEN, version="1")
    assert _refused(coop, same_label).problems


def test_no_proposal_while_an_adopted_version_waits_for_its_day(coop):
    members, chair = coop
    amendment = amendments.propose(
        actor=members[0], text=proposal(replace=BOARD_OF_SEVEN), file="v2.toml", as_of=PROPOSED
    )
    vote(members, chair, amendment.motion, yes=9, no=3)
    with pytest.raises(NotNow) as refused:
        amendments.propose(
            actor=members[0],
            text=proposal(replace=ADMISSION_BY_BOARD, version="3"),
            file="v3.toml",
            as_of=MEETING,
        )
    assert refused.value.rule == "amendment.pending"


def test_of_two_rival_proposals_the_second_to_carry_fails(coop):
    members, chair = coop
    first = amendments.propose(
        actor=members[0], text=proposal(replace=BOARD_OF_SEVEN), file="a.toml", as_of=PROPOSED
    )
    second = amendments.propose(
        actor=members[1],
        text=proposal(replace=('id = "board"', "count = 5", "count = 9"), version="2b"),
        file="b.toml",
        as_of=PROPOSED,
    )
    assert vote(members, chair, first.motion, yes=9, no=3).outcome == "carried"
    decision = vote(members, chair, second.motion, yes=12, no=0)
    assert decision.outcome == "failed"
    assert "amendment.previous" in decision.arithmetic
    assert list(StatuteVersion.objects.values_list("version", flat=True)) == ["1", "2"]


def test_verify_finds_an_adopted_text_changed_behind_the_register(coop):
    members, chair = coop
    amendment = amendments.propose(
        actor=members[0], text=proposal(replace=BOARD_OF_SEVEN), file="v2.toml", as_of=PROPOSED
    )
    decision = vote(members, chair, amendment.motion, yes=9, no=3)
    assert verify_register().ok
    adopted = StatuteVersion.objects.get(version="2")
    StatuteVersion.objects.filter(pk=adopted.pk).update(text=adopted.text.replace("7", "8", 1))
    report = verify_register()
    assert not report.ok and report.first_bad.sequence == decision.sequence
    assert "statute version 2" in report.first_bad.reason

"""Statute files that must be refused, each with the exact words a user needs to fix them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuzbas.statute import StatuteInvalid, check_file, load_statute
from tests.statute.examples import BAD

# file -> every line `kuzbas statute check` prints for it, before the closing count.
EXPECTED = {
    "absolute_majority_of_votes_cast.toml": [
        ':11: an absolute majority is counted against all members: write base = "members", '
        'or choose majority = "simple" to count against the votes cast [procedure.majority]',
    ],
    "appeal_cycle.toml": [
        ":38: appeals go round in a circle (General meeting → Board → General meeting); an "
        "appeal must end at a body whose decisions cannot be appealed further [appeal.cycle]",
    ],
    "casting_vote_without_ties.toml": [
        ":11: a tie can only arise under a simple majority of the votes cast with abstentions "
        'excluded; use tie = "fails" with this majority [procedure.tie]',
    ],
    "duplicate_matter.toml": [
        ':23: matter "admission" is defined twice (first at line 17) [id.duplicate]',
    ],
    "electorate_empty.toml": [
        ":12: electorate = [] leaves nobody a vote; name the categories of membership that "
        "vote, or leave the key out for every member in good standing [body.electorate]",
    ],
    "electorate_unknown_category.toml": [
        ':12: electorate cannot name "colonists" (did you mean "colonist"?): the categories of '
        "membership are colonist, hired_worker, authority_staff, bureau_staff, other "
        "[value.choice]",
        ":19: only a general meeting names its electorate by category of membership; the "
        "Board is a board, whose votes follow its seats [body.electorate]",
    ],
    "entrenched_clause_unknown.toml": [
        ':24: clause "matter.admision" is not a rule of this statute (did you mean '
        '"matter.amendment"?); write a rule id such as "matter.technical" or "appeal.to_sto" '
        "[entrenched.clause]",
    ],
    "entrenchment_too_weak.toml": [
        ":30: an entrenched clause must need more than an ordinary amendment, which already "
        "needs at least two thirds of the votes cast; this asks for more than half of the votes "
        "cast [entrenched.majority]",
    ],
    "live_counts_of_a_secret_ballot.toml": [
        ":11: running totals would let anyone watching them as a member votes learn the "
        "choice, which a secret ballot forbids; remove live_counts or choose another ballot "
        "[procedure.live_counts]",
    ],
    "many_problems.toml": [
        ':11: "kind" cannot be "general_meting" (did you mean "general_meeting"?); write one '
        "of: general_meeting, board, committee, bureau, office, joint, outside_authority "
        "[value.choice]",
        ':12: procedure = "show_of_hand": the statute defines no procedure "show_of_hand" '
        '(did you mean "show_of_hands"?) [ref.unresolved]',
        ':16: the quorum\'s share must be a fraction above 0 and at most 1, like "1/2", '
        'not "3/2" [procedure.quorum]',
        ':21: to = "court": the statute defines no body "court" [ref.unresolved]',
        ':22: "within_days" must be a whole number of at least 1, not 0 [value.type]',
    ],
    "missing_statute_table.toml": [
        ":1: the file needs a [statute] table [key.missing]",
    ],
    "misspelt_key.toml": [
        ':17: matter "admission" has no competent body: add competent = "<body id>" '
        "[matter.competent]",
        ':20: unknown key "competant" in [[matter]] (did you mean "competent"?) [key.unknown]',
    ],
    "no_procedure.toml": [
        ':22: the Board decides "technical" but no procedure says how: add procedure = "<id>" '
        "here or to the body [matter.procedure]",
    ],
    "seat_cannot_be_filled.toml": [
        ":17: seat board.member is filled by election but names no election: add matter = "
        '"<id of a matter of kind election>" [seat.fill]',
    ],
    "source_missing.toml": [
        ':21: matter "admission" has neither "source" nor "assumption"; this statute requires '
        "every clause to cite its source or say that it is an assumption [source.missing]",
    ],
    "syntax_error.toml": [
        ":4: not valid TOML: a text in quotes is not closed before the end of the line "
        "[toml.syntax]",
    ],
    "transfer_ends_before_it_starts.toml": [
        ":27: the transfer ends (1931-01-01) before it starts (1931-06-01) [transfer.period]",
    ],
    "transfer_of_a_vote_not_held.toml": [
        ':42: the General meeting is not competent for "technical", so it has no vote in it to '
        "transfer [transfer.matter]",
    ],
    "two_competent_bodies.toml": [
        ":33: a matter has exactly one competent body, but 2 are given (board, meeting); name "
        'one, and list the others under "concurrence" if their agreement is also needed '
        "[matter.competent]",
    ],
    "unknown_body.toml": [
        ':26: competent = "managing_bord": the statute defines no body "managing_bord" (did you '
        'mean "managing_board"?) [ref.unresolved]',
    ],
    "unknown_majority.toml": [
        ':10: "majority" cannot be "two-thirds" (did you mean "two_thirds"?); write one of: '
        'simple, absolute, two_thirds, three_quarters, unanimity, or a fraction such as "3/5" '
        "[procedure.majority]",
    ],
}


def test_every_bad_statute_has_its_expected_messages_written_down():
    assert sorted(p.name for p in BAD.glob("*.toml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_it_refuses_the_bad_statute_with_every_problem_at_its_line(name):
    path = BAD / name
    report = check_file(path)
    assert [str(p) for p in report.problems] == [f"{path}{line}" for line in EXPECTED[name]]
    assert not report.ok


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_bad_statute_never_loads(name):
    with pytest.raises(StatuteInvalid) as refused:
        load_statute(BAD / name)
    assert len(refused.value.problems) == len(EXPECTED[name])


def test_the_refusal_carries_file_line_and_rule_for_the_api():
    with pytest.raises(StatuteInvalid) as refused:
        load_statute(BAD / "unknown_body.toml")
    problem = refused.value.details()["problems"][0]
    assert problem == {
        "file": str(Path(BAD / "unknown_body.toml")),
        "line": 26,
        "rule": "ref.unresolved",
        "message": 'competent = "managing_bord": the statute defines no body "managing_bord" '
        '(did you mean "managing_board"?)',
    }

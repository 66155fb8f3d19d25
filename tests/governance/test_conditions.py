"""A statute's condition recorded as met by the body it names: the transfer that waited on it
ends that day. The demo stays as history has it; the condition is met here in a copy."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.actor import Operator
from kuzbas.core.errors import Conflict, RefusedByStatute
from kuzbas.demo.loader import load_demo
from kuzbas.governance.conditions import conditions_met, met_conditions
from kuzbas.governance.models import Decision, Motion
from kuzbas.governance.services import appeals, conditions, decisions, statute_book
from kuzbas.governance.voters import electorate_on
from kuzbas.statute import Competence, Refusal
from tests.governance.conftest import sitter, trace
from tests.statute.examples import DEMO_STATUTES

pytestmark = pytest.mark.django_db

FORMED = "management_organisation_formed"
MET_ON = dt.date(1923, 6, 1)
DAY_BEFORE = MET_ON - dt.timedelta(days=1)


@pytest.fixture
def copy_of_the_demo(db):
    """A test database with the demo loaded: what is recorded here is not the demo's."""
    load_demo(actor=Operator("test"))


def board_election_in_the_meeting(as_of: dt.date):
    return statute_book.admissibility(matter="board_election", body="general-meeting", as_of=as_of)


def sto_records_the_condition(on: dt.date = MET_ON) -> Decision:
    operator = Operator("test")
    motion = conditions.file_condition_met(actor=operator, condition=FORMED, body="sto", as_of=on)
    return decisions.record_counted_vote(
        actor=operator, motion=motion, yes=1, no=0, abstain=0, present=1, decided_on=on
    )


def test_the_demo_stays_historical_the_colony_never_regains_its_vote(copy_of_the_demo):
    later = dt.date(1926, 1, 1)

    assert conditions_met(later) == {}
    refused = board_election_in_the_meeting(later)
    assert isinstance(refused, Refusal)
    assert refused.rule == "transfer.colony_vote_on_board"


def test_the_body_the_condition_names_records_it_met_by_a_decision(copy_of_the_demo):
    decision = sto_records_the_condition()

    assert decision.payload["proposal"] == {"kind": "condition_met", "condition": FORMED}
    assert decision.rule == f"condition.{FORMED}"
    assert met_conditions(MET_ON) == {FORMED: decision}
    assert AuditEntry.objects.filter(action="governance.condition.met").count() == 1


def test_the_vote_goes_back_to_the_meeting_on_the_day_the_condition_is_met(copy_of_the_demo):
    sto_records_the_condition()

    assert isinstance(board_election_in_the_meeting(MET_ON), Competence)
    assert isinstance(board_election_in_the_meeting(DAY_BEFORE), Refusal)
    before = electorate_on(
        statute_book.statute_history().versions[-1],
        body="general-meeting",
        matter="board_election",
        as_of=DAY_BEFORE,
    )
    after = electorate_on(
        statute_book.statute_history().versions[-1],
        body="general-meeting",
        matter="board_election",
        as_of=MET_ON,
    )
    assert before.transferred_to == "sto"
    assert after.transferred_to == ""
    assert after.total > 1


def test_it_refuses_the_condition_recorded_by_another_body_and_stores_nothing(copy_of_the_demo):
    before = trace()

    with pytest.raises(RefusedByStatute) as refused:
        conditions.file_condition_met(
            actor=Operator("test"), condition=FORMED, body="managing-board", as_of=MET_ON
        )

    assert refused.value.rule == f"condition.{FORMED}"
    assert "not the Managing Board" in refused.value.message
    assert trace() == before


def test_it_refuses_a_condition_the_statute_does_not_know(copy_of_the_demo):
    with pytest.raises(RefusedByStatute) as refused:
        conditions.file_condition_met(
            actor=Operator("test"), condition="roll_ready", body="sto", as_of=MET_ON
        )

    assert refused.value.rule == "condition.unknown"


def test_a_condition_is_met_once(copy_of_the_demo):
    sto_records_the_condition()

    with pytest.raises(Conflict) as conflict:
        conditions.file_condition_met(
            actor=Operator("test"), condition=FORMED, body="sto", as_of=MET_ON
        )

    assert "1923-06-01" in conflict.value.message


def test_a_failed_motion_meets_no_condition(copy_of_the_demo):
    operator = Operator("test")
    motion = conditions.file_condition_met(
        actor=operator, condition=FORMED, body="sto", as_of=MET_ON
    )
    decisions.record_counted_vote(
        actor=operator, motion=motion, yes=0, no=1, abstain=0, present=1, decided_on=MET_ON
    )

    assert conditions_met(MET_ON) == {}


def test_the_api_lists_the_conditions_and_when_each_was_met(copy_of_the_demo, colonist):
    decision = sto_records_the_condition()

    before = colonist.client.get("/api/governance/conditions", {"on": "1923-05-31"}).json()
    after = colonist.client.get("/api/governance/conditions", {"on": "1923-06-01"}).json()

    assert before == [
        {
            "id": FORMED,
            "description": before[0]["description"],
            "rule": f"condition.{FORMED}",
            "recorded_by": "sto",
            "met_on": None,
            "decision": None,
        }
    ]
    assert (after[0]["met_on"], after[0]["decision"]) == ("1923-06-01", decision.sequence)


def test_the_api_files_the_motion_with_the_body_the_condition_names(
    copy_of_the_demo, colonist, settings
):
    settings.KUZBAS_TODAY = MET_ON

    response = colonist.client.post(
        f"/api/governance/conditions/{FORMED}/motions", {}, content_type="application/json"
    )
    unknown = colonist.client.post(
        "/api/governance/conditions/roll_ready/motions", {}, content_type="application/json"
    )

    assert response.status_code == 201
    assert response.json()["body"] == "sto"
    assert (unknown.status_code, unknown.json()["rule"]) == (409, "condition.unknown")


def test_the_entry_page_says_which_condition_it_records_as_met(copy_of_the_demo, colonist):
    decision = sto_records_the_condition()

    text = colonist.client.get(f"/governance/register/{decision.sequence}/").content.decode()

    assert f"condition “{FORMED}” as met on 1 June 1923" in text


def test_the_statute_page_says_the_condition_a_transfer_waits_on_was_met(
    copy_of_the_demo, colonist, settings
):
    decision = sto_records_the_condition()
    settings.KUZBAS_TODAY = MET_ON

    text = colonist.client.get("/governance/statute/1922-10/").content.decode()

    mark = text.split(f'data-testid="met-{FORMED}"')[1].split("</mark>")[0]
    assert "met on 1 June 1923" in mark
    assert f'href="/governance/register/{decision.sequence}/"' in mark


def test_the_demo_statute_page_shows_the_condition_unmet(copy_of_the_demo, colonist):
    text = colonist.client.get("/governance/statute/1922-10/").content.decode()

    assert FORMED in text
    assert f'data-testid="met-{FORMED}"' not in text


def test_a_member_moves_from_the_statute_page_that_the_condition_is_met(
    copy_of_the_demo, colonist, settings
):
    settings.KUZBAS_TODAY = MET_ON
    page = colonist.client.get("/governance/statute/").content.decode()

    response = colonist.client.post(f"/governance/statute/conditions/{FORMED}/motion/")

    assert f'data-testid="condition-motion-{FORMED}"' in page
    motion = Motion.objects.get(proposal__kind="condition_met")
    assert (motion.body.key, motion.proposal["condition"]) == ("sto", FORMED)
    assert response["Location"] == f"/governance/motions/{motion.number}/"


def test_the_statute_page_refuses_an_unknown_condition_with_its_words(
    copy_of_the_demo, colonist, settings
):
    settings.KUZBAS_TODAY = MET_ON

    response = colonist.client.post(
        "/governance/statute/conditions/roll_ready/motion/", follow=True
    )

    assert "knows no condition" in response.content.decode()
    assert not Motion.objects.filter(proposal__kind="condition_met").exists()


def test_a_condition_met_by_a_decision_suspended_on_appeal_is_not_met_meanwhile(db):
    """In a copy where the Managing Board records the condition and an appeal to the STO
    suspends: while the appeal is heard the transfer runs on; dismissed, the condition is met
    from the day of the Board's decision."""
    operator = Operator("test")
    statute_book.load_statute_version(actor=operator, path_or_text=DEMO_STATUTES / "aick-1921.toml")
    text = (DEMO_STATUTES / "aick-1922-10.toml").read_text(encoding="utf-8")
    text = text.replace("suspends = false", "suspends = true").replace(
        'id = "management_organisation_formed"',
        'id = "management_organisation_formed"\nmet_by = "managing-board"',
    )
    statute_book.load_statute_version(actor=operator, path_or_text=text, file="aick-1922-10.toml")
    for key, path in [("a", "colony"), ("b", "colony"), ("c", "sto_representative")]:
        sitter(key, f"managing-board.{path}")
    motion = conditions.file_condition_met(actor=operator, condition=FORMED, as_of=MET_ON)
    met = decisions.record_counted_vote(
        actor=operator, motion=motion, yes=2, no=1, abstain=0, present=3, decided_on=MET_ON
    )
    appeal = appeals.file_appeal(
        actor=operator, decision=met, to_body="sto", filed_on=MET_ON + dt.timedelta(days=3)
    )

    assert motion.body.key == "managing-board"
    assert conditions_met(MET_ON + dt.timedelta(days=5)) == {}
    decisions.record_counted_vote(
        actor=operator,
        motion=appeal.motion,
        yes=0,
        no=1,
        abstain=0,
        present=1,
        decided_on=MET_ON + dt.timedelta(days=10),
    )
    assert conditions_met(MET_ON + dt.timedelta(days=10)) == {FORMED: MET_ON}

"""The demo's register opens with the October 1922 decision, as footnote 7 tells it."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.core.actor import Operator
from kuzbas.core.rights import Role, roles_of
from kuzbas.demo.loader import load_demo
from kuzbas.governance.models import Decision, SeatHolding, StatuteVersion
from kuzbas.governance.register import verify_register
from kuzbas.governance.services import statute_book
from kuzbas.members.models import User
from kuzbas.statute import Refusal

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    load_demo(actor=Operator("test"))


@pytest.fixture
def october_1922(demo) -> Decision:
    return Decision.objects.select_related("motion", "motion__body").get(sequence=1)


def test_the_demo_loads_both_statute_versions(demo):
    assert list(StatuteVersion.objects.values_list("version", flat=True)) == ["1921", "1922-10"]


def test_the_october_1922_decision_carried_3_to_2_in_the_joint_meeting(october_1922):
    assert october_1922.outcome == "carried"
    assert october_1922.decided_on == dt.date(1922, 10, 31)
    assert october_1922.motion.body.key == "joint-sitting"
    assert october_1922.counts["yes"] == "3"
    assert october_1922.counts["no"] == "2"
    assert october_1922.counts["present"] == "5"


def test_the_decision_names_who_voted_how(october_1922):
    named = {n["person"]: n["choice"] for n in october_1922.payload["named"]}

    assert named == {
        "rutgers": "yes",
        "shatov": "yes",
        "reese": "yes",
        "haywood": "no",
        "schuyler": "no",
    }


def test_the_decision_cites_the_rule_and_the_1921_statute_that_authorised_it(october_1922):
    assert october_1922.rule == "matter.statute_amendment"
    assert october_1922.payload["procedure"] == "procedure.joint_sitting_vote"
    assert october_1922.statute_hash == StatuteVersion.objects.get(version="1921").content_hash


def test_the_decision_is_cited_to_the_sources_of_footnote_7(october_1922):
    keys = set(october_1922.citations.values_list("source__key", flat=True))

    assert {"istoricheskii-arkhiv-1961-2", "galkina-2011", "morray-1983"} <= keys


def test_every_seat_holding_cites_a_source_or_says_it_is_illustrative(demo):
    uncited = [str(h) for h in SeatHolding.objects.all() if not h.citations.exists()]

    assert uncited == []


def test_the_demo_register_verifies(demo):
    report = verify_register()

    assert report.ok
    assert report.count == 1


def test_the_mass_meeting_could_not_decide_the_mine_pumps_in_1923(demo):
    answer = statute_book.admissibility(
        matter="technical", body="general-meeting", as_of=dt.date(1923, 5, 1)
    )

    assert isinstance(answer, Refusal)
    assert "the Managing Board decides it" in answer.reason


def test_shatov_is_the_stos_representative_by_his_seat_not_by_a_grant(demo):
    shatov = User.objects.get(username="shatov")

    assert not shatov.role_grants.exists()
    assert Role.AUTHORITY_REP in roles_of(shatov, dt.date(1922, 10, 1))
    assert Role.AUTHORITY_REP in roles_of(shatov, dt.date(1923, 5, 1))

"""The governance pages a member walks: the statute, the explorer, a motion, the register."""

import pytest

from kuzbas.core.actor import Operator
from kuzbas.demo.loader import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def colony(db):
    load_demo(actor=Operator("test"))


def test_the_explorer_says_the_mass_meeting_could_not_choose_mine_pumps_in_1923(colony, colonist):
    response = colonist.client.get(
        "/governance/who-decides/",
        {"matter": "technical", "on": "1923-05-01", "body": "general-meeting"},
        headers={"HX-Request": "true", "HX-Target": "answer"},
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in text
    assert "matter.technical" in text
    assert "the Managing Board decides it" in text


def test_the_explorer_says_the_mass_meeting_decided_technical_matters_in_1922(colony, colonist):
    response = colonist.client.get(
        "/governance/who-decides/", {"matter": "technical", "on": "1922-05-01"}
    )

    assert response.status_code == 200
    assert "answer competent" in response.content.decode()


def test_the_explorer_names_a_bad_date_instead_of_failing(colony, colonist):
    response = colonist.client.get(
        "/governance/who-decides/", {"matter": "technical", "on": "1923-02-30"}
    )

    assert response.status_code == 200
    assert b"Enter a valid date" in response.content


def test_the_statute_page_shows_both_versions_and_the_diff_names_changed_clauses(colony, colonist):
    statute = colonist.client.get("/governance/statute/1922-10/")
    diff = colonist.client.get("/governance/statute/diff/", {"from": "1921", "to": "1922-10"})

    assert statute.status_code == diff.status_code == 200
    assert b"Managing Board" in statute.content
    assert b'href="/governance/statute/1921/"' in statute.content
    assert b'class="added"' in diff.content
    assert b"<code>body.managing-board" in diff.content


def test_an_unknown_statute_version_is_a_helpful_404(colony, colonist):
    response = colonist.client.get("/governance/statute/1930/")

    assert response.status_code == 404
    assert "There is no statute version “1930”".encode() in response.content


def test_the_october_1922_decision_shows_who_voted_how_and_its_sources(colony, colonist):
    response = colonist.client.get("/governance/register/1/")

    text = response.content.decode()
    assert response.status_code == 200
    assert 'href="/members/haywood/"' in text
    assert "91-93" in text
    assert "yes 3, no 2" in text


def test_the_register_page_reports_the_chain_verified(colony, colonist):
    response = colonist.client.get("/governance/register/")

    assert b"Chain verified" in response.content


def test_a_colonist_may_not_open_a_vote(colony, colonist):
    response = colonist.client.post("/governance/motions/1/open/")

    assert response.status_code == 403


@pytest.fixture
def pumps_motion(colony, settings):
    import datetime as dt

    from kuzbas.governance.services import motions

    settings.KUZBAS_TODAY = dt.date(1923, 5, 1)
    return motions.file_motion(
        actor=Operator("test"),
        title="Choice of mine pumps",
        text="Two pumps for the flooded shaft.",
        matter="technical",
        body="managing-board",
        as_of=dt.date(1923, 5, 1),
    )


def test_a_director_records_a_counted_vote_and_it_enters_the_register(pumps_motion, personas):
    response = personas["director"].client.post(
        f"/governance/motions/{pumps_motion.number}/count/",
        {"yes": 2, "no": 1, "abstain": 0, "present": 3},
    )

    pumps_motion.refresh_from_db()
    assert response.status_code == 302
    assert pumps_motion.status == "carried"
    assert pumps_motion.decision.sequence == 2


def test_a_count_with_more_votes_than_present_is_refused_with_the_reason(pumps_motion, personas):
    client = personas["director"].client

    response = client.post(
        f"/governance/motions/{pumps_motion.number}/count/",
        {"yes": 5, "no": 1, "abstain": 0, "present": 3},
        follow=True,
    )

    pumps_motion.refresh_from_db()
    assert pumps_motion.status == "filed"
    assert b"more votes" in response.content


def test_a_colonist_appeals_the_board_decision_to_the_sto(pumps_motion, personas):
    from kuzbas.governance.services import decisions

    decision = decisions.record_counted_vote(
        actor=Operator("test"),
        motion=pumps_motion,
        yes=2,
        no=1,
        abstain=0,
        present=3,
        decided_on=pumps_motion.filed_on,
    )

    response = personas["colonist"].client.post(
        f"/governance/register/{decision.sequence}/appeal/", {"to_body": "sto"}
    )

    appeal = decision.appeals.get()
    assert response.status_code == 302
    assert response["Location"] == f"/governance/motions/{appeal.motion.number}/"
    assert appeal.to_body.key == "sto"


def test_the_statute_page_says_who_votes_in_the_mass_meeting(colony, colonist):
    response = colonist.client.get("/governance/statute/1921/")

    text = response.content.decode()
    assert 'data-testid="electorate-general-meeting"' in text
    assert "body.general-meeting.electorate" in text
    assert "does not say who could vote there" in text  # the clause's assumption

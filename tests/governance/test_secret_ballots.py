"""A secret vote records that a member voted, never how; anyone can check a receipt."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.apps import apps
from django.db import connection

from kuzbas.audit.models import AuditEntry
from kuzbas.core.actor import Operator
from kuzbas.core.errors import Conflict, Invalid
from kuzbas.governance.models import Participation, SealedPaper, Seat, SecretBallot
from kuzbas.governance.services import ballots, decisions, motions, statute_book
from tests.factories import PersonFactory, SeatHoldingFactory, UserFactory
from tests.statute.examples import COOP

pytestmark = pytest.mark.django_db
DAY = dt.date(1930, 3, 1)
SECRET_COOP = COOP.replace('ballot = "named"\ntie = "chair_decides"', 'ballot = "secret"')


@pytest.fixture
def board(db, settings):
    settings.KUZBAS_TODAY = DAY
    statute_book.load_statute_version(
        actor=Operator("test"), path_or_text=SECRET_COOP, file="coop.toml"
    )
    voters = {}
    for key, seat_key in (("anna", "chair"), ("boris", "member"), ("vera", "member")):
        person = PersonFactory(key=key, name_latin=key.capitalize())
        SeatHoldingFactory(
            person=person,
            seat=Seat.objects.get(body__key="board", key=seat_key),
            valid_from=dt.date(1930, 1, 1),
        )
        voters[key] = UserFactory(username=key, person=person)
    return voters


@pytest.fixture
def secret_vote(board):
    motion = motions.file_motion(
        actor=board["anna"],
        title="New winding engine",
        text="",
        matter="technical",
        body="board",
        as_of=DAY,
    )
    return ballots.open_vote(actor=board["anna"], motion=motion, as_of=DAY)


def _cast_all(board, motion):
    choices = {"anna": "yes", "boris": "no", "vera": "yes"}
    return {
        key: ballots.cast_ballot(actor=board[key], motion=motion, choice=choice).receipt
        for key, choice in choices.items()
    }


def test_a_secret_vote_is_counted_from_the_ballot_box(board, secret_vote):
    _cast_all(board, secret_vote)

    decision = decisions.close_vote(actor=board["anna"], motion=secret_vote, as_of=DAY)

    assert decision.outcome == "carried"
    assert (decision.counts["yes"], decision.counts["no"]) == ("2", "1")
    assert "named" not in decision.payload


def test_no_table_links_a_member_to_a_choice(board, secret_vote):
    receipts = _cast_all(board, secret_vote)
    decisions.close_vote(actor=board["anna"], motion=secret_vote, as_of=DAY)
    voter_keys = set(board)

    for model in apps.get_models():
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                text = json.dumps(dict(zip(columns, map(str, row), strict=True)))
                holds_receipt = any(r in text for r in receipts.values())
                names_voter = any(f'"{v}"' in text for v in voter_keys) or (
                    table == Participation._meta.db_table
                )
                assert not (holds_receipt and names_voter), (table, text)
    assert [f.name for f in SecretBallot._meta.fields] == ["receipt", "motion", "choice", "weight"]


def test_the_audit_trail_records_that_members_voted_but_not_how(board, secret_vote):
    _cast_all(board, secret_vote)

    entries = AuditEntry.objects.filter(action="governance.ballot.cast")

    assert sorted(e.changes["voter"] for e in entries) == ["anna", "boris", "vera"]
    assert all("choice" not in e.changes for e in entries)


def test_a_second_secret_ballot_is_refused_and_leaves_no_trace(board, secret_vote):
    ballots.cast_ballot(actor=board["anna"], motion=secret_vote, choice="yes")

    with pytest.raises(Conflict):
        ballots.cast_ballot(actor=board["anna"], motion=secret_vote, choice="no")

    assert SealedPaper.objects.count() == Participation.objects.count() == 1


def test_receipts_are_published_when_the_vote_closes_and_not_before(board, secret_vote, client):
    receipts = _cast_all(board, secret_vote)
    client.force_login(board["boris"])
    url = f"/governance/motions/{secret_vote.number}/"

    during = client.get(url).content.decode()
    decisions.close_vote(actor=board["anna"], motion=secret_vote, as_of=DAY)
    after = client.get(url).content.decode()

    assert receipts["boris"] not in during
    assert receipts["boris"] in after
    assert "anna" not in after.split('data-testid="receipts"')[1].split("</table>")[0]


def test_the_api_answers_a_secret_ballot_with_its_receipt_and_nothing_else(
    board, secret_vote, client
):
    client.force_login(board["vera"])

    response = client.post(
        f"/api/governance/motions/{secret_vote.number}/ballot",
        {"choice": "no"},
        content_type="application/json",
    )

    body = response.json()
    assert response.status_code == 201
    assert set(body) == {"motion", "choice", "receipt", "pad"}
    assert not SecretBallot.objects.filter(
        receipt=body["receipt"]
    ).exists()  # sealed until the close
    decisions.close_vote(actor=board["anna"], motion=secret_vote, as_of=DAY)
    assert SecretBallot.objects.get(receipt=body["receipt"]).choice == "no"
    register = client.get("/api/governance/register").content.decode()
    assert body["receipt"] not in register


KEY = "phone-retry-key-0001"


def test_a_retry_with_the_same_key_gets_the_same_receipt_and_counts_once(board, secret_vote):
    first = ballots.cast_ballot(actor=board["boris"], motion=secret_vote, choice="no", key=KEY)
    again = ballots.cast_ballot(actor=board["boris"], motion=secret_vote, choice="no", key=KEY)

    assert (again.receipt, again.choice, again.replayed) == (first.receipt, "no", True)
    assert first.replayed is False
    assert SealedPaper.objects.count() == Participation.objects.count() == 1


def test_a_retry_after_the_vote_closed_still_gets_its_receipt(board, secret_vote):
    first = ballots.cast_ballot(actor=board["boris"], motion=secret_vote, choice="no", key=KEY)
    decisions.close_vote(actor=board["anna"], motion=secret_vote, as_of=DAY)

    again = ballots.cast_ballot(actor=board["boris"], motion=secret_vote, choice="no", key=KEY)

    assert again.receipt == first.receipt


def test_another_key_or_another_voters_key_is_a_second_ballot_and_is_refused(board, secret_vote):
    ballots.cast_ballot(actor=board["boris"], motion=secret_vote, choice="no", key=KEY)

    with pytest.raises(Conflict):
        ballots.cast_ballot(
            actor=board["boris"], motion=secret_vote, choice="yes", key="another-key-000001"
        )
    # Vera using Boris's key casts her own ballot, under a receipt of her own.
    vera = ballots.cast_ballot(actor=board["vera"], motion=secret_vote, choice="yes", key=KEY)

    assert SealedPaper.objects.count() == Participation.objects.count() == 2
    assert vera.replayed is False


@pytest.mark.parametrize("key", ["short", "x" * 65, "has spaces in it!!", "ключ-ключ-ключ-ключ"])
def test_a_malformed_key_is_refused_by_name_and_leaves_no_trace(board, secret_vote, key):
    with pytest.raises(Invalid) as refused:
        ballots.cast_ballot(actor=board["boris"], motion=secret_vote, choice="no", key=key)

    assert refused.value.problems[0].field == "key"
    assert SecretBallot.objects.count() == Participation.objects.count() == 0


def test_the_participation_keeps_nothing_that_matches_the_receipt(board, secret_vote):
    ballot = ballots.cast_ballot(actor=board["boris"], motion=secret_vote, choice="no", key=KEY)

    digest = Participation.objects.get().key_digest
    assert digest and ballot.receipt not in digest
    assert KEY not in digest


def test_the_api_answers_a_retry_with_200_and_the_same_receipt(board, secret_vote, client):
    client.force_login(board["vera"])
    url = f"/api/governance/motions/{secret_vote.number}/ballot"

    first = client.post(url, {"choice": "no", "key": KEY}, content_type="application/json")
    again = client.post(url, {"choice": "no", "key": KEY}, content_type="application/json")
    other = client.post(url, {"choice": "no"}, content_type="application/json")

    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 409)
    assert again.json()["receipt"] == first.json()["receipt"]

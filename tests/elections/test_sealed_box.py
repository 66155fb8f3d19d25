"""An election's ballot box is sealed while voting is open: the papers are sealed with a key made
for the election and kept outside the database, the count opens them, writes the box in random
order and destroys the key; every answer to a ballot has one size whatever it ranks."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import Conflict
from kuzbas.elections.models import ElectionBallot, ElectionStatus, SealedElectionPaper
from kuzbas.elections.services import count
from kuzbas.governance import ballot_box
from tests.elections.conftest import DAY, RANKINGS, cast_all
from tests.elections.test_secrecy import _rows

pytestmark = pytest.mark.django_db
# Rankings of every length, cast by voters whose names are as long (every page shows its user).
UNEQUAL = {"anna": ["vera"], "dora": ["gleb", "dora", "vera"], "egor": ["dora", "vera"]}


def test_opening_makes_the_elections_key_in_a_file_only_the_service_reads(voting, settings):
    path = settings.BALLOT_KEY_DIR / f"{ballot_box.box_of(voting)}.key"

    assert path.stat().st_mode & 0o777 == 0o600
    assert settings.BALLOT_KEY_DIR.stat().st_mode & 0o777 == 0o700


def test_while_voting_is_open_the_box_holds_sealed_papers_of_one_size_only(assembly, voting):
    before = {(t, json.dumps(r)) for t, r in _rows()}

    receipts = cast_all(assembly, voting, UNEQUAL)

    written = [(t, r) for t, r in _rows() if (t, json.dumps(r)) not in before]
    assert not ElectionBallot.objects.exists()
    sealed = [bytes(s) for s in SealedElectionPaper.objects.values_list("sealed", flat=True)]
    assert len(sealed) == 3 and len({len(s) for s in sealed}) == 1
    for table, row in written:
        text = json.dumps(row)
        assert not any(r in text for r in receipts.values()), (table, row)
        assert not any(json.dumps(marks) in text for marks in UNEQUAL.values()), (table, row)


def test_the_count_opens_the_box_in_random_order_and_destroys_the_key(
    assembly, voting, settings, django_capture_on_commit_callbacks
):
    receipts = cast_all(assembly, voting)

    with django_capture_on_commit_callbacks(execute=True):
        result = count.close_election(actor=assembly.chair, election=voting, as_of=DAY)

    assert result.elected == ["vera", "dora"]
    box = dict(ElectionBallot.objects.values_list("receipt", "marks"))
    assert box == {receipts[key]: marks for key, marks in RANKINGS.items()}
    assert not SealedElectionPaper.objects.exists()
    assert list(settings.BALLOT_KEY_DIR.iterdir()) == []


def test_a_box_whose_key_was_replaced_is_refused_at_the_count_and_nothing_changes(assembly, voting):
    cast_all(assembly, voting, UNEQUAL)
    ballot_box.make_key(ballot_box.box_of(voting))  # the key the papers were sealed with is lost

    with pytest.raises(Conflict) as refused:
        count.close_election(actor=assembly.chair, election=voting, as_of=DAY)

    assert refused.value.rule == "ballot.box_key"
    voting.refresh_from_db()
    assert voting.status == ElectionStatus.VOTING
    assert SealedElectionPaper.objects.count() == 3 and not ElectionBallot.objects.exists()


def test_the_audit_trail_keeps_the_day_of_a_ballot_not_its_time(assembly, voting):
    cast_all(assembly, voting, UNEQUAL)

    times = {e.at for e in AuditEntry.objects.filter(action="elections.ballot.cast")}

    assert len(times) == 1 and next(iter(times)).time() == dt.time(0, 0)


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_every_ranking_gets_a_page_of_the_same_size(assembly, voting, htmx):
    sizes = set()
    for key, marks in UNEQUAL.items():
        client = Client()
        client.force_login(assembly.members[key])
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        response = client.post(f"/elections/{voting.pk}/ballot/cast/", {"rank": marks}, **headers)
        assert response.status_code == 200
        sizes.add(len(response.content))

    assert len(sizes) == 1, sizes


def test_every_ranking_gets_an_api_answer_of_the_same_size(assembly, voting):
    sizes = set()
    for key, marks in UNEQUAL.items():
        client = Client()
        client.force_login(assembly.members[key])
        response = client.post(
            f"/api/elections/{voting.pk}/ballot", {"marks": marks}, content_type="application/json"
        )
        assert response.status_code == 201
        sizes.add(len(response.content))

    assert len(sizes) == 1, sizes


def test_a_sealed_paper_is_as_long_as_the_longest_ranking_the_election_allows(tmp_path):
    # Twenty candidates with long registry keys: their full ranking is longer than one block.
    everyone = [f"candidate-with-a-long-registry-key-{n:02}" for n in range(20)]
    ballot_box.make_key("election-test")

    short = ballot_box.seal("election-test", {"m": everyone[:1]}, widest={"m": everyone})
    full = ballot_box.seal("election-test", {"m": everyone}, widest={"m": everyone})

    assert len(json.dumps({"m": everyone})) > ballot_box.PAPER_BLOCK
    assert len(short) == len(full)
    assert ballot_box.unseal("election-test", short) == {"m": everyone[:1]}

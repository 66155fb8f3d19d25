"""The register entry of an election's result covers the box it was counted from: `kuzbas
verify` finds a paper changed, added or removed behind the application's back."""

from __future__ import annotations

import pytest

from kuzbas.elections.box_grounds import CHANGED
from kuzbas.elections.models import ElectionBallot
from kuzbas.elections.services import count
from kuzbas.governance.models import Decision
from kuzbas.governance.register import verify_register
from kuzbas.governance.register_grounds import digest
from tests.elections.conftest import DAY, cast_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(assembly, voting):
    cast_all(assembly, voting)
    count.close_election(actor=assembly.chair, election=voting, as_of=DAY)
    voting.refresh_from_db()
    return voting


def test_the_result_entry_holds_the_digest_of_the_box_as_counted(counted):
    entry = Decision.objects.get(motion=counted.motion)
    box = sorted([b.receipt, b.marks] for b in ElectionBallot.objects.filter(election=counted))

    assert entry.payload["grounds"]["election_box"] == digest(box)
    assert verify_register().ok


def _change_a_ranking(election):
    paper = ElectionBallot.objects.filter(election=election).first()
    ElectionBallot.objects.filter(pk=paper.pk).update(marks=list(reversed(paper.marks)) or ["x"])


def _remove_a_paper(election):
    ElectionBallot.objects.filter(election=election).first().delete()


def _add_a_paper(election):
    ElectionBallot.objects.create(receipt="0123456789abcdef", election=election, marks=["dora"])


@pytest.mark.parametrize("tamper", [_change_a_ranking, _remove_a_paper, _add_a_paper])
def test_a_paper_changed_behind_the_applications_back_is_found(counted, tamper):
    tamper(counted)

    report = verify_register()

    assert not report.ok
    assert report.first_bad.sequence == Decision.objects.get(motion=counted.motion).sequence
    assert report.first_bad.reason == CHANGED

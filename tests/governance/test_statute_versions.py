"""Loading statute versions: stored with their hash, or refused with every problem and its line."""

from __future__ import annotations

import hashlib

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.actor import Operator
from kuzbas.core.errors import Conflict, Invalid, NotPermitted
from kuzbas.governance.models import Body, Seat, SeatFill, StatuteVersion
from kuzbas.governance.services import statute_book
from tests.statute.examples import BAD, DEMO_STATUTES

pytestmark = pytest.mark.django_db


def test_a_loaded_version_keeps_its_text_and_the_sha256_of_it(colony):
    first = StatuteVersion.objects.get(version="1921")
    text = (DEMO_STATUTES / "aick-1921.toml").read_text(encoding="utf-8")

    assert first.text == text
    assert first.content_hash == hashlib.sha256(text.encode()).hexdigest()


def test_the_history_comes_from_the_stored_versions_in_order(colony):
    history = statute_book.statute_history()

    assert [v.version for v in history.versions] == ["1921", "1922-10"]


def test_loading_a_version_records_the_bodies_and_seats_it_defines(colony):
    board_seat = Seat.objects.get(body__key="managing-board", key="sto_representative")

    assert Body.objects.get(key="joint-sitting").kind == "joint"
    assert board_seat.filled_by == SeatFill.APPOINTMENT
    assert board_seat.appointed_by.key == "sto"


def test_a_malformed_statute_never_loads_and_every_problem_is_named_with_its_line(db):
    with pytest.raises(Invalid) as refused:
        statute_book.load_statute_version(actor=Operator(), path_or_text=BAD / "many_problems.toml")

    assert len(refused.value.problems) > 1
    assert all(p.line for p in refused.value.problems)
    assert not StatuteVersion.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_version_that_does_not_follow_the_stored_one_never_loads(db):
    with pytest.raises(Invalid) as refused:
        statute_book.load_statute_version(
            actor=Operator(), path_or_text=DEMO_STATUTES / "aick-1922-10.toml"
        )

    assert "[amendment.previous]" in refused.value.message
    assert not StatuteVersion.objects.exists()


def test_the_same_version_cannot_be_loaded_twice(colony):
    with pytest.raises(Conflict):
        statute_book.load_statute_version(
            actor=Operator(), path_or_text=DEMO_STATUTES / "aick-1921.toml"
        )

    assert StatuteVersion.objects.count() == 2


def test_a_board_member_may_not_load_a_statute(board):
    with pytest.raises(NotPermitted):
        statute_book.load_statute_version(
            actor=board.rutgers, path_or_text=DEMO_STATUTES / "aick-1921.toml"
        )

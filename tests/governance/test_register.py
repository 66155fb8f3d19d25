"""The decision register: a hash chain the database will not let anyone rewrite, and that
`verify` checks when someone does it anyway."""

from __future__ import annotations

import importlib
import json

import pytest
from django.db import DatabaseError, connection, transaction
from typer.testing import CliRunner

from kuzbas.cli import app
from kuzbas.governance.models import Decision
from kuzbas.governance.register import GENESIS, verify_register
from kuzbas.governance.register_witness import export_register
from kuzbas.governance.services import decisions, motions
from tests.governance.conftest import BOARD_DAY

pytestmark = pytest.mark.django_db
runner = CliRunner()
triggers = importlib.import_module(
    "kuzbas.governance.migrations.0004_register_refuses_update_and_delete"
)


def _decide(board, title: str, yes: int) -> Decision:
    motion = motions.file_motion(
        actor=board.rutgers,
        title=title,
        text="",
        matter="technical",
        body="managing-board",
        as_of=BOARD_DAY,
    )
    return decisions.record_counted_vote(
        actor=board.rutgers,
        motion=motion,
        yes=yes,
        no=3 - yes,
        abstain=0,
        present=3,
        decided_on=BOARD_DAY,
    )


@pytest.fixture
def two_decisions(board) -> list[Decision]:
    return [_decide(board, "Pumps", 2), _decide(board, "Boilers", 1)]


def _behind_the_applications_back(sql: str, params: list) -> None:
    """Run SQL on the register with its triggers dropped, then put the triggers back."""
    install, remove = triggers.STATEMENTS[connection.vendor]
    with connection.cursor() as cursor:
        for statement in remove:
            cursor.execute(statement)
        cursor.execute(sql, params)
        for statement in install:
            cursor.execute(statement)


def test_each_entry_links_to_the_one_before(two_decisions):
    first, second = two_decisions

    assert (first.sequence, second.sequence) == (1, 2)
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.entry_hash


def test_an_untouched_register_verifies_with_its_head_hash(two_decisions):
    report = verify_register()

    assert report.ok
    assert report.count == 2
    assert report.head_hash == two_decisions[1].entry_hash


def test_the_database_refuses_to_update_an_entry(two_decisions):
    with pytest.raises(DatabaseError), transaction.atomic():
        Decision.objects.filter(sequence=1).update(outcome="failed")

    assert Decision.objects.get(sequence=1).outcome == "carried"


def test_the_database_refuses_to_delete_an_entry(two_decisions):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM governance_decision WHERE sequence = %s", [2])

    assert Decision.objects.count() == 2


def test_verify_names_an_entry_edited_behind_the_applications_back(two_decisions):
    _behind_the_applications_back(
        "UPDATE governance_decision SET outcome = %s WHERE sequence = %s", ["failed", 1]
    )

    report = verify_register()

    assert not report.ok
    assert report.first_bad.sequence == 1
    assert report.first_bad.expected == two_decisions[0].entry_hash
    assert report.first_bad.found != two_decisions[0].entry_hash


def test_kuzbas_verify_fails_and_names_the_edited_entry(two_decisions):
    _behind_the_applications_back(
        "UPDATE governance_decision SET arithmetic = %s WHERE sequence = %s",
        ["outcome: carried", 2],
    )

    result = runner.invoke(app, ["verify"])

    assert result.exit_code == 1
    assert "Register broken at entry 2" in result.output
    assert two_decisions[1].entry_hash in result.output


def test_the_triggers_are_back_after_the_edit(two_decisions):
    _behind_the_applications_back(
        "UPDATE governance_decision SET rule = %s WHERE sequence = %s", ["matter.other", 1]
    )

    with pytest.raises(DatabaseError), transaction.atomic():
        Decision.objects.filter(sequence=1).update(rule="matter.technical")


def test_verify_notices_the_last_entry_removed_behind_the_applications_back(two_decisions):
    _behind_the_applications_back("DELETE FROM governance_decision WHERE sequence = %s", [2])

    report = verify_register()

    assert not report.ok
    assert report.first_bad.sequence == 2
    assert "the chain ends at entry 1" in report.first_bad.reason


def test_kuzbas_verify_prints_ok_with_the_head_hash_and_count(two_decisions):
    result = runner.invoke(app, ["verify"])

    assert result.exit_code == 0
    assert f"Register OK: 2 entries, head hash {two_decisions[1].entry_hash}" in result.output


def test_the_export_carries_every_entry_and_the_head_hash(two_decisions):
    export = export_register()

    assert [row["sequence"] for row in export.rows] == [1, 2]
    assert export.head_hash == two_decisions[1].entry_hash


def test_kuzbas_register_export_writes_the_entries_and_head_hash(two_decisions, tmp_path):
    target = tmp_path / "register.json"

    result = runner.invoke(app, ["register", "export", str(target)])

    written = json.loads(target.read_text())
    assert result.exit_code == 0
    assert written["head_hash"] == two_decisions[1].entry_hash
    assert [e["motion_title"] for e in written["entries"]] == ["Pumps", "Boilers"]

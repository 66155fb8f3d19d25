"""The register's head, signed by a key outside the database, handed to outside witnesses and
checked against what they kept: `kuzbas register head`, `kuzbas verify --head/--witness`."""

from __future__ import annotations

import stat

import pytest
from typer.testing import CliRunner

from kuzbas.cli import app
from kuzbas.governance import register_key
from kuzbas.governance.models import Decision, RegisterHead
from kuzbas.governance.register_witness import signed_head
from tests.governance.test_register import _behind_the_applications_back, two_decisions  # noqa: F401

pytestmark = pytest.mark.django_db
runner = CliRunner()


def _truncate_and_rewind() -> Decision:
    """Remove the last entry and rewind the head to the one before: the chain is intact."""
    _behind_the_applications_back("DELETE FROM governance_decision WHERE sequence = %s", [2])
    first = Decision.objects.get(sequence=1)
    RegisterHead.objects.update(sequence=1, entry_hash=first.entry_hash)
    return first


def test_register_head_prints_the_signed_head(two_decisions):  # noqa: F811
    result = runner.invoke(app, ["register", "head"])

    last = two_decisions[1]
    assert result.exit_code == 0
    assert f"entry=2 hash={last.entry_hash} key={register_key.public_key_hex()}" in result.output
    assert register_key.signature_holds(
        register_key.public_key_hex(), 2, last.entry_hash, last.head_signature
    )


def test_verify_with_the_witness_file_passes_while_the_register_is_whole(
    two_decisions,  # noqa: F811
    tmp_path,
):
    kept = tmp_path / "witness.txt"
    runner.invoke(app, ["register", "head", "--append", str(kept)])

    result = runner.invoke(app, ["verify", "--witness", str(kept)])

    assert result.exit_code == 0, result.output
    assert "Register OK: 2 entries" in result.output


def test_verify_with_the_witness_file_finds_a_truncation_with_the_head_rewound(
    two_decisions,  # noqa: F811
    tmp_path,
):
    kept = tmp_path / "witness.txt"
    runner.invoke(app, ["register", "head", "--append", str(kept)])
    _truncate_and_rewind()

    plain = runner.invoke(app, ["verify"])
    witnessed = runner.invoke(app, ["verify", "--witness", str(kept)])

    assert plain.exit_code == 0  # the chain that is left is whole: only the witness can tell
    assert witnessed.exit_code == 1
    assert "Register broken at entry 2" in witnessed.output
    assert "outside witness" in witnessed.output


def test_verify_with_a_head_hash_finds_a_truncation_with_the_head_rewound(two_decisions):  # noqa: F811
    kept = two_decisions[1].entry_hash
    _truncate_and_rewind()

    result = runner.invoke(app, ["verify", "--head", kept])

    assert result.exit_code == 1
    assert kept in result.output


def test_a_witness_line_with_a_changed_hash_is_refused_by_its_line(two_decisions, tmp_path):  # noqa: F811
    line = signed_head().line().replace(two_decisions[1].entry_hash, two_decisions[0].entry_hash)
    kept = tmp_path / "witness.txt"
    kept.write_text(f"# kept by the trust\n{line}\n")

    result = runner.invoke(app, ["verify", "--witness", str(kept)])

    assert result.exit_code == 2
    assert f"{kept}:2: its signature does not hold" in result.output


def test_the_signing_key_is_made_private_with_its_public_part_published(settings, tmp_path):
    settings.REGISTER_KEY = tmp_path / "var" / "register-signing.key"

    path = register_key.ensure_key()

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.with_suffix(".pub").read_text().strip() == register_key.public_key_hex()


def test_the_register_page_shows_the_signed_head(two_decisions, client, django_user_model):  # noqa: F811
    from tests.factories import RoleGrantFactory, UserFactory

    user = UserFactory(username="auditor")
    RoleGrantFactory(user=user, role="auditor")
    client.force_login(user)

    page = client.get("/governance/register/").content.decode()

    assert signed_head().line() in page


def _as_written_before_format_2() -> None:
    """Rewrite the register as an earlier release wrote it: no format, no grounds, unsigned."""
    from kuzbas.governance.register import GENESIS, entry_hash_of
    from tests.governance.test_tampering import triggers_dropped

    prev = GENESIS
    with triggers_dropped():
        for entry in Decision.objects.order_by("sequence"):
            entry.payload = {
                k: v for k, v in entry.payload.items() if k not in {"format", "grounds"}
            }
            entry.prev_hash = prev
            entry.entry_hash = entry_hash_of(entry)
            Decision.objects.filter(pk=entry.pk).update(
                payload=entry.payload,
                prev_hash=prev,
                entry_hash=entry.entry_hash,
                head_signature=None,
            )
            prev = entry.entry_hash
    RegisterHead.objects.update(sequence=Decision.objects.count(), entry_hash=prev)


def test_a_register_written_before_format_2_verifies_and_goes_on_signed(board, two_decisions):  # noqa: F811
    from kuzbas.governance.register import verify_register
    from tests.governance.test_register import _decide

    _as_written_before_format_2()
    before = verify_register()
    third = _decide(board, "Baths", 2)
    after = verify_register()

    assert before.ok, before.first_bad
    assert after.ok, after.first_bad
    assert after.count == 3
    assert third.payload["format"] == 2 and third.head_signature

"""The fast walk of `kuzbas verify`: the database builds or hashes each entry's canonical form,
and a signature an earlier walk checked is not checked again; yet every rewriting the full walk
finds, it finds, with the same first bad entry, whether or not the register was verified before
it was rewritten."""

from __future__ import annotations

import pytest

from kuzbas.governance import register_checkpoint, register_key, register_walk
from kuzbas.governance.register import verify_register
from tests.governance.test_tampering import CASES, DAY, _count, build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_record_of_checked_signatures():
    register_checkpoint.path().unlink(missing_ok=True)
    yield
    register_checkpoint.path().unlink(missing_ok=True)


@pytest.fixture
def signature_checks(monkeypatch):
    """Count the head signatures a walk checks."""
    checked: list[int] = []
    real = register_key.head_checker

    def counting(public_hex):
        holds = real(public_hex)

        def holds_counted(sequence, entry_hash, signature):
            checked.append(sequence)
            return holds(sequence, entry_hash, signature)

        return holds_counted

    monkeypatch.setattr(register_key, "head_checker", counting)
    return checked


@pytest.fixture
def full_checks(monkeypatch):
    """Count the entries a walk checks in full, in Python."""
    checked: list[int] = []
    real = register_walk.Walk.check

    def counting(self, decision, grounds):
        checked.append(decision.sequence)
        return real(self, decision, grounds)

    monkeypatch.setattr(register_walk.Walk, "check", counting)
    return checked


@pytest.mark.parametrize("kind", ["named", "secret"])
def test_the_fast_walk_accepts_real_entries_without_checking_them_in_python(
    kind, settings, full_checks
):
    build(kind, settings)

    report = verify_register()

    assert report.ok, report.first_bad
    assert full_checks == []


def test_a_second_walk_checks_only_the_signatures_of_entries_added_since(
    settings, signature_checks
):
    world = build("named", settings)
    first = verify_register()
    checked_first = list(signature_checks)
    signature_checks.clear()

    again = verify_register()
    checked_again = list(signature_checks)
    signature_checks.clear()
    _count(world.chair, "Ventilation")
    after_one_more = verify_register()

    assert first.ok and again.ok and after_one_more.ok
    assert checked_first == [1, 2, 3]
    assert checked_again == []
    assert signature_checks == [4]
    assert after_one_more.count == 4


def test_the_full_walk_checks_every_signature_again(settings, signature_checks):
    build("named", settings)
    verify_register()
    signature_checks.clear()

    report = verify_register(full=True)

    assert report.ok
    assert signature_checks == [1, 2, 3]


def test_a_record_not_signed_by_the_key_is_ignored(settings, signature_checks):
    build("named", settings)
    verify_register()
    line = register_checkpoint.path().read_text()
    forged = line.replace("entry=3", "entry=2")
    register_checkpoint.path().write_text(forged)
    signature_checks.clear()

    report = verify_register()

    assert report.ok
    assert signature_checks == [1, 2, 3]


def test_a_record_of_a_longer_register_than_the_one_walked_makes_the_walk_check_everything(
    settings, signature_checks
):
    world = build("named", settings)
    _count(world.chair, "Ventilation")
    verify_register()
    checkpoint = register_checkpoint.read(register_key.local_public_key())
    from tests.governance.test_tampering import delete_entry

    delete_entry(4)
    signature_checks.clear()
    report = verify_register()

    assert checkpoint is not None and checkpoint.sequence == 4
    assert not report.ok
    assert "head records entry 4" in report.first_bad.reason
    assert signature_checks == [1, 2, 3]


@pytest.mark.parametrize("verified_before", [False, True], ids=["fresh", "verified-before"])
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_fast_walk_finds_what_the_full_walk_finds(case, verified_before, settings):
    from kuzbas.governance.register_witness import read_witness, signed_head

    world = build(case.world, settings)
    kept = read_witness(signed_head().line()) if case.witness else []
    if verified_before:
        assert verify_register().ok

    case.tamper(world)
    fast = verify_register(witnessed=kept)
    full = verify_register(witnessed=kept, full=True)

    assert not fast.ok
    assert case.reason in fast.first_bad.reason
    assert fast == full


def test_the_canonical_form_kept_with_an_entry_is_what_its_hash_was_taken_over(settings):
    import hashlib

    world = build("named", settings)

    for entry in world.entries:
        entry.refresh_from_db()
        assert hashlib.sha256(entry.canonical.encode()).hexdigest() == entry.entry_hash
    assert DAY.isoformat() in world.entries[0].canonical

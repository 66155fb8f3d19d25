"""The decision register as a hash chain: append an entry, verify the chain, export it.

Each entry's hash is the SHA-256 of a canonical JSON of its own fields and the previous entry's
hash, so changing any entry, or removing one, breaks every link after it. Since format 2 an
entry's payload also holds the digests of what it rests on (`register_grounds`), and each entry
is signed as the register's head by a key outside the database (`register_key`): a chain
recomputed by someone who can write only the database no longer carries valid signatures, and a
head kept by an outside witness (`register_witness`) shows a truncation.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils import timezone

from kuzbas.governance import register_key
from kuzbas.governance.models import Decision, Motion, RegisterHead, StatuteVersion
from kuzbas.governance.register_grounds import FORMAT, contributed, grounds_for

GENESIS = "0" * 64  # the "previous hash" of the first entry
HEAD_ID = 1


def canonical_entry(
    *,
    sequence: int,
    motion_id: int,
    outcome: str,
    counts: Mapping[str, Any],
    arithmetic: str,
    statute_hash: str,
    rule: str,
    decided_on: dt.date,
    recorded_at: dt.datetime,
    payload: Mapping[str, Any],
    prev_hash: str,
) -> bytes:
    """Return the bytes an entry's hash is taken over: sorted keys, no spaces, UTF-8."""
    document = {
        "sequence": sequence,
        "motion": motion_id,
        "outcome": outcome,
        "counts": counts,
        "arithmetic": arithmetic,
        "statute_hash": statute_hash,
        "rule": rule,
        "decided_on": decided_on.isoformat(),
        # UTC with microseconds: what both SQLite and PostgreSQL give back unchanged.
        "recorded_at": recorded_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "payload": payload,
        "prev_hash": prev_hash,
    }
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash_of(decision: Decision) -> str:
    """Return the hash an entry's fields hash to now."""
    return hashlib.sha256(
        canonical_entry(
            sequence=decision.sequence,
            motion_id=decision.motion_id,
            outcome=decision.outcome,
            counts=decision.counts,
            arithmetic=decision.arithmetic,
            statute_hash=decision.statute_hash,
            rule=decision.rule,
            decided_on=decision.decided_on,
            recorded_at=decision.recorded_at,
            payload=decision.payload,
            prev_hash=decision.prev_hash,
        )
    ).hexdigest()


def _locked_head() -> RegisterHead:
    """Return the head row, locked until the caller's transaction ends.

    On PostgreSQL the row lock makes concurrent appenders wait their turn, so each reads the
    entry the one before it wrote. SQLite takes the database's write lock at the transaction's
    start (`transaction_mode = IMMEDIATE`), which serialises writers already.
    """
    # Insert-if-missing without a race: a flushed test database has no head row.
    RegisterHead.objects.bulk_create([RegisterHead(pk=HEAD_ID)], ignore_conflicts=True)
    return RegisterHead.objects.select_for_update().get(pk=HEAD_ID)


def append_decision(
    *,
    motion: Motion,
    outcome: str,
    counts: Mapping[str, Any],
    arithmetic: str,
    statute_hash: str,
    rule: str,
    decided_on: dt.date,
    payload: Mapping[str, Any],
) -> Decision:
    """Append an entry to the register; the caller holds the transaction."""
    assert connection.in_atomic_block, "append the register inside the caller's transaction"
    head = _locked_head()
    last = Decision.objects.order_by("-sequence").only("sequence", "entry_hash").first()
    payload = {**payload, "format": FORMAT, "grounds": grounds_for([motion.pk])[motion.pk]}
    decision = Decision(
        sequence=(last.sequence + 1) if last else 1,
        motion=motion,
        outcome=outcome,
        counts=dict(counts),
        arithmetic=arithmetic,
        statute_hash=statute_hash,
        rule=rule,
        decided_on=decided_on,
        recorded_at=timezone.now(),
        payload=dict(payload),
        prev_hash=last.entry_hash if last else GENESIS,
    )
    # Hash what the database will give back: JSON round-trips through json.loads.
    decision.counts = json.loads(json.dumps(decision.counts))
    decision.payload = json.loads(json.dumps(decision.payload))
    decision.entry_hash = entry_hash_of(decision)
    decision.head_signature = register_key.sign_head(decision.sequence, decision.entry_hash)
    decision.save(force_insert=True)
    RegisterHead.objects.filter(pk=head.pk).update(
        sequence=decision.sequence, entry_hash=decision.entry_hash
    )
    return decision


@dataclass(frozen=True)
class WitnessedHead:
    """A head an outside witness kept: an entry (None: any) and the hash it had."""

    sequence: int | None
    entry_hash: str


@dataclass(frozen=True)
class BadEntry:
    """The first entry that does not match: where, what the chain expects, what is there."""

    sequence: int
    expected: str
    found: str
    reason: str

    def __str__(self) -> str:
        return (
            f"entry {self.sequence}: {self.reason} (expected {self.expected}, found {self.found})"
        )


@dataclass(frozen=True)
class VerifyReport:
    """What walking the chain found."""

    count: int
    head_hash: str
    first_bad: BadEntry | None = None

    @property
    def ok(self) -> bool:
        return self.first_bad is None


def verify_register(*, witnessed: Sequence[WitnessedHead] = ()) -> VerifyReport:
    """Walk the chain from the first entry; report the first entry that does not match.

    Besides the links: the digests of what each format-2 entry rests on, its head signature
    under the local key, the head row, and every head an outside witness kept (`witnessed`).
    """
    prev, expected_sequence, count = GENESIS, 1, 0
    # The texts' own hashes, not the hashes stored beside them: a text changed by hand shows.
    versions = {
        (statute_id, version): hashlib.sha256(text.encode("utf-8")).hexdigest()
        for statute_id, version, text in StatuteVersion.objects.values_list(
            "statute_id", "version", "text"
        )
    }
    grounds = grounds_for(Decision.objects.values_list("motion_id", flat=True))
    public_key = register_key.local_public_key()
    seen: dict[int, str] = {}
    newest_format = 1
    entries = Decision.objects.order_by("sequence").iterator(chunk_size=500)
    for decision in entries:
        count += 1
        bad = _check(decision, expected_sequence=expected_sequence, prev=prev)
        bad = bad or _check_statute(decision, versions)
        bad = bad or _check_witnessed_format(decision, newest_format, versions, grounds, public_key)
        if bad is not None:
            return VerifyReport(count=count, head_hash=prev, first_bad=bad)
        newest_format = max(newest_format, _format_of(decision))
        prev, expected_sequence = decision.entry_hash, decision.sequence + 1
        seen[decision.sequence] = decision.entry_hash
    bad = _check_head(count, prev) or _check_witnesses(witnessed, seen, count)
    return VerifyReport(count=count, head_hash=prev, first_bad=bad)


def _format_of(decision: Decision) -> int:
    return int((decision.payload or {}).get("format", 1))


def _check_witnessed_format(
    decision: Decision,
    newest_format: int,
    versions: dict[tuple[str, str], str],
    grounds: dict[int, dict[str, str]],
    public_key: str | None,
) -> BadEntry | None:
    """Check what format 2 adds: the grounds' digests and the head's signature."""
    found_format = _format_of(decision)
    if found_format < newest_format:
        return BadEntry(
            decision.sequence,
            expected=f"format {newest_format}",
            found=f"format {found_format}",
            reason="it is written in an older format than an entry before it: it was forged",
        )
    if found_format < FORMAT:
        return None
    # The signature first: an entry recomputed without the key says so, whatever else changed.
    bad = _check_signature(decision, public_key)
    if bad is not None:
        return bad
    recorded = decision.payload.get("grounds") or {}
    for name, actual in grounds[decision.motion_id].items():
        other = contributed(name)
        if other is not None and name not in recorded:
            continue  # appended before its app kept that ground; the entry's hash covers this
        if recorded.get(name) != actual:
            return BadEntry(
                decision.sequence,
                expected=recorded.get(name, ""),
                found=actual,
                reason=other.changed if other is not None else GROUND_CHANGED[name],
            )
    if decision.statute_hash not in versions.values():
        return BadEntry(
            decision.sequence,
            expected=decision.statute_hash,
            found="(no stored statute text has this hash)",
            reason="the statute text it was decided under is no longer stored as it was",
        )
    return None


GROUND_CHANGED = {
    "motion": "the motion's title or text was changed after it was decided",
    "ballots": "the named ballots it was counted from were changed",
    "box": "the ballot box it was counted from was changed",
    "counted": "the totals the chair counted were changed",
}


def _check_signature(decision: Decision, public_key: str | None) -> BadEntry | None:
    if public_key is None:
        return BadEntry(
            decision.sequence,
            expected=str(register_key.key_path()),
            found="(no key file)",
            reason="its head signature cannot be checked: the register's signing key is missing",
        )
    signature = decision.head_signature or ""
    if register_key.signature_holds(public_key, decision.sequence, decision.entry_hash, signature):
        return None
    return BadEntry(
        decision.sequence,
        expected=f"a signature by key {public_key}",
        found=signature or "(no signature)",
        reason="its head signature does not hold: the entry or the chain was recomputed "
        "without the register's key",
    )


def _check_head(count: int, prev: str) -> BadEntry | None:
    head = RegisterHead.objects.filter(pk=HEAD_ID).first()
    if head is None:
        if not count:
            return None
        return BadEntry(
            sequence=count,
            expected="a head row",
            found="(none)",
            reason="the register's head row is missing: it was deleted behind the "
            "application's back",
        )
    if (head.sequence, head.entry_hash) == (count, prev if count else ""):
        return None
    return BadEntry(
        sequence=head.sequence,
        expected=head.entry_hash or GENESIS,
        found=prev,
        reason=(
            f"the register's head records entry {head.sequence}, but the chain ends at "
            f"entry {count}: entries were removed or added behind the application's back"
        ),
    )


def _check_witnesses(
    witnessed: Sequence[WitnessedHead], seen: dict[int, str], count: int
) -> BadEntry | None:
    """Every head a witness kept must still be on the chain, with the hash it had."""
    hashes = set(seen.values())
    for head in witnessed:
        if head.sequence is None and head.entry_hash in hashes:
            continue
        if head.sequence is not None and seen.get(head.sequence) == head.entry_hash:
            continue
        at = head.sequence if head.sequence is not None else count
        return BadEntry(
            sequence=at,
            expected=head.entry_hash,
            found=seen.get(at, "(no such entry)"),
            reason="a head an outside witness kept is not on the chain: the register was "
            "truncated or rewritten",
        )
    return None


def _check(decision: Decision, *, expected_sequence: int, prev: str) -> BadEntry | None:
    if decision.sequence != expected_sequence:
        return BadEntry(
            decision.sequence,
            expected=str(expected_sequence),
            found=str(decision.sequence),
            reason=f"entry {expected_sequence} is missing",
        )
    if decision.prev_hash != prev:
        return BadEntry(
            decision.sequence,
            expected=prev,
            found=decision.prev_hash,
            reason="its link to the previous entry does not match that entry's hash",
        )
    actual = entry_hash_of(decision)
    if actual != decision.entry_hash:
        return BadEntry(
            decision.sequence,
            expected=decision.entry_hash,
            found=actual,
            reason="its content does not hash to the hash recorded for it: it was changed",
        )
    return None


def _check_statute(decision: Decision, versions: dict[tuple[str, str], str]) -> BadEntry | None:
    """An entry that founds the enterprise or adopts a version names the hash of its text: the
    stored version must still hash to it."""
    payload = decision.payload or {}
    if payload.get("kind") == "founding":
        facts = payload.get("statute", {})
        statute_id, version, recorded = facts.get("id"), facts.get("version"), facts.get("hash")
    elif (payload.get("act") or {}).get("kind") == "statute_adopted":
        act = payload["act"]
        statute_id, version, recorded = act["statute"], act["version"], act["hash"]
    else:
        return None
    stored = versions.get((statute_id, version))
    if stored == recorded:
        return None
    return BadEntry(
        decision.sequence,
        expected=recorded or "",
        found=stored or "(no such version)",
        reason=f"it adopts statute version {version}, but the stored text of that version "
        "does not have the hash it recorded",
    )

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
from collections.abc import Iterator, Mapping, Sequence
from itertools import islice
from typing import Any

from django.db import connection
from django.utils import timezone

from kuzbas.governance import register_key
from kuzbas.governance.models import Decision, Motion, RegisterHead, StatuteVersion
from kuzbas.governance.register_checks import (
    BadEntry,
    VerifyReport,
    WitnessedHead,
    check_grounds_and_signature,
    check_statute,
    check_witnesses,
    format_of,
)
from kuzbas.governance.register_grounds import FORMAT, grounds_for

GENESIS = "0" * 64  # the "previous hash" of the first entry
HEAD_ID = 1
# One encoder for every entry: `json.dumps` with these options builds a new one per call.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
# What `verify_register` reads of an entry, a chunk at a time: plain rows, no model objects.
COLUMNS = (
    "sequence",
    "motion_id",
    "outcome",
    "counts",
    "arithmetic",
    "statute_hash",
    "rule",
    "decided_on",
    "recorded_at",
    "payload",
    "prev_hash",
    "entry_hash",
    "head_signature",
)
WALK_CHUNK = 5_000


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
    return _CANONICAL.encode(document).encode()


def entry_hash_of(decision: Any) -> str:
    """Return the hash an entry's fields hash to now (a `Decision`, or a row of `COLUMNS`)."""
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


def verify_register(*, witnessed: Sequence[WitnessedHead] = ()) -> VerifyReport:
    """Walk the chain from the first entry; report the first entry that does not match.

    Besides the links: the digests of what each format-2 entry rests on, its head signature
    under the local key, the head row, and every head an outside witness kept (`witnessed`).
    Entries are read as plain rows a chunk at a time (a server-side cursor on PostgreSQL), with
    the grounds of each chunk's motions, so a register of millions is walked in fixed memory.
    """
    prev, expected_sequence, count = GENESIS, 1, 0
    # The texts' own hashes, not the hashes stored beside them: a text changed by hand shows.
    versions = {
        (statute_id, version): hashlib.sha256(text.encode("utf-8")).hexdigest()
        for statute_id, version, text in StatuteVersion.objects.values_list(
            "statute_id", "version", "text"
        )
    }
    statute_hashes = set(versions.values())
    public_key = register_key.local_public_key()
    holds = register_key.head_checker(public_key) if public_key else None
    # Only the entries a witness names are remembered, not the whole chain.
    wanted = {head.sequence for head in witnessed if head.sequence is not None}
    wanted_hashes = {head.entry_hash for head in witnessed if head.sequence is None}
    seen: dict[int, str] = {}
    hashes: set[str] = set()
    newest_format = 1
    for chunk in _chunks():
        # The chunk's motions as a subquery: a list of thousands of ids costs more to bind.
        grounds = grounds_for(
            Decision.objects.filter(
                sequence__gte=chunk[0].sequence, sequence__lte=chunk[-1].sequence
            ).values_list("motion_id", flat=True)
        )
        for decision in chunk:
            count += 1
            bad = _check(decision, expected_sequence=expected_sequence, prev=prev)
            bad = bad or check_statute(decision, versions)
            bad = bad or check_grounds_and_signature(
                decision, newest_format, statute_hashes, grounds, public_key, holds
            )
            if bad is not None:
                return VerifyReport(count=count, head_hash=prev, first_bad=bad)
            newest_format = max(newest_format, format_of(decision))
            prev, expected_sequence = decision.entry_hash, decision.sequence + 1
            if decision.sequence in wanted:
                seen[decision.sequence] = prev
            if prev in wanted_hashes:
                hashes.add(prev)
    if count:
        seen[count] = prev
    bad = _check_head(count, prev) or check_witnesses(witnessed, seen, hashes, count)
    return VerifyReport(count=count, head_hash=prev, first_bad=bad)


def _chunks() -> Iterator[list[Any]]:
    """The register's entries in order, as rows of `COLUMNS`, `WALK_CHUNK` at a time."""
    rows = (
        Decision.objects.order_by("sequence")
        .values_list(*COLUMNS, named=True)
        .iterator(chunk_size=WALK_CHUNK)
    )
    while chunk := list(islice(rows, WALK_CHUNK)):
        yield chunk


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


def _check(decision: Any, *, expected_sequence: int, prev: str) -> BadEntry | None:
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

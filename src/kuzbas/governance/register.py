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
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import connection
from django.utils import timezone

from kuzbas.governance import register_checkpoint, register_fast, register_key
from kuzbas.governance.models import Decision, Motion, RegisterHead
from kuzbas.governance.register_canonical import (  # noqa: F401 - the register's public names
    COLUMNS,
    GENESIS,
    HEAD_ID,
    canonical_entry,
    canonical_of,
    entry_hash_of,
    sorted_json,
)
from kuzbas.governance.register_checkpoint import Checkpoint
from kuzbas.governance.register_checks import (
    BadEntry,
    VerifyReport,
    WitnessedHead,
    check_witnesses,
)
from kuzbas.governance.register_fast import RESTART, UNSUPPORTED, Restart
from kuzbas.governance.register_grounds import FORMAT, grounds_for
from kuzbas.governance.register_walk import Walk


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
    # Hash what the database will give back: JSON round-trips through json.loads. Keys are kept
    # in canonical order, so SQLite's `json()` of a column gives back its canonical text.
    decision.counts = sorted_json(decision.counts)
    decision.payload = sorted_json(decision.payload)
    canonical = canonical_of(decision)
    decision.canonical = canonical.decode()
    decision.entry_hash = hashlib.sha256(canonical).hexdigest()
    decision.head_signature = register_key.sign_head(decision.sequence, decision.entry_hash)
    decision.save(force_insert=True)
    RegisterHead.objects.filter(pk=head.pk).update(
        sequence=decision.sequence, entry_hash=decision.entry_hash
    )
    return decision


def verify_register(*, witnessed: Sequence[WitnessedHead] = (), full: bool = False) -> VerifyReport:
    """Walk the chain from the first entry; report the first entry that does not match.

    Besides the links: the digests of what each format-2 entry rests on, its head signature
    under the local key, the head row, and every head an outside witness kept (`witnessed`).
    Entries are read a chunk at a time, so a register of millions is walked in fixed memory.
    Unless `full`, the walk is the fast one (`register_fast`): the database builds or hashes
    each entry's canonical form, and a signature already checked by an earlier walk
    (`register_checkpoint`) is not checked again; an entry the fast walk does not accept is
    checked as the full walk checks it, so both find the same first bad entry.
    """
    walk = Walk.start(witnessed)
    bad: BadEntry | Restart | None
    checkpoint = None if full else register_checkpoint.read(walk.public_key)
    bad = None if full else register_fast.walk(walk, checkpoint)
    if full or bad is RESTART or bad is UNSUPPORTED:
        walk = Walk.start(witnessed)
        bad = walk.full()
    assert not isinstance(bad, Restart)
    if bad is not None:
        return VerifyReport(count=walk.count, head_hash=walk.prev, first_bad=bad)
    count, prev = walk.count, walk.prev
    if count:
        walk.seen[count] = prev
    bad = _check_head(count, prev) or check_witnesses(witnessed, walk.seen, walk.hashes, count)
    if bad is None and walk.public_key is not None:
        register_checkpoint.write(Checkpoint(count, prev, walk.signatures.hexdigest()))
    return VerifyReport(count=count, head_hash=prev, first_bad=bad)


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

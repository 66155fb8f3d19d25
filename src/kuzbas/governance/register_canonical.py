"""The canonical form of a register entry: the bytes its hash is taken over."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

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


def sorted_json(value: Any) -> Any:
    """Return a JSON value as `json.loads` gives it back, its objects' keys in canonical order."""
    return json.loads(_CANONICAL.encode(value))


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
    return hashlib.sha256(canonical_of(decision)).hexdigest()


def canonical_of(decision: Any) -> bytes:
    """Return the canonical bytes of an entry's fields (a `Decision`, or a row of `COLUMNS`)."""
    return canonical_entry(
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

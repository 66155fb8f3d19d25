"""The fast walk of the register: the database does the per-entry work, Python checks the links.

For each chunk of entries one query gives what the full walk would compute in Python:

- PostgreSQL hashes the canonical form kept with the entry (`Decision.canonical`) with its
  `sha256()`, and compares that form, read as JSON, with the entry's columns
  (`jsonb_build_object`); it hashes the motion's title and text as the `motion` ground is
  taken (`to_json` escapes as Python's `json` does), and compares the other grounds with the
  digests of nothing;
- SQLite builds the canonical form from the columns (`json_quote`, and `json()` of the JSON
  columns, which `append_decision` keeps in canonical key order) and the motion's ground text;
  Python hashes both.

Python then checks each entry's sequence and link, its format, its statute hash, and its head
signature unless an earlier walk checked it (`register_checkpoint`). Any entry the fast walk
does not accept (a hash that differs, an entry that adopts a statute text, a motion with
ballots, a box, a count or a contributed ground, an entry written before the canonical form
was kept, text the database encodes otherwise than Python) is checked as the full walk checks
it (`Walk.check`), which finds the fault or accepts the entry: both walks report the same first
bad entry. A row the database cannot read as JSON ends the fast walk: the full one runs.
"""

# ruff: noqa: S608 — the SQL here is built from fixed text; values are parameters.
from __future__ import annotations

import contextlib
import hashlib
import json
from typing import Any

from django.db import DatabaseError, connection, transaction

from kuzbas.governance.register_checkpoint import Checkpoint
from kuzbas.governance.register_checks import BadEntry, check_grounds, format_of
from kuzbas.governance.register_grounds import (
    FORMAT,
    grounds_for,
    motions_with_rows,
    plain_digests,
)
from kuzbas.governance.register_walk import Walk, entry_row

CHUNK = 20_000
_FORMATS: dict[Any, int] = {1: 1, 2: 2, "1": 1, "2": 2}
_sha256 = hashlib.sha256


class Restart:
    """The fast walk's answer when the full walk must be made instead."""

    def __init__(self, why: str) -> None:
        self.why = why


RESTART = Restart("the record of checked signatures does not match the register")
UNSUPPORTED = Restart("the database cannot make the fast walk")

_SELECTED = "d.sequence, d.prev_hash, d.entry_hash, d.head_signature, d.motion_id, d.statute_hash"
_FROM = (
    "FROM governance_decision d LEFT JOIN governance_motion m ON m.id = d.motion_id "
    "WHERE d.sequence >= %s AND d.sequence <= %s ORDER BY d.sequence LIMIT %s"
)

SQLITE = f"""
SELECT {_SELECTED},
  CASE WHEN json_valid(d.payload) THEN coalesce(json_extract(d.payload, '$.format'), 1) END,
  CASE WHEN json_valid(d.payload) THEN
    json_extract(d.payload, '$.kind') IS 'founding'
    OR json_extract(d.payload, '$.act.kind') IS 'statute_adopted' ELSE 1 END,
  CASE WHEN json_valid(d.payload) THEN
    json_extract(d.payload, '$.grounds.ballots') IS %s
    AND json_extract(d.payload, '$.grounds.box') IS %s
    AND json_extract(d.payload, '$.grounds.counted') IS %s ELSE 0 END,
  CASE WHEN json_valid(d.counts) AND json_valid(d.payload) THEN
    '{{"arithmetic":' || json_quote(d.arithmetic) || ',"counts":' || json(d.counts)
    || ',"decided_on":' || json_quote(d.decided_on) || ',"motion":' || d.motion_id
    || ',"outcome":' || json_quote(d.outcome) || ',"payload":' || json(d.payload)
    || ',"prev_hash":' || json_quote(d.prev_hash) || ',"recorded_at":' || json_quote(
      replace(CASE WHEN length(d.recorded_at) = 19 THEN d.recorded_at || '.000000'
              ELSE d.recorded_at END, ' ', 'T') || '+00:00')
    || ',"rule":' || json_quote(d.rule) || ',"sequence":' || d.sequence
    || ',"statute_hash":' || json_quote(d.statute_hash) || '}}' END,
  CASE WHEN json_valid(d.payload) THEN json_extract(d.payload, '$.grounds.motion') END,
  '{{"text":' || json_quote(m.text) || ',"title":' || json_quote(m.title) || '}}',
  CASE WHEN json_valid(d.payload) THEN json_extract(d.payload, '$.grounds') END
{_FROM}
"""

POSTGRESQL = f"""
SELECT {_SELECTED},
  coalesce(d.payload ->> 'format', '1'),
  (d.payload ->> 'kind' IS NOT DISTINCT FROM 'founding'
   OR d.payload #>> '{{act,kind}}' IS NOT DISTINCT FROM 'statute_adopted'),
  (d.payload #>> '{{grounds,ballots}}' IS NOT DISTINCT FROM %s
   AND d.payload #>> '{{grounds,box}}' IS NOT DISTINCT FROM %s
   AND d.payload #>> '{{grounds,counted}}' IS NOT DISTINCT FROM %s
   AND m.id IS NOT NULL
   AND encode(sha256(convert_to('{{"text":' || to_json(m.text)::text || ',"title":'
       || to_json(m.title)::text || '}}', 'UTF8')), 'hex')
       IS NOT DISTINCT FROM d.payload #>> '{{grounds,motion}}'),
  (d.canonical IS NOT NULL
   AND encode(sha256(convert_to(d.canonical, 'UTF8')), 'hex') = d.entry_hash
   AND d.canonical::jsonb = jsonb_build_object(
     'arithmetic', d.arithmetic, 'counts', d.counts,
     'decided_on', to_char(d.decided_on, 'YYYY-MM-DD'), 'motion', d.motion_id,
     'outcome', d.outcome, 'payload', d.payload, 'prev_hash', d.prev_hash,
     'recorded_at', to_char(d.recorded_at AT TIME ZONE 'UTC',
                            'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'),
     'rule', d.rule, 'sequence', d.sequence, 'statute_hash', d.statute_hash)),
  (d.payload -> 'grounds')::text
{_FROM}
"""


def _judge_sqlite(row: tuple) -> tuple[bool, bool]:
    """Return (hashes as recorded, grounds as recorded) of a SQLite row."""
    built, recorded, text = row[9], row[10], row[11]
    hashed = built is not None and _sha256(built.encode()).hexdigest() == row[2]
    grounded = (
        bool(row[8])
        and text is not None
        and recorded is not None
        and _sha256(text.encode()).hexdigest() == recorded
    )
    return hashed, grounded


def _judge_postgresql(row: tuple) -> tuple[bool, bool]:
    return bool(row[9]), bool(row[8])


def _grounds_hold(sequence: int, recorded: Any, actual: dict[str, str]) -> bool:
    try:
        grounds = json.loads(recorded) if isinstance(recorded, str) else None
    except ValueError:
        return False
    return isinstance(grounds, dict) and check_grounds(sequence, grounds, actual) is None


def walk(w: Walk, checkpoint: Checkpoint | None) -> BadEntry | Restart | None:
    """Walk the whole register fast; return its first bad entry, None, or `Restart`."""
    if connection.vendor not in ("sqlite", "postgresql"):
        return UNSUPPORTED
    # Inside a transaction a failed statement spoils it on PostgreSQL: keep the failure in a
    # savepoint. Outside one, no transaction is opened (SQLite's would take the write lock).
    guard = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    try:
        with guard:
            return _walk(w, checkpoint)
    except DatabaseError:
        return UNSUPPORTED


def _walk(w: Walk, checkpoint: Checkpoint | None) -> BadEntry | Restart | None:
    sql, judge = (
        (POSTGRESQL, _judge_postgresql)
        if connection.vendor == "postgresql"
        else (SQLITE, _judge_sqlite)
    )
    plain = list(plain_digests())
    checked = checkpoint.sequence if checkpoint else 0
    confirmed = checkpoint is None
    holds, hashes, formats = w.holds, w.statute_hashes, _FORMATS
    special = motions_with_rows()
    start = 1
    with connection.cursor() as cursor:
        while True:
            # Up to the checked entry first, so that the record is confirmed at a chunk's end.
            upper = checked if start <= checked else 2**62
            cursor.execute(sql, [*plain, start, upper, CHUNK])
            rows = cursor.fetchall()
            if not rows:
                break
            chunk_grounds = None
            for row in rows:
                w.count += 1
                sequence, entry_hash = row[0], row[2]
                hashed, grounded = judge(row)
                found = formats.get(row[6])
                ok = (
                    sequence == w.expected
                    and row[1] == w.prev
                    and hashed
                    and not row[7]
                    and found is not None
                    and found >= w.newest_format
                )
                if ok and found >= FORMAT:
                    ok = (
                        row[5] in hashes
                        and holds is not None
                        and (sequence <= checked or holds(sequence, entry_hash, row[3] or ""))
                    )
                    if ok and row[4] in special:
                        # Ballots, a box, a count: their digests computed here, a chunk at once.
                        if chunk_grounds is None:
                            chunk_grounds = grounds_for([r[4] for r in rows if r[4] in special])
                        ok = _grounds_hold(sequence, row[-1], chunk_grounds[row[4]])
                    else:
                        ok = ok and grounded
                if not ok:
                    decision = entry_row(sequence)
                    bad = w.check(decision, grounds_for([decision.motion_id]))
                    if bad is not None:
                        # Before the record is confirmed, the signatures it skipped are not:
                        # the full walk finds the first entry that does not hold.
                        return bad if confirmed else RESTART
                    found = format_of(decision)
                w.passed(sequence, entry_hash, found)
            w.signatures.add([row[3] for row in rows])
            if not confirmed and rows[-1][0] == checked:
                assert checkpoint is not None
                confirmed = (
                    w.prev == checkpoint.entry_hash
                    and w.signatures.hexdigest() == checkpoint.signatures
                )
                if not confirmed:
                    return RESTART
            start = rows[-1][0] + 1
    return None if confirmed else RESTART

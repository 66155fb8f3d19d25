"""The checks `verify_register` makes of each entry beyond its link and its hash, and what it
reports: the statute text an entry adopts, the digests of what a format-2 entry rests on, its
head signature, and the heads outside witnesses kept."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from kuzbas.governance import register_key
from kuzbas.governance.register_grounds import FORMAT, contributed


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


def format_of(decision: Any) -> int:
    return int((decision.payload or {}).get("format", 1))


def check_grounds_and_signature(
    decision: Any,
    newest_format: int,
    statute_hashes: set[str],
    grounds: dict[int, dict[str, str]],
    public_key: str | None,
    holds: Callable[[int, str, str], bool] | None,
) -> BadEntry | None:
    """Check what format 2 adds: the grounds' digests and the head's signature."""
    found_format = format_of(decision)
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
    bad = check_signature(decision, public_key, holds)
    if bad is not None:
        return bad
    bad = check_grounds(
        decision.sequence, decision.payload.get("grounds"), grounds[decision.motion_id]
    )
    if bad is not None:
        return bad
    if decision.statute_hash not in statute_hashes:
        return BadEntry(
            decision.sequence,
            expected=decision.statute_hash,
            found="(no stored statute text has this hash)",
            reason="the statute text it was decided under is no longer stored as it was",
        )
    return None


def check_grounds(
    sequence: int, recorded: dict[str, str] | None, actual: dict[str, str]
) -> BadEntry | None:
    """Compare the digests an entry recorded of what it rests on with those computed now."""
    recorded = recorded or {}
    for name, digest in actual.items():
        other = contributed(name)
        if other is not None and name not in recorded:
            continue  # appended before its app kept that ground; the entry's hash covers this
        if recorded.get(name) != digest:
            return BadEntry(
                sequence,
                expected=recorded.get(name, ""),
                found=digest,
                reason=other.changed if other is not None else GROUND_CHANGED[name],
            )
    return None


GROUND_CHANGED = {
    "motion": "the motion's title or text was changed after it was decided",
    "ballots": "the named ballots it was counted from were changed",
    "box": "the ballot box it was counted from was changed",
    "counted": "the totals the chair counted were changed",
}


def check_signature(
    decision: Any, public_key: str | None, holds: Callable[[int, str, str], bool] | None
) -> BadEntry | None:
    if public_key is None or holds is None:
        return BadEntry(
            decision.sequence,
            expected=str(register_key.key_path()),
            found="(no key file)",
            reason="its head signature cannot be checked: the register's signing key is missing",
        )
    signature = decision.head_signature or ""
    if holds(decision.sequence, decision.entry_hash, signature):
        return None
    return BadEntry(
        decision.sequence,
        expected=f"a signature by key {public_key}",
        found=signature or "(no signature)",
        reason="its head signature does not hold: the entry or the chain was recomputed "
        "without the register's key",
    )


def check_witnesses(
    witnessed: Sequence[WitnessedHead], seen: dict[int, str], hashes: set[str], count: int
) -> BadEntry | None:
    """Every head a witness kept must still be on the chain, with the hash it had.

    `seen` holds the hashes of the entries the witnesses name and of the last entry; `hashes`
    the witnessed hashes found anywhere on the chain.
    """
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


def check_statute(decision: Any, versions: dict[tuple[str, str], str]) -> BadEntry | None:
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

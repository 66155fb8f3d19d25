"""One walk of the register: where it is on the chain, what it checks of each entry, and the
full walk, which checks everything of every entry in Python (`kuzbas verify --full`)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from kuzbas.governance import register_key
from kuzbas.governance.models import Decision, StatuteVersion
from kuzbas.governance.register_canonical import COLUMNS, GENESIS, WALK_CHUNK, entry_hash_of
from kuzbas.governance.register_checkpoint import SignatureDigest
from kuzbas.governance.register_checks import (
    BadEntry,
    WitnessedHead,
    check_grounds_and_signature,
    check_statute,
    format_of,
)
from kuzbas.governance.register_grounds import grounds_for


@dataclass
class Walk:
    """What a walk knows before the first entry, and where it has got to."""

    versions: dict[tuple[str, str], str]
    statute_hashes: set[str]
    public_key: str | None
    holds: Callable[[int, str, str], bool] | None
    wanted: set[int]
    wanted_hashes: set[str]
    seen: dict[int, str] = field(default_factory=dict)
    hashes: set[str] = field(default_factory=set)
    prev: str = GENESIS
    expected: int = 1
    count: int = 0
    newest_format: int = 1
    signatures: SignatureDigest = field(default_factory=SignatureDigest)

    @classmethod
    def start(cls, witnessed: Sequence[WitnessedHead]) -> Walk:
        # The texts' own hashes, not the hashes stored beside them: a text changed by hand shows.
        versions = {
            (statute_id, version): hashlib.sha256(text.encode("utf-8")).hexdigest()
            for statute_id, version, text in StatuteVersion.objects.values_list(
                "statute_id", "version", "text"
            )
        }
        public_key = register_key.local_public_key()
        return cls(
            versions=versions,
            statute_hashes=set(versions.values()),
            public_key=public_key,
            holds=register_key.head_checker(public_key) if public_key else None,
            # Only the entries a witness names are remembered, not the whole chain.
            wanted={head.sequence for head in witnessed if head.sequence is not None},
            wanted_hashes={head.entry_hash for head in witnessed if head.sequence is None},
        )

    def check(self, decision: Any, grounds: dict[int, dict[str, str]]) -> BadEntry | None:
        """Check one entry (a row of `COLUMNS`) in full: its link, its hash, the statute text
        it adopts, its format, its signature and the digests of what it rests on."""
        bad = _check(decision, expected_sequence=self.expected, prev=self.prev)
        bad = bad or check_statute(decision, self.versions)
        return bad or check_grounds_and_signature(
            decision,
            self.newest_format,
            self.statute_hashes,
            grounds,
            self.public_key,
            self.holds,
        )

    def passed(self, sequence: int, entry_hash: str, found_format: int) -> None:
        """Move past an entry that holds."""
        self.newest_format = max(self.newest_format, found_format)
        self.prev, self.expected = entry_hash, sequence + 1
        if sequence in self.wanted:
            self.seen[sequence] = entry_hash
        if entry_hash in self.wanted_hashes:
            self.hashes.add(entry_hash)

    def full(self) -> BadEntry | None:
        """Check every entry in full, every signature included; return the first bad one."""
        for chunk in _chunks():
            # The chunk's motions as a subquery: a list of thousands of ids costs more to bind.
            grounds = grounds_for(
                Decision.objects.filter(
                    sequence__gte=chunk[0].sequence, sequence__lte=chunk[-1].sequence
                ).values_list("motion_id", flat=True)
            )
            for decision in chunk:
                self.count += 1
                bad = self.check(decision, grounds)
                if bad is not None:
                    return bad
                self.passed(decision.sequence, decision.entry_hash, format_of(decision))
            self.signatures.add([decision.head_signature for decision in chunk])
        return None


def entry_row(sequence: int) -> Any:
    """Return one entry as a row of `COLUMNS`."""
    return Decision.objects.values_list(*COLUMNS, named=True).get(sequence=sequence)


def _chunks() -> Iterator[list[Any]]:
    """The register's entries in order, as rows of `COLUMNS`, `WALK_CHUNK` at a time."""
    rows = (
        Decision.objects.order_by("sequence")
        .values_list(*COLUMNS, named=True)
        .iterator(chunk_size=WALK_CHUNK)
    )
    while chunk := list(islice(rows, WALK_CHUNK)):
        yield chunk


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

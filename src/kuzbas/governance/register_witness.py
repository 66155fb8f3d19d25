"""What an outside witness needs: the register exported whole, and its head, signed, on one line.

A witness keeps the line `kuzbas register head` prints (or the file it writes); later,
`kuzbas verify --witness FILE` checks that every head kept is still on the chain with the same
hash. Truncating the register, or recomputing it, cannot keep that: the register's own rows can
be rewritten by whoever holds the database, the witness's copy cannot.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from kuzbas.core.errors import Invalid, Problem
from kuzbas.governance import register_key
from kuzbas.governance.models import Decision
from kuzbas.governance.register import GENESIS, WitnessedHead

PREFIX = "kuzbas-register-head"


@dataclass(frozen=True)
class SignedHead:
    """The register's head entry with its signature and the key that checks it."""

    sequence: int
    entry_hash: str
    signature: str
    public_key: str

    def line(self) -> str:
        """Return the witness line: what an outside witness keeps."""
        return (
            f"{PREFIX} entry={self.sequence} hash={self.entry_hash} "
            f"key={self.public_key} signature={self.signature}"
        )


def signed_head() -> SignedHead | None:
    """Return the last entry as the signed head, or None while the register is empty."""
    last = Decision.objects.order_by("-sequence").only("sequence", "entry_hash", "head_signature")
    entry = last.first()
    if entry is None:
        return None
    return SignedHead(
        sequence=entry.sequence,
        entry_hash=entry.entry_hash,
        signature=entry.head_signature or "",
        public_key=register_key.public_key_hex(),
    )


def read_witness(text: str) -> list[WitnessedHead]:
    """Read the witness lines in `text` (blank lines and `#` comments skipped); each line's
    signature must hold under its key, and that key must be the register's."""
    local = register_key.local_public_key()
    heads, problems = [], []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = dict(part.partition("=")[::2] for part in line.split()[1:])
        try:
            sequence, entry_hash = int(fields["entry"]), fields["hash"]
            key, signature = fields["key"], fields["signature"]
        except (KeyError, ValueError):
            problems.append(
                Problem(
                    _("not a witness line (%(p)s entry=… hash=… key=… signature=…)")
                    % {"p": PREFIX},
                    field="witness",
                    line=number,
                )
            )
            continue
        if not line.startswith(PREFIX + " ") or not register_key.signature_holds(
            key, sequence, entry_hash, signature
        ):
            problems.append(Problem(_("its signature does not hold"), field="witness", line=number))
        elif local is not None and key != local:
            problems.append(
                Problem(
                    _("it was signed by another key than the register's"),
                    field="witness",
                    line=number,
                )
            )
        else:
            heads.append(WitnessedHead(sequence=sequence, entry_hash=entry_hash))
    if problems:
        raise Invalid(problems=problems)
    return heads


@dataclass(frozen=True)
class RegisterExport:
    """The register as plain rows, with the head hash an auditor compares against."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    head_hash: str = GENESIS

    @property
    def count(self) -> int:
        return len(self.rows)


def export_register() -> RegisterExport:
    """Return every entry as plain data, oldest first, and the head hash."""
    rows = []
    entries = Decision.objects.select_related("motion", "motion__body").order_by("sequence")
    for d in entries:
        rows.append(
            {
                "sequence": d.sequence,
                "motion": d.motion_id,
                "motion_number": d.motion.number,
                "motion_title": d.motion.title,
                "body": d.motion.body.key,
                "matter": d.motion.matter,
                "outcome": d.outcome,
                "counts": d.counts,
                "arithmetic": d.arithmetic,
                "statute_hash": d.statute_hash,
                "rule": d.rule,
                "decided_on": d.decided_on.isoformat(),
                "recorded_at": d.recorded_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
                "payload": d.payload,
                "prev_hash": d.prev_hash,
                "entry_hash": d.entry_hash,
                "head_signature": d.head_signature,
            }
        )
    head = rows[-1]["entry_hash"] if rows else GENESIS
    return RegisterExport(rows=rows, head_hash=head)

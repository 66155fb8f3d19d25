"""The record of heads' signatures already checked: one signed line kept beside the key.

Checking a million Ed25519 signatures takes minutes; the chain's hashes take seconds. After a
walk that found the register whole, `kuzbas verify` writes what it checked: the last entry, its
hash, and a digest of every entry's signature up to it, signed with the register's key. The next
walk still hashes every entry and checks every link; it checks the signatures of the entries
after that last one only, and, on reaching it, that its hash and the digest of the signatures
are the ones recorded. The hash of the last entry covers every entry before it, through the
chain, so entries that hash as they did are the entries whose signatures were checked; the
digest shows a signature changed since. Where the record does not match, or the chain ends
before its entry, the walk is made again checking every signature (`verify_register`).

The record cannot be made without the key: its own signature is checked under the register's
public key, and a line that does not hold is ignored (every signature is then checked). An
older record, put back, only makes a walk check more signatures. It lives in a file beside the
key (`<key>.checked`), not in the database, so that it does not travel with the database's copies.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from kuzbas.governance import register_key

PREFIX = "kuzbas-register-checked"


@dataclass(frozen=True)
class Checkpoint:
    """Every signature of entries 1…`sequence` checked, the last with `entry_hash`, the
    signatures' digest `signatures` (`SignatureDigest`)."""

    sequence: int
    entry_hash: str
    signatures: str

    def message(self) -> bytes:
        return f"{PREFIX}:{self.sequence}:{self.entry_hash}:{self.signatures}".encode()


class SignatureDigest:
    """The SHA-256 of every entry's head signature in order, one line each ("-" for none)."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()

    def add(self, signatures: list[str | None]) -> None:
        """Add the signatures of consecutive entries, in order."""
        if signatures:
            self._hash.update("".join(f"{s or '-'}\n" for s in signatures).encode())

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def path() -> Path:
    return register_key.key_path().with_suffix(".checked")


def read(public_key: str | None) -> Checkpoint | None:
    """Return the record of checked signatures, or None if there is none that holds."""
    if public_key is None:
        return None
    try:
        line = path().read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    fields = dict(part.partition("=")[::2] for part in line.split()[1:])
    try:
        checkpoint = Checkpoint(int(fields["entry"]), fields["hash"], fields["signatures"])
        signature = fields["signature"]
    except (KeyError, ValueError):
        return None
    if not line.startswith(PREFIX + " "):
        return None
    if not register_key.message_holds(public_key, checkpoint.message(), signature):
        return None
    return checkpoint


def write(checkpoint: Checkpoint) -> None:
    """Sign and keep the record, replacing the one before; nothing without the key file."""
    if not register_key.key_path().exists() or checkpoint.sequence < 1:
        return
    signature = register_key.sign_message(checkpoint.message())
    line = (
        f"{PREFIX} entry={checkpoint.sequence} hash={checkpoint.entry_hash} "
        f"signatures={checkpoint.signatures} signature={signature}\n"
    )
    target = path()
    scratch = target.with_name(f"{target.name}.{os.getpid()}")
    # A record the walk cannot write (a read-only key folder) only costs the next walk time.
    with contextlib.suppress(OSError):
        scratch.write_text(line, encoding="ascii")
        os.replace(scratch, target)

"""The sealed ballot box of a vote without names, a motion's or an election's: a key made for
the vote, papers sealed with it while the vote is open, opened only at the close, in random
order (see docs/secret-ballot.md).

The private key lives in a file of its own under `BALLOT_KEY_DIR`, never in the database: a
reader of the database, its files or its backups sees only sealed papers while the vote is open,
and after the close the key is gone. Every worker process reads the same file, so the box
survives a restart and any number of gunicorn workers.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import secrets
import tempfile
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from kuzbas.core.errors import Conflict

# Every paper is padded to a multiple of this many bytes before sealing, so that the sealed
# rows are all the same size whatever the choice (and whatever the number of receipts a proxy
# holder's papers carry, up to a dozen).
PAPER_BLOCK = 512
# Every ballot answer pads its choice to the longest one's length.
LONGEST_CHOICE = len("abstain")


def key_dir() -> Path:
    """The directory of the open votes' keys, private to the service user."""
    return _folder(getattr(settings, "BALLOT_KEY_DIR", None), settings.VAR_DIR)


def _folder(configured, var_dir) -> Path:
    return Path(configured) if configured is not None else Path(var_dir) / "ballot-keys"


def box_of(vote) -> str:
    """The name of a vote's box (a motion's or an election's): its key file's name."""
    return f"{vote._meta.model_name}-{vote.pk}"


def _key_path(box: str) -> Path:
    return key_dir() / f"{box}.key"


def make_key(box: str, *, replace: bool = True) -> None:
    """Make the vote's key and keep it in a file only the service user can read.

    Opening a vote replaces a key left by an opening that was rolled back (no paper was sealed
    with it); `replace=False` keeps a key another worker made first.
    """
    folder = key_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".key-")  # created 0600
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(bytes(PrivateKey.generate()))
            file.flush()
            os.fsync(file.fileno())
        if replace:
            os.replace(temporary, _key_path(box))
        else:
            with contextlib.suppress(FileExistsError):  # a key is there already
                os.link(temporary, _key_path(box))
    finally:
        Path(temporary).unlink(missing_ok=True)


def ensure_key(box: str) -> None:
    """Make the key of a vote that opened before boxes were sealed, once, whoever comes first."""
    if not _key_path(box).exists():
        make_key(box, replace=False)


def _public_key(box: str) -> PublicKey:
    """The vote's public key, read once per key file (a replaced file is a new file).

    A vote that opened before boxes were sealed gets its key here, once, whoever comes first
    (`ensure_key`).
    """
    path = _key_file(getattr(settings, "BALLOT_KEY_DIR", None), settings.VAR_DIR, box)
    try:
        found = os.stat(path)
    except FileNotFoundError:
        ensure_key(box)
        found = os.stat(path)
    return _public_key_of(box, found.st_ino, found.st_mtime_ns)


@functools.lru_cache(maxsize=256)
def _key_file(configured, var_dir, box: str) -> str:
    """The key file's path as text (`key_dir`'s, under the settings given), built once a box:
    a ballot stats it without building Paths."""
    return os.path.join(_folder(configured, var_dir), f"{box}.key")


@functools.lru_cache(maxsize=64)
def _public_key_of(box: str, _inode: int, _mtime: int) -> PublicKey:
    return _private_key(box).public_key


def _private_key(box: str) -> PrivateKey:
    try:
        return PrivateKey(_key_path(box).read_bytes())
    except (FileNotFoundError, ValueError):
        raise Conflict(
            _("The key of this vote's ballot box is missing; the box cannot be used."),
            rule="ballot.box_key",
        ) from None


def paper_id() -> str:
    """A sealed paper's id: random, so that no id follows the order of casting."""
    return secrets.token_hex(16)


def _text(paper: dict) -> bytes:
    return json.dumps(paper, separators=(",", ":")).encode()


def seal(box: str, paper: dict, *, widest: dict | None = None) -> bytes:
    """Seal a paper with the vote's public key; only the vote's private key opens it.

    The paper is padded to a whole number of blocks, enough for `widest` too: the longest paper
    the vote allows (an election's ranking of every candidate), so that a sealed paper's size
    says nothing of how much it holds.
    """
    text = _text(paper)
    longest = max(len(text), len(_text(widest)) if widest is not None else 0)
    size = -(-(longest + 1) // PAPER_BLOCK) * PAPER_BLOCK
    padded = text + b" " * (size - len(text))
    return SealedBox(_public_key(box)).encrypt(padded)


def unseal(box: str, sealed: bytes) -> dict:
    """Open one sealed paper (a retry asking for its ballot back, or the count at the close)."""
    try:
        return json.loads(SealedBox(_private_key(box)).decrypt(bytes(sealed)))
    except CryptoError:
        raise Conflict(
            _("A paper in this vote's ballot box was not sealed with the vote's key."),
            rule="ballot.box_key",
        ) from None


def open_box(box: str, sealed: Iterable[bytes]) -> list[dict]:
    """Open every sealed paper of a box at the close; the papers come back in random order."""
    papers = [unseal(box, paper) for paper in sealed]
    in_random_order(papers)
    return papers


def in_random_order(rows: list) -> None:
    """Shuffle the papers to be written at the close, so that no row follows the casting."""
    secrets.SystemRandom().shuffle(rows)


def destroy_key_on_commit(box: str) -> None:
    """Delete the vote's key once the close is committed: the sealed papers left in the data
    files, the write-ahead log or a backup can then never be opened again."""

    def destroy() -> None:
        path = _key_path(box)
        if path.exists():
            # Overwriting first defeats an undelete on a plain file system; a journal or an
            # SSD may still keep the old block, which is why the key directory may be a tmpfs.
            path.write_bytes(secrets.token_bytes(len(path.read_bytes())))
            path.unlink()

    transaction.on_commit(destroy)


def answer(number: int, ballot) -> dict:
    """The API's answer to a ballot: its motion, choice and receipt (a secret ballot's, which
    goes to its voter here and again only to a retry with the same key; nobody else keeps it),
    padded so that every choice gives an answer of the same size: a server's log records sizes."""
    return {
        "motion": number,
        "choice": ballot.choice,
        "receipt": getattr(ballot, "receipt", None),
        "pad": " " * (LONGEST_CHOICE - len(ballot.choice)),
    }

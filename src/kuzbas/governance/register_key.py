"""The key that signs the decision register's head: Ed25519, kept in a file outside the database.

Whoever can write the database can recompute the hash chain, but cannot sign the heads of the
chain they made without this file. The public part is published (`kuzbas register head`, the
register page, a `.pub` file beside the key) so that outside witnesses can check a signed head.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings


def key_path() -> Path:
    return Path(settings.REGISTER_KEY)


def signed_message(sequence: int, entry_hash: str) -> bytes:
    """Return the bytes a head's signature is taken over: which entry, and its hash."""
    return f"kuzbas-register-head:{sequence}:{entry_hash}".encode()


def ensure_key() -> Path:
    """Create the signing key (mode 0600) and its public part, unless the key exists."""
    path = key_path()
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    try:
        # O_EXCL: two processes starting at once keep the first key, not a mix of both.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path
    with os.fdopen(fd, "wb") as file:
        file.write(pem)
    path.with_suffix(".pub").write_text(public_key_hex() + "\n")
    return path


def _private_key() -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(ensure_key().read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise TypeError(f"{key_path()} does not hold an Ed25519 key")
    return key


def public_key_hex() -> str:
    """Return the public key, as 64 hex digits: what witnesses check signatures with."""
    raw = (
        _private_key()
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    return raw.hex()


def local_public_key() -> str | None:
    """Return the public key of the key file, or None when there is no key file to read."""
    return public_key_hex() if key_path().exists() else None


def sign_head(sequence: int, entry_hash: str) -> str:
    """Return the signature of a head (entry `sequence` with hash `entry_hash`), in hex."""
    return _private_key().sign(signed_message(sequence, entry_hash)).hex()


def sign_message(message: bytes) -> str:
    """Return the key's signature of `message`, in hex (each use has its own message prefix)."""
    return _private_key().sign(message).hex()


def signature_holds(public_hex: str, sequence: int, entry_hash: str, signature: str) -> bool:
    """Return whether `signature` signs that head under the public key `public_hex`."""
    return message_holds(public_hex, signed_message(sequence, entry_hash), signature)


def message_holds(public_hex: str, message: bytes, signature: str) -> bool:
    """Return whether `signature` signs `message` under the public key `public_hex`."""
    try:
        public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
        public.verify(bytes.fromhex(signature), message)
    except (ValueError, InvalidSignature):
        return False
    return True


def head_checker(public_hex: str) -> Callable[[int, str, str], bool]:
    """Return a check of heads' signatures under `public_hex`, for walking a long register.

    It accepts exactly what `signature_holds` accepts, at a third of the cost where the key file
    is at hand: Ed25519 signs deterministically (RFC 8032), so the signature the key makes of a
    head is computed and compared, and only a signature that differs from it is verified.
    """
    try:
        public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
    except ValueError:
        return lambda _sequence, _entry_hash, _signature: False
    private = _private_key() if key_path().exists() else None
    if private is not None and public_key_hex() != public_hex:
        private = None

    def holds(sequence: int, entry_hash: str, signature: str) -> bool:
        message = signed_message(sequence, entry_hash)
        if private is not None and private.sign(message).hex() == signature:
            return True
        try:
            public.verify(bytes.fromhex(signature), message)
        except (ValueError, InvalidSignature):
            return False
        return True

    return holds

"""The fast check of heads' signatures that `kuzbas verify` walks a long register with: it accepts
exactly what a verification accepts, with the key file at hand and without it."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kuzbas.governance import register_key

HASH = "ab" * 32


def _other_key_signature(sequence: int, entry_hash: str) -> tuple[str, str]:
    other = Ed25519PrivateKey.generate()
    public = other.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return public.hex(), other.sign(register_key.signed_message(sequence, entry_hash)).hex()


def _signatures() -> dict[str, str]:
    good = register_key.sign_head(7, HASH)
    _public, foreign = _other_key_signature(7, HASH)
    return {
        "the head's own": good,
        "another head's": register_key.sign_head(8, HASH),
        "another key's": foreign,
        "one bit flipped": good[:-1] + ("0" if good[-1] != "0" else "1"),
        "not hex": "zz" * 64,
        "empty": "",
    }


@pytest.mark.parametrize(
    "name",
    ["the head's own", "another head's", "another key's", "one bit flipped", "not hex", "empty"],
)
def test_the_fast_check_accepts_exactly_what_a_verification_accepts(name):
    signature = _signatures()[name]
    public = register_key.public_key_hex()

    fast = register_key.head_checker(public)(7, HASH, signature)

    assert fast == register_key.signature_holds(public, 7, HASH, signature)
    assert fast == (name == "the head's own")


def test_the_fast_check_under_another_public_key_verifies_instead_of_re_signing():
    public, signature = _other_key_signature(7, HASH)

    holds = register_key.head_checker(public)

    assert holds(7, HASH, signature)
    assert not holds(7, HASH, register_key.sign_head(7, HASH))
    assert not holds(8, HASH, signature)

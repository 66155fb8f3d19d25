"""A ballot's keyed digests are Django's salted HMACs: digests stored before stay findable."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils.crypto import salted_hmac

from kuzbas.governance.services.ballots import _keyed


def test_a_keyed_digest_is_djangos_salted_hmac_under_the_current_secret(settings):
    motion = SimpleNamespace(pk=12)
    for secret in ("first-secret-" + "x" * 40, "second-secret-" + "y" * 40):
        settings.SECRET_KEY = secret
        for purpose in ("participation", "paper", "receipt", "ballot"):
            expected = salted_hmac(f"kuzbas.ballot.{purpose}", "12:7:phone-key-0123456789")
            assert _keyed(purpose, motion, 7, "phone-key-0123456789") == expected.hexdigest()

"""What keeps the public application form from robots and floods, without a third party.

- A stamp signed into the form when it is shown (`form_stamp`): a form sent back sooner than a
  person could fill it, or a day later, or with a stamp not ours, is refused (`check_stamp`).
- A honeypot: a field people do not see (`HONEYPOT`), which a robot fills.
- A small counter per address in Django's cache (`take_a_try`): more than
  `KUZBAS_APPLY_TRIES` tries from one address within `KUZBAS_APPLY_WINDOW` seconds are refused.
  The address is kept only as a digest, and only in the cache. With several server processes,
  the cache must be one they share (docs/recruitment.md).

Each refusal names the field it is about and stores nothing.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kuzbas.core.errors import Invalid, NotNow, Problem

HONEYPOT = "website"
STAMP = "stamp"
_SALT = "kuzbas.recruitment.apply"


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def form_stamp(call_key: str, now: float | None = None) -> str:
    """Return the signed stamp a freshly shown form carries."""
    return signing.dumps(
        {"call": call_key, "at": now if now is not None else time.time()}, salt=_SALT
    )


def check_stamp(stamp: str, call_key: str, now: float | None = None) -> None:
    """Refuse a form whose stamp is missing, forged, for another call, too fresh or too old."""
    now = now if now is not None else time.time()
    try:
        data = signing.loads(stamp or "", salt=_SALT)
    except signing.BadSignature:
        raise Invalid(
            problems=[
                Problem(_("The form is not one this site gave out; open it again."), field=STAMP)
            ]
        ) from None
    if not isinstance(data, dict) or data.get("call") != call_key:
        raise Invalid(
            problems=[Problem(_("The form belongs to another call; open it again."), field=STAMP)]
        )
    age = now - float(data.get("at", 0))
    least = _setting("KUZBAS_APPLY_MIN_SECONDS", 5)
    if age < least:
        raise Invalid(
            problems=[
                Problem(
                    ngettext(
                        "The form came back within %(n)s second of being opened; a person "
                        "takes longer. Check it and send it again.",
                        "The form came back within %(n)s seconds of being opened; a person "
                        "takes longer. Check it and send it again.",
                        least,
                    )
                    % {"n": least},
                    field=STAMP,
                )
            ]
        )
    if age > _setting("KUZBAS_APPLY_MAX_AGE", 86_400):
        raise Invalid(problems=[Problem(_("The form is too old; open it again."), field=STAMP)])


def check_honeypot(value: str) -> None:
    """Refuse a form whose hidden field was filled in (people do not see it)."""
    if value:
        raise Invalid(problems=[Problem(_("Leave this field empty."), field=HONEYPOT)])


def take_a_try(address: str) -> None:
    """Count a try from an address; NotNow once it has tried too often within the window."""
    limit = _setting("KUZBAS_APPLY_TRIES", 5)
    window = _setting("KUZBAS_APPLY_WINDOW", 3600)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    key = f"recruitment:apply:{digest}"
    cache.add(key, 0, timeout=window)
    try:
        tries = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        tries = 1
    if tries > limit:
        raise NotNow(
            ngettext(
                "Too many tries from your connection: at most %(n)s within %(minutes)s minutes. "
                "Try again later.",
                "Too many tries from your connection: at most %(n)s within %(minutes)s minutes. "
                "Try again later.",
                limit,
            )
            % {"n": limit, "minutes": max(1, window // 60)},
            rule="recruitment.apply.rate",
        )

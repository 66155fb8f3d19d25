"""Motions, register entries, statute versions, bodies, seats, seat holdings and proxies named by
user input, fetched only for those who may see governance; the pages and the API share these."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kuzbas.core.errors import NotFound
from kuzbas.core.rights import Right, require
from kuzbas.governance.models import (
    Body,
    Decision,
    Motion,
    Proxy,
    Seat,
    SeatHolding,
    StatuteVersion,
)
from kuzbas.record.selectors import citations_prefetch


def motion_for_user(user, number: int) -> Motion:
    """Return motion No. `number` with what its page shows; NotFound if there is none."""
    require(user, Right.GOVERNANCE_VIEW)
    motion = (
        Motion.objects.select_related("body", "decision", "statute_version", "counted_vote")
        .filter(number=number)
        .first()
    )
    if motion is None:
        raise NotFound(_("There is no motion No. %(n)s.") % {"n": number})
    return motion


def decision_for_user(user, sequence: int) -> Decision:
    """Return register entry No. `sequence` with its motion and sources; NotFound if none."""
    require(user, Right.GOVERNANCE_VIEW)
    decision = (
        Decision.objects.select_related("motion", "motion__body", "motion__counted_vote")
        .prefetch_related(citations_prefetch())
        .filter(sequence=sequence)
        .first()
    )
    if decision is None:
        raise NotFound(_("There is no register entry No. %(n)s.") % {"n": sequence})
    return decision


def version_for_user(user, label: str) -> StatuteVersion:
    """Return the statute version called `label`; NotFound if none was loaded."""
    require(user, Right.GOVERNANCE_VIEW)
    found = StatuteVersion.objects.filter(version=label).first()
    if found is None:
        raise NotFound(_("There is no statute version “%(v)s”.") % {"v": label})
    return found


def body_for_user(user, key: str) -> Body:
    """Return the body with this key; NotFound naming the field if there is none."""
    require(user, Right.GOVERNANCE_VIEW)
    found = Body.objects.filter(key=key).first()
    if found is None:
        raise NotFound(_("There is no body “%(key)s”.") % {"key": key}, field="body")
    return found


def proxy_for_user(user, proxy_id: int) -> Proxy:
    """Return proxy No. `proxy_id` with giver, holder and body; NotFound if there is none."""
    require(user, Right.GOVERNANCE_VIEW)
    proxy = Proxy.objects.select_related("giver", "holder", "body").filter(pk=proxy_id).first()
    if proxy is None:
        raise NotFound(_("There is no proxy No. %(n)s.") % {"n": proxy_id})
    return proxy


def seat_for_user(user, body_key: str, seat_key: str) -> Seat:
    """Return a body's seat with its body; NotFound naming the field if there is none."""
    require(user, Right.GOVERNANCE_VIEW)
    found = Seat.objects.select_related("body").filter(body__key=body_key, key=seat_key).first()
    if found is None:
        raise NotFound(
            _("The %(body)s has no seat “%(seat)s”.") % {"body": body_key, "seat": seat_key},
            field="seat",
        )
    return found


def holding_for_user(user, body_key: str, holding_id: int, *, seat_key: str = "") -> SeatHolding:
    """Return holding No. `holding_id` of a seat of the body (of the seat `seat_key`, if
    given), with its citations; NotFound if there is none."""
    require(user, Right.GOVERNANCE_VIEW)
    found = SeatHolding.objects.select_related("seat__body", "person", "decision").filter(
        seat__body__key=body_key, pk=holding_id
    )
    if seat_key:
        found = found.filter(seat__key=seat_key)
    found = found.prefetch_related(citations_prefetch()).first()
    if found is None:
        raise NotFound(
            _("The %(body)s has no seat holding No. %(n)s.") % {"body": body_key, "n": holding_id},
            field="holding",
        )
    return found


def entry_named(user, sequence: int | None) -> Decision | None:
    """Return the register entry a form names by number (None: none named); NotFound naming
    the field `decision` if there is no such entry."""
    if sequence is None:
        return None
    require(user, Right.GOVERNANCE_VIEW)
    found = Decision.objects.select_related("motion__body").filter(sequence=sequence).first()
    if found is None:
        raise NotFound(
            _("There is no register entry No. %(n)s.") % {"n": sequence}, field="decision"
        )
    return found

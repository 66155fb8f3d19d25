"""Proxies: a voter's vote in a body given to another voter, ended, or taken back."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import Conflict, Invalid, NotNow, Problem
from kuzbas.core.intervals import overlapping
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.governance.models import Body, Proxy
from kuzbas.governance.services import bodies
from kuzbas.governance.statutes import stored_history
from kuzbas.governance.voters import electorate_on, outside_electorate
from kuzbas.members.models import Person
from kuzbas.statute import NotInForce, Statute, statute_as_of
from kuzbas.statute import Proxy as EngineProxy


def _statute_on(day: dt.date) -> Statute:
    try:
        return statute_as_of(stored_history(), day)
    except NotInForce as error:
        raise Conflict(error.message, field="valid_from") from None


@transaction.atomic
def give_proxy(
    *,
    actor,
    giver: Person,
    holder: Person,
    body: Body | str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
) -> Proxy:
    """Record that `giver` gives their vote in a body to `holder` for a span of days.

    The giver records it themself; a meeting clerk may record a proxy given in writing. The
    statute decides whether it may be given: the electorate is weighed with it on its first
    day, and any refusal it causes (no proxies in this body, too many held, a giver with no vote
    to give) refuses it, with the statute's reason.
    """
    if getattr(actor, "person_id", None) == giver.pk:
        require(actor, Right.GOVERNANCE_VOTE, valid_from)
    else:
        require(actor, Right.MEETINGS_CLERK, valid_from)
    target = bodies.body_named(body)
    problems = []
    if holder.pk == giver.pk:
        problems.append(Problem(_("A proxy is given to someone else."), field="holder"))
    if valid_to is not None and valid_to < valid_from:
        problems.append(Problem(_("A proxy cannot end before it starts."), field="valid_to"))
    if problems:
        raise Invalid(problems=problems)
    proxy = Proxy(giver=giver, holder=holder, body=target, valid_from=valid_from, valid_to=valid_to)
    full_clean_or_invalid(proxy)
    if Proxy.objects.filter(overlapping(valid_from, valid_to), giver=giver, body=target).exists():
        raise Conflict(
            _("%(person)s has already given a proxy in the %(body)s for part of that time.")
            % {"person": giver, "body": target},
            field="valid_from",
        )
    statute = _statute_on(valid_from)
    before = set(electorate_on(statute, body=target.key, matter="", as_of=valid_from).refused)
    engine_proxy = EngineProxy(
        giver=giver.key, holder=holder.key, body=target.key, since=valid_from
    )
    after = electorate_on(
        statute, body=target.key, matter="", as_of=valid_from, extra_proxies=(engine_proxy,)
    )
    refused = [r for r in after.refused if r not in before]
    if refused:
        # A giver or holder whose category has no vote is told so in the reader's language.
        for person in (giver, holder):
            worded = outside_electorate(after, statute, person)
            if worded is not None and worded.rule == refused[0].rule:
                raise worded
        raise refused[0].as_error()
    proxy.save()
    audit(
        actor=actor,
        action="governance.proxy.give",
        obj=proxy,
        changes={"giver": giver.key, "holder": holder.key, "body": target.key},
    )
    return proxy


@transaction.atomic
def end_proxy(*, actor, proxy: Proxy, on: dt.date) -> Proxy:
    """End a proxy on a day (its last): by its giver, or by a meeting clerk."""
    proxy = Proxy.objects.select_for_update().select_related("giver", "body").get(pk=proxy.pk)
    if getattr(actor, "person_id", None) != proxy.giver_id:
        require(actor, Right.MEETINGS_CLERK, on)
    if on < proxy.valid_from:
        raise Invalid(problems=[Problem(_("A proxy cannot end before it starts."), field="on")])
    if proxy.valid_to is not None and proxy.valid_to <= on:
        raise NotNow(_("This proxy has already ended."), field="on")
    proxy.valid_to = on
    proxy.save(update_fields=["valid_to"])
    audit(actor=actor, action="governance.proxy.end", obj=proxy, changes={"on": on})
    return proxy


@transaction.atomic
def withdraw_proxy(*, actor, proxy: Proxy) -> None:
    """Take back a proxy on the day it starts, as if never given (a vote already opened keeps
    the weights on its roll); the trail keeps what it was. Its giver, or a meeting clerk."""
    locked = Proxy.objects.select_for_update().select_related("giver", "holder", "body")
    proxy = locked.get(pk=proxy.pk)
    if getattr(actor, "person_id", None) != proxy.giver_id:
        require(actor, Right.MEETINGS_CLERK, proxy.valid_from)
    audit(
        actor=actor,
        action="governance.proxy.withdraw",
        obj=proxy,
        changes={
            "giver": proxy.giver.key,
            "holder": proxy.holder.key,
            "body": proxy.body.key,
            "from": proxy.valid_from,
            "to": proxy.valid_to,
        },
    )
    proxy.delete()

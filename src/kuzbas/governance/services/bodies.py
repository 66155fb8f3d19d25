"""Bodies in the record of the colony's institutions: add one, find one by its key, dissolve one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import NotFound, NotNow
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.governance.models import Body
from kuzbas.record.services import attach_citations


@transaction.atomic
def create_body(
    *, actor, key: str, name: str, kind: str, citations: Iterable[Mapping] = (), **fields: Any
) -> Body:
    """Add a body to the record of the colony's institutions."""
    require(actor, Right.RECORD_EDIT)
    body = Body(key=key, name=name, kind=kind, **fields)
    full_clean_or_invalid(body)
    body.save()
    attach_citations(actor=actor, obj=body, citations=citations)
    audit(actor=actor, action="governance.body.create", obj=body, changes={"name": name})
    return body


def body_named(body: Body | str) -> Body:
    """Return the body itself or the one with that key; NotFound if there is none."""
    if isinstance(body, Body):
        return body
    found = Body.objects.filter(key=body).first()
    if found is None:
        raise NotFound(_("There is no body “%(key)s”.") % {"key": body}, field="body")
    return found


@transaction.atomic
def dissolve_body(*, actor, body: Body, on: dt.date, grounds: Mapping[str, Any]) -> Body:
    """Record the last day of a body (a winding-up dissolves it); its seats' holdings are ended
    through `seat_holdings.end_holding`. `grounds` names the decision in the audit entry."""
    require(actor, Right.GOVERNANCE_CHAIR, on)
    body = Body.objects.select_for_update().get(pk=body.pk)
    if body.dissolved is not None:
        raise NotNow(
            _("The %(body)s was dissolved on %(day)s already.")
            % {"body": body.name, "day": body.dissolved.isoformat()},
            field="body",
        )
    body.dissolved = on
    full_clean_or_invalid(body)
    body.save(update_fields=["dissolved", "dissolved_precision"])
    audit(
        actor=actor,
        action="governance.body.dissolve",
        obj=body,
        changes={"dissolved": on, **grounds},
    )
    return body

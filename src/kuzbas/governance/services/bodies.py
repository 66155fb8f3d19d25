"""Bodies in the record of the colony's institutions: add one, find one by its key."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import NotFound
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

"""Writes to the record: sources and citations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.record.models import Citation, Evidence, Source

SOURCE_FIELDS = {f.name for f in Source._meta.get_fields() if f.concrete} - {"id", "cited_in"}


@transaction.atomic
def add_source(*, actor, cited_in: Source | None = None, **fields: Any) -> Source:
    """Add a source to the record."""
    require(actor, Right.RECORD_EDIT)
    unknown = set(fields) - SOURCE_FIELDS
    if unknown:
        raise Invalid(
            problems=[Problem(_("unknown field"), field=name) for name in sorted(unknown)]
        )
    source = Source(cited_in=cited_in, **fields)
    full_clean_or_invalid(source)
    source.save()
    audit(actor=actor, action="record.source.add", obj=source, changes=fields)
    return source


def cite(
    *,
    actor,
    obj: models.Model,
    source: Source | None,
    locator: str = "",
    status: str = Evidence.DOCUMENTED,
    note: str = "",
) -> Citation:
    """Attach a citation to any record; the caller's service holds the transaction."""
    require(actor, Right.RECORD_EDIT)
    return _attach(actor=actor, obj=obj, source=source, locator=locator, status=status, note=note)


def attach_citations(*, actor, obj: models.Model, citations: Iterable[Mapping[str, Any]]) -> None:
    """Attach citations given as plain data (source, locator, status, note) to a new record.

    Called by other apps' services for records they create, under their own right checks.
    """
    for spec in citations:
        _attach(
            actor=actor,
            obj=obj,
            source=spec.get("source"),
            locator=spec.get("locator", ""),
            status=spec.get("status", Evidence.DOCUMENTED),
            note=spec.get("note", ""),
        )


def _attach(*, actor, obj, source, locator, status, note) -> Citation:
    citation = Citation(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        source=source,
        locator=locator,
        status=status,
        note=note,
    )
    full_clean_or_invalid(citation)
    citation.save()
    audit(
        actor=actor,
        action="record.citation.add",
        obj=obj,
        changes={"source": source.key if source else None, "locator": locator, "status": status},
    )
    return citation

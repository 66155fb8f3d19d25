"""Writes to the record: sources and citations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import Invalid, NotFound, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.record.citable import require_citable
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


@transaction.atomic
def cite(
    *,
    actor,
    obj: models.Model,
    source: Source | Mapping[str, Any] | None,
    locator: str = "",
    status: str = Evidence.DOCUMENTED,
    note: str = "",
) -> Citation:
    """Cite a source for a citable record: an existing source, or a new one given by its fields
    (added to the record in the same step), or none for a record marked illustrative."""
    require(actor, Right.RECORD_EDIT)
    require_citable(obj)
    if status not in Evidence.values:
        raise Invalid(problems=[Problem(_("Choose documented or illustrative."), field="status")])
    if isinstance(source, Mapping):
        source = _new_source(actor=actor, fields=source)
    if source is None and status == Evidence.DOCUMENTED:
        raise Invalid(
            problems=[
                Problem(
                    _("A documented citation needs a source: choose one or add a new one."),
                    field="source",
                )
            ]
        )
    return _attach(actor=actor, obj=obj, source=source, locator=locator, status=status, note=note)


@transaction.atomic
def withdraw_citation(*, actor, citation: Citation) -> None:
    """Withdraw a citation of a citable record; the audit trail keeps what it said."""
    require(actor, Right.RECORD_EDIT)
    target = citation.target
    if target is None:
        raise NotFound(_("The record this citation belonged to is gone."))
    require_citable(target)
    changes = {
        "source": citation.source.key if citation.source_id else None,
        "locator": citation.locator,
        "status": citation.status,
        "note": citation.note,
    }
    citation.delete()
    audit(actor=actor, action="record.citation.withdraw", obj=target, changes=changes)


def _new_source(*, actor, fields: Mapping[str, Any]) -> Source:
    """Add the source a citation names by its fields; problems name `source.<field>`."""
    given = {k: v for k, v in fields.items() if v not in (None, "")}
    if not given.get("key"):
        given["key"] = _free_key(str(given.get("title", "")))
    try:
        return add_source(actor=actor, **given)
    except Invalid as error:
        raise Invalid(
            problems=[
                Problem(p.message, field=f"source.{p.field}" if p.field else "source")
                for p in error.problems
            ]
        ) from None


def _free_key(title: str) -> str:
    """Return a key for a new source made from its title, not yet taken."""
    base = slugify(title)[:70].strip("-") or "source"
    key, n = base, 1
    while Source.objects.filter(key=key).exists():
        n += 1
        key = f"{base}-{n}"
    return key


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

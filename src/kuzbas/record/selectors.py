"""Reads of the record shared by several pages."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Prefetch, QuerySet

from kuzbas.record.models import Citation, Source


def citations_prefetch(lookup: str = "citations") -> Prefetch:
    """Prefetch a record's citations with their sources in two queries for a whole list."""
    return Prefetch(lookup, queryset=Citation.objects.select_related("source", "source__cited_in"))


def source_list() -> QuerySet[Source]:
    return Source.objects.select_related("cited_in").order_by("key")


def citations_of(obj: models.Model) -> list[Citation]:
    """Return a record's citations with their sources: the prefetched ones if the page
    prefetched them, else in one query."""
    prefetched = getattr(obj, "_prefetched_objects_cache", {})
    if "citations" in prefetched:
        return list(prefetched["citations"])
    return list(
        Citation.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).select_related("source", "source__cited_in")
    )

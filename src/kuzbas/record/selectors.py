"""Reads of the record shared by several pages."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from kuzbas.record.models import Citation, Source


def citations_prefetch(lookup: str = "citations") -> Prefetch:
    """Prefetch a record's citations with their sources in two queries for a whole list."""
    return Prefetch(lookup, queryset=Citation.objects.select_related("source", "source__cited_in"))


def source_list() -> QuerySet[Source]:
    return Source.objects.select_related("cited_in").order_by("key")

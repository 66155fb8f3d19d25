from __future__ import annotations

from django.db.models import QuerySet

from kuzbas.governance.models import Body
from kuzbas.record.selectors import citations_prefetch


def bodies() -> QuerySet[Body]:
    """Return every body with its site and citations, in three queries."""
    return Body.objects.select_related("site").prefetch_related(citations_prefetch())

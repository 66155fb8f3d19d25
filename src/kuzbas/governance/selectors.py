from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from kuzbas.governance.models import Body, Proxy
from kuzbas.governance.statutes import stored_history
from kuzbas.members.selectors import covering
from kuzbas.record.selectors import citations_prefetch
from kuzbas.statute import NotInForce, statute_as_of


def bodies() -> QuerySet[Body]:
    """Return every body with its site and citations, in three queries."""
    return Body.objects.select_related("site").prefetch_related(citations_prefetch())


def proxies_on(body: Body, day: dt.date) -> QuerySet[Proxy]:
    """Return the proxies given in a body that apply on a day, with giver and holder."""
    return Proxy.objects.filter(covering(day), body=body).select_related("giver", "holder")


def proxies_allowed(body: Body, day: dt.date) -> int:
    """Return how many proxies one voter may hold in the body on a day (0: none)."""
    try:
        statute = statute_as_of(stored_history(), day)
    except NotInForce:
        return 0
    found = statute.body(body.key)
    procedure = statute.procedure_for_body(found) if found else None
    return procedure.proxies_per_holder if procedure else 0

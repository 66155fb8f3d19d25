"""Production's units may be cited from their pages and the API (`kuzbas.record.citable`).

Output, plan and headcount rows are cited by the import that writes them: their evidence feeds
the statistics' illustrative counts, which only the statistics' own writes keep current.
"""

from __future__ import annotations

from django.urls import reverse

from kuzbas.production.access import unit_for_user
from kuzbas.production.models.catalogue import Unit
from kuzbas.record.citable import register_citable

register_citable(
    Unit,
    fetch=unit_for_user,
    identify=lambda unit: unit.key,
    page=lambda unit: reverse("production:unit", args=[unit.key]),
)

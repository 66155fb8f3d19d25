"""The record's own rows that may be cited from pages and the API (`kuzbas.record.citable`):
events entered by hand and periodizations."""

from __future__ import annotations

from django.urls import reverse

from kuzbas.record import access
from kuzbas.record.citable import register_citable
from kuzbas.record.models import Event, Periodization

register_citable(
    Event,
    fetch=access.event_for_user,
    identify=lambda event: event.key,
    page=lambda event: reverse("record:event", args=[event.key]),
)
register_citable(
    Periodization,
    fetch=access.periodization_for_user,
    identify=lambda periodization: periodization.key,
    page=lambda periodization: reverse("record:timeline") + f"#periodization-{periodization.key}",
)

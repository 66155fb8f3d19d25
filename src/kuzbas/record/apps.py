from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordConfig(AppConfig):
    name = "kuzbas.record"
    verbose_name = _("Record")

    def ready(self) -> None:
        # Allows citing events, periods and periodizations from their pages and the API; puts
        # the events entered by hand on the timeline.
        from kuzbas.record import (
            citable_events,  # noqa: F401
            event_items,  # noqa: F401
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductionConfig(AppConfig):
    name = "kuzbas.production"
    label = "production"
    verbose_name = _("Production")

    def ready(self) -> None:
        # Allows citing units from their pages and the API; registers the background import;
        # puts transfers, openings and documented headcounts on the record's timeline.
        from kuzbas.production import (
            citable,  # noqa: F401
            import_tasks,  # noqa: F401
            timeline,  # noqa: F401
        )

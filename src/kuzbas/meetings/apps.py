from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "kuzbas.meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        # Allows citing meetings from their pages and the API.
        from kuzbas.meetings import citable  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "kuzbas.meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        # Allows citing meetings from their pages and the API. Holds the chair's and the
        # attendance rules on every path to a vote on an agenda, governance's motion page and
        # API included (see governance/sittings.py).
        # A motion to hand the chair over is one of governance's effects.
        from kuzbas.meetings import (
            chair_motion,  # noqa: F401
            citable,  # noqa: F401
            sitting,  # noqa: F401
            timeline,  # noqa: F401 - puts meetings on the record's timeline
        )

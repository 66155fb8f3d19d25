from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "kuzbas.members"
    verbose_name = _("Members")

    def ready(self) -> None:
        # Registers the role sources for roles granted by hand and for membership.
        # Allows citing people, memberships and employments from pages and the API.
        # Registers the background import of people (a large file is queued).
        from kuzbas.members import (
            citable,  # noqa: F401
            people_jobs,  # noqa: F401
            roles,  # noqa: F401
            timeline,  # noqa: F401 - puts arrivals on the record's timeline
        )

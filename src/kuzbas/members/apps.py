from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "kuzbas.members"
    verbose_name = _("Members")

    def ready(self) -> None:
        # Registers the role sources for roles granted by hand and for membership.
        from kuzbas.members import roles  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "kuzbas.elections"
    verbose_name = _("Elections")

    def ready(self) -> None:
        # Meetings sit below elections and do not import them: an election's count reaches
        # the minutes through the section it registers here.
        from kuzbas.elections.minutes import election_section
        from kuzbas.meetings.minutes import register_section

        register_section(election_section)

        # Allows citing elections from their pages and the API.
        from kuzbas.elections import citable  # noqa: F401

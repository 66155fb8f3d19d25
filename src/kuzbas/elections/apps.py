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

        # The register entry of a result covers the box it was counted from.
        from kuzbas.elections.box_grounds import CHANGED, election_boxes
        from kuzbas.governance.register_grounds import contribute

        contribute("election_box", election_boxes, changed=CHANGED)

        # An election on an agenda shows on the meeting's "vote now" screen and its projector
        # (registered as the minutes' section is). Allows citing elections from their pages
        # and the API.
        from kuzbas.elections import (
            citable,  # noqa: F401
            vote_screen,  # noqa: F401
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "kuzbas.governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        # Registers the role source that derives roles from seats held on a date.
        # Allows citing register entries, motions and bodies from pages and the API.
        from kuzbas.governance import (
            citable,  # noqa: F401
            roles,  # noqa: F401
            timeline,  # noqa: F401 - puts register entries on the record's timeline
        )

        # Registers what a carried motion does (see governance/effects.py): a statute version
        # adopted, a condition recorded as met, a member admitted or expelled.
        from kuzbas.governance.services import (
            admission,
            amendments,  # noqa: F401
            conditions,  # noqa: F401
        )

        # Admission and expulsion become motions where the statute makes them a body's matter.
        admission.register()

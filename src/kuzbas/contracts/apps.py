from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "kuzbas.contracts"
    verbose_name = _("Contracts")

    def ready(self) -> None:
        # Governance sits below contracts and does not import them: a carried motion brings a
        # contract version into force through the effect registered here (governance/effects.py).
        from kuzbas.contracts.services import coming_into_force

        coming_into_force.register()

        # What falls due shows on the home page (core/home.py), and contracts, versions and
        # obligations may be cited from pages and the API; the winding-up registers its acts
        # with governance's effects (`contracts/winding_up.py`).
        from kuzbas.contracts import (
            citable,  # noqa: F401
            home,  # noqa: F401
            winding_up,  # noqa: F401
        )

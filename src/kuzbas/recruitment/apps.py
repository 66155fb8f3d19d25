from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "kuzbas.recruitment"
    verbose_name = _("Recruitment")

    def ready(self) -> None:
        # Governance sits below recruitment and does not import it: a carried motion admits an
        # applicant through the effect registered here (governance/effects.py).
        from kuzbas.governance import effects
        from kuzbas.recruitment.services.admission import ADMISSION_EFFECT

        effects.register(ADMISSION_EFFECT)

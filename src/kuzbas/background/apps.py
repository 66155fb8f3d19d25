from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackgroundConfig(AppConfig):
    name = "kuzbas.background"
    verbose_name = _("Background work")

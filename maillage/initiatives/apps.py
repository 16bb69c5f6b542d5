"""What the ecosystem innovates: initiatives, their actors and roles, phases, links and sources."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "maillage.initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        from . import contributing, writing  # noqa: F401 - writing registers the history check

        contributing.register()

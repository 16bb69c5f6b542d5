from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "maillage.api"
    label = "api"
    verbose_name = _("API publique")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, schema  # noqa: F401  (registers the system checks and the token's OpenAPI scheme)

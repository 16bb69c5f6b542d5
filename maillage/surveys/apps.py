from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "maillage.surveys"
    verbose_name = _("Enquêtes relationnelles")

    def ready(self):
        from . import tasks  # noqa: F401  (registers the periodic reminder task with huey)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "maillage.surveys"
    verbose_name = _("Enquêtes relationnelles")

    def ready(self):
        from django.db.models.signals import post_save

        from maillage.contributions.models import Revision

        from . import tasks  # noqa: F401  (registers the periodic reminder task with huey)
        from .newactors import attach_accepted_actor

        # A new actor proposed from a questionnaire and accepted: its declared relation follows.
        post_save.connect(attach_accepted_actor, sender=Revision, dispatch_uid="surveys-accepted-actor")

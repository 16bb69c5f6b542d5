"""Personal data: consent withdrawal, erasure, export of one's data, retention (site layer).

It sits at the top because erasing or exporting a person must reach every app's tables.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "maillage.privacy"
    label = "privacy"
    verbose_name = _("Données personnelles")

"""The interactive map of actors, its data endpoint and embed mode."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CartographyConfig(AppConfig):
    name = "maillage.cartography"
    verbose_name = _("Cartographie")

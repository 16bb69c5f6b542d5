"""Relations between actors, graph exports and analytics."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "maillage.network"
    verbose_name = _("Réseau")

    def ready(self):
        from maillage.core import dataversion

        from . import writing  # noqa: F401 — registers the system check that the history is recorded

        # Relations are shown by the network, the map, the fiche and the diagnostics.
        dataversion.register("network_relation")

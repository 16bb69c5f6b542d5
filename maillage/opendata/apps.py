from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """Open data: Table Schemas, published files, DCAT catalogue, GeoJSON, schema.org on fiches."""

    name = "maillage.opendata"
    verbose_name = _("Données ouvertes")

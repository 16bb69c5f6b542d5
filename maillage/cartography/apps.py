"""The interactive map of actors, its data endpoint and embed mode."""

from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from maillage.territories.signals import territories_loaded


class CartographyConfig(AppConfig):
    name = "maillage.cartography"
    verbose_name = _("Cartographie")

    def ready(self):
        # points imports models, which exist only once the registry is ready.
        from . import overlays, points  # noqa: F401 - overlays registers its system check

        actor = apps.get_model("directory", "Actor")
        commune = apps.get_model("territories", "Commune")
        post_save.connect(points.on_actor_saved, sender=actor, dispatch_uid="map-point-actor-saved")
        post_delete.connect(points.on_actor_deleted, sender=actor, dispatch_uid="map-point-actor-deleted")
        post_save.connect(points.on_commune_saved, sender=commune, dispatch_uid="map-point-commune-saved")
        post_save.connect(points.on_point_saved, sender="cartography.MapPoint", dispatch_uid="map-cell-point-saved")
        post_delete.connect(points.on_point_deleted, sender="cartography.MapPoint", dispatch_uid="map-cell-point-del")
        territories_loaded.connect(points.on_territories_loaded, dispatch_uid="map-point-territories-loaded")
        # Cached map views are keyed on the data version (maillage.core.dataversion): the directory
        # and the network register their tables; the located data of the map are these.
        from maillage.core import dataversion

        for table in ("territories_commune", "cartography_mappoint", "cartography_mapcell"):
            dataversion.register(table)

"""A narrow, indexed copy of where each located actor is shown on the map.

The map's national view aggregates every actor: scanning a few narrow columns
is several times cheaper than scanning actors (wide rows) joined to their
communes. Rows are kept in step by signals (see apps.py) and rebuilt in one SQL
statement by `sync_map_points()` after bulk changes; a cheap fingerprint check
(at most once a minute) repairs any drift caused by bulk writes that skip signals.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MapPoint(models.Model):
    actor = models.OneToOneField(
        "directory.Actor", on_delete=models.CASCADE, primary_key=True, related_name="map_point"
    )
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    primary_type = models.ForeignKey("directory.ActorType", on_delete=models.CASCADE, related_name="+")
    disappeared = models.BooleanField(_("disparu"), default=False)
    exact = models.BooleanField(_("coordonnées exactes"), default=False)
    # Grid cell at the base zoom (see grid.py): floor((latitude + 90) / cell), floor((longitude + 180) / cell).
    gy = models.IntegerField(default=0)
    gx = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("point de carte")
        verbose_name_plural = _("points de carte")
        indexes = [models.Index(fields=["latitude", "longitude"], name="mappoint_lat_lon")]

    def __str__(self):
        return f"{self.actor_id} ({self.latitude}, {self.longitude})"


class MapCell(models.Model):
    """Actors per base-grid cell, type and disappeared flag: the national view sums a few
    thousand cells instead of scanning every point. Kept by MapPoint's signals."""

    gy = models.IntegerField()
    gx = models.IntegerField()
    primary_type = models.ForeignKey("directory.ActorType", on_delete=models.CASCADE, related_name="+")
    disappeared = models.BooleanField(default=False)
    count = models.IntegerField(default=0)
    latitude_sum = models.FloatField(default=0.0)
    longitude_sum = models.FloatField(default=0.0)

    class Meta:
        verbose_name = _("maille de carte")
        verbose_name_plural = _("mailles de carte")
        constraints = [
            models.UniqueConstraint(fields=["gy", "gx", "primary_type", "disappeared"], name="mapcell_unique_key")
        ]

    def __str__(self):
        return f"({self.gy}, {self.gx}) {self.primary_type_id}: {self.count}"


class MapPointState(models.Model):
    """One row: the actors' fingerprint (count, last update) when the points were last in step."""

    actor_count = models.PositiveIntegerField(default=0)
    last_updated = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("état des points de carte")

    def __str__(self):
        return f"{self.actor_count} acteurs, {self.last_updated}"

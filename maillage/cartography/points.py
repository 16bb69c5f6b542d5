"""Keep MapPoint rows in step with actors (see models.py for why they exist)."""

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Max

from maillage.directory.models import Actor, Lifecycle
from maillage.territories.models import Commune

from .grid import BASE_ZOOM, base_index, cell_size
from .models import MapCell, MapPoint, MapPointState

CHECKED_KEY = "cartography:points-checked"
CHECK_EVERY_SECONDS = 60


def _fingerprint():
    stats = Actor.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return (stats["n"], stats["last"])


def _stored_fingerprint():
    state = MapPointState.objects.filter(pk=1).first()
    return (state.actor_count, state.last_updated) if state else None


def _store_fingerprint(fingerprint):
    MapPointState.objects.update_or_create(
        pk=1, defaults={"actor_count": fingerprint[0], "last_updated": fingerprint[1]}
    )


def _floor_sql(expression):
    """floor() of a positive value as an integer, natively on both backends."""
    if connection.vendor == "sqlite":
        return f"CAST({expression} AS INTEGER)"
    return f"CAST(FLOOR({expression}) AS INTEGER)"


def sync_map_points():
    """Rebuild every point and cell in two INSERT … SELECT statements; returns the number of points."""
    actor, commune = Actor._meta.db_table, Commune._meta.db_table
    point, cell_table = MapPoint._meta.db_table, MapCell._meta.db_table
    cell = cell_size(BASE_ZOOM)
    lat = "COALESCE(a.latitude, c.latitude)"
    lon = "COALESCE(a.longitude, c.longitude)"
    with transaction.atomic():
        fingerprint = _fingerprint()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {cell_table}")  # noqa: S608 (table names from model metadata)
            cursor.execute(f"DELETE FROM {point}")  # noqa: S608
            cursor.execute(
                f"""
                INSERT INTO {point} (actor_id, latitude, longitude, primary_type_id, disappeared, exact, gy, gx)
                SELECT a.id, {lat}, {lon}, a.primary_type_id, a.lifecycle = %s, a.latitude IS NOT NULL,
                       {_floor_sql(f"({lat} + 90.0) / {cell!r}")}, {_floor_sql(f"({lon} + 180.0) / {cell!r}")}
                FROM {actor} a LEFT OUTER JOIN {commune} c ON a.commune_id = c.id
                WHERE {lat} IS NOT NULL AND {lon} IS NOT NULL
                """,  # noqa: S608
                [Lifecycle.DISAPPEARED],
            )
            cursor.execute(
                f"""
                INSERT INTO {cell_table} (gy, gx, primary_type_id, disappeared, count, latitude_sum, longitude_sum)
                SELECT gy, gx, primary_type_id, disappeared, COUNT(*), SUM(latitude), SUM(longitude)
                FROM {point} GROUP BY gy, gx, primary_type_id, disappeared
                """  # noqa: S608
            )
        _store_fingerprint(fingerprint)
    cache.set(CHECKED_KEY, True, CHECK_EVERY_SECONDS)
    return MapPoint.objects.count()


def ensure_fresh():
    """Repair drift from bulk writes that skipped signals; costs one aggregate at most once a minute."""
    if cache.get(CHECKED_KEY):
        return False
    if _stored_fingerprint() != _fingerprint():
        sync_map_points()
        return True
    cache.set(CHECKED_KEY, True, CHECK_EVERY_SECONDS)
    return False


def refresh_point(actor):
    """Replace one actor's point (after it was saved); the cells follow through MapPoint's signals."""
    for old in MapPoint.objects.filter(actor_id=actor.pk):
        old.delete()
    coordinates = actor.coordinates
    if coordinates is not None:
        gy, gx = base_index(*coordinates)
        MapPoint.objects.create(
            actor_id=actor.pk,
            latitude=coordinates[0],
            longitude=coordinates[1],
            primary_type_id=actor.primary_type_id,
            disappeared=actor.lifecycle == Lifecycle.DISAPPEARED,
            exact=actor.latitude is not None,
            gy=gy,
            gx=gx,
        )


def _shift_cell(point, sign):
    key = {"gy": point.gy, "gx": point.gx, "primary_type_id": point.primary_type_id, "disappeared": point.disappeared}
    changes = {
        "count": F("count") + sign,
        "latitude_sum": F("latitude_sum") + sign * point.latitude,
        "longitude_sum": F("longitude_sum") + sign * point.longitude,
    }
    if MapCell.objects.filter(**key).update(**changes) or sign < 0:
        return
    try:
        with transaction.atomic():
            MapCell.objects.create(**key, count=1, latitude_sum=point.latitude, longitude_sum=point.longitude)
    except IntegrityError:  # created meanwhile by another request
        MapCell.objects.filter(**key).update(**changes)


def on_point_saved(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        _shift_cell(instance, 1)


def on_point_deleted(sender, instance, **kwargs):
    _shift_cell(instance, -1)


def _note_change(actor, created=False, deleted=False):
    """Keep the fingerprint in step with a single change, so that it does not trigger a full rebuild."""
    fingerprint = _stored_fingerprint()
    if fingerprint is None:
        return
    count, last = fingerprint
    count += 1 if created else -1 if deleted else 0
    if not deleted and actor.updated_at and (last is None or actor.updated_at > last):
        last = actor.updated_at
    _store_fingerprint((count, last))


def on_actor_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    refresh_point(instance)
    _note_change(instance, created=created)


def on_actor_deleted(sender, instance, **kwargs):
    _note_change(instance, deleted=True)


def on_commune_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for actor in Actor.objects.filter(commune=instance, latitude__isnull=True).select_related("commune"):
        refresh_point(actor)


def on_territories_loaded(sender, **kwargs):
    if Actor.objects.exists():
        sync_map_points()

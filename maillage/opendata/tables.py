"""The rows of the published files (acteurs.csv, relations.csv), in their schemas' column order.

Organisations only: no contact, no person, whatever their consent (a published open-data file
is copied and kept by others, out of reach of a later withdrawal of consent). Every actor and
every relation is published, disappeared ones included (their `cycle_de_vie` says so), because
the files are the whole dataset; the filtered views are the site's own exports and the GeoJSON.

Cells are plain text as frictionless reads them: UTF-8 without BOM, comma-separated, `|` between
several values, ISO dates, coordinates with a dot.
"""

import csv

from django.db.models import Prefetch

from maillage.directory.models import Actor, ActorType, Tag
from maillage.network.models import Relation

from . import schemas

SEPARATOR = schemas.MULTIPLE_SEPARATOR
CHUNK = 2000  # rows read from the database at a time (the files are streamed)


def _coordinates(actor):
    if actor.latitude is not None and actor.longitude is not None:
        return actor.latitude, actor.longitude, "exacte"
    if actor.commune_id and actor.commune.latitude is not None:
        return actor.commune.latitude, actor.commune.longitude, "commune"
    return None, None, ""


def _number(value):
    """Decimal degrees to 6 places (about 10 cm), as plain text."""
    return "" if value is None else str(round(value, 6))


def actor_queryset():
    return Actor.objects.select_related("primary_type", "commune", "department", "region", "parent").prefetch_related(
        Prefetch("secondary_types", queryset=ActorType.objects.only("code")),
        Prefetch("tags", queryset=Tag.objects.only("slug").order_by("slug")),
    )


def actor_row(actor, fiche_url):
    """One actor's cells, in `schemas.actor_fields()` order. `fiche_url(slug)` is the fiche's absolute URL."""
    latitude, longitude, precision = _coordinates(actor)
    return [
        actor.slug,
        actor.name,
        actor.display_name,
        actor.siret,
        actor.primary_type_id,
        SEPARATOR.join(sorted(t.code for t in actor.secondary_types.all())),
        actor.legal_status,
        actor.scope,
        actor.lifecycle,
        actor.founded_year or "",
        actor.ended_year or "",
        actor.commune.code if actor.commune_id else "",
        actor.commune.name if actor.commune_id else "",
        actor.department_id and actor.department.code or "",
        actor.region_id and actor.region.code or "",
        actor.address,
        _number(latitude),
        _number(longitude),
        precision,
        actor.website,
        actor.missions,
        SEPARATOR.join(t.slug for t in actor.tags.all()),
        actor.parent.slug if actor.parent_id else "",
        fiche_url(actor.slug),
        actor.updated_at.date().isoformat(),
    ]


def relation_queryset():
    return Relation.objects.select_related("source__parent", "target__parent").prefetch_related("motivations")


def relation_row(relation):
    """One relation's cells, in `schemas.relation_fields()` order."""
    source = " ; ".join(part for part in (relation.source_reference, relation.source_note) if part)
    return [
        relation.pk,
        relation.source.slug,
        relation.target.slug,
        relation.source.display_name,
        relation.target.display_name,
        relation.kind,
        SEPARATOR.join(sorted(m.code for m in relation.motivations.all())),
        relation.start_year or "",
        relation.end_year or "",
        relation.description,
        source,
        relation.updated_at.date().isoformat(),
    ]


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value):
        return value


def _chunked(queryset):
    """The queryset in primary-key-ordered pages, each with its prefetches (bounded memory)."""
    last = None
    while True:
        page = queryset.filter(pk__gt=last) if last is not None else queryset
        rows = list(page.order_by("pk")[:CHUNK])
        if not rows:
            return
        yield from rows
        last = rows[-1].pk


def csv_lines(header, rows):
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def actor_lines(fiche_url):
    header = schemas.column_names({"fields": schemas.actor_fields()})
    return csv_lines(header, (actor_row(a, fiche_url) for a in _chunked(actor_queryset())))


def relation_lines():
    header = schemas.column_names({"fields": schemas.relation_fields()})
    return csv_lines(header, (relation_row(r) for r in _chunked(relation_queryset())))

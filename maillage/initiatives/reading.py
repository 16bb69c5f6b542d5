"""The read side of initiatives: one queryset function and one serialisable shape.

Pages, exports, the map layer and the API read initiatives through these two functions, so
they agree on what is public and how it is spelled: `published(filters)` (filtered, ordered,
with every related row prefetched) and `as_dict(initiative)` (the snapshot's natural keys plus
identifiers and labels).
"""

from .fields import prefetch, snapshot
from .filtering import InitiativeFilters
from .models import InnovationType, LinkKind, OpsiFacet, Phase, Role, TargetPublic


def published(filters=None):
    """The initiatives of the catalogue the filters select (all without filters), by title."""
    filters = filters or InitiativeFilters()
    return prefetch(filters.initiatives()).order_by("title", "pk")


def as_dict(initiative):
    """A JSON-ready description of an initiative (codes with their French labels)."""
    data = snapshot(initiative)
    types, phases, publics = dict(InnovationType.choices), dict(Phase.choices), dict(TargetPublic.choices)
    roles, kinds = dict(Role.choices), dict(LinkKind.choices)
    actors = {p.actor.slug: p.actor for p in initiative.participations.all()}
    return {
        "id": initiative.pk,
        "slug": initiative.slug,
        "url": initiative.get_absolute_url(),
        "version": initiative.version,
        **data,
        "types": [{"code": c, "label": str(types[c])} for c in data["types"]],
        "publics": [{"code": c, "label": str(publics[c])} for c in data["publics"]],
        "stage_label": str(phases.get(data["stage"], "")),
        "opsi_facet_label": str(dict(OpsiFacet.choices).get(data["opsi_facet"], "")),
        "actors": [
            {**row, "name": actors[row["actor"]].display_name, "role_label": str(roles[row["role"]])}
            for row in data["actors"]
        ],
        "phases": [{**row, "label": str(phases[row["phase"]])} for row in data["phases"]],
        "links": [{**row, "label": str(kinds[row["kind"]])} for row in data["links"]],
    }

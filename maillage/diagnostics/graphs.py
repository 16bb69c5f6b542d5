"""The graph views diagnostics compute on, built from the database for the shared filters.

The network app's `build_network` selects actors (the directory's shared filters) and
relations (kinds, period); the diagnostic keeps the actors of the filtered ecosystem and the
relations among them. Relations with partners outside a territory are counted, not analysed
(they are named in each card's caveats). Each actor belongs to a group, the unit of the
entre-soi (E-I) and brokerage measures: its type in the report's typology, with the
innovation labs ("cellules d'innovation") split between local governments and the State,
the line sections 4.2 and 5.4.1 of the report discuss.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.directory.models import Actor, ActorType, LegalStatus, Lifecycle
from maillage.network.filtering import NetworkFilters
from maillage.network.graph import build_network
from maillage.network.models import RelationKind

from .models import Grouping

LOCAL_GOVERNMENT = {LegalStatus.COLLECTIVITE, LegalStatus.EPL, LegalStatus.SYNDICAT_MIXTE}
STATE = {LegalStatus.ETAT_DECONCENTRE, LegalStatus.ADMINISTRATION_CENTRALE, LegalStatus.ETABLISSEMENT_PUBLIC}
LAB_FAMILIES = {
    "lab_collectivite": _("Cellules d'innovation des collectivités"),
    "lab_etat": _("Cellules d'innovation de l'État et de ses opérateurs"),
    "lab_autre": _("Autres cellules d'innovation"),
}


def group_of(type_code, legal_status, grouping):
    if grouping == Grouping.TYPE or type_code != "lab":
        return type_code
    if legal_status in LOCAL_GOVERNMENT:
        return "lab_collectivite"
    if legal_status in STATE:
        return "lab_etat"
    return "lab_autre"


def group_labels():
    """Plural label of every group code, in the report's order."""
    labels = {}
    for actor_type in ActorType.objects.all():
        if actor_type.code == "lab":
            labels.update({code: str(label) for code, label in LAB_FAMILIES.items()})
        labels[actor_type.code] = actor_type.plural_label
    return labels


@dataclass(frozen=True)
class Question:
    """What a diagnostic answers: the shared filters (with the relation kinds and period) and the grouping."""

    filters: NetworkFilters
    grouping: str = Grouping.FAMILY

    @classmethod
    def from_params(cls, params):
        grouping = params.get("groupes", Grouping.FAMILY)
        if grouping not in Grouping.values:
            grouping = Grouping.FAMILY
        return cls(NetworkFilters.from_query(params), grouping)

    @property
    def query_string(self):
        """The canonical filter query string (the filters' own encoding): the run's key."""
        return self.filters.urlencode()

    @property
    def page_query_string(self):
        """The query string of the pages (filters plus the grouping when not the default)."""
        query = self.query_string
        if self.grouping != Grouping.FAMILY:
            query = f"{query}&groupes={self.grouping}" if query else f"groupes={self.grouping}"
        return query

    @property
    def view(self):
        kinds = self.filters.kinds
        return "directed:" + ("+".join(sorted(kinds)) if kinds else "all")


@dataclass
class GraphView:
    """The filtered ecosystem as plain data, plus what the cards need from the database."""

    nodes: list  # dicts: id, slug, label, type, group
    edges: list  # (source id, target id, directed, kind)
    territory: str
    external_relations: int = 0
    kind_counts: dict = field(default_factory=dict)
    disappeared: list = field(default_factory=list)


def build_view(question):
    network = build_network(question.filters)
    core = [node for node in network.nodes if not node.external]
    core_ids = {node.id for node in core}
    statuses = {}
    ids = sorted(core_ids)
    for start in range(0, len(ids), 900):
        statuses.update(Actor.objects.filter(pk__in=ids[start : start + 900]).values_list("pk", "legal_status"))
    nodes = [
        {
            "id": node.id,
            "slug": node.slug,
            "label": node.label,
            "type": node.type_code,
            "group": group_of(node.type_code, statuses.get(node.id), question.grouping),
        }
        for node in core
    ]
    edges, external, kind_counts = [], 0, dict.fromkeys(RelationKind.values, 0)
    for edge in network.edges:
        if edge.source in core_ids and edge.target in core_ids:
            edges.append((edge.source, edge.target, edge.directed, edge.kind))
            kind_counts[edge.kind] += 1
        else:
            external += 1
    return GraphView(
        nodes=nodes,
        edges=edges,
        territory=network.territory,
        external_relations=external,
        kind_counts=kind_counts,
        disappeared=disappeared_actors(question),
    )


def disappeared_actors(question):
    """Disappeared actors matching the filters, with the relations recorded with them (lost with them)."""
    filters = question.filters.replace(lifecycles=(Lifecycle.DISAPPEARED,), include_disappeared=True)
    actors = list(
        filters.actors()
        .select_related("parent", "primary_type")
        .only("pk", "slug", "name", "parent__name", "primary_type__label", "founded_year", "ended_year")
        .order_by("name")[:200]
    )
    relations = question.filters.relations().filter(
        Q(source__in=[a.pk for a in actors]) | Q(target__in=[a.pk for a in actors])
    )
    partners = {actor.pk: [] for actor in actors}
    names = {}
    rows = list(relations.values_list("source_id", "target_id", "kind"))
    other_ids = {s for s, _t, _k in rows} | {t for _s, t, _k in rows}
    for pk, name, parent in Actor.objects.filter(pk__in=other_ids).values_list("pk", "name", "parent__name"):
        names[pk] = f"{parent} – {name}" if parent and parent not in name else name
    kind_labels = dict(RelationKind.choices)
    for source, target, kind in rows:
        for mine, other in ((source, target), (target, source)):
            if mine in partners:
                partners[mine].append({"label": names.get(other, ""), "kind": str(kind_labels[kind])})
    return [
        {
            "slug": actor.slug,
            "label": actor.display_name,
            "type": actor.primary_type.label,
            "founded_year": actor.founded_year,
            "ended_year": actor.ended_year,
            "relations": sorted(partners[actor.pk], key=lambda p: p["label"].lower()),
        }
        for actor in actors
    ]

"""The filtered network: actors (nodes) and relations (edges) as plain data.

Every view of the network (page, table, exports, figures, command) goes
through `build_network`, so they all show the same graph for the same filters.
Actors are selected by the directory's shared filters; relations by kind and
period. When a territory filter is on, partners outside the territory are kept
as "acteurs extérieurs au territoire" (as in the report's figure of
Clermont-Ferrand), muted.
"""

import math
from collections import Counter
from dataclasses import dataclass, field

import igraph
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.igraph_random import seeded_igraph
from maillage.core.typography import format_date
from maillage.directory.models import SLUG_PLACEHOLDER, Actor, ActorType, actor_url_template
from maillage.directory.naming import display_name

from .filtering import NetworkFilters
from .models import DIRECTED_KINDS, KIND_STYLES, Motivation, Relation, RelationKind, RelationOrigin, RelationStatus

EXTERNAL_COLOR = "#B8BEC4"
EXTERNAL_LABEL_COLOR = "#5F6B73"


@dataclass
class Node:
    id: int
    slug: str
    label: str
    type_code: str
    type_label: str
    color: str
    external: bool
    degree: int = 0
    size: float = 1.0
    x: float = 0.0
    y: float = 0.0
    department: str = ""
    url: str = ""
    name: str = ""


@dataclass
class Edge:
    id: int
    source: int
    target: int
    kind: str
    kind_label: str
    directed: bool
    color: str
    dashed: bool
    width: float
    start_year: int | None
    end_year: int | None
    description: str
    source_reference: str
    source_note: str
    motivations: list = field(default_factory=list)
    status: str = RelationStatus.SOURCED
    status_label: str = ""
    origin: str = RelationOrigin.OTHER
    declared_by: str = ""  # slug of the actor whose side declared it
    status_source: str = ""


@dataclass
class Network:
    nodes: list
    edges: list
    territory: str
    generated_on: object = None

    @property
    def node_index(self):
        return {node.id: node for node in self.nodes}

    @property
    def caption(self):
        day = format_date(self.generated_on or timezone.localdate(), "date")
        return _("Données Maillage — %(territory)s — %(date)s") % {"territory": self.territory, "date": day}

    def status_counts(self):
        """(status, label, count) of every status, in the order of RelationStatus."""
        counts = Counter(edge.status for edge in self.edges)
        return [(status.value, status.label, counts[status.value]) for status in RelationStatus]

    def kinds_present(self):
        present = {edge.kind for edge in self.edges}
        return [kind for kind in RelationKind if kind in present]

    def types_present(self):
        present = {node.type_code for node in self.nodes if not node.external}
        return [t for t in actor_types() if t.code in present]

    @property
    def has_external(self):
        return any(node.external for node in self.nodes)


def actor_types():
    return list(ActorType.objects.all())


def node_size(degree):
    return round(3 + 2.5 * math.sqrt(degree), 2)


def build_network(filters, *, layout=False, with_urls=True):
    """The network for the shared filters: `NetworkFilters`, or `ActorFilters` for every relation."""
    filters = NetworkFilters.extend(filters)
    core_qs = filters.actors()
    core_ids = set(core_qs.values_list("pk", flat=True))
    external_ids = set()
    if filters.has_territory:
        # Partners outside the territory that pass the other filters (type, status…).
        external_ids = set(filters.without_territory().actors().values_list("pk", flat=True)) - core_ids

    rel_qs = filters.relations().filter(Q(source__in=core_qs) | Q(target__in=core_qs))
    allowed = core_ids | external_ids
    rows = [
        row
        for row in relation_rows(rel_qs)
        if row[1] in allowed and row[2] in allowed and (row[1] in core_ids or row[2] in core_ids)
    ]
    network = assemble_network(rows, core_ids, external_ids, filters.territory_label(), with_urls=with_urls)
    if layout:
        compute_layout(network)
    return network


RELATION_COLUMNS = (
    "pk",
    "source_id",
    "target_id",
    "kind",
    "start_year",
    "end_year",
    "description",
    "source_reference",
    "source_note",
    "status",
    "origin",
    "declared_by__slug",
    "status_source",
)


def relation_rows(queryset):
    return list(queryset.values_list(*RELATION_COLUMNS).order_by("pk"))


def _motivations(relation_ids):
    found = {}
    through = Relation.motivations.through
    for start in range(0, len(relation_ids), 900):
        chunk = relation_ids[start : start + 900]
        for rel_id, code in through.objects.filter(relation_id__in=chunk).values_list("relation_id", "motivation_id"):
            found.setdefault(rel_id, []).append(code)
    if found:
        order = {code: i for i, code in enumerate(Motivation.objects.values_list("code", flat=True))}
        for codes in found.values():
            codes.sort(key=lambda c: order.get(c, 99))
    return found


def assemble_network(rows, core_ids, external_ids=frozenset(), territory="", *, with_urls=True):
    """Nodes and edges from relation rows (RELATION_COLUMNS): the core actors plus the external
    actors that have at least one of these relations."""
    motivations = _motivations([row[0] for row in rows])
    kind_labels = dict(RelationKind.choices)
    status_labels = dict(RelationStatus.choices)
    edges = []
    degree = Counter()
    for row in rows:
        pk, source, target, kind, start_year, end_year, description, reference, note = row[:9]
        status, origin, declared_by, status_source = row[9:13]
        style = KIND_STYLES[kind]
        edges.append(
            Edge(
                id=pk,
                source=source,
                target=target,
                kind=kind,
                kind_label=str(kind_labels[kind]),
                directed=kind in DIRECTED_KINDS,
                color=style["color"],
                dashed=style["dashed"],
                width=style["width"],
                start_year=start_year,
                end_year=end_year,
                description=description,
                source_reference=reference,
                source_note=note,
                motivations=motivations.get(pk, []),
                status=status,
                status_label=str(status_labels.get(status, status)),
                origin=origin,
                declared_by=declared_by or "",
                status_source=status_source,
            )
        )
        degree[source] += 1
        degree[target] += 1

    used_external = {i for i in external_ids if degree[i]}
    ids = sorted(set(core_ids) | used_external)
    types = {t.code: t for t in actor_types()}
    actor_rows = []
    for start in range(0, len(ids), 900):
        actor_rows += Actor.objects.filter(pk__in=ids[start : start + 900]).values_list(
            "pk", "slug", "name", "parent__name", "primary_type_id", "department__name"
        )
    url_template = actor_url_template() if with_urls else ""
    nodes = []
    for pk, slug, name, parent_name, type_code, department in sorted(actor_rows):
        actor_type = types.get(type_code)
        external = pk in used_external
        nodes.append(
            Node(
                id=pk,
                slug=slug,
                label=display_name(name, parent_name),
                type_code=type_code,
                type_label=actor_type.label if actor_type else type_code,
                color=EXTERNAL_COLOR if external else (actor_type.color if actor_type else "#5F6B73"),
                external=external,
                degree=degree[pk],
                size=node_size(degree[pk]),
                department=department or "",
                url=url_template.replace(SLUG_PLACEHOLDER, slug) if url_template else "",
                name=name,
            )
        )
    return Network(nodes=nodes, edges=edges, territory=territory, generated_on=timezone.localdate())


def compute_layout(network, seed=7, scale=100.0):
    """Seeded Fruchterman–Reingold layout (igraph's C core); positions in [-scale, scale].

    The grid variant keeps it under a second for thousands of nodes. igraph's random
    generator is global: it is seeded under the lock shared with the diagnostics.
    """
    nodes = network.nodes
    if not nodes:
        return network
    index = {node.id: i for i, node in enumerate(nodes)}
    pairs = [(index[e.source], index[e.target]) for e in network.edges]
    graph = igraph.Graph(n=len(nodes), edges=pairs)
    with seeded_igraph(seed):
        coords = graph.layout_fruchterman_reingold(niter=500, grid=len(nodes) > 1000).coords
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
    for node, (x, y) in zip(nodes, coords, strict=True):
        node.x = round((x - cx) / half * scale, 3) if len(nodes) > 1 else 0.0
        node.y = round((y - cy) / half * scale, 3) if len(nodes) > 1 else 0.0
    return network

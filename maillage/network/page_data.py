"""The network page's graph, serialised for graphology, built and laid out once per data version.

Building a 5,000-actor network takes over a second and its layout another: doing both
on every page view kept users waiting ~6 s, then the browser moved the nodes for
seconds more. The JSON text is now cached under the data's fingerprint (actors,
relations, types), the filters and the language (labels and links are translated),
so any write shows at once and an unchanged network is served from the cache. The
positions in it are final: the page draws them as they are, and nothing moves.
"""

import hashlib
import json

from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.utils import timezone
from django.utils.translation import get_language

from maillage.directory.models import Actor, ActorType

from . import exports
from .graph import build_network
from .models import Relation

CACHE_SECONDS = 24 * 3600  # the key changes with the data; this only bounds memory use
FORMAT = 2  # bumped when the payload's shape changes, so old entries are not served


def _fingerprint(model):
    row = model.objects.aggregate(n=Count("pk"), top=Max("pk"), changed=Max("updated_at"), versions=Sum("version"))
    changed = row["changed"].isoformat() if row["changed"] else ""
    return f"{row['n']}:{row['top'] or 0}:{changed}:{row['versions'] or 0}"


def data_version():
    """A fingerprint of what the network shows: changes after any write to an actor or a relation."""
    # A handful of rows, read whole: a new colour or label shows at once too.
    types = list(ActorType.objects.order_by("pk").values_list("pk", "label", "color", "position"))
    return f"{_fingerprint(Actor)};{_fingerprint(Relation)};{types}"


def graph_payload(network):
    """The network in graphology's serialisation (nodes, edges, attributes), plain data."""
    return {
        "attributes": {"caption": network.caption, "territory": network.territory},
        "options": {"type": "mixed", "multi": True, "allowSelfLoops": False},
        "nodes": [
            {
                "key": exports.node_key(n),
                "attributes": {
                    "label": n.label,
                    "name": n.name,
                    "x": n.x,
                    "y": n.y,
                    "size": n.size,
                    "color": n.color,
                    "actorType": n.type_code,
                    "typeLabel": n.type_label,
                    "external": n.external,
                    "degree": n.degree,
                    "url": n.url,
                    "slug": n.slug,
                },
            }
            for n in network.nodes
        ],
        "edges": [
            {
                "key": exports.edge_key(e),
                "source": f"a{e.source}",
                "target": f"a{e.target}",
                "undirected": not e.directed,
                "attributes": {
                    "kind": e.kind,
                    "label": e.kind_label,
                    "color": e.color,
                    "size": e.width,
                    "status": e.status,
                    "statusLabel": e.status_label,
                },
            }
            for e in network.edges
        ],
    }


def cache_key(filters, version):
    # The day is in the key: the caption carries the date of the data.
    text = json.dumps([FORMAT, version, filters.urlencode(), get_language(), timezone.localdate().isoformat()])
    return "network:graph-json:" + hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def cached_graph_json(filters):
    """(JSON text, ETag) of the filtered network with its final layout, from the cache when the data is unchanged."""
    key = cache_key(filters, data_version())
    cached = cache.get(key)
    if cached is None:
        network = build_network(filters, layout=True)
        body = json.dumps(graph_payload(network), separators=(",", ":"), ensure_ascii=False)
        cached = (body, hashlib.blake2b(body.encode(), digest_size=10).hexdigest())
        cache.set(key, cached, CACHE_SECONDS)
    return cached

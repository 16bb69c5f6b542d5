"""The network page's graph, serialised compactly, built and laid out once per data version.

Building a 5,000-actor network takes over a second and its layout another: doing both on every
page view kept users waiting ~6 s, then the browser moved the nodes for seconds more. The JSON is
now cached under the core's data version (maillage.core.dataversion: one number that database
triggers change after any write to what pages show, in any process), the filters, the language
(labels and links are translated) and the day (the caption is dated): any write shows at the next
request and an unchanged network is served from the cache, already gzip-compressed. The positions
in it are final: the page draws them as they are, and nothing moves.

The payload is compact, because at 5,000 actors and 20,000 relations the graphology serialisation
with every attribute on every node and edge weighed 5 MB:
- nodes and edges are rows of values under one header (`nodeFields`, `edgeFields`);
- what a type, a kind or a status says (label, colour, width, direction, dashes) is given once in
  `types`, `kinds` and `statuses`, and fiche links once as `urlTemplate`;
- positions are rounded to 1/100 of a unit (the layout spans 200 units: far below a pixel).
The page's script (frontend/entries/network.js) rebuilds the graphology graph from it; `rows()`
below reads it the same way (tests, scripts).

Weak ETags name the representation by its cache key (data version, format, filters, language,
day): a browser revalidating an unchanged network gets a 304 without the cache being read.
"""

import gzip
import hashlib
import json
import time

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from maillage.core import dataversion
from maillage.directory.models import SLUG_PLACEHOLDER, actor_url_template

from .graph import EXTERNAL_COLOR, build_network
from .models import DIRECTED_KINDS, KIND_STYLES, RelationKind, RelationStatus

CACHE_SECONDS = 24 * 3600  # the key changes with the data; this only bounds memory use
FORMAT = 3  # bumped when the payload's shape changes, so old entries are not served
POSITION_DIGITS = 2
GZIP_LEVEL = 6
# While one process builds a network, the others wait for its result instead of building it too
# (a cold cache under load would otherwise run the build in every worker at once).
BUILD_LOCK_SECONDS = 120
BUILD_WAIT_SECONDS = 20.0
BUILD_POLL_SECONDS = 0.1

NODE_FIELDS = ("id", "label", "name", "slug", "type", "external", "degree", "size", "x", "y")
EDGE_FIELDS = ("id", "source", "target", "kind", "status")


def graph_payload(network):
    """The network as compact plain data (see the module's docstring); `rows()` reads it back."""
    types = {}
    for n in network.nodes:
        entry = types.setdefault(n.type_code, {"label": n.type_label})
        if not n.external:
            entry["color"] = n.color
    url_template = actor_url_template()
    return {
        "format": FORMAT,
        "attributes": {"caption": network.caption, "territory": network.territory},
        "urlTemplate": url_template,
        "slugPlaceholder": SLUG_PLACEHOLDER,
        "externalColor": EXTERNAL_COLOR,
        "types": types,
        "kinds": {
            kind.value: {
                "label": str(kind.label),
                "color": KIND_STYLES[kind]["color"],
                "width": KIND_STYLES[kind]["width"],
                "dashed": KIND_STYLES[kind]["dashed"],
                "directed": kind in DIRECTED_KINDS,
            }
            for kind in RelationKind
        },
        "statuses": {status.value: str(status.label) for status in RelationStatus},
        "nodeFields": NODE_FIELDS,
        "nodes": [
            [
                n.id,
                n.label,
                n.name if n.name != n.label else None,  # the name alone only when the label adds the parent's
                n.slug,
                n.type_code,
                1 if n.external else 0,
                n.degree,
                n.size,
                round(n.x, POSITION_DIGITS),
                round(n.y, POSITION_DIGITS),
            ]
            for n in network.nodes
        ],
        "edgeFields": EDGE_FIELDS,
        "edges": [[e.id, e.source, e.target, e.kind, e.status] for e in network.edges],
    }


def rows(payload):
    """(nodes, edges) of a payload as dicts keyed by its field names, as the page's script reads them."""
    nodes = [dict(zip(payload["nodeFields"], row, strict=True)) for row in payload["nodes"]]
    edges = [dict(zip(payload["edgeFields"], row, strict=True)) for row in payload["edges"]]
    return nodes, edges


def cache_key(filters):
    """The key of the filtered network's JSON under the current data version (one primary-key read)."""
    wanted = hashlib.blake2b(filters.urlencode().encode(), digest_size=12).hexdigest()
    return dataversion.cache_key("network:graph-json", FORMAT, get_language(), timezone.localdate().isoformat(), wanted)


def etag(key):
    """A weak ETag naming the representation of `key` (identical for its gzip and plain encodings)."""
    return f'W/"{hashlib.blake2b(key.encode(), digest_size=12).hexdigest()}"'


def _build(filters):
    network = build_network(filters, layout=True)
    body = json.dumps(graph_payload(network), separators=(",", ":"), ensure_ascii=False).encode()
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


def _wait_for(key):
    deadline = time.monotonic() + BUILD_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(BUILD_POLL_SECONDS)
        found = cache.get(key)
        if found is not None:
            return found
    return None


def cached_graph_gzip(filters, key=None):
    """The gzip-compressed JSON of the filtered network with its final layout, built once per data version.

    When another process is building the same entry, waits for it (at most BUILD_WAIT_SECONDS)
    rather than building it again.
    """
    key = key or cache_key(filters)
    found = cache.get(key)
    if found is not None:
        return found
    lock = f"{key}:building"
    owner = cache.add(lock, 1, BUILD_LOCK_SECONDS)
    if not owner:
        found = _wait_for(key)
        if found is not None:
            return found
    try:
        found = _build(filters)
        cache.set(key, found, CACHE_SECONDS)
    finally:
        if owner:
            cache.delete(lock)
    return found


def cached_graph_json(filters):
    """The JSON text of the filtered network (decompressed from the cached entry)."""
    return gzip.decompress(cached_graph_gzip(filters)).decode()

"""The reuse graph ("qui essaime quoi") and the actor × initiative view, as plain data.

The drawing is server-side SVG (no script): initiatives are placed left to right by start
year, so every link, which cannot go back in time, points rightwards or straight down; each
drawing comes with the table that says the same thing. Analyses (the diagnostics, a notebook)
read the graph as plain data from `reuse_edges(...)`: (origin, follower, attributes) triples
that `networkx.DiGraph(edges)` and `igraph.Graph.TupleList(..., directed=True)` take as they are.
"""

from collections import defaultdict

from .models import LinkKind

WIDTH, ROW_HEIGHT, MARGIN, LABEL_WIDTH = 760, 34, 24, 220


def reuse_links(initiatives):
    """The links between the given initiatives, oriented origin -> follower (whatever the link's kind)."""
    by_pk = {i.pk: i for i in initiatives}
    edges = []
    for initiative in initiatives:
        for link in initiative.links_out.all():
            if link.target_id in by_pk:
                origin, follower = link.origin_and_follower
                edges.append(
                    {
                        "link": link,
                        "origin": by_pk[origin.pk],
                        "follower": by_pk[follower.pk],
                        "label": link.get_kind_display(),
                    }
                )
    return edges


def reuse_edges(initiatives):
    """The reuse graph as an edge list: (origin slug, follower slug, {"kind", "year", "evidence"}).

    What spread goes from the origin to the follower, so out-degree counts what an initiative
    passed on and in-degree what it took from others.
    """
    return [
        (
            edge["origin"].slug,
            edge["follower"].slug,
            {"kind": edge["link"].kind, "year": edge["link"].year, "evidence": edge["link"].evidence},
        )
        for edge in reuse_links(initiatives)
    ]


def reuse_graph(initiatives):
    """Nodes (the initiatives that have links), edges (origin -> follower) and SVG coordinates."""
    by_pk = {i.pk: i for i in initiatives}
    edges = reuse_links(initiatives)
    linked = sorted(
        {e["origin"].pk for e in edges} | {e["follower"].pk for e in edges},
        key=lambda pk: (by_pk[pk].start_year or 0, by_pk[pk].title),
    )
    years = [by_pk[pk].start_year for pk in linked if by_pk[pk].start_year]
    low, high = (min(years), max(years)) if years else (0, 0)
    span = max(high - low, 1)
    usable = WIDTH - 2 * MARGIN - LABEL_WIDTH
    nodes = {}
    for row, pk in enumerate(linked):
        year = by_pk[pk].start_year
        x = MARGIN + (usable * (year - low) / span if year else 0)
        nodes[pk] = {"initiative": by_pk[pk], "x": int(round(x)), "y": MARGIN + row * ROW_HEIGHT}
    for edge in edges:
        edge["x1"], edge["y1"] = nodes[edge["origin"].pk]["x"], nodes[edge["origin"].pk]["y"]
        edge["x2"], edge["y2"] = nodes[edge["follower"].pk]["x"], nodes[edge["follower"].pk]["y"]
        edge["spread"] = edge["link"].kind == LinkKind.SPREAD_TO
    return {
        "nodes": list(nodes.values()),
        "edges": edges,
        "width": WIDTH,
        "height": 2 * MARGIN + max(len(nodes) - 1, 0) * ROW_HEIGHT,
    }


def actor_initiative_rows(initiatives):
    """One row per actor taking part in the initiatives: the actor and its (initiative, role) pairs."""
    rows = defaultdict(list)
    actors = {}
    for initiative in initiatives:
        for participation in initiative.participations.all():
            actors[participation.actor.pk] = participation.actor
            rows[participation.actor.pk].append((initiative, participation.get_role_display()))
    ordered = sorted(actors.values(), key=lambda actor: actor.display_name.lower())
    return [{"actor": actor, "initiatives": rows[actor.pk]} for actor in ordered]

"""An actor's ego network: the actor, its partners, and (at two steps) their partners."""

from django.db.models import Q

from .graph import assemble_network, relation_rows
from .models import Relation

MAX_SECOND_RING = 30


def ego_network(actor, depth=1, max_second_ring=MAX_SECOND_RING):
    """(network, rings) where rings maps actor id to its distance (0, 1 or 2).

    The second ring keeps the partners' partners with the most ties to the first
    ring, so the picture stays readable around hubs.
    """
    depth = 2 if depth == 2 else 1
    first_rows = relation_rows(Relation.objects.filter(Q(source=actor) | Q(target=actor)))
    rings = {actor.pk: 0}
    for row in first_rows:
        for end in (row[1], row[2]):
            rings.setdefault(end, 1)
    rows = list(first_rows)
    if depth == 2 and len(rings) > 1:
        ring1 = [pk for pk, d in rings.items() if d == 1]
        seen = {row[0] for row in rows}
        second_rows = [
            row
            for row in relation_rows(Relation.objects.filter(Q(source__in=ring1) | Q(target__in=ring1)))
            if row[0] not in seen
        ]
        ties = {}
        for row in second_rows:
            for end in (row[1], row[2]):
                if end not in rings:
                    ties[end] = ties.get(end, 0) + 1
        kept = sorted(ties, key=lambda pk: (-ties[pk], pk))[:max_second_ring]
        for pk in kept:
            rings[pk] = 2
        rows += [row for row in second_rows if row[1] in rings and row[2] in rings]
    network = assemble_network(rows, set(rings))
    return network, rings

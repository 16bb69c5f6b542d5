"""The history of a fiche as shown to people: revisions with their field-by-field diffs.

A fixed number of queries whatever the number of revisions and changed fields: the fiche's
revisions in one query, its relations' revisions in one and their predecessors in one, then
the labels of the codes in every snapshot shown in one query per kind (`DisplayLabels`, shared
by both histories); the diffs themselves are computed in Python.
"""

from dataclasses import dataclass

from django.db.models import Q

from maillage.network.models import Relation

from .models import Revision
from .snapshots import DisplayLabels, diff_rows


@dataclass
class FicheHistory:
    entries: list  # the fiche's revisions, newest first: {"revision", "rows"}
    relation_entries: list  # its relations' revisions (either end), newest first
    more: bool  # the fiche has more revisions than the limit


def fiche_history(actor, limit=None):
    """The fiche's history and its relations' history, with diffs, newest first (at most `limit` of each).

    With a limit, only limit + 1 of the fiche's revisions are read: the extra one gives the
    oldest diff and tells whether there are more.
    """
    revisions = _actor_revisions(actor, limit)
    pairs = list(_relation_pairs(actor, limit))
    snapshots = [r.snapshot for r in revisions] if len(revisions) > 1 else []
    snapshots += [snap for revision, before in pairs for snap in (before, revision.snapshot)]
    labels = DisplayLabels(snapshots) if snapshots else None
    entries = []
    for index, revision in enumerate(revisions[:limit] if limit else revisions):
        previous = revisions[index + 1] if index + 1 < len(revisions) else None
        rows = diff_rows(previous.snapshot, revision.snapshot, labels=labels) if previous else []
        entries.append({"revision": revision, "rows": rows})
    relation_entries = [
        {"revision": revision, "rows": diff_rows(before, revision.snapshot, model="relation", labels=labels)}
        for revision, before in pairs
    ]
    return FicheHistory(entries, relation_entries, more=bool(limit) and len(revisions) > limit)


def _actor_revisions(actor, limit):
    revisions = Revision.objects.filter(actor=actor).select_related("author").order_by("-version")
    return list(revisions[: limit + 1] if limit else revisions)


def _relation_pairs(actor, limit):
    """(revision, the snapshot before it) of the actor's relations, newest first."""
    # The relations by id (a subquery on the relations' ends), not a join of every revision.
    relation_ids = Relation.objects.filter(Q(source=actor) | Q(target=actor)).values("pk")
    revisions = (
        Revision.objects.filter(relation_id__in=relation_ids)
        .exclude(kind=Revision.Kind.BASELINE)
        .select_related("author", "relation__source__parent", "relation__target__parent")
        .order_by("-created_at", "-id")
    )
    revisions = list(revisions[:limit] if limit else revisions)
    if not revisions:
        return
    # Every earlier revision of these relations, in one query, to find each one's predecessor.
    earlier = {}
    for relation_id, version, snapshot in (
        Revision.objects.filter(relation_id__in={r.relation_id for r in revisions})
        .order_by("relation_id", "version")
        .values_list("relation_id", "version", "snapshot")
    ):
        earlier.setdefault(relation_id, []).append((version, snapshot))
    for revision in revisions:
        before = [snap for version, snap in earlier.get(revision.relation_id, []) if version < revision.version]
        yield revision, (before[-1] if before else {})

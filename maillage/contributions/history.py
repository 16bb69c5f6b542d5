"""The history of a fiche as shown to people: revisions with their field-by-field diffs.

Labels of the codes in every snapshot shown are read once (`DisplayLabels`), so a history page
runs a fixed number of queries whatever the number of revisions and changed fields.
"""

from django.db.models import Q

from .models import Revision
from .snapshots import DisplayLabels, diff_rows


def history_entries(actor, limit=None):
    """Revisions of a fiche, newest first, each with its diff against the previous one.

    With a limit, only limit + 1 revisions are read (the extra one gives the oldest diff).
    """
    revisions = Revision.objects.filter(actor=actor).select_related("author").order_by("-version")
    if limit:
        revisions = revisions[: limit + 1]
    revisions = list(revisions)
    labels = DisplayLabels(r.snapshot for r in revisions) if len(revisions) > 1 else None
    entries = []
    for index, revision in enumerate(revisions):
        previous = revisions[index + 1] if index + 1 < len(revisions) else None
        rows = diff_rows(previous.snapshot, revision.snapshot, labels=labels) if previous else []
        entries.append({"revision": revision, "rows": rows})
    return entries[:limit] if limit else entries


def relation_history_entries(actor, limit=None):
    """Revisions of the relations of a fiche (either end), newest first, with their diffs."""
    revisions = (
        Revision.objects.filter(Q(relation__source=actor) | Q(relation__target=actor))
        .exclude(kind=Revision.Kind.BASELINE)
        .select_related("author", "relation__source__parent", "relation__target__parent")
        .order_by("-created_at", "-id")
    )
    if limit:
        revisions = revisions[:limit]
    revisions = list(revisions)
    if not revisions:
        return []
    # Every earlier revision of these relations, in one query, to find each one's predecessor.
    earlier = {}
    for relation_id, version, snapshot in (
        Revision.objects.filter(relation_id__in={r.relation_id for r in revisions})
        .order_by("relation_id", "version")
        .values_list("relation_id", "version", "snapshot")
    ):
        earlier.setdefault(relation_id, []).append((version, snapshot))

    def previous_snapshot(revision):
        before = [snap for version, snap in earlier.get(revision.relation_id, []) if version < revision.version]
        return before[-1] if before else {}

    pairs = [(revision, previous_snapshot(revision)) for revision in revisions]
    labels = DisplayLabels([snap for r, before in pairs for snap in (before, r.snapshot)])
    return [
        {"revision": revision, "rows": diff_rows(before, revision.snapshot, model="relation", labels=labels)}
        for revision, before in pairs
    ]

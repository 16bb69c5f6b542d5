"""The history of a fiche as shown to people: revisions with their field-by-field diffs."""

from django.db.models import Q

from .models import Revision
from .snapshots import diff_rows


def history_entries(actor, limit=None):
    """Revisions of a fiche, newest first, each with its diff against the previous one.

    With a limit, only limit + 1 revisions are read (the extra one gives the oldest diff).
    """
    revisions = Revision.objects.filter(actor=actor).select_related("author").order_by("-version")
    if limit:
        revisions = revisions[: limit + 1]
    revisions = list(revisions)
    entries = []
    for index, revision in enumerate(revisions):
        previous = revisions[index + 1] if index + 1 < len(revisions) else None
        rows = diff_rows(previous.snapshot, revision.snapshot) if previous else []
        entries.append({"revision": revision, "rows": rows})
    return entries[:limit] if limit else entries


def relation_history_entries(actor, limit=None):
    """Revisions of the relations of a fiche (either end), newest first, with their diffs."""
    revisions = (
        Revision.objects.filter(Q(relation__source=actor) | Q(relation__target=actor))
        .exclude(kind=Revision.Kind.BASELINE)
        .select_related("author", "relation__source", "relation__target")
        .order_by("-created_at", "-id")
    )
    if limit:
        revisions = revisions[:limit]
    entries = []
    for revision in revisions:
        previous = (
            Revision.objects.filter(relation_id=revision.relation_id, version__lt=revision.version)
            .order_by("-version")
            .first()
        )
        before = previous.snapshot if previous else {}
        entries.append({"revision": revision, "rows": diff_rows(before, revision.snapshot, model="relation")})
    return entries

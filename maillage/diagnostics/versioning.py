"""The data version: a short fingerprint of the actors and relations tables.

It changes after any write to an actor or a relation: creation (count and highest id),
change (latest modification time; the write path also increments `version`) and deletion
(count). Two aggregate queries, so checking it on every page view is cheap. A bulk
`QuerySet.update()` that bypasses `save()` and touches neither `updated_at` nor `version`
is not seen; the write path never does that.
"""

import hashlib

from django.db.models import Count, Max, Sum

from maillage.directory.models import Actor
from maillage.network.models import Relation


def _fingerprint(model):
    row = model.objects.aggregate(n=Count("pk"), top=Max("pk"), changed=Max("updated_at"), versions=Sum("version"))
    changed = row["changed"].isoformat() if row["changed"] else ""
    return f"{row['n']}:{row['top'] or 0}:{changed}:{row['versions'] or 0}"


# Bumped when the shape or the method of a stored result changes, so kept runs are not reused.
RESULT_FORMAT = 1


def data_version():
    """12 hex characters, the same for the same data on any backend."""
    text = f"format={RESULT_FORMAT};actors={_fingerprint(Actor)};relations={_fingerprint(Relation)}"
    return hashlib.sha256(text.encode()).hexdigest()[:12]

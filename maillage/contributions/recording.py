"""Records every applied write of an actor, a relation or a registered subject as a Revision (the history).

Connected in `ContributionsConfig.ready()` to the signals of the lower layers' write paths
(`directory.writing.actor_written`, `network.writing.relation_written`), so that the lower
layers never import contributions; the apps above register their subjects (`subjects.py`),
whose writes are recorded under (subject key, primary key), kept after a deletion. A Revision
is created in the writer's transaction.
"""

from django.utils.translation import gettext as _

from .models import Revision, RevisionKind


def _author(change):
    user = change.user
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def _record(write, keep_target=False, **target):
    change = write.change
    instance = write.instance
    deleted = write.kind == RevisionKind.DELETE
    if write.before is not None and not deleted and not Revision.objects.filter(**target).exists():
        # The state the object had before any recorded history (demo data, older imports).
        Revision.objects.create(**target, version=write.version - 1, kind=RevisionKind.BASELINE, snapshot=write.before)
    email = change.email or (getattr(change.user, "email", "") if _author(change) else "")
    comment = change.comment
    if deleted and not comment:
        comment = _("Suppression de « %(name)s »") % {"name": str(instance)[:200]}
    return Revision.objects.create(
        **(dict.fromkeys(target) if deleted and not keep_target else target),
        version=write.version,
        kind=write.kind,
        snapshot=write.after,
        author=_author(change),
        author_email=email,
        proposal=change.proposal,
        reverted_to=change.reverted_to,
        comment=str(comment)[:500],
    )


def record_actor_write(sender, write, **kwargs):
    write.revision = _record(write, actor=write.instance)


def record_relation_write(sender, write, **kwargs):
    write.revision = _record(write, relation=write.instance)


def record_subject_write(key):
    """The receiver recording the writes of one registered subject."""

    def record(sender, write, **kwargs):
        write.revision = _record(write, keep_target=True, subject=key, subject_id=write.instance.pk)

    return record

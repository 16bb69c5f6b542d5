"""The domain logic of contributions: propose, confirm, decide, apply, revert, clean up.

Every state change of a proposal is a conditional UPDATE (… WHERE status = expected),
so two moderators deciding at once cannot both win; every applied change runs in one
transaction with the actor row locked, and records a Revision.
"""

import contextlib
import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.directory import writing
from maillage.directory.fields import ACTOR_FIELDS
from maillage.directory.fields import snapshot as actor_snapshot
from maillage.directory.models import Actor
from maillage.directory.writing import Change, changed_fields, normalized
from maillage.network import writing as relation_writing
from maillage.network.models import Relation, RelationOrigin, RelationStatus
from maillage.territories.models import Commune

from . import notifications, permissions
from .models import (
    Ownership,
    OwnershipVia,
    Proposal,
    ProposalKind,
    ProposalStatus,
    ReportReason,
    Revision,
    RevisionKind,
)
from .subjects import get_subject

S = ProposalStatus
K = ProposalKind


class DecisionError(Exception):
    """A decision that could not be made; `message` is shown to the moderator (French)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class AlreadyDecided(DecisionError):
    pass


class ConflictUnresolved(DecisionError):
    pass


class StaleReview(DecisionError):
    pass


# --- settings ----------------------------------------------------------------


def freshness_months():
    return getattr(settings, "CONTRIBUTIONS_FRESHNESS_MONTHS", 12)


def auto_claim_by_domain():
    return getattr(settings, "CONTRIBUTIONS_OWNER_AUTO_CLAIM_BY_DOMAIN", False)


# --- territory ---------------------------------------------------------------


def proposal_territory(kind, actor=None, payload=None, relation=None, subject=None, item=None):
    """(department_id, region_id) a proposal belongs to, for scoped moderation."""
    payload = payload or {}
    if subject is not None:
        return subject.territory(item, payload)
    if kind == K.NEW_ACTOR:
        code = payload.get("commune")
        commune = Commune.objects.select_related("department").filter(code=code).first() if code else None
        if commune:
            return commune.department_id, commune.department.region_id
        return None, None
    if kind == K.NEW_RELATION and actor is None:
        actor = Actor.objects.filter(slug=payload.get("source")).first()
    if kind == K.END_RELATION and actor is None and relation is not None:
        actor = relation.source
    if actor is not None:
        return actor.department_id, actor.region_id
    return None, None


# --- propose -----------------------------------------------------------------


def create_proposal(
    *,
    kind,
    user=None,
    email="",
    actor=None,
    relation=None,
    payload=None,
    message="",
    report_reason="",
    ip_hash="",
    flags=None,
    base_url=None,
    subject="",
    item=None,
    email_confirmed=False,
):
    """Record a proposal. Signed-in contributors skip e-mail confirmation (except claims);
    an owner's change to their own fiche is applied at once. `email_confirmed` is for a caller that
    has already checked the address (a relation survey's personal link, sent to it): the proposal
    goes straight to the moderation queue.

    `subject` (a registered subject's key) and `item` (the object, for a change) make it a
    proposal about that subject (kinds NEW_SUBJECT and CHANGE_SUBJECT).
    """
    payload = dict(payload or {})
    spec = get_subject(subject) if subject else None
    if subject and spec is None:
        raise ValueError(f"Unknown contribution subject {subject!r}")
    proposal = Proposal(
        kind=kind,
        actor=actor,
        relation=relation,
        subject=subject,
        subject_id=item.pk if item is not None else None,
        message=message,
        report_reason=report_reason,
        flags=flags or {},
        ip_hash=ip_hash,
    )
    if kind == K.CHANGE_ACTOR:
        base = actor_snapshot(actor)
        proposal.base_version = actor.version
        proposal.base_snapshot = base
        payload = {f: payload[f] for f in changed_fields(base, payload, [f for f in ACTOR_FIELDS if f in payload])}
    elif kind == K.CHANGE_SUBJECT:
        base = spec.snapshot(item)
        proposal.base_version = item.version
        proposal.base_snapshot = base
        payload = {f: payload[f] for f in changed_fields(base, payload, [f for f in spec.fields if f in payload])}
    proposal.payload = payload
    proposal.department_id, proposal.region_id = proposal_territory(kind, actor, payload, relation, spec, item)
    signed_in = bool(user and user.is_authenticated)
    if signed_in:
        proposal.author = user
        proposal.email = email or user.email
    else:
        proposal.email = email
    if (signed_in or (email_confirmed and email)) and kind != K.CLAIM:
        proposal.status = S.PENDING
        proposal.email_confirmed_at = timezone.now()
    proposal.save()
    if proposal.status == S.UNCONFIRMED:
        notifications.send_confirmation(proposal, base_url)
    elif kind == K.CHANGE_ACTOR and permissions.can_edit_directly(user, actor):
        # If it cannot apply (e.g. invalid together with the current data), it stays in the queue.
        with contextlib.suppress(DecisionError):
            accept(
                proposal.pk, user, owner_edit=True, message=_("Modification directe par un responsable de la fiche.")
            )
        proposal.refresh_from_db()
    return proposal


def confirm_email(proposal_id, email):
    """Move an unconfirmed proposal to the queue (idempotent); claims may be granted at once."""
    with transaction.atomic():
        updated = Proposal.objects.filter(pk=proposal_id, email=email, status=S.UNCONFIRMED).update(
            status=S.PENDING, email_confirmed_at=timezone.now()
        )
    proposal = Proposal.objects.get(pk=proposal_id)
    if (
        updated
        and proposal.kind == K.CLAIM
        and auto_claim_by_domain()
        and email_matches_website(proposal.email, proposal.actor.website if proposal.actor_id else "")
    ):
        with contextlib.suppress(DecisionError):
            accept(proposal.pk, None, via=OwnershipVia.DOMAIN, message=_("Adresse du domaine du site web de l'acteur."))
        proposal.refresh_from_db()
    return proposal, bool(updated)


def email_matches_website(email, website):
    """The e-mail's domain is the website's host (www. ignored) or a parent domain of it."""
    if not email or "@" not in email or not website:
        return False
    domain = email.rsplit("@", 1)[1].strip().lower()
    host = (urlsplit(website).hostname or "").lower()
    host = host.removeprefix("www.")
    return bool(domain) and (host == domain or host.endswith("." + domain))


def resubmit(proposal, *, payload=None, message=None):
    """The contributor answers a request for changes: back to the queue, same base version."""
    updates = {"status": S.PENDING}
    if payload is not None:
        if proposal.kind in (K.CHANGE_ACTOR, K.CHANGE_SUBJECT):
            names = proposal.subject_spec.fields if proposal.kind == K.CHANGE_SUBJECT else ACTOR_FIELDS
            base = proposal.base_snapshot
            payload = {f: payload[f] for f in changed_fields(base, payload, [f for f in names if f in payload])}
        updates["payload"] = payload
    if message is not None:
        updates["message"] = message
    updated = Proposal.objects.filter(pk=proposal.pk, status=S.CHANGES_REQUESTED).update(
        **updates, updated_at=timezone.now()
    )
    if not updated:
        raise DecisionError(_("Cette proposition n'attend plus de modification de votre part."))
    proposal.refresh_from_db()
    return proposal


# --- writes (through the directory's and the network's write paths) -----------------------


def _invalid(error):
    return DecisionError(_("Les valeurs ne sont pas valides : %(errors)s") % {"errors": "; ".join(error.messages)})


def apply_actor_change(actor, values, change):
    """Apply values to an actor through the write path; returns the Revision it recorded (or None)."""
    try:
        write = writing.update_actor(actor, values, change=change)
    except ValidationError as error:
        raise _invalid(error) from None
    return write.revision if write else None


def _contributor(proposal):
    return proposal.author, proposal.email


def _change(proposal, **kwargs):
    author, email = _contributor(proposal)
    return Change(user=author, email=email, proposal=proposal, **kwargs)


# --- three-way resolution --------------------------------------------------------


def current_snapshot(proposal):
    """The present values of what a change proposal is about (the fiche, or the subject's object)."""
    if proposal.kind == K.CHANGE_SUBJECT:
        item = proposal.item
        return proposal.subject_spec.snapshot(item) if item is not None else {}
    return actor_snapshot(proposal.actor)


def three_way(proposal, current=None):
    """Per proposed field: base, current and proposed values, and whether they conflict."""
    current = current if current is not None else current_snapshot(proposal)
    rows = []
    for field, proposed in proposal.payload.items():
        base = proposal.base_snapshot.get(field)
        cur = current.get(field)
        if normalized(cur) == normalized(base):
            state = "apply"
        elif normalized(cur) == normalized(proposed):
            state = "same"
        else:
            state = "conflict"
        rows.append({"field": field, "base": base, "current": cur, "proposed": proposed, "state": state})
    return rows


def resolve(proposal, current, choices):
    """Values to apply; conflicting fields need a choice ('proposed' or 'current')."""
    values, unresolved = {}, []
    for row in three_way(proposal, current):
        if row["state"] == "apply":
            values[row["field"]] = row["proposed"]
        elif row["state"] == "conflict":
            choice = (choices or {}).get(row["field"])
            if choice == "proposed":
                values[row["field"]] = row["proposed"]
            elif choice != "current":
                unresolved.append(row["field"])
    return values, unresolved


# --- decisions ---------------------------------------------------------------


def _claim_status(proposal_id, to_status, from_statuses, moderator, message):
    """The conditional UPDATE that makes exactly one decision win."""
    updated = Proposal.objects.filter(pk=proposal_id, status__in=from_statuses).update(
        status=to_status,
        moderator=moderator if moderator and moderator.is_authenticated else None,
        decided_at=timezone.now(),
        decision_message=message,
        updated_at=timezone.now(),
    )
    if not updated:
        current = Proposal.objects.filter(pk=proposal_id).values_list("status", flat=True).first()
        label = dict(S.choices).get(current, current)
        raise AlreadyDecided(
            _("Cette proposition a déjà été traitée (statut actuel : %(status)s). Rien n'a été modifié.")
            % {"status": label}
        )


def accept(
    proposal_id,
    moderator,
    *,
    choices=None,
    seen_version=None,
    message="",
    owner_edit=False,
    via=OwnershipVia.MODERATOR,
    base_url=None,
):
    """Accept and apply a proposal in one transaction; raises DecisionError with a French message."""
    with transaction.atomic():
        _claim_status(proposal_id, S.ACCEPTED, [S.PENDING], moderator, message)
        proposal = Proposal.objects.select_related("actor", "author").get(pk=proposal_id)
        try:
            with transaction.atomic():
                _apply(proposal, moderator, choices=choices, seen_version=seen_version, via=via)
        except IntegrityError as error:
            raise DecisionError(
                _("La proposition n'a pas pu être appliquée (donnée incohérente : %(error)s).") % {"error": error}
            ) from error
        if not owner_edit:
            transaction.on_commit(lambda: notifications.send_decision(proposal, base_url))
    return proposal


def _apply(proposal, moderator, *, choices, seen_version, via):
    if proposal.kind == K.NEW_ACTOR:
        values = {"primary_type": "other", **proposal.payload}
        values["primary_type"] = values["primary_type"] or "other"
        try:
            actor = writing.create_actor(values, change=_change(proposal)).instance
        except ValidationError as error:
            raise _invalid(error) from None
        proposal.actor = actor
        Proposal.objects.filter(pk=proposal.pk).update(actor=actor)
    elif proposal.kind == K.CHANGE_ACTOR:
        actor = _locked_actor(proposal)
        if seen_version is not None and int(seen_version) != actor.version:
            raise StaleReview(
                _(
                    "La fiche a été modifiée pendant votre examen (version %(v)s). "
                    "Rechargez la proposition pour voir le conflit."
                )
                % {"v": actor.version}
            )
        values, unresolved = resolve(proposal, actor_snapshot(actor), choices)
        if unresolved:
            raise ConflictUnresolved(
                _(
                    "La fiche a changé depuis la proposition : choisissez la valeur à garder "
                    "pour chaque champ en conflit."
                )
            )
        if values:
            apply_actor_change(actor, values, _change(proposal))
    elif proposal.kind == K.REPORT:
        if proposal.report_reason == ReportReason.GONE:
            actor = _locked_actor(proposal)
            values = {"lifecycle": "disappeared"}
            if actor.lifecycle != "disappeared":
                apply_actor_change(actor, values, _change(proposal, comment=_("Signalement : n'existe plus")))
    elif proposal.kind == K.CLAIM:
        if not proposal.author_id or not proposal.actor_id:
            raise DecisionError(_("Une revendication doit venir d'un compte et viser une fiche."))
        Ownership.objects.get_or_create(
            user=proposal.author,
            actor=proposal.actor,
            defaults={"email": proposal.email, "via": via, "proposal": proposal},
        )
    elif proposal.kind in (K.NEW_RELATION, K.END_RELATION):
        _apply_relation(proposal)
    elif proposal.kind in (K.NEW_SUBJECT, K.CHANGE_SUBJECT):
        _apply_subject(proposal, seen_version=seen_version, choices=choices)


def _subject_write(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    except ValidationError as error:
        raise _invalid(error) from None


def _apply_subject(proposal, *, seen_version, choices):
    spec = proposal.subject_spec
    if spec is None:
        raise DecisionError(_("Ce type de contribution n'est plus pris en charge."))
    if proposal.kind == K.NEW_SUBJECT:
        write = _subject_write(spec.create, dict(proposal.payload), change=_change(proposal))
        proposal.subject_id = write.instance.pk
        Proposal.objects.filter(pk=proposal.pk).update(subject_id=write.instance.pk)
        return
    item = spec.model.objects.select_for_update().filter(pk=proposal.subject_id).first()
    if item is None:
        raise DecisionError(_("L'élément visé n'existe plus."))
    if seen_version is not None and int(seen_version) != item.version:
        raise StaleReview(
            _(
                "L'élément a été modifié pendant votre examen (version %(v)s). "
                "Rechargez la proposition pour voir le conflit."
            )
            % {"v": item.version}
        )
    values, unresolved = resolve(proposal, spec.snapshot(item), choices)
    if unresolved:
        raise ConflictUnresolved(
            _("L'élément a changé depuis la proposition : choisissez la valeur à garder pour chaque champ en conflit.")
        )
    if values:
        _subject_write(spec.update, item, values, change=_change(proposal))


def _locked_actor(proposal):
    if not proposal.actor_id:
        raise DecisionError(_("La fiche visée n'existe plus."))
    return Actor.objects.select_for_update().get(pk=proposal.actor_id)


def _apply_relation(proposal):
    try:
        if proposal.kind == K.NEW_RELATION:
            data = proposal.payload
            source = Actor.objects.filter(slug=data.get("source")).first()
            target = Actor.objects.filter(slug=data.get("target")).first()
            if source is None or target is None:
                raise DecisionError(_("Un des deux acteurs de la relation n'existe plus."))
            write = relation_writing.create_relation(
                source,
                target,
                data["kind"],
                motivations=data.get("motivations", []),
                start_year=data.get("start_year"),
                end_year=data.get("end_year"),
                description=data.get("description", ""),
                source_reference=_("Contribution n° %(n)s") % {"n": proposal.pk},
                change=_change(proposal),
                **relation_provenance(data, source, target),
            )
            Proposal.objects.filter(pk=proposal.pk).update(relation=write.instance)
        else:
            if not proposal.relation_id:
                raise DecisionError(_("La relation visée n'existe plus."))
            relation_writing.update_relation(
                proposal.relation, {"end_year": proposal.payload.get("end_year")}, change=_change(proposal)
            )
    except ValidationError as error:
        raise DecisionError("; ".join(error.messages)) from None


def relation_provenance(payload, source, target):
    """Origin and reciprocity of a relation created from a proposal.

    A plain contribution is a third party's statement (origin "contribution", status "sourced").
    A proposal made from a relation survey (surveys app) carries `provenance`: the side that
    declared it (an end of the relation) and the wave, so the relation keeps them.
    """
    provenance = payload.get("provenance") or {}
    declared_by = {source.slug: source, target.slug: target}.get(provenance.get("declared_by"))
    if not declared_by:
        return {"origin": RelationOrigin.CONTRIBUTION}
    return {
        "origin": RelationOrigin.SURVEY,
        "status": RelationStatus.CONFIRMED if provenance.get("confirmed") else RelationStatus.DECLARED,
        "declared_by": declared_by,
        "status_source": str(provenance.get("source", ""))[:255],
    }


def reject(proposal_id, moderator, message, base_url=None):
    with transaction.atomic():
        _claim_status(proposal_id, S.REJECTED, [S.PENDING, S.CHANGES_REQUESTED, S.UNCONFIRMED], moderator, message)
        proposal = Proposal.objects.get(pk=proposal_id)
        transaction.on_commit(lambda: notifications.send_decision(proposal, base_url))
    return proposal


def request_changes(proposal_id, moderator, message, base_url=None):
    if not message.strip():
        raise DecisionError(_("Expliquez au contributeur ce qu'il doit modifier."))
    with transaction.atomic():
        _claim_status(proposal_id, S.CHANGES_REQUESTED, [S.PENDING], moderator, message)
        Proposal.objects.filter(pk=proposal_id).update(decided_at=None)
        proposal = Proposal.objects.get(pk=proposal_id)
        transaction.on_commit(lambda: notifications.send_decision(proposal, base_url))
    return proposal


# --- revert and clean-up ---------------------------------------------------------


def revert_actor(actor_id, version, user, comment=""):
    """Restore an earlier version of a fiche, as a new revision."""
    with transaction.atomic():
        actor = Actor.objects.select_for_update().get(pk=actor_id)
        target = Revision.objects.filter(actor=actor, version=version).first()
        if target is None:
            raise DecisionError(_("Cette version de la fiche n'existe pas."))
        if version == actor.version:
            raise DecisionError(_("C'est déjà la version actuelle de la fiche."))
        change = Change(
            user=user,
            email=getattr(user, "email", ""),
            kind=writing.ChangeKind.REVERT,
            reverted_to=version,
            comment=comment or _("Retour à la version %(v)s") % {"v": version},
        )
        revision = apply_actor_change(actor, target.snapshot, change)
        if revision is None:
            raise DecisionError(_("Cette version a les mêmes valeurs que la fiche actuelle : rien à restaurer."))
        return revision


def revert_subject(spec, item_id, version, user, comment=""):
    """Restore an earlier version of a registered subject's object, as a new revision."""
    with transaction.atomic():
        item = spec.model.objects.select_for_update().get(pk=item_id)
        target = Revision.objects.filter(subject=spec.key, subject_id=item.pk, version=version).first()
        if target is None:
            raise DecisionError(_("Cette version n'existe pas."))
        if version == item.version:
            raise DecisionError(_("C'est déjà la version actuelle."))
        change = Change(
            user=user,
            email=getattr(user, "email", ""),
            kind=writing.ChangeKind.REVERT,
            reverted_to=version,
            comment=comment or _("Retour à la version %(v)s") % {"v": version},
        )
        write = _subject_write(spec.update, item, target.snapshot, change=change)
        if write is None:
            raise DecisionError(_("Cette version a les mêmes valeurs que la version actuelle : rien à restaurer."))
        return write.revision


def _undo_subjects(moderator, revisions, message):
    """Put every subject object the contributor changed back as it was, or delete what they created."""
    count = 0
    pairs = sorted(set(revisions.exclude(subject="").values_list("subject", "subject_id")))
    for key, item_id in pairs:
        spec = get_subject(key)
        item = spec.model.objects.select_for_update().filter(pk=item_id).first() if spec else None
        if item is None or not permissions.can_revert_subject(moderator, spec, item):
            continue
        first = revisions.filter(subject=key, subject_id=item_id).order_by("version").first()
        before = (
            Revision.objects.filter(subject=key, subject_id=item_id, version__lt=first.version)
            .order_by("-version")
            .first()
        )
        if before is None:
            spec.delete(item, change=Change(user=moderator, comment=message))
        elif spec.snapshot(item) != before.snapshot:
            change = Change(user=moderator, kind=writing.ChangeKind.REVERT, reverted_to=before.version, comment=message)
            _subject_write(spec.update, item, before.snapshot, change=change)
        else:
            continue
        count += 1
    return count


def _contributor_q(user=None, email=""):
    query = Q(pk__in=[])
    if user is not None:
        query |= Q(author=user)
    if email:
        query |= Q(author_email__iexact=email)
    return query


def undo_contributor(moderator, *, user=None, email=""):
    """Spam clean-up: put every fiche the contributor changed back to its state before their first
    change (as new revisions), remove actors and relations they created, reject their open proposals.

    A scoped moderator only touches fiches and proposals of their territory.
    """
    summary = {"reverted": [], "deleted": [], "relations": 0, "subjects": 0, "rejected": 0}
    message = _("Contributions annulées par la modération (nettoyage).")
    with transaction.atomic():
        revisions = Revision.objects.filter(_contributor_q(user, email)).exclude(kind=RevisionKind.BASELINE)
        actor_ids = sorted(set(revisions.filter(actor__isnull=False).values_list("actor_id", flat=True)))
        for actor in Actor.objects.select_for_update().filter(pk__in=actor_ids).order_by("pk"):
            if not permissions.can_revert(moderator, actor):
                continue
            first = revisions.filter(actor=actor).order_by("version").first()
            before = Revision.objects.filter(actor=actor, version__lt=first.version).order_by("-version").first()
            if before is None:
                comment = _("Acteur « %(name)s » supprimé (créé par le contributeur annulé).") % {
                    "name": actor.name[:200]
                }
                writing.delete_actor(actor, change=Change(user=moderator, comment=comment))
                summary["deleted"].append(actor.name)
                continue
            if actor_snapshot(actor) != before.snapshot:
                change = Change(
                    user=moderator,
                    email=getattr(moderator, "email", ""),
                    kind=writing.ChangeKind.REVERT,
                    reverted_to=before.version,
                    comment=message,
                )
                apply_actor_change(actor, before.snapshot, change)
                summary["reverted"].append(actor.name)
        summary["relations"] = _undo_relations(moderator, revisions)
        summary["subjects"] = _undo_subjects(moderator, revisions, message)
        open_statuses = [S.UNCONFIRMED, S.PENDING, S.CHANGES_REQUESTED]
        pending = Proposal.objects.filter(status__in=open_statuses).filter(
            (Q(author=user) if user is not None else Q(pk__in=[])) | (Q(email__iexact=email) if email else Q(pk__in=[]))
        )
        for proposal in pending:
            if permissions.can_decide(moderator, proposal):  # a scoped moderator: their territory only
                summary["rejected"] += Proposal.objects.filter(pk=proposal.pk, status__in=open_statuses).update(
                    status=S.REJECTED, moderator=moderator, decided_at=timezone.now(), decision_message=message
                )
    return summary


def _undo_relations(moderator, revisions):
    count = 0
    relation_ids = sorted(set(revisions.filter(relation__isnull=False).values_list("relation_id", flat=True)))
    for relation in Relation.objects.select_for_update().filter(pk__in=relation_ids).select_related("source"):
        if not permissions.can_revert(moderator, relation.source):
            continue
        first = revisions.filter(relation=relation).order_by("version").first()
        before = Revision.objects.filter(relation=relation, version__lt=first.version).order_by("-version").first()
        if before is None:
            relation_writing.delete_relation(relation, change=Change(user=moderator))
        else:
            change = Change(user=moderator, kind=writing.ChangeKind.REVERT, reverted_to=before.version)
            relation_writing.update_relation(relation, before.snapshot, change=change)
        count += 1
    return count


# --- freshness ---------------------------------------------------------------


def stale_before(now=None):
    now = now or timezone.now()
    return now - datetime.timedelta(days=round(30.44 * freshness_months()))


def is_stale(actor, now=None):
    reference = actor.last_confirmed_at or actor.updated_at
    return reference is not None and reference < stale_before(now)


def stale_actors(now=None):
    limit = stale_before(now)
    return Actor.objects.filter(
        Q(last_confirmed_at__lt=limit) | Q(last_confirmed_at__isnull=True, updated_at__lt=limit)
    )


def confirm_freshness(actor_id):
    """Mark a fiche as still accurate (no new version: nothing changed)."""
    return Actor.objects.filter(pk=actor_id).update(last_confirmed_at=timezone.now())

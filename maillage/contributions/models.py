"""Proposals, moderation scopes, ownership and versioned history of actors and relations.

Nothing is ever deleted here: rejected proposals stay, every applied change is a
new Revision holding a full JSON snapshot of the editable fields.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ProposalKind(models.TextChoices):
    NEW_ACTOR = "new_actor", _("Nouvel acteur")
    CHANGE_ACTOR = "change_actor", _("Modification d'une fiche")
    NEW_RELATION = "new_relation", _("Nouvelle relation")
    END_RELATION = "end_relation", _("Fin d'une relation")
    REPORT = "report", _("Signalement")
    CLAIM = "claim", _("Revendication d'une fiche")
    # A registered subject of a higher app (see subjects.py): `Proposal.subject` says which.
    NEW_SUBJECT = "new_subject", _("Nouvel élément")
    CHANGE_SUBJECT = "change_subject", _("Modification d'un élément")


SUBJECT_KINDS = (ProposalKind.NEW_SUBJECT, ProposalKind.CHANGE_SUBJECT)


class ProposalStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("En attente de confirmation du courriel")
    PENDING = "pending", _("En attente de modération")
    CHANGES_REQUESTED = "changes_requested", _("Modifications demandées")
    ACCEPTED = "accepted", _("Acceptée")
    REJECTED = "rejected", _("Refusée")


class ReportReason(models.TextChoices):
    GONE = "gone", _("N'existe plus")
    WRONG = "wrong", _("Information erronée")
    DUPLICATE = "duplicate", _("Doublon")
    OTHER = "other", _("Autre")


def _in(field, choices):
    return Q(**{f"{field}__in": choices.values})


class Proposal(models.Model):
    """A contribution waiting for (or past) moderation; kept whatever its fate."""

    Kind = ProposalKind
    Status = ProposalStatus

    kind = models.CharField(_("nature"), max_length=16, choices=ProposalKind.choices)
    status = models.CharField(
        _("statut"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.UNCONFIRMED
    )
    actor = models.ForeignKey(
        "directory.Actor",
        verbose_name=_("acteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    relation = models.ForeignKey(
        "network.Relation",
        verbose_name=_("relation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    # A registered subject (subjects.py) and, once it exists, its primary key.
    subject = models.CharField(_("objet"), max_length=32, blank=True, default="")
    subject_id = models.PositiveIntegerField(_("identifiant de l'objet"), null=True, blank=True)
    # Proposed values: for a change, only the fields the contributor changed.
    payload = models.JSONField(_("contenu proposé"), default=dict, blank=True)
    # The version and values the proposal was made against (three-way conflicts).
    base_version = models.PositiveIntegerField(_("version de référence"), null=True, blank=True)
    base_snapshot = models.JSONField(_("valeurs de référence"), default=dict, blank=True)
    report_reason = models.CharField(_("motif du signalement"), max_length=16, choices=ReportReason.choices, blank=True)
    message = models.TextField(_("message du contributeur"), blank=True, max_length=2000)
    flags = models.JSONField(_("alertes"), default=dict, blank=True)

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contributeur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    email = models.EmailField(_("courriel du contributeur"), blank=True)
    email_confirmed_at = models.DateTimeField(_("courriel confirmé le"), null=True, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)

    # Territory the proposal belongs to, for scoped moderation.
    department = models.ForeignKey(
        "territories.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    region = models.ForeignKey("territories.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modérateur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderated_proposals",
    )
    decision_message = models.TextField(_("message de la modération"), blank=True, max_length=2000)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=_in("kind", ProposalKind), name="proposal_kind_valid"),
            models.CheckConstraint(condition=_in("status", ProposalStatus), name="proposal_status_valid"),
            models.CheckConstraint(
                condition=Q(author__isnull=False) | ~Q(email=""), name="proposal_has_author_or_email"
            ),
            models.CheckConstraint(
                condition=Q(report_reason="") | Q(kind=ProposalKind.REPORT), name="proposal_reason_only_on_report"
            ),
            models.CheckConstraint(
                condition=(Q(kind__in=SUBJECT_KINDS) & ~Q(subject=""))
                | (~Q(kind__in=SUBJECT_KINDS) & Q(subject="", subject_id__isnull=True)),
                name="proposal_subject_only_on_subject_kinds",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ProposalKind.CHANGE_SUBJECT) | Q(subject_id__isnull=False),
                name="proposal_subject_change_has_target",
            ),
        ]
        indexes = [models.Index(fields=["status", "kind"]), models.Index(fields=["status", "department"])]

    def __str__(self):
        return f"#{self.pk} {self.get_kind_display()}"

    @property
    def contributor_label(self):
        if self.author_id:
            return self.author.get_username()
        return _("contributeur anonyme")

    @property
    def is_decided(self):
        return self.status in (ProposalStatus.ACCEPTED, ProposalStatus.REJECTED)

    @property
    def subject_spec(self):
        """The registered Subject of a subject proposal (None otherwise, or if no longer registered)."""
        from .subjects import get_subject

        return get_subject(self.subject) if self.subject else None

    @property
    def item(self):
        """The object a subject proposal is about (None before creation or after deletion)."""
        if not hasattr(self, "_item"):
            spec = self.subject_spec
            self._item = spec.model.objects.filter(pk=self.subject_id).first() if spec and self.subject_id else None
        return self._item

    @property
    def kind_label(self):
        """The nature shown to people: a subject's own wording ("Nouvelle initiative")."""
        spec = self.subject_spec
        if spec is not None:
            return spec.new_label if self.kind == ProposalKind.NEW_SUBJECT else spec.change_label
        return self.get_kind_display()

    @property
    def target_name(self):
        """What the proposal is about, in words (the fiche, the object, or the proposed name)."""
        if self.actor_id:
            return self.actor.display_name
        if self.subject:
            item = self.item
            return str(item) if item else (self.payload.get("title") or self.payload.get("name") or "—")
        return self.payload.get("name") or "—"

    @property
    def target_version(self):
        """The current version of the fiche or object proposed to change (None when there is none)."""
        if self.actor_id:
            return self.actor.version
        return self.item.version if self.item is not None else None

    @property
    def has_conflict(self):
        """The fiche (or object) changed since the proposal was made."""
        if self.base_version is None:
            return False
        if self.kind == ProposalKind.CHANGE_ACTOR:
            return self.actor_id is not None and self.actor.version != self.base_version
        if self.kind == ProposalKind.CHANGE_SUBJECT:
            return self.item is not None and self.item.version != self.base_version
        return False


class RevisionKind(models.TextChoices):
    BASELINE = "baseline", _("État initial")
    CREATE = "create", _("Création")
    UPDATE = "update", _("Modification")
    REVERT = "revert", _("Retour à une version antérieure")
    DELETE = "delete", _("Suppression")


class Revision(models.Model):
    """One version of an actor or relation: who, when, what, from which proposal."""

    Kind = RevisionKind

    actor = models.ForeignKey(
        "directory.Actor", on_delete=models.SET_NULL, null=True, blank=True, related_name="revisions"
    )
    relation = models.ForeignKey(
        "network.Relation", on_delete=models.SET_NULL, null=True, blank=True, related_name="revisions"
    )
    # A registered subject's revision: (subject key, primary key), kept after the object is deleted.
    subject = models.CharField(_("objet"), max_length=32, blank=True, default="")
    subject_id = models.PositiveIntegerField(_("identifiant de l'objet"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"))
    kind = models.CharField(_("nature"), max_length=10, choices=RevisionKind.choices)
    snapshot = models.JSONField(_("valeurs"), default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="revisions"
    )
    author_email = models.EmailField(_("courriel de l'auteur"), blank=True)
    proposal = models.ForeignKey(Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="revisions")
    reverted_to = models.PositiveIntegerField(_("version restaurée"), null=True, blank=True)
    comment = models.CharField(_("commentaire"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("révision")
        verbose_name_plural = _("révisions")
        ordering = ["-version", "-id"]
        constraints = [
            models.CheckConstraint(condition=_in("kind", RevisionKind), name="revision_kind_valid"),
            models.UniqueConstraint(
                fields=["actor", "version"], condition=Q(actor__isnull=False), name="revision_unique_actor_version"
            ),
            models.UniqueConstraint(
                fields=["relation", "version"],
                condition=Q(relation__isnull=False),
                name="revision_unique_relation_version",
            ),
            models.UniqueConstraint(
                fields=["subject", "subject_id", "version"],
                condition=Q(subject_id__isnull=False),
                name="revision_unique_subject_version",
            ),
            models.CheckConstraint(
                condition=Q(subject="", subject_id__isnull=True) | (~Q(subject="") & Q(subject_id__isnull=False)),
                name="revision_subject_has_id",
            ),
        ]
        indexes = [models.Index(fields=["subject", "subject_id", "version"], name="revision_subject_idx")]

    def __str__(self):
        return f"v{self.version} {self.get_kind_display()}"


class ModeratorScope(models.Model):
    """A territory a moderator moderates: one département or one région."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderator_scopes")
    department = models.ForeignKey(
        "territories.Department", verbose_name=_("département"), on_delete=models.CASCADE, null=True, blank=True
    )
    region = models.ForeignKey(
        "territories.Region", verbose_name=_("région"), on_delete=models.CASCADE, null=True, blank=True
    )

    class Meta:
        verbose_name = _("périmètre de modération")
        verbose_name_plural = _("périmètres de modération")
        constraints = [
            models.CheckConstraint(
                condition=Q(department__isnull=False, region__isnull=True)
                | Q(department__isnull=True, region__isnull=False),
                name="moderatorscope_one_territory",
            ),
            models.UniqueConstraint(fields=["user", "department"], name="moderatorscope_unique_department"),
            models.UniqueConstraint(fields=["user", "region"], name="moderatorscope_unique_region"),
        ]

    def __str__(self):
        return f"{self.user} — {self.department or self.region}"


class OwnershipVia(models.TextChoices):
    MODERATOR = "moderator", _("Accordée par la modération")
    DOMAIN = "domain", _("Courriel du domaine du site web")


class Ownership(models.Model):
    """A representative of an actor who may edit its fiche directly."""

    Via = OwnershipVia

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ownerships")
    actor = models.ForeignKey("directory.Actor", on_delete=models.CASCADE, related_name="ownerships")
    email = models.EmailField(_("courriel confirmé"))
    via = models.CharField(_("obtenue par"), max_length=10, choices=OwnershipVia.choices)
    proposal = models.ForeignKey(Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("depuis le"), auto_now_add=True)

    class Meta:
        verbose_name = _("propriétaire de fiche")
        verbose_name_plural = _("propriétaires de fiche")
        constraints = [
            models.UniqueConstraint(fields=["user", "actor"], name="ownership_unique"),
            models.CheckConstraint(condition=_in("via", OwnershipVia), name="ownership_via_valid"),
        ]

    def __str__(self):
        return f"{self.user} — {self.actor}"

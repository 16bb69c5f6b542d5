"""Relation surveys (issue 17): campaigns, waves, the roster's personal invitations, answers and
the outcome of each pair of actors once both sides' answers are read together.

A campaign asks every actor of a scope (the shared `ActorFilters` query string) about its
relations; each run of it is a wave. An invitation is one actor's place on the wave's roster and
its personal link; a response holds that actor's answers, one row per (partner, kind, direction)
so that two submissions for one actor at once each keep their answers. Reading the answers of the
two sides of a pair gives an `Outcome` (confirmed by both, declared by one side, disputed), which
goes into the map through the network's one write path or the moderation queue.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from maillage.network.models import RelationKind, RelationStatus

MAX_FREE_QUESTIONS = 3
MAX_FREE_QUESTION_LENGTH = 300
MAX_ANSWERS_PER_RESPONSE = 150
MAX_COMMENT_LENGTH = 500
MAX_FREE_ANSWER_LENGTH = 2000
MAX_REMINDERS = 3


def new_nonce():
    return secrets.token_urlsafe(16)


class Campaign(models.Model):
    """A relation survey of the actors of one scope; run once per wave."""

    title = models.CharField(_("titre"), max_length=200)
    filter_query = models.CharField(
        _("périmètre (filtres partagés)"),
        max_length=1000,
        help_text=_("Les mêmes filtres que l'annuaire, la carte et le réseau, ex. : departement=63"),
    )
    introduction = models.TextField(_("mot d'accueil"), blank=True, max_length=2000)
    kinds = models.JSONField(_("types de relation demandés"), default=list)
    ask_direction = models.BooleanField(_("demander le sens des relations orientées"), default=True)
    ask_motivations = models.BooleanField(_("demander les motivations"), default=True)
    ask_frequency = models.BooleanField(_("demander la fréquence"), default=True)
    ask_since = models.BooleanField(_("demander depuis quand"), default=True)
    free_questions = models.JSONField(_("questions libres"), default=list, blank=True)
    apply_confirmed_directly = models.BooleanField(
        _("appliquer directement les relations confirmées par les deux acteurs"),
        default=False,
        help_text=_("Sinon, elles passent par la file de modération comme le reste."),
    )
    reminder_interval_days = models.PositiveSmallIntegerField(_("jours entre deux relances"), default=7)
    max_reminders = models.PositiveSmallIntegerField(_("nombre maximal de relances"), default=2)
    department = models.ForeignKey(
        "territories.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    region = models.ForeignKey("territories.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("créée par"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("campagne d'enquête")
        verbose_name_plural = _("campagnes d'enquête")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(max_reminders__lte=MAX_REMINDERS), name="campaign_reminders_bounded"),
            models.CheckConstraint(
                condition=Q(reminder_interval_days__gte=1, reminder_interval_days__lte=60),
                name="campaign_reminder_interval_in_range",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def asked_kinds(self):
        return [kind for kind in RelationKind if kind.value in (self.kinds or RelationKind.values)]


class WaveStatus(models.TextChoices):
    OPEN = "open", _("Ouverte")
    CLOSED = "closed", _("Close")


class Wave(models.Model):
    """One run of a campaign: its period, its roster (the invitations) and its answers."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="waves")
    number = models.PositiveSmallIntegerField(_("vague n°"))
    opens_on = models.DateField(_("ouverte le"))
    closes_on = models.DateField(_("close le"))
    status = models.CharField(_("état"), max_length=8, choices=WaveStatus.choices, default=WaveStatus.OPEN)
    closed_at = models.DateTimeField(_("close à"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vague d'enquête")
        verbose_name_plural = _("vagues d'enquête")
        ordering = ["campaign", "number"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="wave_unique_number"),
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="wave_period_ordered"),
            models.CheckConstraint(condition=Q(status__in=WaveStatus.values), name="wave_status_valid"),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return _("%(title)s, vague %(n)s") % {"title": self.campaign.title, "n": self.number}

    @property
    def is_open(self):
        return self.status == WaveStatus.OPEN

    def previous(self):
        return Wave.objects.filter(campaign_id=self.campaign_id, number__lt=self.number).order_by("-number").first()


class ContactBasis(models.TextChoices):
    CONSENT = "consent", _("Consentement de la personne")
    SOURCE_FILE = "source_file", _("Fichier de contacts publié par la source")
    NONE = "none", _("Aucun contact avec une base légale")


class Invitation(models.Model):
    """An actor's place on a wave's roster and its personal link (signed, with a nonce we can revoke)."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    actor = models.ForeignKey("directory.Actor", on_delete=models.CASCADE, related_name="+")
    contact = models.ForeignKey("directory.Contact", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    email = models.EmailField(_("courriel"), blank=True)
    basis = models.CharField(_("base de l'envoi"), max_length=12, choices=ContactBasis.choices)
    nonce = models.CharField(max_length=32, default=new_nonce, editable=False)
    sent_at = models.DateTimeField(_("invitation envoyée le"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("relances envoyées"), default=0)
    last_reminder_at = models.DateTimeField(_("dernière relance le"), null=True, blank=True)
    opened_at = models.DateTimeField(_("lien ouvert le"), null=True, blank=True)
    opted_out_at = models.DateTimeField(_("désinscription le"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("lien révoqué le"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["wave", "actor__name"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "actor"], name="invitation_unique_actor"),
            models.CheckConstraint(condition=Q(basis__in=ContactBasis.values), name="invitation_basis_valid"),
            # Never an address without a basis to write to it.
            models.CheckConstraint(
                condition=Q(email="") | ~Q(basis=ContactBasis.NONE), name="invitation_email_needs_basis"
            ),
            models.CheckConstraint(condition=Q(reminders_sent__lte=MAX_REMINDERS), name="invitation_reminders_bounded"),
        ]

    def __str__(self):
        return f"{self.wave} — {self.actor}"

    def response_or_none(self):
        try:
            return self.response
        except Response.DoesNotExist:
            return None

    @property
    def can_be_sent(self):
        return bool(self.email) and self.basis != ContactBasis.NONE


class EmailKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    REMINDER = "reminder", _("Relance")


class InvitationEmail(models.Model):
    """One e-mail sent for an invitation (the reminder history shown on the dashboard)."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(_("nature"), max_length=10, choices=EmailKind.choices)
    number = models.PositiveSmallIntegerField(default=0)  # 0 for the invitation, 1.. for reminders
    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            # The idempotence of the invitation run and of reminders: one e-mail per (invitation, kind, number).
            models.UniqueConstraint(fields=["invitation", "kind", "number"], name="invitationemail_once"),
            models.CheckConstraint(condition=Q(kind__in=EmailKind.values), name="invitationemail_kind_valid"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number} — {self.invitation_id}"


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon enregistré")
    SUBMITTED = "submitted", _("Réponses envoyées")


class Response(models.Model):
    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="response")
    status = models.CharField(_("état"), max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT)
    free_answers = models.JSONField(_("réponses libres"), default=dict, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("envoyées le"), null=True, blank=True)

    class Meta:
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ResponseStatus.values), name="response_status_valid"),
        ]

    def __str__(self):
        return f"{self.invitation} ({self.get_status_display()})"


class Verdict(models.TextChoices):
    CONFIRM = "confirm", _("Je confirme")
    CORRECT = "correct", _("Je confirme en corrigeant")
    DENY = "deny", _("Cette relation n'existe pas")
    DECLARE = "declare", _("Nouvelle relation déclarée")


POSITIVE_VERDICTS = (Verdict.CONFIRM, Verdict.CORRECT, Verdict.DECLARE)


class Direction(models.TextChoices):
    """Seen from the respondent: `out` = the respondent provides, funds or is a member."""

    NONE = "", _("Sans orientation")
    OUT = "out", _("De mon organisation vers le partenaire")
    IN = "in", _("Du partenaire vers mon organisation")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Chaque semaine")
    MONTHLY = "monthly", _("Chaque mois")
    QUARTERLY = "quarterly", _("Chaque trimestre")
    YEARLY = "yearly", _("Une ou deux fois par an")
    OCCASIONAL = "occasional", _("Ponctuellement")


class Answer(models.Model):
    """One respondent's answer about one relation with one partner, seen from the respondent's side."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    # The partner: an actor of the directory, or (free recall of an organisation the directory lacks)
    # none yet, with `proposed_actor` the new-actor proposal made through contributions. When a
    # moderator accepts that proposal, the partner becomes the created actor (see `newactors`).
    partner = models.ForeignKey("directory.Actor", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    proposed_actor = models.ForeignKey(
        "contributions.Proposal",
        verbose_name=_("nouvel acteur proposé"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("type de relation"), max_length=16, choices=RelationKind.choices)
    direction = models.CharField(_("sens"), max_length=3, choices=Direction.choices, blank=True, default="")
    verdict = models.CharField(_("réponse"), max_length=8, choices=Verdict.choices)
    relation = models.ForeignKey("network.Relation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    motivations = models.JSONField(_("motivations"), default=list, blank=True)
    frequency = models.CharField(_("fréquence"), max_length=10, choices=Frequency.choices, blank=True)
    since_year = models.PositiveSmallIntegerField(_("depuis"), null=True, blank=True)
    until_year = models.PositiveSmallIntegerField(_("jusqu'à"), null=True, blank=True)
    # A correction of a relation on the map whose kind or direction is wrong (verdict "correct"):
    # what it really is, seen from the respondent. Empty: the kind and direction stand.
    corrected_kind = models.CharField(
        _("type corrigé"), max_length=16, choices=RelationKind.choices, blank=True, default=""
    )
    corrected_direction = models.CharField(
        _("sens corrigé"), max_length=3, choices=Direction.choices, blank=True, default=""
    )
    comment = models.CharField(_("commentaire"), max_length=MAX_COMMENT_LENGTH, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("réponse sur une relation")
        verbose_name_plural = _("réponses sur des relations")
        constraints = [
            models.UniqueConstraint(fields=["response", "partner", "kind", "direction"], name="answer_unique_relation"),
            models.UniqueConstraint(
                fields=["response", "proposed_actor", "kind", "direction"],
                condition=Q(partner__isnull=True),
                name="answer_unique_proposed_relation",
            ),
            models.CheckConstraint(
                condition=Q(partner__isnull=False) | Q(proposed_actor__isnull=False), name="answer_has_a_partner"
            ),
            models.CheckConstraint(condition=Q(kind__in=RelationKind.values), name="answer_kind_valid"),
            models.CheckConstraint(condition=Q(verdict__in=Verdict.values), name="answer_verdict_valid"),
            models.CheckConstraint(condition=Q(direction__in=Direction.values), name="answer_direction_valid"),
            models.CheckConstraint(
                condition=Q(since_year__isnull=True) | Q(until_year__isnull=True) | Q(until_year__gte=F("since_year")),
                name="answer_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(corrected_kind="") | Q(corrected_kind__in=RelationKind.values),
                name="answer_corrected_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_verdict_display()} — {self.get_kind_display()} ({self.partner_id})"

    @property
    def is_positive(self):
        return self.verdict in POSITIVE_VERDICTS


class OutcomeState(models.TextChoices):
    PENDING = "pending", _("À examiner par la modération")
    PROPOSED = "proposed", _("Proposée dans la file de modération")
    APPLIED = "applied", _("Appliquée à la carte")
    SETTLED = "settled", _("Tranchée par la modération")


class CorrectionState(models.TextChoices):
    NONE = "", _("Aucune correction")
    PENDING = "pending", _("Correction à examiner par la modération")
    APPLIED = "applied", _("Correction appliquée à la carte")
    REJECTED = "rejected", _("Correction écartée par la modération")


class Outcome(models.Model):
    """The two sides' answers about one relation (pair, kind, orientation) in a wave, read together."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="outcomes")
    source = models.ForeignKey("directory.Actor", on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey("directory.Actor", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=RelationKind.choices)
    relation = models.ForeignKey("network.Relation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(_("statut"), max_length=16, choices=RelationStatus.choices)
    declared_by = models.ForeignKey("directory.Actor", on_delete=models.CASCADE, related_name="+")
    # What each side answered: {"source": {...} or None, "target": {...} or None}.
    answers = models.JSONField(default=dict)
    state = models.CharField(_("suite donnée"), max_length=10, choices=OutcomeState.choices)
    proposal = models.ForeignKey(
        "contributions.Proposal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision = models.CharField(_("décision"), max_length=500, blank=True)
    # The respondents' corrections of a relation on the map ({field: value}, see
    # reconciliation.corrections): applied through the write path at once when the campaign applies
    # confirmations directly, else waiting for a moderator, like a dispute.
    correction = models.JSONField(_("correction"), default=dict, blank=True)
    correction_state = models.CharField(
        _("suite donnée à la correction"), max_length=10, choices=CorrectionState.choices, blank=True, default=""
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("résultat d'une paire")
        verbose_name_plural = _("résultats des paires")
        constraints = [
            models.UniqueConstraint(fields=["wave", "source", "target", "kind"], name="outcome_unique_relation"),
            models.CheckConstraint(condition=Q(state__in=OutcomeState.values), name="outcome_state_valid"),
            models.CheckConstraint(condition=Q(status__in=RelationStatus.values), name="outcome_status_valid"),
            models.CheckConstraint(
                condition=Q(correction_state__in=CorrectionState.values), name="outcome_correction_state_valid"
            ),
        ]
        indexes = [models.Index(fields=["wave", "status"], name="outcome_wave_status")]

    def __str__(self):
        return f"{self.wave} — {self.source_id} / {self.target_id} ({self.kind}): {self.status}"

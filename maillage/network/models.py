"""Relations between organised actors, typed as section 3.1 of the TIPs report types them.

Directed kinds (prestation de service, financement, appartenance) go from the
provider, funder or member to the client, funded actor or network. Undirected
kinds (partage d'informations, collaboration) are stored once, with the pair in
canonical order (smaller id first), so A–B and B–A cannot both exist.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from maillage.core.fields import VocabularyLabelField
from maillage.directory.models import YEAR_MAX, YEAR_MIN, YEAR_VALIDATORS


class RelationKind(models.TextChoices):
    INFORMATION = "information", _("Partage d'informations / inspiration")
    SERVICE = "service", _("Prestation de service")
    COLLABORATION = "collaboration", _("Collaboration")
    MEMBERSHIP = "membership", _("Appartenance")
    FUNDING = "funding", _("Financement")


# A tuple, not a set: its order is written into the migration's check constraint.
DIRECTED_KINDS = (RelationKind.SERVICE, RelationKind.MEMBERSHIP, RelationKind.FUNDING)

# Legend of the report's figure (partage d'informations, - - - prestation de service, collaboration),
# extended to the two kinds the report names in its text. Okabe–Ito colours, distinct from hue alone
# by the dash pattern and the width.
KIND_STYLES = {
    RelationKind.INFORMATION: {"color": "#56B4E9", "dashed": False, "width": 1.5},
    RelationKind.SERVICE: {"color": "#E69F00", "dashed": True, "width": 1.5},
    RelationKind.COLLABORATION: {"color": "#1B7837", "dashed": False, "width": 3.0},
    RelationKind.MEMBERSHIP: {"color": "#6A3D9A", "dashed": False, "width": 1.5},
    RelationKind.FUNDING: {"color": "#B2182B", "dashed": False, "width": 2.0},
}

# Directed kinds read differently from each end: "X provides a service to Y" / "Y is a client of X".
KIND_VERBS = {
    RelationKind.SERVICE: (_("prestataire de"), _("client de")),
    RelationKind.MEMBERSHIP: (_("membre de"), _("a pour membre")),
    RelationKind.FUNDING: (_("finance"), _("financé par")),
}


class RelationStatus(models.TextChoices):
    """How far the two actors of a relation stand behind it (reciprocity, issue 17).

    A relation taken from a document (the TIPs report, a contribution) was stated by a third
    party, not by either actor: it is `sourced` until a relation survey asks the actors.
    """

    SOURCED = "sourced", _("Relevée par une source, non déclarée par les acteurs")
    DECLARED = "declared", _("Déclarée par un seul des deux acteurs")
    CONFIRMED = "confirmed", _("Confirmée par les deux acteurs")
    DISPUTED = "disputed", _("Contestée")
    STALE = "stale", _("Non reconfirmée lors de la dernière vague d'enquête")


# Statuses that name the actor whose side declared the relation (database constraint).
STATUSES_WITH_DECLARANT = (RelationStatus.DECLARED, RelationStatus.CONFIRMED, RelationStatus.DISPUTED)


class RelationOrigin(models.TextChoices):
    """Where a relation first came from (its provenance)."""

    REPORT = "report", _("Rapport de recherche (TIPs)")
    CONTRIBUTION = "contribution", _("Contribution modérée")
    SURVEY = "survey", _("Enquête relationnelle")
    IMPORT = "import", _("Import de fichier")
    OTHER = "other", _("Autre saisie")


def is_directed(kind):
    return kind in DIRECTED_KINDS


class MotivationCode(models.TextChoices):
    INFORMATION = "information", _("Quête d'informations et d'inspiration")
    EXPERTISE = "expertise", _("Besoin d'expertise")
    COMPETENCES = "competences", _("Montée en compétences")
    CAPACITE_AGIR = "capacite_agir", _("Renforcement de la capacité d'agir")
    OPPORTUNITE = "opportunite", _("Opportunité de collaboration")
    LEGITIMITE = "legitimite", _("Légitimité")
    FINANCEMENT = "financement", _("Financements")


class Motivation(models.Model):
    """One of the seven motivations the report lists (3.1.1); rows seeded by a migration."""

    code = models.CharField(_("code"), max_length=32, primary_key=True, choices=MotivationCode.choices)
    label = VocabularyLabelField(_("libellé"), max_length=100)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("motivation")
        verbose_name_plural = _("motivations")
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__in=MotivationCode.values),
                name="motivation_code_valid",
            )
        ]

    def __str__(self):
        return self.label


def ensure_motivations(motivation_model):
    """Create or update the seven motivations (used by the data migration and tests)."""
    for position, (code, label) in enumerate(MotivationCode.choices):
        motivation_model.objects.update_or_create(code=code, defaults={"label": str(label), "position": position})


class Relation(models.Model):
    """A relation between two actors, with its kind, motivations, period and source."""

    Kind = RelationKind

    source = models.ForeignKey(
        "directory.Actor", verbose_name=_("acteur source"), on_delete=models.CASCADE, related_name="relations_out"
    )
    target = models.ForeignKey(
        "directory.Actor", verbose_name=_("acteur cible"), on_delete=models.CASCADE, related_name="relations_in"
    )
    kind = models.CharField(_("type de relation"), max_length=16, choices=RelationKind.choices)
    motivations = models.ManyToManyField(Motivation, verbose_name=_("motivations"), blank=True, related_name="+")
    # The directory's year range: one range for every year of the ecosystem.
    start_year = models.PositiveSmallIntegerField(
        _("année de début"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    end_year = models.PositiveSmallIntegerField(_("année de fin"), null=True, blank=True, validators=YEAR_VALIDATORS)
    description = models.TextField(_("description"), blank=True)
    source_reference = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("Ex. : Rapport TIPs, section 3.1.2")
    )
    source_note = models.TextField(_("précision sur la source"), blank=True)
    # Provenance and reciprocity (issue 17): where the relation came from, how far its two actors
    # stand behind it, which actor's side declared it and which survey wave (or other source) set
    # that status. A survey's detailed answers live in the surveys app, above this one.
    origin = models.CharField(
        _("provenance"), max_length=16, choices=RelationOrigin.choices, default=RelationOrigin.OTHER
    )
    status = models.CharField(
        _("statut de confirmation"), max_length=16, choices=RelationStatus.choices, default=RelationStatus.SOURCED
    )
    declared_by = models.ForeignKey(
        "directory.Actor",
        verbose_name=_("déclarée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("L'acteur (l'une des deux extrémités) qui a déclaré la relation."),
    )
    status_source = models.CharField(
        _("source du statut"),
        max_length=255,
        blank=True,
        help_text=_("Ex. : Enquête relationnelle Puy-de-Dôme, vague 1"),
    )

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        ordering = ["kind", "source__name", "target__name"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=RelationKind.values), name="relation_kind_valid"),
            models.CheckConstraint(condition=~Q(source=F("target")), name="relation_not_self"),
            models.UniqueConstraint(fields=["source", "target", "kind"], name="relation_unique_pair_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in DIRECTED_KINDS]) | Q(source__lt=F("target")),
                name="relation_undirected_canonical_order",
            ),
            models.CheckConstraint(
                condition=Q(start_year__isnull=True) | Q(end_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="relation_period_ordered",
            ),
            models.CheckConstraint(
                condition=(Q(start_year__isnull=True) | Q(start_year__gte=YEAR_MIN, start_year__lte=YEAR_MAX))
                & (Q(end_year__isnull=True) | Q(end_year__gte=YEAR_MIN, end_year__lte=YEAR_MAX)),
                name="relation_years_in_range",
            ),
            models.CheckConstraint(condition=Q(status__in=RelationStatus.values), name="relation_status_valid"),
            models.CheckConstraint(condition=Q(origin__in=RelationOrigin.values), name="relation_origin_valid"),
            models.CheckConstraint(
                condition=Q(declared_by__isnull=True) | Q(declared_by=F("source")) | Q(declared_by=F("target")),
                name="relation_declared_by_an_end",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[s.value for s in STATUSES_WITH_DECLARANT]) | Q(declared_by__isnull=False),
                name="relation_declared_status_names_declarant",
            ),
        ]
        indexes = [models.Index(fields=["target", "kind"]), models.Index(fields=["status"])]

    def __str__(self):
        arrow = "→" if self.is_directed else "—"
        return f"{self.source} {arrow} {self.target} ({self.get_kind_display()})"

    @property
    def is_directed(self):
        return is_directed(self.kind)

    def canonicalize(self):
        """Put an undirected pair in canonical order (smaller id first)."""
        if not self.is_directed and self.source_id and self.target_id and self.source_id > self.target_id:
            self.source_id, self.target_id = self.target_id, self.source_id

    def clean(self):
        super().clean()
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError(_("Un acteur ne peut pas être en relation avec lui-même."))
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("L'année de fin précède l'année de début.")})
        self.canonicalize()

    def save(self, *args, **kwargs):
        self.canonicalize()
        super().save(*args, **kwargs)

    def partner_of(self, actor):
        return self.target if self.source_id == actor.pk else self.source

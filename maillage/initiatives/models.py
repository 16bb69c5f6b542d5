"""Initiatives of public innovation: what the ecosystem's actors innovate, with whom, when, where.

The vocabulary comes from three places, each quoted where it is declared:
- the six types of public innovation of the TIPs report (section 2.1, its table « Les types
  d'innovation publique en Auvergne-Rhône-Alpes »), labels and definitions word for word;
- the OECD OPSI innovation facets (mission-oriented, enhancement-oriented, adaptive, anticipatory);
- beta.gouv.fr's dated phases (investigation, construction, acceleration, consolidation,
  transfer, abandon), which make the life-cycle stage a history rather than one value.

Invariants live in the database where a constraint can say them (choices, year ranges,
ordered periods, one actor-role pair, no link to oneself, links that do not go back in time
through the start years the write path copies onto each link); `clean()` says them in French
for forms and the write path (`writing.py`), the only way initiatives are changed.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maillage.core.constraints import in_choices
from maillage.core.text import normalize
from maillage.directory.models import YEAR_MAX, YEAR_MIN

YEAR_VALIDATORS = [MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]


def _year_in_range(field):
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": YEAR_MIN, f"{field}__lte": YEAR_MAX})


class InnovationType(models.TextChoices):
    """The report's six types of public innovation (section 2.1), in the report's order and words."""

    SERVICE = "service", _("De service")
    STRUCTURE = "structure", _("Organisationnelle - structure")
    PRACTICE = "practice", _("Organisationnelle - pratique")
    TECHNOLOGY = "technology", _("Technologique")
    CONCEPTUAL = "conceptual", _("Conceptuelle")
    GOVERNANCE = "governance", _("De gouvernance")


# The report's definitions (section 2.1 table, « Définitions » column), word for word.
INNOVATION_TYPE_DEFINITIONS = {
    InnovationType.SERVICE: _(
        "Elle concerne le développement de nouveaux services ou l'amélioration de services et prestations existantes."
    ),
    InnovationType.STRUCTURE: _(
        "Elle concerne une nouvelle structure, nouveau mode d'organisation (mutualisation, transversalité, "
        "mode projet, etc.)"
    ),
    InnovationType.PRACTICE: _(
        "Elle concerne une nouvelle technique managériale et pratique de gestion (tableaux de bord, "
        "comptabilité analytique, etc.)"
    ),
    InnovationType.TECHNOLOGY: _(
        "Elle concerne les systèmes d'informations, les nouvelles technologies de l'information et de la "
        "communication et la digitalisation."
    ),
    InnovationType.CONCEPTUAL: _(
        "Elle concerne l'introduction de nouveaux concepts, cadres de référence ou nouveaux paradigmes permettant "
        "de recadrer la nature de problèmes spécifiques ainsi que leurs possibles solutions."
    ),
    InnovationType.GOVERNANCE: _(
        "Elle concerne le développement de relations et de processus partenariaux avec des acteurs externes."
    ),
}


class OpsiFacet(models.TextChoices):
    """OECD OPSI's four innovation facets (optional: the report does not use them)."""

    MISSION = "mission", _("Orientée mission")
    ENHANCEMENT = "enhancement", _("Amélioration")
    ADAPTIVE = "adaptive", _("Adaptative")
    ANTICIPATORY = "anticipatory", _("Anticipatrice")


class Phase(models.TextChoices):
    """beta.gouv.fr's phases of a public product, abandon and transfer included."""

    INVESTIGATION = "investigation", _("Investigation")
    CONSTRUCTION = "construction", _("Construction")
    ACCELERATION = "acceleration", _("Accélération")
    CONSOLIDATION = "consolidation", _("Consolidation")
    TRANSFERRED = "transferred", _("Transférée")
    ABANDONED = "abandoned", _("Abandonnée")


class TargetPublic(models.TextChoices):
    """Whom an initiative is for (the report's words: usagers, agents, élus, citoyens, associations…)."""

    USERS = "users", _("Usagers")
    AGENTS = "agents", _("Agents publics")
    ELECTED = "elected", _("Élus")
    CITIZENS = "citizens", _("Citoyens")
    ASSOCIATIONS = "associations", _("Associations")
    BUSINESSES = "businesses", _("Entreprises")
    STUDENTS = "students", _("Étudiants")
    RESEARCHERS = "researchers", _("Chercheurs")


class Role(models.TextChoices):
    """What an actor does in an initiative."""

    CARRIER = "porteur", _("Porteur")
    PARTNER = "partenaire", _("Partenaire")
    FUNDER = "financeur", _("Financeur")
    SUPPORT = "accompagnateur", _("Accompagnateur")
    BENEFICIARY = "beneficiaire", _("Bénéficiaire")


class LinkKind(models.TextChoices):
    """How one initiative is related to another, read from the source initiative."""

    SPREAD_TO = "essaimee_vers", _("essaimée vers")
    INSPIRED_BY = "inspiree_de", _("inspirée de")
    REUSES = "reutilise", _("réutilise")
    USED_BY = "utilisee_par", _("utilisée par")


# Kinds where the source came first (it spread to, or is used by, the target); in the others
# the target came first (the source is inspired by it, or reuses it).
SOURCE_FIRST = (LinkKind.SPREAD_TO, LinkKind.USED_BY)
TARGET_FIRST = (LinkKind.INSPIRED_BY, LinkKind.REUSES)

# How a link reads from its target's side (the initiative page shows both directions).
LINK_INVERSE_LABELS = {
    LinkKind.SPREAD_TO: _("essaimée depuis"),
    LinkKind.INSPIRED_BY: _("a inspiré"),
    LinkKind.REUSES: _("réutilisée par"),
    LinkKind.USED_BY: _("utilise"),
}


class Initiative(models.Model):
    """A public-innovation initiative (a project, a programme, a démarche) and its life."""

    title = models.CharField(_("titre"), max_length=255)
    slug = models.SlugField(_("identifiant"), max_length=255, unique=True)
    summary = models.CharField(_("résumé"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    opsi_facet = models.CharField(
        _("facette OPSI"),
        max_length=16,
        choices=OpsiFacet.choices,
        blank=True,
        help_text=_("Facette d'innovation de l'OCDE (OPSI), si elle est connue."),
    )
    stage = models.CharField(
        _("étape du cycle de vie"),
        max_length=16,
        choices=Phase.choices,
        blank=True,
        help_text=_("La phase la plus récente de l'historique des phases, quand il y en a un."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("année de début"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    end_year = models.PositiveSmallIntegerField(_("année de fin"), null=True, blank=True, validators=YEAR_VALIDATORS)
    website = models.URLField(_("site web"), max_length=500, blank=True)
    communes = models.ManyToManyField(
        "territories.Commune", verbose_name=_("communes"), blank=True, related_name="initiatives"
    )
    departments = models.ManyToManyField(
        "territories.Department", verbose_name=_("départements"), blank=True, related_name="initiatives"
    )
    regions = models.ManyToManyField(
        "territories.Region", verbose_name=_("régions"), blank=True, related_name="initiatives"
    )
    tags = models.ManyToManyField(
        "directory.Tag", verbose_name=_("méthodes et thèmes"), blank=True, related_name="initiatives"
    )
    actors = models.ManyToManyField(
        "directory.Actor", through="Participation", verbose_name=_("acteurs"), related_name="initiatives"
    )
    search_text = models.TextField(editable=False, blank=True, default="")
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(slug=""), name="initiative_slug_not_empty"),
            models.CheckConstraint(condition=~Q(title=""), name="initiative_title_not_empty"),
            models.CheckConstraint(
                condition=Q(opsi_facet="") | in_choices("opsi_facet", OpsiFacet), name="initiative_opsi_valid"
            ),
            models.CheckConstraint(condition=Q(stage="") | in_choices("stage", Phase), name="initiative_stage_valid"),
            models.CheckConstraint(
                condition=_year_in_range("start_year") & _year_in_range("end_year"), name="initiative_years_in_range"
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(start_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="initiative_years_ordered",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("L'année de fin ne peut pas précéder l'année de début.")})

    def refresh_search_text(self):
        """The normalised words the catalogue's search matches (title, summary, description)."""
        self.search_text = " ".join(normalize(part) for part in (self.title, self.summary, self.description) if part)


class InitiativeType(models.Model):
    """One of the report's six types given to an initiative (an initiative may have several)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="type_rows")
    code = models.CharField(_("type d'innovation"), max_length=16, choices=InnovationType.choices)

    class Meta:
        verbose_name = _("type d'innovation")
        verbose_name_plural = _("types d'innovation")
        constraints = [
            models.CheckConstraint(condition=in_choices("code", InnovationType), name="initiativetype_code_valid"),
            models.UniqueConstraint(fields=["initiative", "code"], name="initiativetype_unique"),
        ]

    def __str__(self):
        return self.get_code_display()


class InitiativePublic(models.Model):
    """A public an initiative is for."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="public_rows")
    code = models.CharField(_("public cible"), max_length=16, choices=TargetPublic.choices)

    class Meta:
        verbose_name = _("public cible")
        verbose_name_plural = _("publics cibles")
        constraints = [
            models.CheckConstraint(condition=in_choices("code", TargetPublic), name="initiativepublic_code_valid"),
            models.UniqueConstraint(fields=["initiative", "code"], name="initiativepublic_unique"),
        ]

    def __str__(self):
        return self.get_code_display()


class PhaseEntry(models.Model):
    """A dated step of an initiative's life: it entered `phase` in `year`."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="phases")
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    year = models.PositiveSmallIntegerField(_("année"), validators=YEAR_VALIDATORS)
    note = models.CharField(_("précision"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("historique des phases")
        ordering = ["year", "pk"]
        constraints = [
            models.CheckConstraint(condition=in_choices("phase", Phase), name="phaseentry_phase_valid"),
            models.CheckConstraint(
                condition=Q(year__gte=YEAR_MIN, year__lte=YEAR_MAX), name="phaseentry_year_in_range"
            ),
            models.UniqueConstraint(fields=["initiative", "phase", "year"], name="phaseentry_unique"),
        ]

    def __str__(self):
        return f"{self.year} : {self.get_phase_display()}"


class Participation(models.Model):
    """An actor of the directory in an initiative, with its role."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="participations")
    actor = models.ForeignKey(
        "directory.Actor", verbose_name=_("acteur"), on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField(_("rôle"), max_length=16, choices=Role.choices)
    note = models.CharField(_("précision"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("acteur de l'initiative")
        verbose_name_plural = _("acteurs de l'initiative")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=in_choices("role", Role), name="participation_role_valid"),
            models.UniqueConstraint(fields=["initiative", "actor", "role"], name="participation_unique"),
        ]

    def __str__(self):
        return f"{self.actor} ({self.get_role_display()})"


class Indicator(models.Model):
    """A measured effect of an initiative: what, in which unit, how much, when, and how it was measured."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicateur"), max_length=255)
    unit = models.CharField(_("unité"), max_length=50, blank=True)
    value = models.DecimalField(_("valeur"), max_digits=14, decimal_places=2, null=True, blank=True)
    period = models.CharField(_("période"), max_length=100, blank=True)
    method = models.CharField(_("mode de mesure"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("indicateur d'impact")
        verbose_name_plural = _("indicateurs d'impact")
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="indicator_name_not_empty")]

    def __str__(self):
        return self.name


class InitiativeSource(models.Model):
    """Where a fact about an initiative comes from: a document, its section, its own words."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="sources")
    reference = models.CharField(_("document"), max_length=255)
    section = models.CharField(_("section"), max_length=50, blank=True)
    quote = models.TextField(_("citation"), blank=True)
    url = models.URLField(_("adresse"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=~Q(reference=""), name="initiativesource_reference_not_empty")]

    def __str__(self):
        return f"{self.reference} {self.section}".strip()


class InitiativeLink(models.Model):
    """A typed, dated link from one initiative to another, with its evidence.

    `source_start` and `target_start` are copies of the two initiatives' start years, kept by the
    write path, so the database itself refuses a link that goes back in time: what spread (or is
    used) must have started no later than what it spread to, and what inspired or is reused no
    later than what it inspired or what reuses it; the link's own year is not before the first.
    """

    source = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(
        Initiative, verbose_name=_("initiative liée"), on_delete=models.CASCADE, related_name="links_in"
    )
    kind = models.CharField(_("nature du lien"), max_length=16, choices=LinkKind.choices)
    year = models.PositiveSmallIntegerField(_("année"), null=True, blank=True, validators=YEAR_VALIDATORS)
    evidence = models.TextField(_("preuve"), blank=True, help_text=_("La phrase ou le document qui établit le lien."))
    source_start = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    target_start = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("lien entre initiatives")
        verbose_name_plural = _("liens entre initiatives")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=in_choices("kind", LinkKind), name="initiativelink_kind_valid"),
            models.CheckConstraint(condition=~Q(source=F("target")), name="initiativelink_not_to_itself"),
            models.UniqueConstraint(fields=["source", "target", "kind"], name="initiativelink_unique"),
            models.CheckConstraint(condition=_year_in_range("year"), name="initiativelink_year_in_range"),
            models.CheckConstraint(
                condition=~Q(kind__in=SOURCE_FIRST)
                | Q(source_start__isnull=True)
                | Q(target_start__isnull=True)
                | Q(target_start__gte=F("source_start")),
                name="initiativelink_source_first",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=TARGET_FIRST)
                | Q(source_start__isnull=True)
                | Q(target_start__isnull=True)
                | Q(source_start__gte=F("target_start")),
                name="initiativelink_target_first",
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True)
                | (Q(kind__in=SOURCE_FIRST) & (Q(source_start__isnull=True) | Q(year__gte=F("source_start"))))
                | (Q(kind__in=TARGET_FIRST) & (Q(target_start__isnull=True) | Q(year__gte=F("target_start")))),
                name="initiativelink_year_not_before_origin",
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"

    @property
    def origin_and_follower(self):
        """(the initiative that came first, the one that followed), whatever the kind's direction."""
        return (self.source, self.target) if self.kind in SOURCE_FIRST else (self.target, self.source)

    def copy_start_years(self):
        self.source_start = self.source.start_year
        self.target_start = self.target.start_year

    def clean(self):
        if self.source_id and self.target_id and self.source_id == self.target_id:
            raise ValidationError(_("Une initiative ne peut pas être liée à elle-même."))
        if not (self.source_id and self.target_id):
            return
        self.copy_start_years()
        origin, follower = self.origin_and_follower
        if origin.start_year and follower.start_year and follower.start_year < origin.start_year:
            raise ValidationError(
                _(
                    "Ce lien remonterait le temps : « %(follower)s » (%(fy)s) ne peut pas suivre "
                    "« %(origin)s », commencée en %(oy)s."
                )
                % {"follower": follower, "fy": follower.start_year, "origin": origin, "oy": origin.start_year}
            )
        if self.year and origin.start_year and self.year < origin.start_year:
            raise ValidationError(
                {
                    "year": _("Le lien (%(year)s) ne peut pas précéder le début de « %(origin)s » (%(oy)s).")
                    % {"year": self.year, "origin": origin, "oy": origin.start_year}
                }
            )

"""Organised actors of public innovation, typed as the TIPs report types them.

Report section 2.2.1 gives six types of organised actors; the annex actor file
of Clermont-Ferrand gives the columns (type, organisation - service, statut
administratif, missions, portée, site, noms, fonctions).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maillage.core.constraints import in_choices
from maillage.core.fields import VocabularyLabelField
from maillage.core.text import normalize
from maillage.directory.naming import display_name as compose_display_name
from maillage.directory.siret import SIRET_PATTERN, validate_siret

# The years an actor may have been founded or ended in: the one range every form, import and
# filter uses (validators below, and a database check constraint).
YEAR_MIN, YEAR_MAX = 1800, 2100
YEAR_VALIDATORS = [MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]


class ActorTypeCode(models.TextChoices):
    LAB = "lab", _("Cellule publique d'innovation")
    PROMOTION = "promotion", _("Acteur de promotion et d'accompagnement")
    INTERMEDIATION = "intermediation", _("Faiseur d'intermédiation")
    TRAINING_RESEARCH = "training_research", _("Structure de formation-recherche")
    CONSULTANCY = "consultancy", _("Prestataire et cabinet spécialisé")
    NETWORK = "network", _("Réseau et communauté d'acteurs")
    OTHER = "other", _("Autre acteur de l'écosystème")


class LegalStatus(models.TextChoices):
    COLLECTIVITE = "collectivite", _("Collectivité territoriale")
    ETAT_DECONCENTRE = "etat_deconcentre", _("Service déconcentré de l'État")
    ADMINISTRATION_CENTRALE = "administration_centrale", _("Administration centrale")
    ETABLISSEMENT_PUBLIC = "etablissement_public", _("Établissement public / opérateur")
    ASSOCIATION = "association", _("Association")
    COOPERATIVE = "cooperative", _("Coopérative")
    ENTREPRISE = "entreprise", _("Entreprise")
    UNIVERSITE = "universite", _("Université / école")
    EPL = "epl", _("Entreprise publique locale")
    SYNDICAT_MIXTE = "syndicat_mixte", _("PETR / syndicat mixte")
    COLLECTIF_INFORMEL = "collectif_informel", _("Collectif informel")
    AUTRE = "autre", _("Autre statut")
    INCONNU = "inconnu", _("Statut non renseigné")


class Scope(models.TextChoices):
    LOCAL = "local", _("Locale")
    DEPARTMENTAL = "departmental", _("Départementale")
    REGIONAL = "regional", _("Régionale")
    NATIONAL = "national", _("Nationale")
    INTERNATIONAL = "international", _("Internationale")


class Lifecycle(models.TextChoices):
    EMERGING = "emerging", _("Naissant")
    ACTIVE = "active", _("Actif")
    DORMANT = "dormant", _("En sommeil")
    DISAPPEARED = "disappeared", _("Disparu")


class ActorType(models.Model):
    """One of the report's types; a table so that colours and order live in data."""

    code = models.CharField(_("code"), max_length=32, primary_key=True, choices=ActorTypeCode.choices)
    number = models.PositiveSmallIntegerField(_("numéro dans la typologie"), null=True, blank=True)
    label = VocabularyLabelField(_("libellé"), max_length=100)
    plural_label = VocabularyLabelField(_("libellé au pluriel"), max_length=100)
    color = models.CharField(_("couleur"), max_length=7, help_text=_("Couleur hexadécimale #rrggbb."))
    shape = models.CharField(_("forme du marqueur"), max_length=16, default="circle")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("type d'acteur")
        verbose_name_plural = _("types d'acteur")
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(condition=in_choices("code", ActorTypeCode), name="actortype_code_valid"),
            models.CheckConstraint(condition=Q(color__regex=r"^#[0-9a-fA-F]{6}$"), name="actortype_color_hex"),
        ]

    def __str__(self):
        return self.label


class TagKind(models.TextChoices):
    METHOD = "method", _("Méthode")
    THEME = "theme", _("Thème")


class Tag(models.Model):
    """A method or a theme (design de services, facilitation, open data…)."""

    Kind = TagKind

    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=100, unique=True)
    kind = models.CharField(_("nature"), max_length=10, choices=Kind.choices, default=Kind.THEME)

    class Meta:
        verbose_name = _("étiquette")
        verbose_name_plural = _("étiquettes")
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=in_choices("kind", TagKind), name="tag_kind_valid")]

    def __str__(self):
        return self.name


class Actor(models.Model):
    """An organised actor: an organisation, or a service inside one (a lab)."""

    name = models.CharField(_("nom"), max_length=255)
    slug = models.SlugField(_("identifiant"), max_length=255, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("organisation de rattachement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    primary_type = models.ForeignKey(
        ActorType, verbose_name=_("type principal"), on_delete=models.PROTECT, related_name="primary_actors"
    )
    secondary_types = models.ManyToManyField(
        ActorType, verbose_name=_("autres types"), blank=True, related_name="secondary_actors"
    )
    legal_status = models.CharField(
        _("statut administratif"), max_length=32, choices=LegalStatus.choices, default=LegalStatus.INCONNU
    )
    siret = models.CharField(
        _("SIRET"),
        max_length=14,
        blank=True,
        validators=[validate_siret],
        help_text=_("Numéro d'établissement à 14 chiffres (répertoire Sirene de l'Insee), s'il est connu."),
    )
    missions = models.TextField(_("missions"), blank=True)
    description = models.TextField(_("description"), blank=True)
    aliases = models.JSONField(
        _("autres noms"),
        default=list,
        blank=True,
        help_text=_("Sigles et noms courts sous lesquels l'acteur est connu (« DITP », « Centsept »), un par entrée."),
    )
    scope = models.CharField(_("portée"), max_length=16, choices=Scope.choices, default=Scope.LOCAL)

    commune = models.ForeignKey(
        "territories.Commune",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actors",
    )
    # Derived from the commune in save(), never typed: they make territory facets cheap.
    department = models.ForeignKey(
        "territories.Department", on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="actors"
    )
    region = models.ForeignKey(
        "territories.Region", on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="actors"
    )
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    latitude = models.FloatField(_("latitude exacte"), null=True, blank=True)
    longitude = models.FloatField(_("longitude exacte"), null=True, blank=True)
    website = models.URLField(_("site web"), max_length=500, blank=True)

    lifecycle = models.CharField(_("cycle de vie"), max_length=16, choices=Lifecycle.choices, default=Lifecycle.ACTIVE)
    founded_year = models.PositiveSmallIntegerField(
        _("année de création"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    ended_year = models.PositiveSmallIntegerField(_("année de fin"), null=True, blank=True, validators=YEAR_VALIDATORS)
    attachment = models.CharField(
        _("rattachement"),
        max_length=255,
        blank=True,
        help_text=_("Où la cellule est placée dans son organisation (direction générale, direction métier…)."),
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("méthodes et thèmes"), blank=True, related_name="actors")
    raw_record = models.JSONField(
        _("ligne source"), default=dict, blank=True, help_text=_("Colonnes d'origine d'un fichier importé.")
    )

    search_text = models.TextField(editable=False, blank=True)
    # Normalised "parent name + name": short, so trigram similarity on it stays cheap.
    search_name = models.CharField(max_length=600, editable=False, blank=True, default="")
    # "|name|parent name|alias|…|": the forms an actor is called by, normalised without stop
    # words; search ranks exact and prefix matches of these first (see search.py).
    search_keys = models.TextField(editable=False, blank=True, default="")
    # The first of those forms, the name's: indexed, so suggestions read name prefixes in order.
    name_key = models.CharField(max_length=255, editable=False, blank=True, default="", db_index=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    last_confirmed_at = models.DateTimeField(_("dernière confirmation"), null=True, blank=True)

    class Meta:
        verbose_name = _("acteur organisé")
        verbose_name_plural = _("acteurs organisés")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="actor_not_own_parent"),
            models.CheckConstraint(condition=in_choices("legal_status", LegalStatus), name="actor_legal_status_valid"),
            models.CheckConstraint(condition=in_choices("scope", Scope), name="actor_scope_valid"),
            models.CheckConstraint(condition=in_choices("lifecycle", Lifecycle), name="actor_lifecycle_valid"),
            models.CheckConstraint(
                condition=Q(ended_year__isnull=True)
                | Q(founded_year__isnull=True)
                | Q(ended_year__gte=F("founded_year")),
                name="actor_years_ordered",
            ),
            models.CheckConstraint(
                condition=(Q(founded_year__isnull=True) | Q(founded_year__gte=YEAR_MIN, founded_year__lte=YEAR_MAX))
                & (Q(ended_year__isnull=True) | Q(ended_year__gte=YEAR_MIN, ended_year__lte=YEAR_MAX)),
                name="actor_years_in_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="actor_coordinates_valid",
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="actor_slug_not_empty"),
            # 14 digits; the checksum is the validator's (stdnum), which the database cannot run.
            models.CheckConstraint(condition=Q(siret="") | Q(siret__regex=SIRET_PATTERN), name="actor_siret_digits"),
        ]
        indexes = [
            models.Index(fields=["lifecycle", "primary_type"]),
            models.Index(fields=["department", "primary_type"]),
            models.Index(fields=["region", "primary_type"]),
            models.Index(fields=["updated_at"], name="actor_updated_at_idx"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The one display name of an actor (see maillage/directory/naming.py): own name first."""
        return compose_display_name(self.name, self.parent.name if self.parent_id else None)

    def get_absolute_url(self):
        return reverse("directory:actor_detail", kwargs={"slug": self.slug})

    @property
    def coordinates(self):
        """Exact coordinates when known, else the commune's, else None."""
        if self.latitude is not None and self.longitude is not None:
            return (self.latitude, self.longitude)
        if self.commune_id and self.commune.latitude is not None:
            return (self.commune.latitude, self.commune.longitude)
        return None

    def clean(self):
        super().clean()
        ancestor, seen = self.parent, set()
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("Une organisation ne peut pas être rattachée à elle-même.")})
            if ancestor.pk in seen:
                break
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        if not isinstance(self.aliases, list) or not all(isinstance(a, str) and a.strip() for a in self.aliases):
            raise ValidationError({"aliases": _("Donnez une liste de noms, chacun non vide.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Renseignez la latitude et la longitude, ou aucune des deux."))

    def refresh_derived_fields(self):
        """Derive territory and search text; called by save()."""
        if self.commune_id:
            commune = self.commune
            self.department_id = commune.department_id
            self.region_id = commune.department.region_id
        else:
            self.department_id = None
            self.region_id = None
        from .search import name_key, search_keys

        parent_name = self.parent.name if self.parent_id else ""
        aliases = [a for a in self.aliases if isinstance(a, str)] if isinstance(self.aliases, list) else []
        self.search_name = normalize(f"{parent_name} {self.name}" if parent_name else self.name)[:600]
        self.search_keys = search_keys(self.name, parent_name, aliases)
        self.name_key = name_key(self.name)[:255]
        tags = [tag.name for tag in self.tags.all()] if self.pk else []
        parts = [self.name, parent_name, *aliases, self.missions, self.description, *tags]
        if self.commune_id:
            parts.append(self.commune.name)
        self.search_text = normalize(" ".join(p for p in parts if p))

    def save(self, *args, **kwargs):
        self.refresh_derived_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {
                "department",
                "region",
                "search_text",
                "search_name",
                "search_keys",
                "name_key",
            }
        super().save(*args, **kwargs)
        # Sub-services carry their parent's name in their search text.
        if self.children.exists():
            from .search import rebuild_search_text

            rebuild_search_text(self.children.all())


class ContactQuerySet(models.QuerySet):
    def published(self):
        """Contacts shown publicly: those with a basis, the person's consent or a published contact file."""
        return self.filter(Q(publication_consent=True) | Q(published_by_source=True))


class Contact(models.Model):
    """A person at an actor; shown publicly only with a basis for it.

    The basis is either the person's consent, or a contact file that the source itself publishes
    for that purpose (the TIPs report's annex 2.2 actor file). People a source merely names
    (interviews, committees, quotations) are not contacts.
    """

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("nom"), max_length=150)
    function = models.CharField(_("fonction"), max_length=255, blank=True)
    email = models.EmailField(_("courriel public"), blank=True)
    publication_consent = models.BooleanField(
        _("consentement à la publication"),
        default=False,
        help_text=_("Sans consentement ni fichier de contacts publié, le contact n'est visible que par la modération."),
    )
    published_by_source = models.BooleanField(
        _("publié dans un fichier de contacts de la source"),
        default=False,
        help_text=_(
            "La source publie elle-même ce contact pour la mise en relation (ex. : fichier d'acteurs en "
            "annexe 2.2 du rapport TIPs). Ce n'est pas un consentement de la personne."
        ),
    )
    source = models.CharField(_("source"), max_length=255, blank=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["actor", "name"], name="contact_unique_per_actor"),
        ]

    def __str__(self):
        return self.name


class ActorSource(models.Model):
    """Where a fact about an actor comes from, and when it was collected."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="sources")
    reference = models.CharField(_("référence"), max_length=255, help_text=_("Ex. : Rapport TIPs, section 2.2.1"))
    note = models.TextField(_("précision"), blank=True)
    url = models.URLField(_("adresse"), max_length=500, blank=True)
    collected_on = models.DateField(_("date de collecte"), null=True, blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["reference", "id"]
        constraints = [
            models.UniqueConstraint(fields=["actor", "reference", "note"], name="source_unique_per_actor"),
        ]

    def __str__(self):
        return self.reference


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("en attente")
    RUNNING = "running", _("en cours")
    DONE = "done", _("terminé")
    FAILED = "failed", _("échoué")


class ImportJob(models.Model):
    """A staff import of a large file, run by the task queue (dry run first, then the real run).

    Its progress lives in the cache while it runs (the import is one transaction, so rows written
    to the database would not be seen before the end); the report is kept as JSON when done.
    """

    Status = ImportStatus

    filename = models.CharField(_("fichier"), max_length=255)
    data = models.BinaryField(_("contenu"))
    sha = models.CharField(max_length=64)
    dry_run = models.BooleanField(_("essai à blanc"), default=True)
    status = models.CharField(_("état"), max_length=8, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    report = models.JSONField(_("rapport"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("import d'acteurs")
        verbose_name_plural = _("imports d'acteurs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=in_choices("status", ImportStatus), name="importjob_status_valid")
        ]

    def __str__(self):
        return self.filename

    @property
    def progress_key(self):
        return f"directory:import-job:{self.pk}:progress"


SLUG_PLACEHOLDER = "__slug__"


def actor_url_template():
    """The fiche URL with `SLUG_PLACEHOLDER` for the slug: links built by scripts or in bulk."""
    return reverse("directory:actor_detail", kwargs={"slug": SLUG_PLACEHOLDER})

"""The API's representations. An actor's shape derives from `directory.fields.FIELDS` (the one
declaration of its editable fields): a field added there appears here without another edit."""

from django.db import models
from django.urls import reverse as django_reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from maillage.contributions.models import Proposal
from maillage.directory.fields import FIELDS
from maillage.directory.models import Actor, ActorTypeCode
from maillage.events.models import Day, Event
from maillage.initiatives.models import InnovationType, LinkKind, OpsiFacet, Phase, Role, TargetPublic
from maillage.initiatives.reading import as_dict
from maillage.network.models import MotivationCode, Relation, RelationKind
from maillage.territories.models import Commune, Department, Region


@extend_schema_field({"type": "string", "anyOf": [{"format": "uri"}, {"maxLength": 0}]})
class OptionalURLField(serializers.CharField):
    """A URL, or "" when none is known (the model's blank URLField)."""


@extend_schema_field({"type": "string", "anyOf": [{"format": "email"}, {"maxLength": 0}]})
class OptionalEmailField(serializers.CharField):
    """An e-mail address, or "" when none is published."""


_SLUG_MARK = "slug-placeholder"


def slug_url(serializer, view_name, slug, *, absolute):
    """The URL of `view_name` for `slug`, with the URL pattern reversed once per response.

    Why: reversing a URL for each of the 50 items of a page cost a tenth of the page's time.
    Slugs are URL-safe ([-a-zA-Z0-9_]), so putting one in the reversed pattern needs no quoting.
    `absolute` builds the page link on the request's host (the API link is built by DRF's
    `reverse`, which does so too, and may be versioned).
    """
    templates = serializer.context.setdefault("_slug_urls", {})
    template = templates.get(view_name)
    if template is None:
        request = serializer.context.get("request")
        if absolute:
            path = django_reverse(view_name, kwargs={"slug": _SLUG_MARK})
            template = request.build_absolute_uri(path) if request else path
        else:
            template = reverse(view_name, kwargs={"slug": _SLUG_MARK}, request=request)
        templates[view_name] = template
    head, _mark, tail = template.rpartition(_SLUG_MARK)  # the path's mark, whatever the host's name
    return f"{head}{slug}{tail}"


# --- territories -----------------------------------------------------------------------------


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name"]


class DepartmentSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Department
        fields = ["code", "name", "region"]


class CommuneSerializer(serializers.ModelSerializer):
    department = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region = serializers.CharField(source="department.region.code", read_only=True)

    class Meta:
        model = Commune
        fields = ["code", "name", "department", "region", "postal_codes", "population", "latitude", "longitude"]


class TerritoryRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


# --- actors ----------------------------------------------------------------------------------


class ContactSerializer(serializers.Serializer):
    """A contact published with a basis (the person's consent or the source's own contact file)."""

    name = serializers.CharField()
    function = serializers.CharField()
    email = OptionalEmailField(allow_blank=True)


class CoordinatesSerializer(serializers.Serializer):
    latitude = serializers.FloatField(min_value=-90, max_value=90)
    longitude = serializers.FloatField(min_value=-180, max_value=180)
    precision = serializers.ChoiceField(
        choices=[("exact", "exact"), ("commune", "commune")],
        help_text=_("exact : le point propre de l'acteur ; commune : la mairie de sa commune."),
    )


def prefetched(name):
    """The attribute holding a prefetched many-to-many field as a list (`views.actor_queryset`)."""
    return f"prefetched_{name}"


class PrefetchedCodes(serializers.ListField):
    """The codes (`code_attr`) of related rows prefetched into a list (`source`), in their order."""

    def __init__(self, code_attr, **kwargs):
        self.code_attr = code_attr
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, rows):
        return [getattr(row, self.code_attr) for row in rows]


def _kind_field(field):
    """The serializer field of a snapshot kind other than a plain value."""
    if field.kind == "type":
        return serializers.ChoiceField(source="primary_type_id", choices=ActorTypeCode.choices, read_only=True)
    if field.kind == "types":
        return PrefetchedCodes(
            "code", child=serializers.ChoiceField(choices=ActorTypeCode.choices), source=prefetched(field.name)
        )
    if field.kind == "tags":
        return PrefetchedCodes("slug", child=serializers.SlugField(), source=prefetched(field.name))
    if field.kind == "commune":
        return serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    if field.kind == "actor":
        return serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    raise LookupError(f"No API representation for actor field kind {field.kind!r} ({field.name}).")


class ActorSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.URLField: OptionalURLField,
    }
    url = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()
    display_name = serializers.CharField(read_only=True)
    department = serializers.SerializerMethodField()
    region = serializers.SerializerMethodField()
    coordinates = serializers.SerializerMethodField()
    contacts = serializers.SerializerMethodField()

    # The editable fields that are not plain values, declared from their kind.
    locals().update({f.name: _kind_field(f) for f in FIELDS if f.kind != "value"})

    class Meta:
        model = Actor
        fields = [
            "id",
            "slug",
            "url",
            "page",
            "display_name",
            "version",
            *[f.name for f in FIELDS],
            "aliases",
            "department",
            "region",
            "coordinates",
            "contacts",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, actor):
        return slug_url(self, "api:actor-detail", actor.slug, absolute=False)

    @extend_schema_field(OpenApiTypes.URI)
    def get_page(self, actor):
        return slug_url(self, "directory:actor_detail", actor.slug, absolute=True)

    @extend_schema_field(TerritoryRefSerializer(allow_null=True))
    def get_department(self, actor):
        d = actor.department
        return {"code": d.code, "name": d.name} if d else None

    @extend_schema_field(TerritoryRefSerializer(allow_null=True))
    def get_region(self, actor):
        r = actor.region
        return {"code": r.code, "name": r.name} if r else None

    @extend_schema_field(CoordinatesSerializer(allow_null=True))
    def get_coordinates(self, actor):
        if actor.latitude is not None and actor.longitude is not None:
            return {"latitude": actor.latitude, "longitude": actor.longitude, "precision": "exact"}
        commune = actor.commune
        if commune is not None and commune.latitude is not None and commune.longitude is not None:
            return {"latitude": commune.latitude, "longitude": commune.longitude, "precision": "commune"}
        return None

    @extend_schema_field(ContactSerializer(many=True))
    def get_contacts(self, actor):
        # Only contacts with a basis: the prefetch (`views.actor_queryset`) reads `Contact.objects.published()`.
        return [{"name": c.name, "function": c.function, "email": c.email} for c in actor.published_contacts]


# --- relations -------------------------------------------------------------------------------


class RelationSerializer(serializers.ModelSerializer):
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    target = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    kind = serializers.ChoiceField(choices=RelationKind.choices, read_only=True)
    directed = serializers.BooleanField(source="is_directed", read_only=True)
    motivations = PrefetchedCodes(
        "code", child=serializers.ChoiceField(choices=MotivationCode.choices), source=prefetched("motivations")
    )
    declared_by = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Relation
        fields = [
            "id",
            "source",
            "target",
            "kind",
            "directed",
            "motivations",
            "start_year",
            "end_year",
            "description",
            "source_reference",
            "source_note",
            "origin",
            "status",
            "declared_by",
            "status_source",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


# --- events ----------------------------------------------------------------------------------


class DaySerializer(serializers.ModelSerializer):
    class Meta:
        model = Day
        fields = ["date", "label"]


class EventSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()
    organiser = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    days = DaySerializer(many=True, read_only=True)

    class Meta:
        model = Event
        fields = ["id", "slug", "url", "page", "name", "acronym", "tagline", "description", "city", "organiser", "days"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, event):
        return slug_url(self, "api:event-detail", event.slug, absolute=False)

    @extend_schema_field(OpenApiTypes.URI)
    def get_page(self, event):
        request = self.context.get("request")
        path = event.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class ProgrammeItemSerializer(serializers.Serializer):
    """One item of the programme (a slot, or a workshop: one theme in one session), as the iCal/XML exports."""

    key = serializers.CharField()
    title = serializers.CharField()
    abstract = serializers.CharField(allow_blank=True)
    type = serializers.CharField()
    track = serializers.CharField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    room = serializers.CharField()
    location = serializers.CharField(allow_blank=True)
    speakers = serializers.ListField(child=serializers.CharField())

    def to_representation(self, item):
        item = {**item, "speakers": [name for _pk, name in item["persons"]]}
        return super().to_representation(item)


class ProgrammeSerializer(serializers.Serializer):
    event = serializers.SlugField()
    items = ProgrammeItemSerializer(many=True)


# --- initiatives -----------------------------------------------------------------------------
# The shape is `initiatives.reading.as_dict` (the read side the pages and exports share); these
# serializers only declare it for the OpenAPI schema and add the API's own links.


class CodeLabelSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class InitiativeTypeSerializer(CodeLabelSerializer):
    code = serializers.ChoiceField(choices=InnovationType.choices)


class InitiativePublicSerializer(CodeLabelSerializer):
    code = serializers.ChoiceField(choices=TargetPublic.choices)


class InitiativeActorSerializer(serializers.Serializer):
    actor = serializers.SlugField(help_text=_("Identifiant de l'acteur dans l'annuaire (/api/v1/actors/{slug}/)."))
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=Role.choices)
    role_label = serializers.CharField()
    note = serializers.CharField(allow_blank=True)


class InitiativePhaseSerializer(serializers.Serializer):
    phase = serializers.ChoiceField(choices=Phase.choices)
    label = serializers.CharField()
    year = serializers.IntegerField()
    note = serializers.CharField(allow_blank=True)


class InitiativeIndicatorSerializer(serializers.Serializer):
    name = serializers.CharField()
    unit = serializers.CharField(allow_blank=True)
    value = serializers.CharField(allow_null=True, help_text=_("Nombre décimal écrit en texte (point décimal)."))
    period = serializers.CharField(allow_blank=True)
    method = serializers.CharField(allow_blank=True)


class InitiativeSourceSerializer(serializers.Serializer):
    reference = serializers.CharField()
    section = serializers.CharField(allow_blank=True)
    quote = serializers.CharField(allow_blank=True)
    url = OptionalURLField(allow_blank=True)


class InitiativeLinkSerializer(serializers.Serializer):
    target = serializers.SlugField(help_text=_("Identifiant de l'initiative liée."))
    kind = serializers.ChoiceField(choices=LinkKind.choices)
    label = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    evidence = serializers.CharField(allow_blank=True)


class InitiativeSerializer(serializers.Serializer):
    """An initiative of the catalogue: what it is, where, with which actors, its phases, links and sources."""

    id = serializers.IntegerField()
    slug = serializers.SlugField()
    url = serializers.URLField()
    page = serializers.URLField()
    version = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True)
    types = InitiativeTypeSerializer(many=True)
    opsi_facet = serializers.ChoiceField(choices=OpsiFacet.choices, allow_blank=True)
    opsi_facet_label = serializers.CharField(allow_blank=True)
    stage = serializers.ChoiceField(choices=Phase.choices, allow_blank=True)
    stage_label = serializers.CharField(allow_blank=True)
    start_year = serializers.IntegerField(allow_null=True)
    end_year = serializers.IntegerField(allow_null=True)
    phases = InitiativePhaseSerializer(many=True)
    communes = serializers.ListField(child=serializers.CharField(), help_text=_("Codes INSEE."))
    departments = serializers.ListField(child=serializers.CharField(), help_text=_("Codes INSEE."))
    regions = serializers.ListField(child=serializers.CharField(), help_text=_("Codes INSEE."))
    tags = serializers.ListField(child=serializers.SlugField(), help_text=_("Méthodes et thèmes (étiquettes)."))
    publics = InitiativePublicSerializer(many=True)
    actors = InitiativeActorSerializer(many=True)
    indicators = InitiativeIndicatorSerializer(many=True)
    links = InitiativeLinkSerializer(many=True)
    sources = InitiativeSourceSerializer(many=True)
    website = OptionalURLField(allow_blank=True)

    def to_representation(self, initiative):
        request = self.context.get("request")
        data = as_dict(initiative)
        data["page"] = request.build_absolute_uri(data["url"]) if request else data["url"]
        data["url"] = slug_url(self, "api:initiative-detail", initiative.slug, absolute=False)
        return super().to_representation(data)


# --- writes ----------------------------------------------------------------------------------

MOTIVATIONS = MotivationCode.choices


def _bounds(form_field):
    """(min, max) of an integer form field, from its validators."""
    low = next((v.limit_value for v in form_field.validators if v.code == "min_value"), None)
    high = next((v.limit_value for v in form_field.validators if v.code == "max_value"), None)
    return low, high


def input_field(form_field, *, partial):
    """The serializer field that carries a field of the site's contribution form.

    Types, lengths, choices and year bounds come from the form, so the schema states what the
    form accepts; the form itself still validates (communes, tags, order of years) in `writes`.
    """
    from django import forms

    from maillage.contributions.forms import CommuneField

    required = form_field.required and not partial
    label = str(form_field.label)
    if isinstance(form_field, forms.ModelMultipleChoiceField):
        if form_field.queryset.model.__name__ == "ActorType":
            child = serializers.ChoiceField(choices=ActorTypeCode.choices)
        else:
            child = serializers.RegexField(r"^[-\w]{1,100}$", max_length=100)
        return serializers.ListField(child=child, required=False, max_length=50, help_text=label)
    if isinstance(form_field, forms.ModelChoiceField):
        return serializers.ChoiceField(choices=ActorTypeCode.choices, required=required, help_text=label)
    if isinstance(form_field, forms.MultipleChoiceField):
        return serializers.ListField(
            child=serializers.ChoiceField(choices=list(form_field.choices)), required=False, help_text=label
        )
    if isinstance(form_field, forms.ChoiceField):
        return serializers.ChoiceField(choices=list(form_field.choices), required=required, help_text=label)
    if isinstance(form_field, forms.IntegerField):
        low, high = _bounds(form_field)
        return serializers.IntegerField(
            required=required, allow_null=not form_field.required, min_value=low, max_value=high, help_text=label
        )
    if isinstance(form_field, forms.URLField):
        return serializers.RegexField(
            r"^https?://[^\s]+$",
            max_length=form_field.max_length,
            required=required,
            allow_blank=True,
            help_text=label,
        )
    if isinstance(form_field, CommuneField):
        return serializers.RegexField(
            r"^(\d{5}|2[AB]\d{3})$",
            required=False,
            allow_null=True,
            allow_blank=True,
            help_text=_("Code INSEE de la commune (ex. : 63113)."),
        )
    if isinstance(form_field, forms.CharField):
        return serializers.CharField(
            max_length=form_field.max_length,
            required=required,
            allow_blank=not form_field.required,
            help_text=label,
            trim_whitespace=False,
        )
    raise LookupError(f"No API input for form field {type(form_field).__name__} ({label}).")


def _actor_input_fields(*, partial):
    from maillage.contributions.forms import ActorProposalForm

    from .writes import actor_form_fields

    fields = {name: input_field(ActorProposalForm.base_fields[name], partial=partial) for name in actor_form_fields()}
    fields["message"] = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, help_text=_("Message à l'équipe de modération.")
    )
    return fields


ActorCreateSerializer = type(
    "ActorCreateSerializer",
    (serializers.Serializer,),
    {
        **_actor_input_fields(partial=False),
        "confirm_not_duplicate": serializers.BooleanField(
            required=False, default=False, help_text=_("Vérifié : il ne s'agit pas d'un acteur déjà présent.")
        ),
        "__doc__": "A new actor: the fields of the site's proposal form.",
    },
)
ActorChangeSerializer = type(
    "ActorChangeSerializer",
    (serializers.Serializer,),
    {**_actor_input_fields(partial=True), "__doc__": "A change to a fiche: only the fields given change."},
)


class RelationCreateSerializer(serializers.Serializer):
    """A new relation between two actors (from `source` to `target` for directed kinds)."""

    source = serializers.RegexField(r"^[-a-zA-Z0-9_]+$", max_length=255)
    target = serializers.RegexField(r"^[-a-zA-Z0-9_]+$", max_length=255)
    kind = serializers.ChoiceField(choices=RelationKind.choices)
    motivations = serializers.ListField(child=serializers.ChoiceField(choices=MotivationCode.choices), required=False)
    start_year = serializers.IntegerField(required=False, allow_null=True, min_value=1800, max_value=2100)
    end_year = serializers.IntegerField(required=False, allow_null=True, min_value=1800, max_value=2100)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True, trim_whitespace=False)
    message = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ProposalSerializer(serializers.ModelSerializer):
    """A contribution made with a partner token, and its fate."""

    url = serializers.SerializerMethodField()
    applied = serializers.SerializerMethodField()
    actor = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    payload = serializers.DictField()

    class Meta:
        model = Proposal
        fields = [
            "id",
            "url",
            "kind",
            "status",
            "applied",
            "actor",
            "relation",
            "payload",
            "message",
            "decision_message",
            "created_at",
            "decided_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, proposal):
        return reverse("api:proposal-detail", kwargs={"pk": proposal.pk}, request=self.context.get("request"))

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_applied(self, proposal):
        return proposal.status == "accepted"

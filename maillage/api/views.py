"""API views: thin — filters from `ActorFilters`/`NetworkFilters`, writes through `writes`."""

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from maillage.contributions.models import Proposal
from maillage.directory.fields import ACTOR_M2M
from maillage.directory.filtering import ActorFilters
from maillage.directory.models import Actor, Contact
from maillage.events.exports import programme_items
from maillage.events.models import Event
from maillage.initiatives.filtering import InitiativeFilters
from maillage.initiatives.reading import published
from maillage.network.filtering import NetworkFilters
from maillage.network.models import Relation
from maillage.territories.models import Commune, Department, Region

from . import serializers, writes
from .permissions import PartnerOnly, partner_token
from .query import check_filters
from .schema import filter_parameters


class MethodFirst:
    """An unsupported method is a 405 before anything else (DRF would authenticate first, giving 401)."""

    def initial(self, request, *args, **kwargs):
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise exceptions.MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)


# Columns of an actor that no representation reads: the import's raw record and the search's keys.
UNSHOWN_COLUMNS = ("raw_record", "search_text", "search_name", "search_keys", "name_key")


def actor_queryset():
    """Actors with what their representation reads, in a fixed number of queries per page.

    The many-to-many fields are prefetched into lists (`to_attr`): the default prefetch builds a
    queryset per actor and field, a third of a page's time at 50 actors. The search and import
    columns, never shown, stay in the database.
    """
    return (
        Actor.objects.select_related("commune", "department", "region", "parent")
        .defer(*UNSHOWN_COLUMNS, *(f"parent__{name}" for name in UNSHOWN_COLUMNS))
        .prefetch_related(
            *(Prefetch(name, to_attr=serializers.prefetched(name)) for name in sorted(ACTOR_M2M)),
            Prefetch("contacts", queryset=Contact.objects.published().order_by("name"), to_attr="published_contacts"),
        )
    )


def etag(actor):
    """The fiche's version as a strong entity tag: what If-Match must name to change it."""
    return f'"{actor.version}"'


def _proposal_response(request, proposal):
    body = serializers.ProposalSerializer(proposal, context={"request": request}).data
    code = status.HTTP_200_OK if writes.is_applied(proposal) else status.HTTP_202_ACCEPTED
    return Response(body, status=code)


PROPOSAL_RESPONSES = {
    200: OpenApiResponse(
        serializers.ProposalSerializer,
        description=_("Appliquée : le compte du partenaire est responsable de la fiche."),
    ),
    202: OpenApiResponse(
        serializers.ProposalSerializer, description=_("Enregistrée comme proposition, en attente de modération.")
    ),
}


@extend_schema_view(
    list=extend_schema(
        summary=_("Acteurs (filtres partagés du site)"),
        parameters=filter_parameters(ActorFilters),
    ),
    retrieve=extend_schema(
        summary=_("Un acteur"),
        parameters=[
            OpenApiParameter(
                "ETag",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                response=[200],
                description=_("La version de la fiche, à renvoyer dans If-Match pour la modifier."),
            )
        ],
    ),
    create=extend_schema(
        summary=_("Proposer un nouvel acteur"),
        request=serializers.ActorCreateSerializer,
        responses={202: PROPOSAL_RESPONSES[202]},
    ),
    partial_update=extend_schema(
        summary=_("Modifier une fiche (ou le proposer)"),
        request=serializers.ActorChangeSerializer,
        responses=PROPOSAL_RESPONSES,
        parameters=[
            OpenApiParameter(
                "If-Match",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                required=True,
                description=_(
                    "L'ETag de la fiche lue (GET) : la modification est refusée (412) si la fiche a changé depuis."
                ),
            )
        ],
    ),
)
class ActorViewSet(MethodFirst, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Organised actors. Reading is public; only contacts with a publication basis are shown."""

    serializer_class = serializers.ActorSerializer
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if self.action == "list":
            return check_filters(ActorFilters, self.request.query_params).actors(actor_queryset())
        return actor_queryset()

    def retrieve(self, request, *args, **kwargs):
        actor = self.get_object()
        response = Response(self.get_serializer(actor).data)
        response["ETag"] = etag(actor)
        return response

    def create(self, request, *args, **kwargs):
        serializer = serializers.ActorCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        proposal = writes.propose_new_actor(partner_token(request), dict(serializer.validated_data))
        return _proposal_response(request, proposal)

    def partial_update(self, request, *args, **kwargs):
        serializer = serializers.ActorChangeSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        proposal = writes.propose_actor_change(
            partner_token(request), kwargs["slug"], dict(serializer.validated_data), request.headers.get("If-Match")
        )
        return _proposal_response(request, proposal)


def _end_in(actors, column):
    """The relation's `column` end is one of `actors`, as a correlated EXISTS on the primary key.

    For the walk in the cursor's order: with `column IN (subquery)` on both ends, SQLite at 100,000
    actors drove from the actor list and probed its (source, target, kind) index with every pair
    before the page's LIMIT (seconds to minutes); EXISTS walks the relations and stops at the page.
    PostgreSQL plans both as a semi-join.
    """
    return Exists(actors.filter(pk=OuterRef(column)))


# Up to FEW_ACTORS, a territory's relations are looked up by its actors' ids (the relation ends'
# indexes). On SQLite, up to SOME_ACTORS actors passing the other filters, a page is found from
# those actors; beyond, and on PostgreSQL (whose planner chooses well from its statistics), by
# walking the relations in the cursor's order.
FEW_ACTORS = 1000
SOME_ACTORS = 10_000


def _few_ids(actors):
    """The ids of `actors` when there are at most FEW_ACTORS of them, else None (one bounded query)."""
    ids = list(actors.order_by().values_list("pk", flat=True)[: FEW_ACTORS + 1])
    return ids if len(ids) <= FEW_ACTORS else None


def _at_most(actors, limit):
    """Whether `actors` holds at most `limit` rows (one bounded count)."""
    return actors.order_by().values("pk")[: limit + 1].count() <= limit


def paged_relations(filters, queryset):
    """The relations the network shows for `filters`, in a form each database pages quickly.

    Both ends pass the filters other than the territory; with a territory, at least one end is
    inside it (so a territory keeps its partners outside). Measured at 100,000 actors and 50,000
    relations (bench/api.py), each choice below replaced a walk through the relations that found
    too few of them:
    - the few actors of one commune: looked up by their ids (PostgreSQL: 240 ms -> a few);
    - on SQLite, the 5 % of actors with one tag: the source end by IN, so that SQLite starts
      from those actors, the target end by EXISTS (p95 58 ms -> 43 ms for the whole request; with
      IN on both ends SQLite probed its (source, target, kind) index with every pair: 0.8 s).
      PostgreSQL plans these as semi-joins from its statistics, and the bounded count that
      decides costs it more than it saves (a text search's matches are all read before counting).
    When many actors pass, the walk fills the page at once; a large territory is then tested on
    the joined ends' own columns (an EXISTS under an OR made PostgreSQL hash every actor of a large
    département first: 150 ms).
    """
    relations = filters.relations(queryset)
    allowed = filters.without_territory().actors()
    from_actors = connection.vendor == "sqlite" and filters.narrows_actors and _at_most(allowed, SOME_ACTORS)
    if from_actors:
        relations = relations.filter(_end_in(allowed, "target_id"), source_id__in=allowed.values("pk"))
    else:
        relations = relations.filter(_end_in(allowed, "source_id"), _end_in(allowed, "target_id"))
    if not filters.has_territory:
        return relations
    inside_ids = _few_ids(allowed.filter(filters.territory_q()))  # = filters.actors(), without a second search
    if inside_ids is not None:
        return relations.filter(Q(source_id__in=inside_ids) | Q(target_id__in=inside_ids))
    return relations.filter(filters.territory_q("source__") | filters.territory_q("target__"))


# The relation's own columns (its ends are read as slugs only).
RELATION_COLUMNS = [f.attname for f in Relation._meta.concrete_fields]


@extend_schema_view(
    list=extend_schema(
        summary=_("Relations (filtres partagés du réseau)"),
        parameters=filter_parameters(NetworkFilters),
    ),
    retrieve=extend_schema(summary=_("Une relation")),
    create=extend_schema(
        summary=_("Proposer une relation"),
        request=serializers.RelationCreateSerializer,
        responses={202: PROPOSAL_RESPONSES[202]},
    ),
)
class RelationViewSet(MethodFirst, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Relations between actors; the list holds what the network page draws for the same filters."""

    serializer_class = serializers.RelationSerializer
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        queryset = (
            Relation.objects.select_related("source", "target", "declared_by")
            .only(*RELATION_COLUMNS, "source__slug", "target__slug", "declared_by__slug")
            .prefetch_related(Prefetch("motivations", to_attr=serializers.prefetched("motivations")))
        )
        if self.action != "list":
            return queryset
        return paged_relations(check_filters(NetworkFilters, self.request.query_params), queryset)

    def create(self, request, *args, **kwargs):
        serializer = serializers.RelationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        proposal = writes.propose_relation(partner_token(request), dict(serializer.validated_data))
        return _proposal_response(request, proposal)


@extend_schema_view(
    list=extend_schema(
        summary=_("Initiatives (filtres du catalogue)"),
        parameters=filter_parameters(InitiativeFilters),
    ),
    retrieve=extend_schema(summary=_("Une initiative")),
)
class InitiativeViewSet(MethodFirst, viewsets.ReadOnlyModelViewSet):
    """The initiatives catalogue: public reading, the catalogue's query string (territory and tags shared)."""

    serializer_class = serializers.InitiativeSerializer
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        if self.action == "list":
            return published(check_filters(InitiativeFilters, self.request.query_params))
        return published()


@extend_schema_view(list=extend_schema(summary=_("Régions")), retrieve=extend_schema(summary=_("Une région")))
class RegionViewSet(MethodFirst, viewsets.ReadOnlyModelViewSet):
    queryset = Region.objects.all()
    serializer_class = serializers.RegionSerializer
    lookup_field = "code"
    lookup_value_regex = "[0-9AB]{2,3}"


@extend_schema_view(
    list=extend_schema(
        summary=_("Départements"),
        parameters=[
            OpenApiParameter("region", OpenApiTypes.STR, description=_("Code INSEE de région (répétable)."), many=True)
        ],
    ),
    retrieve=extend_schema(summary=_("Un département")),
)
class DepartmentViewSet(MethodFirst, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.DepartmentSerializer
    lookup_field = "code"
    lookup_value_regex = "[0-9AB]{2,3}"

    def get_queryset(self):
        queryset = Department.objects.select_related("region")
        regions = self.request.query_params.getlist("region")
        return queryset.filter(region__code__in=regions) if regions and self.action == "list" else queryset


@extend_schema_view(
    list=extend_schema(
        summary=_("Communes"),
        parameters=[
            OpenApiParameter(
                "departement", OpenApiTypes.STR, description=_("Code INSEE de département (répétable)."), many=True
            )
        ],
    ),
    retrieve=extend_schema(summary=_("Une commune")),
)
class CommuneViewSet(MethodFirst, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.CommuneSerializer
    lookup_field = "code"
    lookup_value_regex = "[0-9AB]{5}"

    def get_queryset(self):
        queryset = Commune.objects.select_related("department__region")
        departments = [d.upper() for d in self.request.query_params.getlist("departement")]
        return queryset.filter(department__code__in=departments) if departments and self.action == "list" else queryset


@extend_schema_view(list=extend_schema(summary=_("Événements")), retrieve=extend_schema(summary=_("Un événement")))
class EventViewSet(MethodFirst, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.EventSerializer
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return Event.objects.select_related("organiser").prefetch_related("days")

    @extend_schema(summary=_("Programme d'un événement"), responses=serializers.ProgrammeSerializer)
    @action(detail=True, methods=["get"], pagination_class=None)
    def programme(self, request, slug=None):
        event = self.get_object()
        data = {"event": event.slug, "items": programme_items(event)}
        return Response(serializers.ProgrammeSerializer(data).data)


@extend_schema_view(
    list=extend_schema(summary=_("Mes propositions (jeton partenaire)")),
    retrieve=extend_schema(summary=_("Une de mes propositions")),
)
class ProposalViewSet(MethodFirst, viewsets.ReadOnlyModelViewSet):
    """The contributions of the token's account, whatever their fate."""

    serializer_class = serializers.ProposalSerializer
    permission_classes = [PartnerOnly]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request token
            return Proposal.objects.none()
        token = partner_token(self.request)
        return Proposal.objects.filter(author=token.user).select_related("actor", "relation")

"""/api/v1/: the resources, the OpenAPI schema, the interactive documentation; JSON 404 for the rest."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from . import docs, errors, views

app_name = "api"

router = SimpleRouter()
router.register("actors", views.ActorViewSet, basename="actor")
router.register("relations", views.RelationViewSet, basename="relation")
router.register("regions", views.RegionViewSet, basename="region")
router.register("departements", views.DepartmentViewSet, basename="department")
router.register("communes", views.CommuneViewSet, basename="commune")
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("events", views.EventViewSet, basename="event")
router.register("proposals", views.ProposalViewSet, basename="proposal")

urlpatterns = [
    path("v1/schema/", SpectacularAPIView.as_view(api_version="1.0.0"), name="schema"),
    path("v1/docs/", docs.SwaggerDocsView.as_view(url_name="api:schema"), name="docs"),
    path("v1/", include(router.urls)),
    re_path(r"^.*$", errors.not_found, name="not_found"),
]

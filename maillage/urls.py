"""Root URL configuration: one include per domain app, French paths."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("maillage.core.urls")),
    path("acteurs/", include("maillage.directory.urls")),
    path("territoires/", include("maillage.territories.urls")),
    path("carte/", include("maillage.cartography.urls")),
    path("reseau/", include("maillage.network.urls")),
    path("contributions/", include("maillage.contributions.urls")),
    path("evenements/", include("maillage.events.urls")),
    path("admin/", admin.site.urls),
]

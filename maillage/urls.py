"""Root URL configuration: one include per domain app, French paths.

Pages are French at their plain paths and English under /en/ (same path segments, so that a
page's two versions differ only by the prefix). The admin is a staff tool and stays unprefixed.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from maillage.core.views import health_view

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("maillage.api.urls")),  # JSON only, not language-prefixed
    # Probed by load balancers and supervisors: one address, whatever the language.
    path("sante/", health_view, name="health"),
    *i18n_patterns(
        path("", include("maillage.site.urls")),
        path("donnees-personnelles/", include("maillage.privacy.urls")),
        path("acteurs/", include("maillage.directory.urls")),
        path("territoires/", include("maillage.territories.urls")),
        path("carte/", include("maillage.cartography.urls")),
        path("reseau/", include("maillage.network.urls")),
        path("contributions/", include("maillage.contributions.urls")),
        path("evenements/", include("maillage.events.urls")),
        path("diagnostic/", include("maillage.diagnostics.urls")),
        path("gestion/imports/", include("maillage.imports.urls")),
        path("initiatives/", include("maillage.initiatives.urls")),
        path("enquetes/", include("maillage.surveys.urls")),
        path("donnees/", include("maillage.opendata.urls")),
        prefix_default_language=False,
    ),
]

handler500 = "maillage.site.views.server_error"

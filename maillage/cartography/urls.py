"""URLs of the cartography app."""

from django.urls import path

from . import views

app_name = "cartography"

urlpatterns = [
    path("", views.map_page, name="map"),
    path("donnees/", views.map_data_view, name="data"),
    path("liste/", views.map_list, name="list"),
    path("integration/", views.embed_page, name="embed"),
    path("partager/", views.embed_snippet, name="embed_snippet"),
]

"""Stable URLs of the open data (French paths; also under /en/, same files)."""

from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("acteurs.csv", views.actors_csv, name="actors_csv"),
    path("relations.csv", views.relations_csv, name="relations_csv"),
    path("acteurs.geojson", views.actors_geojson, name="actors_geojson"),
    path("schemas/acteurs.json", views.actors_schema, name="actors_schema"),
    path("schemas/relations.json", views.relations_schema, name="relations_schema"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    path("catalogue.jsonld", views.catalogue_jsonld, name="catalogue"),
]

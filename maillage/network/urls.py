"""URLs of the network app (under /reseau/)."""

from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("", views.network_page, name="network"),
    path("graphe.json", views.graph_json, name="graph"),
    path("relations/", views.relation_table, name="table"),
    path("export.<str:fmt>", views.export, name="export"),
    path("acteur/<slug:slug>/ego.json", views.ego_json, name="ego"),
]

"""URLs of the initiatives catalogue (French paths)."""

from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("export.<str:fmt>", views.export, name="export"),
    path("essaimage/", views.reuse_graph, name="reuse"),
    path("carte/", views.map_page, name="map"),
    path("carte/donnees.geojson", views.map_data, name="map_data"),
    path("carte/liste/", views.map_list, name="map_list"),
    path("<slug:slug>/", views.detail, name="detail"),
]

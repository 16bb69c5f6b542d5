"""URLs of the directory app."""

from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.actor_list, name="actor_list"),
    path("suggestions/", views.actor_suggestions, name="actor_suggestions"),
    path("typologie/", views.typology, name="typology"),
    path("export/<str:fmt>/", views.actor_export, name="actor_export"),
    path("gestion/importer/", views.actor_import, name="actor_import"),
    path("gestion/importer/<int:pk>/", views.actor_import_job, name="actor_import_job"),
    path("<slug:slug>/", views.actor_detail, name="actor_detail"),
]

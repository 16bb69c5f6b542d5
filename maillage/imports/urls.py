from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.external_import, name="external_import"),
]

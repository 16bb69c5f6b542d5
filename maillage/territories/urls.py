"""URLs of the territories app."""

from django.urls import path  # noqa: F401

app_name = "territories"

urlpatterns = []

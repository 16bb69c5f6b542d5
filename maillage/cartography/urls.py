"""URLs of the cartography app."""

from django.urls import path  # noqa: F401

app_name = "cartography"

urlpatterns = []

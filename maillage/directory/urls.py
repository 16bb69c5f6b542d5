"""URLs of the directory app."""

from django.urls import path  # noqa: F401

app_name = "directory"

urlpatterns = []

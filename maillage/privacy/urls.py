"""URLs of one's personal data (French paths, under /donnees-personnelles/)."""

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("adresse/<str:token>/", views.address, name="address"),
    path("adresse/<str:token>/donnees.json", views.address_export, name="address_export"),
    path("mes-donnees.json", views.my_data, name="my_data"),
    path("effacement/", views.erase, name="erase"),
]

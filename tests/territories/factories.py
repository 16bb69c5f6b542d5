"""Factories for the gazetteer: small, real-looking divisions."""

import factory

from maillage.territories.models import Commune, Department, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "84"
    name = "Auvergne-Rhône-Alpes"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = "63"
    name = "Puy-de-Dôme"
    region = factory.SubFactory(RegionFactory)


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    code = "63113"
    name = "Clermont-Ferrand"
    department = factory.SubFactory(DepartmentFactory)
    postal_codes = "63000 63100"
    latitude = 45.7797
    longitude = 3.0863

"""The official French administrative divisions (code officiel géographique).

Loaded offline from @etalab/decoupage-administratif; an actor points to a
commune and its département and région are derived from it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.core.text import normalize


class Region(models.Model):
    code = models.CharField(_("code INSEE"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=100)

    class Meta:
        verbose_name = _("région")
        verbose_name_plural = _("régions")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Department(models.Model):
    code = models.CharField(_("code INSEE"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments")

    class Meta:
        verbose_name = _("département")
        verbose_name_plural = _("départements")
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class Commune(models.Model):
    code = models.CharField(_("code INSEE"), max_length=5, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    search_name = models.CharField(max_length=100, db_index=True, editable=False)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="communes")
    postal_codes = models.CharField(
        _("codes postaux"), max_length=200, blank=True, help_text=_("Séparés par des espaces.")
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="commune_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True) | models.Q(longitude__gte=-180, longitude__lte=180),
                name="commune_longitude_range",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.department.code})"

    @property
    def region(self):
        return self.department.region

    def save(self, *args, **kwargs):
        self.search_name = normalize(self.name)
        super().save(*args, **kwargs)

"""Where an imported actor or relation came from, so that importing the same file again changes nothing.

An import is keyed on (source, source id): the source names the origin (a GoGoCarto site, a Kumu
project, given by the person importing), the source id is the element's id there. Re-importing
finds the fiche through this link even after it was renamed, on either side.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ImportedActor(models.Model):
    source = models.CharField(_("source"), max_length=200)
    source_id = models.CharField(_("identifiant dans la source"), max_length=255)
    actor = models.ForeignKey("directory.Actor", on_delete=models.CASCADE, related_name="imported_from")
    first_imported_at = models.DateTimeField(_("premier import"), auto_now_add=True)
    last_imported_at = models.DateTimeField(_("dernier import"), auto_now=True)

    class Meta:
        verbose_name = _("acteur importé")
        verbose_name_plural = _("acteurs importés")
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="importedactor_unique_source_id"),
            models.CheckConstraint(condition=~Q(source="") & ~Q(source_id=""), name="importedactor_key_not_empty"),
        ]

    def __str__(self):
        return f"{self.source} : {self.source_id}"


class ImportedRelation(models.Model):
    source = models.CharField(_("source"), max_length=200)
    source_id = models.CharField(_("identifiant dans la source"), max_length=255)
    relation = models.ForeignKey("network.Relation", on_delete=models.CASCADE, related_name="imported_from")
    first_imported_at = models.DateTimeField(_("premier import"), auto_now_add=True)
    last_imported_at = models.DateTimeField(_("dernier import"), auto_now=True)

    class Meta:
        verbose_name = _("relation importée")
        verbose_name_plural = _("relations importées")
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="importedrelation_unique_source_id"),
            models.CheckConstraint(condition=~Q(source="") & ~Q(source_id=""), name="importedrelation_key_not_empty"),
        ]

    def __str__(self):
        return f"{self.source} : {self.source_id}"

"""Diagnostic runs: every computed diagnostic is kept, with the view, filter and data version it used.

A run is identified by (view, filter query string, grouping, data version): the same question
on the same data is answered from the stored run (the cache); a write to an actor or a
relation changes the data version, so the next visit computes a new run and the past ones stay.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.core.constraints import in_choices


class RunStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    RUNNING = "running", _("En cours")
    DONE = "done", _("Terminé")
    FAILED = "failed", _("Échec")


class Grouping(models.TextChoices):
    FAMILY = "famille", _("Types d'acteurs, cellules d'innovation séparées entre collectivités et État")
    TYPE = "type", _("Types d'acteurs du rapport")


class DiagnosticRun(models.Model):
    view = models.CharField(_("vue du graphe"), max_length=200)
    filter_query = models.CharField(_("filtre (paramètres d'adresse)"), max_length=2000, blank=True)
    grouping = models.CharField(_("groupes"), max_length=16, choices=Grouping.choices, default=Grouping.FAMILY)
    data_version = models.CharField(_("version des données"), max_length=32)
    status = models.CharField(_("état"), max_length=16, choices=RunStatus.choices, default=RunStatus.PENDING)
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    step = models.CharField(_("étape"), max_length=200, blank=True)
    in_background = models.BooleanField(_("calcul en arrière-plan"), default=False)
    approximate = models.BooleanField(_("intermédiarité approchée"), default=False)
    node_count = models.PositiveIntegerField(_("acteurs"), default=0)
    edge_count = models.PositiveIntegerField(_("relations"), default=0)
    result = models.JSONField(_("résultat"), default=dict, blank=True)
    error = models.TextField(_("erreur"), blank=True)
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("durée (ms)"), null=True, blank=True)

    class Meta:
        verbose_name = _("diagnostic calculé")
        verbose_name_plural = _("diagnostics calculés")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["view", "filter_query", "grouping", "data_version"], name="diagnosticrun_unique_question"
            ),
            models.CheckConstraint(condition=in_choices("status", RunStatus), name="diagnosticrun_status_valid"),
            models.CheckConstraint(condition=in_choices("grouping", Grouping), name="diagnosticrun_grouping_valid"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="diagnosticrun_progress_percent"),
        ]
        indexes = [models.Index(fields=["filter_query", "-created_at"], name="diagnosticrun_filter_idx")]

    def __str__(self):
        return f"{self.view} ?{self.filter_query} ({self.data_version})"

    @property
    def is_done(self):
        return self.status == RunStatus.DONE


class CommunityName(models.Model):
    """A name users give to a community found in a territory's network.

    A community is recognised from one run to the next by its anchor: the member with the most
    relations (ties broken by identifier), so a name survives new data as long as that actor
    stays at the heart of its group.
    """

    filter_query = models.CharField(_("filtre"), max_length=2000, blank=True)
    anchor_slug = models.SlugField(_("acteur central"), max_length=255)
    name = models.CharField(_("nom"), max_length=120)
    named_by = models.ForeignKey(
        "auth.User", verbose_name=_("nommée par"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("nom de communauté")
        verbose_name_plural = _("noms de communautés")
        constraints = [
            models.UniqueConstraint(fields=["filter_query", "anchor_slug"], name="communityname_unique_anchor"),
            models.CheckConstraint(condition=~Q(name=""), name="communityname_not_empty"),
        ]

    def __str__(self):
        return self.name

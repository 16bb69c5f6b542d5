"""Staff admin for relations (the product's UI is the network page and the fiches)."""

from django.contrib import admin

from maillage.directory.admin import WritePathAdminMixin

from . import writing
from .models import Motivation, Relation


@admin.register(Motivation)
class MotivationAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "position"]


@admin.register(Relation)
class RelationAdmin(WritePathAdminMixin, admin.ModelAdmin):
    save_object = staticmethod(writing.save_relation)
    delete_object = staticmethod(writing.delete_relation)

    list_display = ["source", "kind", "target", "start_year", "end_year", "source_reference", "status", "version"]
    list_filter = ["kind", "status", "origin", "motivations"]
    search_fields = ["source__name", "target__name", "description", "source_reference"]
    raw_id_fields = ["source", "target"]
    filter_horizontal = ["motivations"]
    # Provenance and reciprocity are recorded by the paths that know them (demo, contributions,
    # surveys, a moderator settling a dispute), not typed by hand.
    readonly_fields = ["origin", "status", "declared_by", "status_source", "version", "created_at", "updated_at"]

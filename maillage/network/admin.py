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

    list_display = ["source", "kind", "target", "start_year", "end_year", "source_reference", "version"]
    list_filter = ["kind", "motivations"]
    search_fields = ["source__name", "target__name", "description", "source_reference"]
    raw_id_fields = ["source", "target"]
    filter_horizontal = ["motivations"]
    readonly_fields = ["version", "created_at", "updated_at"]

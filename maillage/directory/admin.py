"""Django admin for staff: actors with their contacts and sources, types and tags."""

from django.contrib import admin
from django.db import models

from maillage.territories.admin_mixins import LocationPickerAdminMixin

from .models import Actor, ActorSource, ActorType, Contact, Tag

URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ("name", "function", "email", "publication_consent", "published_by_source", "source")


class ActorSourceInline(admin.TabularInline):
    model = ActorSource
    extra = 0
    fields = ("reference", "note", "url", "collected_on")
    formfield_overrides = URL_FIELDS


@admin.register(Actor)
class ActorAdmin(LocationPickerAdminMixin, admin.ModelAdmin):
    list_display = ("name", "parent", "primary_type", "legal_status", "commune", "lifecycle", "updated_at")
    list_filter = ("primary_type", "legal_status", "scope", "lifecycle", "region", "tags")
    search_fields = ("name", "slug", "search_text", "parent__name")
    list_select_related = ("parent", "primary_type", "commune")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent",)
    raw_id_fields = ("commune",)
    filter_horizontal = ("secondary_types", "tags")
    readonly_fields = ("department", "region", "created_at", "updated_at")
    date_hierarchy = "updated_at"
    inlines = [ContactInline, ActorSourceInline]
    formfield_overrides = URL_FIELDS
    fieldsets = (
        (None, {"fields": ("name", "slug", "parent", "primary_type", "secondary_types", "legal_status", "scope")}),
        ("Description", {"fields": ("missions", "description", "tags", "attachment")}),
        ("Localisation", {"fields": ("commune", "department", "region", "address", "latitude", "longitude")}),
        ("Cycle de vie", {"fields": ("lifecycle", "founded_year", "ended_year", "last_confirmed_at")}),
        ("Liens et origine", {"fields": ("website", "raw_record", "created_at", "updated_at")}),
    )


@admin.register(ActorType)
class ActorTypeAdmin(admin.ModelAdmin):
    list_display = ("label", "code", "number", "color", "shape", "position")
    list_editable = ("position",)
    ordering = ("position",)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "kind")
    list_filter = ("kind",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}

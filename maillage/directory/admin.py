"""Django admin for staff: actors with their contacts and sources, types and tags."""

from django.contrib import admin
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from maillage.territories.admin_mixins import LocationPickerAdminMixin

from . import fields, writing
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


class WritePathAdminMixin:
    """Saves and deletes of the admin go through the app's write path: versioned and in the history.

    `save_object(obj, change=, save_m2m=)` and `delete_object(obj, change=)` are the write path's
    functions; the form's M2M are saved inside the same write, so they are part of the version.
    """

    save_object = staticmethod(writing.save_actor)
    delete_object = staticmethod(writing.delete_actor)
    change_comment = _("Modification dans l'administration")
    delete_comment = _("Suppression dans l'administration")

    def save_model(self, request, obj, form, change):
        who = writing.Change(user=request.user, comment=str(self.change_comment))
        self.save_object(obj, change=who, save_m2m=form.save_m2m if form is not None else None)

    def save_related(self, request, form, formsets, change):
        # The form's M2M were saved by save_model, inside the versioned write.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        self.delete_object(obj, change=writing.Change(user=request.user, comment=str(self.delete_comment)))

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)


@admin.register(Actor)
class ActorAdmin(LocationPickerAdminMixin, WritePathAdminMixin, admin.ModelAdmin):
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
    fieldsets = fields.admin_fieldsets(
        {
            "identity": None,
            "description": "Description",
            "location": "Localisation",
            "lifecycle": "Cycle de vie",
            "links": "Liens et origine",
        }
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

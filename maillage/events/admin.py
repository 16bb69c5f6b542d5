"""Staff-only admin for events (the organiser pages are the product's UI)."""

from django.contrib import admin

from . import models


class RoomInline(admin.TabularInline):
    model = models.Room
    extra = 0


class WorkshopInline(admin.TabularInline):
    model = models.Workshop
    extra = 0
    autocomplete_fields = ["speakers"]


class EventOrganiserInline(admin.TabularInline):
    model = models.EventOrganiser
    fk_name = "event"
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["added_at", "added_by"]


@admin.register(models.Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "registration_mode", "registration_open", "registration_closes_at"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [EventOrganiserInline]


@admin.register(models.Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "address"]
    inlines = [RoomInline]


@admin.register(models.TimeSlot)
class TimeSlotAdmin(admin.ModelAdmin):
    list_display = ["title", "day", "start", "end", "kind"]
    list_filter = ["day__event", "kind"]


@admin.register(models.Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "event", "slot"]
    inlines = [WorkshopInline]


@admin.register(models.Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "event"]


@admin.register(models.Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "actor"]
    search_fields = ["name", "function"]
    autocomplete_fields = ["actor"]


@admin.register(models.Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "event", "created_at"]
    search_fields = ["name", "email", "organisation"]


admin.site.register(models.Day)
admin.site.register(models.Proposal)

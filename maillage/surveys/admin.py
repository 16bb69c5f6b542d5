"""Staff admin of surveys (read mostly: campaigns are run from their dashboard)."""

from django.contrib import admin

from .models import Campaign, Invitation, Outcome, Wave


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "filter_query", "created_by", "created_at"]


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):
    list_display = ["campaign", "number", "opens_on", "closes_on", "status"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["wave", "actor", "basis", "sent_at", "reminders_sent", "opted_out_at", "revoked_at"]
    list_filter = ["basis"]
    raw_id_fields = ["actor", "contact"]
    readonly_fields = ["nonce"]


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["wave", "source", "target", "kind", "status", "state"]
    list_filter = ["status", "state"]
    raw_id_fields = ["source", "target", "relation", "declared_by", "proposal"]

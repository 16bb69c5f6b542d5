"""Staff-only admin for the contributions tables (the product UI is the moderation queue)."""

from django.contrib import admin

from .models import ModeratorScope, Ownership, Proposal, Revision


@admin.register(ModeratorScope)
class ModeratorScopeAdmin(admin.ModelAdmin):
    list_display = ["user", "department", "region"]
    autocomplete_fields = []
    raw_id_fields = ["user"]


@admin.register(Ownership)
class OwnershipAdmin(admin.ModelAdmin):
    list_display = ["actor", "user", "email", "via", "created_at"]
    raw_id_fields = ["user", "actor", "proposal"]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "status", "actor", "department", "created_at"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["actor", "relation", "author", "moderator"]


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["pk", "actor", "relation", "version", "kind", "author", "created_at"]
    raw_id_fields = ["actor", "relation", "author", "proposal"]

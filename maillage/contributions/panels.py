"""The contributions panel at the end of an actor's fiche (settings.ACTOR_FICHE_PANELS)."""

from django.db.models import Q
from django.template.loader import render_to_string

from maillage.network.models import Relation

from . import permissions, services
from .history import fiche_history
from .models import Proposal, ProposalKind, ProposalStatus

HISTORY_IN_PANEL = 5


def actor_panel(request, actor):
    """Contribution links, the "à actualiser" flag and the latest history of a fiche, as HTML."""
    user = getattr(request, "user", None)
    history = fiche_history(actor, limit=HISTORY_IN_PANEL)
    context = {
        "actor": actor,
        "entries": history.entries,
        "relation_entries": history.relation_entries,
        "more_history": history.more,
        "stale": services.is_stale(actor),
        "months": services.freshness_months(),
        "is_owner": permissions.is_owner(user, actor),
        "can_revert": permissions.can_revert(user, actor),
        "can_confirm": permissions.can_confirm_freshness(user, actor),
        "has_open_relations": _has_open_relations(actor),
        "pending_reports": Proposal.objects.filter(
            actor=actor, kind=ProposalKind.REPORT, status=ProposalStatus.PENDING
        ).count(),
    }
    return render_to_string("contributions/panel.html", context, request=request)


def _has_open_relations(actor):

    return Relation.objects.filter(Q(source=actor) | Q(target=actor), end_year__isnull=True).exists()

"""Panel on the actor fiche: the workshop proposals and actions this actor carries or owns."""

from django.db.models import Q
from django.template.loader import render_to_string

from .models import Proposal


def actor_panel(request, actor):
    proposals = list(
        Proposal.objects.filter(Q(carriers=actor) | Q(owner=actor))
        .distinct()
        .select_related("workshop__theme", "workshop__session__event", "owner")
        .order_by("-updated_at")[:20]
    )
    if not proposals:
        return ""
    return render_to_string("events/_actor_panel.html", {"actor": actor, "proposals": proposals}, request=request)

"""« Ce qu'il innove »: the initiatives an actor takes part in, on its fiche (ACTOR_FICHE_PANELS)."""

from django.template.loader import render_to_string

from .models import Participation


def actor_panel(request, actor):
    """The actor's initiatives with its role in each, as HTML ("" when it has none)."""
    participations = list(
        Participation.objects.filter(actor=actor)
        .select_related("initiative")
        .prefetch_related("initiative__type_rows")
        .order_by("initiative__title", "role")
    )
    grouped = {}
    for participation in participations:
        grouped.setdefault(participation.initiative_id, {"initiative": participation.initiative, "roles": []})
        grouped[participation.initiative_id]["roles"].append(participation.get_role_display())
    return render_to_string(
        "initiatives/panel.html", {"actor": actor, "items": list(grouped.values())}, request=request
    )

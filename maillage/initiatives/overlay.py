"""The initiatives layer of the main map /carte/ (a `MAP_OVERLAYS` entry, see cartography.overlays).

The layer reads the map's own query string with `InitiativeFilters`: the parameters both share
(territory, methods and themes, text search) select initiatives as they select actors; the
actor-only ones (type, statut, portée, cycle, disparus) are not initiative filters and are left
aside, which the check box's help says. `initiatives=1` switches the layer on, so a shared link
keeps it.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from .filtering import InitiativeFilters
from .mapping import list_context

KEY = "initiatives"


def map_overlay(request):
    active = request.GET.get(KEY) == "1"
    list_html = ""
    if active:
        context = list_context(InitiativeFilters.from_query(request.GET))
        list_html = render_to_string("initiatives/_map_list.html", context, request=request)
    return {
        "key": KEY,
        "label": _("Montrer les initiatives (ce que les acteurs innovent)"),
        "help": _(
            "Territoire, méthode ou thème et recherche s'appliquent aussi aux initiatives ; "
            "les filtres propres aux acteurs (type, statut, portée, cycle de vie), non."
        ),
        "title": _("Initiatives affichées, par territoire"),
        "legend": _("Initiative (rond bleu ; pointillé : position approchée, centre du territoire)"),
        "data_url": reverse("initiatives:map_data"),
        "list_url": reverse("initiatives:map_list"),
        "active": active,
        "list_html": list_html,
    }

"""The main navigation of the header: URL names of the domain pages, in order."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MAIN_NAVIGATION = [
    ("directory:actor_list", _("Annuaire")),
    ("cartography:map", _("Carte")),
    ("network:network", _("Réseau")),
    ("initiatives:catalogue", _("Initiatives")),
    ("diagnostics:diagnostic", _("Diagnostic")),
    ("events:event_list", _("Événements")),
    ("contributions:propose_actor", _("Contribuer")),
]


def main_navigation():
    """(href, label) of every entry; a name that does not resolve fails the `site.E001` check at start-up."""
    return [(reverse(name), label) for name, label in MAIN_NAVIGATION]

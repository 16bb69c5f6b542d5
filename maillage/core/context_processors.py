"""Values every template needs (site name, main navigation)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

MAIN_NAVIGATION = [
    ("directory:actor_list", _("Annuaire")),
    ("cartography:map", _("Carte")),
    ("network:network", _("Réseau")),
    ("events:event_list", _("Événements")),
    ("contributions:propose_actor", _("Contribuer")),
]


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_OPERATOR": settings.SITE_OPERATOR,
        "MAIN_NAVIGATION": MAIN_NAVIGATION,
        "can_moderate": lambda: _can_moderate(request),
    }


def _can_moderate(request):
    """Evaluated lazily by the header, only for signed-in users."""
    from maillage.contributions.permissions import is_moderator

    return is_moderator(getattr(request, "user", None))

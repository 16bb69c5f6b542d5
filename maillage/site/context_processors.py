"""Values every template needs (site name, main navigation)."""

from django.conf import settings

from maillage.contributions.permissions import is_moderator
from maillage.events.organising import organises_any_event

from .navigation import main_navigation


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_OPERATOR": settings.SITE_OPERATOR,
        "MAIN_NAVIGATION": main_navigation(),
        # Evaluated lazily by the header, only for signed-in users.
        "can_moderate": lambda: is_moderator(getattr(request, "user", None)),
        "organises_events": lambda: organises_any_event(getattr(request, "user", None)),
    }

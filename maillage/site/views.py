"""Home page and the legal pages every public French website must have."""

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpResponseServerError
from django.template import loader
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from maillage.directory.models import Actor, ActorType, Lifecycle
from maillage.territories.models import Department

LIVING = [value for value in Lifecycle.values if value != Lifecycle.DISAPPEARED]


# What a newcomer can do, in the order a first visit takes: (URL name or path, title, what it offers).
NEWCOMER_PATHS = [
    ("cartography:map", _("Voir la carte"), _("Où sont les acteurs, par type, du pays à la commune.")),
    ("network:network", _("Explorer le réseau"), _("Qui travaille avec qui : relations, réseaux et partenaires.")),
    (
        "directory:actor_list",
        _("Chercher dans l’annuaire"),
        _("Chaque acteur, ses missions, ses méthodes, ses sources."),
    ),
    (
        "/initiatives/",
        _("Ce qu’ils innovent"),
        _("Les initiatives : qui porte quoi, avec qui, à quelle étape, et ce qui a essaimé."),
    ),
    ("/diagnostic/", _("Diagnostiquer un territoire"), _("Les mesures du réseau d’un territoire, expliquées.")),
    ("events:event_list", _("Suivre les événements"), _("Programmes, inscriptions et suites des rencontres.")),
    ("contributions:propose_actor", _("Contribuer"), _("Ajouter un acteur manquant ou corriger une fiche.")),
]


def newcomer_paths():
    """The paths of NEWCOMER_PATHS that exist in this installation, as (href, title, text)."""
    paths = []
    for target, title, text in NEWCOMER_PATHS:
        try:
            href = target if target.startswith("/") else reverse(target)
            if target.startswith("/"):
                resolve(href)  # an optional page (diagnostics) is offered only once it is installed
        except (NoReverseMatch, Resolver404):
            continue
        paths.append((href, title, text))
    return paths


class HomeView(TemplateView):
    """Says what the site is, leads a newcomer to what they can do, and shows the ecosystem's numbers."""

    template_name = "site/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        living = Actor.objects.filter(lifecycle__in=LIVING)
        context["actor_count"] = living.count()
        context["disappeared_count"] = Actor.objects.filter(lifecycle=Lifecycle.DISAPPEARED).count()
        context["type_counts"] = ActorType.objects.annotate(
            n=Count("primary_actors", filter=Q(primary_actors__lifecycle__in=LIVING))
        ).order_by("position")
        context["departments"] = (
            Department.objects.annotate(n=Count("actors", filter=Q(actors__lifecycle__in=LIVING)))
            .filter(n__gt=0)
            .order_by("code")
        )
        context["department_count"] = len(context["departments"])
        context["paths"] = newcomer_paths()
        context["typology_url"] = reverse("directory:typology")
        return context


class LegalPageView(TemplateView):
    """Accessibility statement, mentions légales, données personnelles."""


class PrivacyPageView(LegalPageView):
    """« Données personnelles »: the retention durations come from the settings the retention command applies."""

    template_name = "site/privacy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["retention"] = {
            "unconfirmed_proposals": settings.RETENTION_UNCONFIRMED_PROPOSAL_DAYS,
            "inactive_accounts": settings.RETENTION_INACTIVE_ACCOUNT_DAYS,
            "past_registrations": settings.RETENTION_REGISTRATION_DAYS_AFTER_EVENT,
            "link_days": settings.PERSONAL_DATA_LINK_DAYS,
        }
        return context


def server_error(request):
    """The French 500 page, rendered without the database or the request's context processors."""
    # The request is in the context (the language switch reads its path) but no context processor runs.
    context = {"request": request, "SITE_NAME": settings.SITE_NAME, "SITE_OPERATOR": settings.SITE_OPERATOR}
    body = loader.get_template("500.html").render(context)
    return HttpResponseServerError(body)

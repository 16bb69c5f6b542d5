"""Home page and the legal pages every public French website must have."""

from django.db.models import Count, Q
from django.views.generic import TemplateView

from maillage.directory.models import Actor, ActorType, Lifecycle

LIVING = [value for value in Lifecycle.values if value != Lifecycle.DISAPPEARED]


class HomeView(TemplateView):
    """Says what the site is and shows the ecosystem's numbers."""

    template_name = "site/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        living = Actor.objects.filter(lifecycle__in=LIVING)
        context["actor_count"] = living.count()
        context["disappeared_count"] = Actor.objects.filter(lifecycle=Lifecycle.DISAPPEARED).count()
        context["type_counts"] = ActorType.objects.annotate(
            n=Count("primary_actors", filter=Q(primary_actors__lifecycle__in=LIVING))
        ).order_by("position")
        context["department_count"] = living.exclude(department=None).values("department").distinct().count()
        return context


class LegalPageView(TemplateView):
    """Accessibility statement, mentions légales, données personnelles."""

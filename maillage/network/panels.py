"""The relations panel of an actor's fiche (rendered by the directory through ACTOR_FICHE_PANELS)."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from maillage.core import dataversion

from .ego import ego_network
from .figure import ego_scene, to_svg
from .models import KIND_STYLES, KIND_VERBS, Relation, RelationKind

PANEL_FORMAT = 1  # bumped when the panel's markup changes, so old entries are not served


def relation_groups(actor):
    """The actor's relations grouped by kind (in the report's order), each seen from the actor."""
    relations = (
        Relation.objects.filter(Q(source=actor) | Q(target=actor))
        .select_related("source__primary_type", "target__primary_type", "source__parent", "target__parent")
        .prefetch_related("motivations")
    )
    by_kind = {kind: [] for kind in RelationKind}
    for relation in relations:
        outgoing = relation.source_id == actor.pk
        partner = relation.target if outgoing else relation.source
        verbs = KIND_VERBS.get(relation.kind)
        by_kind[RelationKind(relation.kind)].append(
            {
                "relation": relation,
                "partner": partner,
                "verb": (verbs[0] if outgoing else verbs[1]) if verbs else "",
                "motivations": [m.label for m in relation.motivations.all()],
            }
        )
    groups = []
    for kind, items in by_kind.items():
        if items:
            items.sort(key=lambda item: item["partner"].display_name.lower())
            groups.append({"kind": kind, "label": kind.label, "style": KIND_STYLES[kind], "items": items})
    return groups


def actor_panel(request, actor):
    """The relations panel as HTML, rendered once per data version (it shows no one's own data).

    Its groups of relations and the ego network's SVG cost most of a fiche's time; they depend on
    the actors and relations alone (maillage.core.dataversion), the query string and the language.
    """
    try:
        query = request.GET.urlencode() if request is not None else ""
    except AttributeError:
        query = ""
    key = dataversion.cache_key(
        "network:panel", PANEL_FORMAT, actor.pk, get_language(), hashlib.blake2b(query.encode()).hexdigest()[:24]
    )
    html = cache.get(key)
    if html is None:
        html = _render_panel(request, actor)
        cache.set(key, html, settings.CACHE_TIMEOUT)
    return html


def _render_panel(request, actor):
    try:
        depth = 2 if request is not None and request.GET.get("ego") == "2" else 1
    except AttributeError:
        depth = 1
    groups = relation_groups(actor)
    ego_svg = ""
    partner_count = 0
    if groups:
        network, rings = ego_network(actor, depth)
        partner_count = sum(1 for d in rings.values() if d == 1)
        scene = ego_scene(network, actor.pk, rings)
        scene.title = _("Réseau de proximité de %(name)s : %(n)s partenaires directs, %(m)s à deux étapes") % {
            "name": actor.display_name,
            "n": partner_count,
            "m": sum(1 for d in rings.values() if d == 2),
        }
        if depth == 1:
            scene.title = _("Réseau de proximité de %(name)s : %(n)s partenaires directs") % {
                "name": actor.display_name,
                "n": partner_count,
            }
        ego_svg = mark_safe(to_svg(scene, element_id=f"ego-{actor.pk}", standalone=False))  # noqa: S308 - escaped
    params = request.GET.copy() if request is not None else None
    toggle = ""
    if params is not None:
        params["ego"] = "1" if depth == 2 else "2"
        toggle = f"?{params.urlencode()}#relations"
    return render_to_string(
        "network/panel.html",
        {
            "actor": actor,
            "groups": groups,
            "depth": depth,
            "ego_svg": ego_svg,
            "partner_count": partner_count,
            "toggle_url": toggle,
            "network_url": reverse("network:network") + f"?focus={actor.slug}",
        },
        request=request,
    )

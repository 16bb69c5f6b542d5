"""Template helpers of the directory: facet links and the panels other domains add to a fiche."""

from django import template
from django.utils.safestring import mark_safe

from maillage.directory.panels import fiche_panels
from maillage.directory.siret import format_siret

register = template.Library()

SINGLE_VALUE_PARAMS = {"region": ("departement", "commune"), "departement": ("commune",), "commune": ()}


@register.simple_tag(takes_context=True)
def facet_url(context, param, value):
    """The current query string with one facet value toggled (and back to page 1)."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    value = str(value)
    if param in SINGLE_VALUE_PARAMS:
        if params.get(param) == value:
            params.pop(param, None)
        else:
            params[param] = value
        for narrower in SINGLE_VALUE_PARAMS[param]:
            params.pop(narrower, None)
    else:
        values = params.getlist(param)
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        params.setlist(param, values)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def actor_panels(context, actor):
    """Render the panels of settings.ACTOR_FICHE_PANELS; each returns already-escaped HTML."""
    request = context.get("request")
    html = []
    for panel in fiche_panels():
        output = panel(request, actor)
        if output:
            html.append(str(output))
    return mark_safe("\n".join(html))  # noqa: S308 - panels return escaped HTML by contract


@register.inclusion_tag("directory/_suggestions.html")
def search_suggestions(input_id):
    """The suggestions list of a search box (enhanced into a combobox by dist/suggest.js)."""
    return {"input_id": input_id}


@register.filter
def siret(value):
    """A SIRET in INSEE's groups (« 356 000 000 00048 »)."""
    return format_siret(value)

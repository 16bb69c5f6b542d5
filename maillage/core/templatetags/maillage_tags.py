"""Template helpers shared by every app."""

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context, url_name):
    """Resolve a navigation entry; an app that has not shipped its page yet yields ''."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None removes one).

    Keeps filters when paginating, sorting or toggling between list and map.
    """
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"

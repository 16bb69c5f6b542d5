"""Template helpers shared by every app."""

from django import template

from maillage.core.typography import format_date, format_time

register = template.Library()


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


@register.filter(expects_localtime=True)
def human_date(value, style="date"):
    """A date in words in the site's typography: `{{ day.date|human_date:"weekday" }}` -> "mercredi 1er octobre"."""
    return format_date(value, style)


@register.filter(expects_localtime=True)
def human_time(value):
    """A time of day in the site's typography: `{{ slot.start|human_time }}` -> "09h30"."""
    return format_time(value)

"""`{% if request.user|organises:event %}`: show organiser links only to the event's organisers."""

from django import template

from maillage.events.organising import can_organise

register = template.Library()


@register.filter
def organises(user, event):
    """Whether `user` organises `event` (one query per request, whatever the number of uses)."""
    return can_organise(user, event)

"""Helpers for database constraints shared by the domain models."""

from django.db.models import Q


def in_choices(field, choices):
    """A CheckConstraint condition: `field` holds one of the TextChoices' values.

    Keeps enums valid in the database itself, not only in forms.
    """
    return Q(**{f"{field}__in": list(choices.values)})

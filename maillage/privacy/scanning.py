"""Where an address can be: every text column of every model, found by introspection.

Erasure and export do not keep a hand-written list of "fields that may hold an e-mail": a
list would miss the next app's table. They look at every character, text, e-mail and JSON
column of every installed model (Django's, django-axes', ours, the next app's) and find the
rows that mention the address, whatever the column is called.
"""

import re

from django.apps import apps
from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast

TEXT_FIELDS = (models.CharField, models.TextField, models.EmailField)


def text_columns(model):
    """The concrete columns of `model` that can hold an address."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (*TEXT_FIELDS, models.JSONField)) and not field.primary_key
    ]


def all_models():
    """Every concrete model with a table, including the hidden tables of many-to-many fields."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed and not model._meta.swapped
    ]


def mentioning(model, address):
    """The rows of `model` with `address` (any case) somewhere in a text or JSON column."""
    query = Q()
    annotations = {}
    for field in text_columns(model):
        if isinstance(field, models.JSONField):
            alias = f"_privacy_{field.attname}"
            annotations[alias] = Cast(field.attname, TextField())
            query |= Q(**{f"{alias}__icontains": address})
        else:
            query |= Q(**{f"{field.attname}__icontains": address})
    if not query:
        return model._base_manager.none()
    return (
        model._base_manager.annotate(**annotations).filter(query) if annotations else model._base_manager.filter(query)
    )


def scrub_value(value, address, replacement):
    """`value` with every occurrence of `address` (any case) replaced, strings inside JSON included."""
    pattern = re.compile(re.escape(address), re.IGNORECASE)
    if isinstance(value, str):
        return pattern.sub(replacement, value)
    if isinstance(value, list):
        return [scrub_value(item, address, replacement) for item in value]
    if isinstance(value, dict):
        return {scrub_value(k, address, replacement): scrub_value(v, address, replacement) for k, v in value.items()}
    return value

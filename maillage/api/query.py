"""The API reads the site's shared filters strictly: a value the site would ignore is a 400 here.

On a page, an unknown value is ignored and named (a person sees the notice); a program reading
the API would silently get every actor instead of the ones it asked for. So the API parses the
query string with the same declaration (`ActorFilters.params()`), and refuses with the list of
what it could not read. The OpenAPI parameters are written from the same declaration.
"""

import re

from django.utils.translation import gettext as _
from rest_framework import exceptions


def _accepted(spec, value):
    if spec.flag:
        return True
    if value != value.strip() or not value:
        return False
    return spec.accepts(value.upper() if spec.upper else value)


def check_filters(filters_class, query_params):
    """Raise a 400 naming every filter value of the query string that the filters would not use."""
    errors = {}
    for _name, spec in filters_class.params():
        values = query_params.getlist(spec.key)
        if not values:
            continue
        if not spec.many and len(values) > 1:
            errors[spec.key] = [_("Ce paramètre ne prend qu'une valeur.")]
            continue
        if spec.key == "q":
            continue
        bad = [value for value in values if not _accepted(spec, value)]
        if len(values) > spec.max_values:
            errors[spec.key] = [_("%(n)d valeurs au plus.") % {"n": spec.max_values}]
        elif bad:
            errors[spec.key] = [_("Valeur non reconnue : « %(value)s ».") % {"value": value} for value in bad]
    if errors:
        raise exceptions.ValidationError(errors)
    return filters_class.from_query(query_params)


def _either_case(pattern):
    """The pattern with each upper-case letter of a character class also accepting its lower case."""
    return re.sub(
        r"\[([^\]]*)\]",
        lambda m: "[" + m.group(1) + re.sub(r"[A-Z]", lambda c: c.group(0).lower(), m.group(1)) + "]",
        pattern,
    )


def json_schema(spec):
    """The JSON Schema of one value of a filter parameter."""
    if spec.flag:
        return {"type": "string"}
    if spec.is_year:
        return {"type": "integer", "minimum": spec.min_year, "maximum": spec.max_year}
    if spec.choices:
        return {"type": "string", "enum": list(spec.choices)}
    if spec.pattern:
        pattern = _either_case(spec.pattern) if spec.upper else spec.pattern
        return {"type": "string", "pattern": f"^(?:{pattern})$"}
    return {"type": "string"}

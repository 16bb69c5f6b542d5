"""Plug-in points named in settings: lists of dotted paths of functions, checked at start-up.

A domain app offers a plug-in point (fiche panels, map overlays) as a setting listing the
dotted paths of functions that apps above it provide; the lower app then calls them without
importing them. `load` imports one (cached); `check_callables` is the body of the system
check that makes a misspelt or non-callable entry fail loudly instead of being skipped.
"""

from functools import cache

from django.core.checks import Error
from django.utils.module_loading import import_string


@cache
def load(dotted):
    return import_string(dotted)


def check_callables(entries, *, setting, check_id, hint):
    """One Error per entry of `entries` that does not import or is not callable."""
    errors = []
    for dotted in entries:
        try:
            function = import_string(dotted)
        except ImportError as error:
            problem = f"cannot be imported ({error})"
        else:
            if callable(function):
                continue
            problem = "is not callable"
        message = f"{setting} entry {dotted!r} {problem}."
        errors.append(Error(message, hint=hint, obj=f"settings.{setting}", id=check_id))
    return errors

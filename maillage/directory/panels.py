"""The fiche's plug-in point: panels that domains above the directory add to an actor's page.

`settings.ACTOR_FICHE_PANELS` lists dotted paths of functions `(request, actor) -> str`
returning escaped HTML ("" when they have nothing to show). A path that does not import or
is not callable fails the `directory.E001` check at start-up instead of being skipped.
"""

from functools import cache

from django.conf import settings
from django.core.checks import Error, register
from django.utils.module_loading import import_string


@cache
def _load(dotted):
    return import_string(dotted)


def fiche_panels():
    """The panel functions, in the order of the setting."""
    return [_load(dotted) for dotted in settings.ACTOR_FICHE_PANELS]


@register()
def check_fiche_panels(app_configs, **kwargs):
    errors = []
    for dotted in settings.ACTOR_FICHE_PANELS:
        try:
            panel = import_string(dotted)
        except ImportError as error:
            problem = f"cannot be imported ({error})"
        else:
            if callable(panel):
                continue
            problem = "is not callable"
        errors.append(
            Error(
                f"Fiche panel {dotted!r} {problem}.",
                hint="Each entry of ACTOR_FICHE_PANELS is the dotted path of a function (request, actor) -> str.",
                obj="settings.ACTOR_FICHE_PANELS",
                id="directory.E001",
            )
        )
    return errors

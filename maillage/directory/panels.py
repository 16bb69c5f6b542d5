"""The fiche's plug-in point: panels that domains above the directory add to an actor's page.

`settings.ACTOR_FICHE_PANELS` lists dotted paths of functions `(request, actor) -> str`
returning escaped HTML ("" when they have nothing to show). A path that does not import or
is not callable fails the `directory.E001` check at start-up instead of being skipped.
"""

from django.conf import settings
from django.core.checks import register

from maillage.core.plugins import check_callables, load


def fiche_panels():
    """The panel functions, in the order of the setting."""
    return [load(dotted) for dotted in settings.ACTOR_FICHE_PANELS]


@register()
def check_fiche_panels(app_configs, **kwargs):
    return check_callables(
        settings.ACTOR_FICHE_PANELS,
        setting="ACTOR_FICHE_PANELS",
        check_id="directory.E001",
        hint="Each entry of ACTOR_FICHE_PANELS is the dotted path of a function (request, actor) -> str.",
    )

"""Start-up checks of the site layer: every navigation entry resolves."""

from django.core.checks import Error, register
from django.urls import NoReverseMatch, reverse

from .navigation import MAIN_NAVIGATION


@register("urls")
def check_navigation(app_configs, **kwargs):
    errors = []
    for name, _label in MAIN_NAVIGATION:
        try:
            reverse(name)
        except NoReverseMatch as error:
            errors.append(
                Error(
                    f"Main navigation entry {name!r} does not resolve: {error}",
                    hint="Fix maillage/site/navigation.py or the app's urls.py.",
                    obj="maillage.site.navigation.MAIN_NAVIGATION",
                    id="site.E001",
                )
            )
    return errors

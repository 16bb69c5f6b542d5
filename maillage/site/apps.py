"""The site layer: home page, layout, navigation and legal pages, above every domain app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from . import checks  # noqa: F401 - registers the navigation check


class SiteConfig(AppConfig):
    name = "maillage.site"
    label = "site"
    verbose_name = _("Site")

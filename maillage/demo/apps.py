"""Demo data from the reference documents and its loader."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from . import checks  # noqa: F401 - registers the demo loaders check


class DemoConfig(AppConfig):
    name = "maillage.demo"
    verbose_name = _("Démonstration")

"""System checks of the diagnostics app: misconfiguration fails loudly at start-up."""

import ctypes.util

from django.conf import settings
from django.core.checks import Error, register


@register()
def pdf_dependencies(app_configs, **kwargs):
    """The printable diagnostic's PDF needs WeasyPrint and the Pango library it lays text out with."""
    errors = []
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        errors.append(
            Error(
                "WeasyPrint is not installed: the diagnostic PDF cannot be produced.",
                hint="Install requirements/base.txt (make install).",
                id="diagnostics.E001",
            )
        )
    except OSError as error:
        errors.append(
            Error(
                f"WeasyPrint cannot load its system libraries ({error}).",
                hint="Install Pango (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0); "
                "see scripts/ensure-pango.sh.",
                id="diagnostics.E002",
            )
        )
    if not errors and ctypes.util.find_library("pango-1.0") is None:
        errors.append(
            Error(
                "The Pango library (libpango-1.0) is missing: the diagnostic PDF cannot be produced.",
                hint="Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0 (scripts/ensure-pango.sh).",
                id="diagnostics.E002",
            )
        )
    return errors


@register()
def diagnostics_settings(app_configs, **kwargs):
    errors = []
    for name in ("DIAGNOSTICS_BACKGROUND_ABOVE", "DIAGNOSTICS_EXACT_BETWEENNESS_MAX_NODES"):
        value = getattr(settings, name, None)
        if not isinstance(value, int) or value < 0:
            errors.append(Error(f"{name} must be a non-negative integer (got {value!r}).", id="diagnostics.E003"))
    return errors

"""A panel module whose own dependency is missing: that error must not be hidden."""

import maillage_module_that_does_not_exist  # noqa: F401


def actor_panel(request, actor):
    return ""

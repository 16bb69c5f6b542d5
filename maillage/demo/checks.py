"""Start-up check: every demo loader step imports and has `load(stdout)`."""

import importlib

from django.core.checks import Error, register

from .loaders import STEPS


@register()
def check_demo_steps(app_configs, **kwargs):
    errors = []
    for dotted in STEPS:
        try:
            module = importlib.import_module(dotted)
        except ImportError as error:
            problem = f"cannot be imported ({error})"
        else:
            if callable(getattr(module, "load", None)):
                continue
            problem = "has no load(stdout) function"
        errors.append(
            Error(
                f"Demo loader {dotted!r} {problem}.",
                hint="Fix maillage/demo/loaders/__init__.py STEPS or the loader module.",
                obj="maillage.demo.loaders.STEPS",
                id="demo.E001",
            )
        )
    return errors

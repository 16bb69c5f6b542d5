"""`makemessages` with the project's choices, so that `make messages` and the catalogue test agree.

Sources are the application code and templates only (tests, benchmarks and the JavaScript sources
hold no user text: the bundles get theirs from the templates); entries carry no source locations,
which would churn the catalogue on every edit; obsolete entries are dropped.
"""

from django.core.management.commands import makemessages

IGNORED = ["tests/*", "bench/*", "frontend/*", "node_modules/*", "staticfiles/*", "scripts/*"]


class Command(makemessages.Command):
    def handle(self, *args, **options):
        options["ignore_patterns"] = [*options.get("ignore_patterns", []), *IGNORED]
        options["no_location"] = True
        options["no_obsolete"] = True
        return super().handle(*args, **options)

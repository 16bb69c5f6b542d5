"""`makemessages` with the project's choices, so that `make messages` and the catalogue test agree.

Sources are the application code and templates only (tests, benchmarks and the JavaScript sources
hold no user text: the bundles get theirs from the templates); entries carry no source locations,
which would churn the catalogue on every edit; obsolete entries are dropped; and the catalogue has
no POT-Creation-Date, a timestamp that would make every regeneration conflict with every other.
"""

import re
from pathlib import Path

from django.core.management.commands import makemessages

IGNORED = ["tests/*", "bench/*", "frontend/*", "node_modules/*", "staticfiles/*", "scripts/*"]
CREATION_DATE = re.compile(r'^"POT-Creation-Date: [^"]*"\n', re.MULTILINE)


class Command(makemessages.Command):
    def handle(self, *args, **options):
        options["ignore_patterns"] = [*options.get("ignore_patterns", []), *IGNORED]
        options["no_location"] = True
        options["no_obsolete"] = True
        return super().handle(*args, **options)

    def write_po_file(self, potfile, locale):
        super().write_po_file(potfile, locale)
        pofile = Path(potfile).parent / locale / "LC_MESSAGES" / f"{self.domain}.po"
        pofile.write_text(CREATION_DATE.sub("", pofile.read_text(encoding="utf-8"), count=1), encoding="utf-8")

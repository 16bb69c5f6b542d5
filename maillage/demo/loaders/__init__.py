"""Demo loaders, one module per domain, run in this order by `manage.py load_demo`.

Each module exposes `load(stdout) -> str` (a one-line summary) and must be
idempotent: running the command twice loads nothing twice. A step that does not
import fails the `demo.E001` check at start-up.
"""

STEPS = [
    "maillage.demo.loaders.territories",
    "maillage.demo.loaders.actors",
    "maillage.demo.loaders.relations",
    "maillage.demo.loaders.initiatives",
    "maillage.demo.loaders.events",
    "maillage.demo.loaders.followup",
]
